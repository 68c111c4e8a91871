"""The Axes methods that draw data: plot, semilogy, scatter, bar, hist, fill_between, axhline, axvline,
axvspan, text and annotate. Each takes matplotlib's arguments, and refuses any it does not honour."""

from __future__ import annotations

from .artists import Band, Line, Points, Rects, RefLine, Text, values
from .colors import CYCLE, colormap, colour
from .missing import needs_matplotlib, reject_options
from .styles import canonical, linestyle, parse_format


def _label(options: dict) -> str:
    label = options.pop("label", None)
    return "" if label is None else str(label)


class Drawing:
    """Mixin for Axes: every method records an artist; the SVG writer draws them."""

    def _next_colour(self, cycle: str) -> str:
        """Lines and patches (scatter, bar, fill) each walk matplotlib's colour cycle on their own."""
        count = self._cycles.get(cycle, 0)
        self._cycles[cycle] = count + 1
        return CYCLE[count % len(CYCLE)]

    def plot(self, *args, **options) -> list[Line]:
        """plot(y), plot(y, fmt), plot(x, y) or plot(x, y, fmt): one line (and its markers)."""
        fmt = args[-1] if args and isinstance(args[-1], str) else ""
        data = args[:-1] if fmt else args
        if len(data) == 1:
            ys = values(data[0])
            xs = list(range(len(ys)))
        elif len(data) == 2:
            xs, ys = values(data[0]), values(data[1])
        else:
            needs_matplotlib("plot with several x, y pairs in one call")
        if len(xs) != len(ys):
            raise ValueError(f"plot: x and y must have the same length, not {len(xs)} and {len(ys)}")
        fmt_colour, fmt_marker, fmt_style = parse_format(fmt)
        o = canonical(options)
        style = self.figure.style
        color = colour(o.pop("color")) if "color" in o else fmt_colour or self._next_colour("lines")
        marker = o.pop("marker", None) or fmt_marker or ""
        default_style = "" if fmt_marker and not fmt_style else "-"
        face = o.pop("markerfacecolor", None)
        drawstyle = o.pop("drawstyle", "default")
        if drawstyle not in ("default", "steps-post"):
            needs_matplotlib(f"plot(drawstyle={drawstyle!r})")
        line = Line(xs, ys, color, float(o.pop("linewidth", style["lines.linewidth"])),
                    linestyle(o.pop("linestyle", fmt_style or default_style)), marker,
                    float(o.pop("markersize", style["lines.markersize"])),
                    None if face is None else colour(face), float(o.pop("markeredgewidth", 1.0)),
                    _label(o), float(o.pop("alpha", 1.0)), drawstyle == "steps-post", float(o.pop("zorder", 2)))
        reject_options("plot", o)
        self._add(line, xs, ys)
        return [line]

    def semilogy(self, *args, **options) -> list[Line]:
        """plot with a log y axis."""
        self.set_yscale("log")
        return self.plot(*args, **options)

    def scatter(self, x, y, s=None, c=None, marker="o", cmap=None, **options) -> Points:
        """Markers of area `s` (pt^2) at (x, y); `c` one colour, a colour per point, or numbers for `cmap`."""
        o = canonical(options)
        xs, ys = values(x), values(y)
        n = len(xs)
        if c is None:
            c = o.pop("color", None)
        faces = _point_colours(c, n, cmap) if c is not None else [self._next_colour("patches")] * n
        if "facecolors" in o:
            faces = _point_colours(o.pop("facecolors"), n, None)
        edges = _point_colours(o.pop("edgecolors"), n, None) if "edgecolors" in o else list(faces)
        sizes = values(s) if s is not None else [self.figure.style["lines.markersize"] ** 2]
        points = Points(xs, ys, (sizes * n)[:n] if len(sizes) == 1 else sizes, faces, edges, marker,
                        float(o.pop("linewidth", 1.0)), _label(o), float(o.pop("alpha", 1.0)),
                        float(o.pop("zorder", 1)))
        reject_options("scatter", o)
        self._add(points, xs, ys)
        return points

    def bar(self, x, height, width=0.8, **options) -> Rects:
        """Bars centred on x (numbers, or names: then placed at 0, 1, 2, ... and named on the x axis)."""
        o = canonical(options)
        xs, heights = values(x), values(height)
        if xs and isinstance(xs[0], str):
            self.set_xticks(range(len(xs)), xs)
            xs = list(range(len(xs)))
        widths = values(width) * (len(xs) if isinstance(width, (int, float)) else 1)
        boxes = [(c - w / 2, c + w / 2, min(0, h), max(0, h)) for c, w, h in zip(xs, widths, heights)]
        rects = Rects(boxes, colour(o.pop("color")) if "color" in o else self._next_colour("patches"),
                      float(o.pop("alpha", 1.0)), label=_label(o))
        reject_options("bar", o)
        self._add(rects, [b[0] for b in boxes] + [b[1] for b in boxes], [0.0] + heights, sticky_y=0.0)
        return rects

    def hist(self, data, bins: int = 10, range=None, **options) -> Rects:  # noqa: A002 - matplotlib's name
        """A histogram: `bins` equal bins over `range` (default: the data's), counts as bars."""
        o = canonical(options)
        data = values(data)
        lo, hi = range if range is not None else (min(data), max(data))
        width = (hi - lo) / bins
        counts = [0] * bins
        for v in data:
            if lo <= v <= hi:
                counts[min(int((v - lo) / width), bins - 1)] += 1
        boxes = [(lo + i * width, lo + (i + 1) * width, 0.0, float(n)) for i, n in enumerate(counts)]
        rects = Rects(boxes, colour(o.pop("color")) if "color" in o else self._next_colour("patches"),
                      float(o.pop("alpha", 1.0)), label=_label(o))
        reject_options("hist", o)
        self._add(rects, [lo, hi], [0.0] + [float(n) for n in counts], sticky_y=0.0, margin_x=0.05)
        return rects

    def fill_between(self, x, y1, y2=0.0, where=None, **options) -> Band:
        """The region between y1 and y2 (numbers or lists), only where `where` is true if given."""
        o = canonical(options)
        xs = values(x)
        lows = values(y1) if not isinstance(y1, (int, float)) else [float(y1)] * len(xs)
        highs = values(y2) if not isinstance(y2, (int, float)) else [float(y2)] * len(xs)
        mask = [bool(w) for w in values(where)] if where is not None else [True] * len(xs)
        band = Band(xs, lows, highs, mask, colour(o.pop("color")) if "color" in o else self._next_colour("patches"),
                    float(o.pop("alpha", 1.0)), _label(o))
        reject_options("fill_between", o)
        self._add(band, xs, lows + highs)
        return band

    def _reference(self, value: float, vertical: bool, options: dict, call: str) -> RefLine:
        o = canonical(options)
        line = RefLine(float(value), vertical, colour(o.pop("color", "C0")),
                       float(o.pop("linewidth", self.figure.style["lines.linewidth"])),
                       linestyle(o.pop("linestyle", "-")), _label(o), float(o.pop("alpha", 1.0)))
        reject_options(call, o)
        self._add(line, [value] if vertical else [], [] if vertical else [value])
        return line

    def axhline(self, y: float = 0.0, **options) -> RefLine:
        """A horizontal line at y across the whole axes."""
        return self._reference(y, False, options, "axhline")

    def axvline(self, x: float = 0.0, **options) -> RefLine:
        """A vertical line at x across the whole axes."""
        return self._reference(x, True, options, "axvline")

    def axvspan(self, xmin: float, xmax: float, **options) -> Rects:
        """A shaded vertical strip from xmin to xmax, the whole axes high."""
        o = canonical(options)
        rects = Rects([(float(xmin), float(xmax), None, None)], colour(o.pop("color", "C0")),
                      float(o.pop("alpha", 1.0)), label=_label(o))
        reject_options("axvspan", o)
        self._add(rects, [xmin, xmax], [])
        return rects

    def text(self, x: float, y: float, s: str, fontsize=None, color="black", ha="left", va="baseline",
             **options) -> Text:
        """Text at (x, y) in data coordinates."""
        o = canonical(options)
        text = Text(float(x), float(y), str(s), self._size(fontsize, "font.size"), colour(color), ha, va,
                    zorder=float(o.pop("zorder", 3)))
        reject_options("text", o)
        self.artists.append(text)
        return text

    def annotate(self, text: str, xy, xytext=None, textcoords: str = "data", fontsize=None, **options) -> Text:
        """Text near the point xy: at xytext (data), or xytext points away from it (textcoords="offset points")."""
        if "arrowprops" in options:
            needs_matplotlib("annotate(arrowprops=...)")
        if textcoords not in ("data", "offset points"):
            needs_matplotlib(f"annotate(textcoords={textcoords!r})")
        ha, va = options.pop("ha", "left"), options.pop("va", "baseline")
        reject_options("annotate", options)
        x, y = xy
        offset = (0.0, 0.0)
        if xytext is not None and textcoords == "offset points":
            offset = (float(xytext[0]), float(xytext[1]))
        elif xytext is not None:
            x, y = xytext
        label = Text(float(x), float(y), str(text), self._size(fontsize, "font.size"), ha=ha, va=va, offset=offset)
        self.artists.append(label)
        return label


def _point_colours(c, n: int, cmap) -> list[str]:
    """scatter's c=: one colour, n colours, or n numbers mapped through cmap (scaled to their range)."""
    if isinstance(c, str):
        return [colour(c)] * n
    c = values(c)
    if len(c) in (3, 4) and n != len(c) and all(isinstance(v, (int, float)) for v in c):
        return [colour(c)] * n
    if len(c) != n:
        raise ValueError(f"scatter: {len(c)} colours for {n} points")
    if all(isinstance(v, (int, float)) for v in c):
        lo, hi = min(c), max(c)
        scale = colormap(cmap)
        return [scale((v - lo) / (hi - lo) if hi > lo else 0.0) for v in c]
    return [colour(v) for v in c]
