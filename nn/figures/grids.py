"""The Axes methods that draw a grid of values: imshow (an image, or numbers through a colormap) and
contour / contourf (lines at levels, filled bands between them)."""

from __future__ import annotations

from .artists import Contours, Image, values
from .colors import colormap, colour, to_hex
from .contours import auto_levels, bands, grid, lines
from .missing import needs_matplotlib, reject_options
from .styles import canonical, linestyle


class Grids:
    """Mixin for Axes: images and contours."""

    def imshow(self, data, cmap=None, vmin=None, vmax=None, origin: str = "upper", extent=None,
               interpolation=None, **options) -> Image:
        """An image: rows of numbers (coloured by `cmap` between vmin and vmax) or of (r, g, b) triples.
        Row 0 is at the top (origin="upper") or the bottom ("lower"); extent=(left, right, bottom, top)."""
        alpha = float(options.pop("alpha", 1.0))
        reject_options("imshow", options)
        rows = [values(row) for row in values(data)]
        if rows and isinstance(rows[0][0], list):  # (r, g, b) pixels
            pixels = [[to_hex(p) for p in row] for row in rows]
        else:
            flat = [float(v) for row in rows for v in row]
            lo = min(flat) if vmin is None else vmin
            hi = max(flat) if vmax is None else vmax
            scale = colormap(cmap)
            pixels = [[scale((v - lo) / (hi - lo) if hi > lo else 0.0) for v in row] for row in rows]
        if origin == "lower":
            pixels = pixels[::-1]  # drawn top row first
        elif origin != "upper":
            raise ValueError(f"imshow: origin must be 'upper' or 'lower', not {origin!r}")
        if interpolation not in (None, "nearest", "none", "antialiased", "bilinear"):
            needs_matplotlib(f"imshow(interpolation={interpolation!r})")
        height, width = len(pixels), len(pixels[0])
        if extent is None:  # pixel centres at 0, 1, 2, ...; row 0 on top: y grows downwards, as matplotlib shows
            extent = (-0.5, width - 0.5, -0.5, height - 0.5)
            self.invert_y = origin == "upper"
        extent = tuple(float(v) for v in extent)
        image = Image(pixels, extent, interpolation == "bilinear", alpha)
        self._add(image, extent[:2], extent[2:], sticky=True)
        if self.aspect is None:
            self.aspect = "equal"  # matplotlib shows images with square pixels unless told otherwise
        return image

    def _levels(self, levels, rows: list, filled: bool) -> list[float]:
        flat = [v for row in rows for v in row]
        lo, hi = min(flat), max(flat)
        if levels is None or isinstance(levels, int):
            return auto_levels(7 if levels is None else levels, lo, hi, filled)
        return [float(v) for v in values(levels)]

    def contourf(self, X, Y, Z, levels=None, cmap=None, colors=None, alpha: float = 1.0, extend: str = "neither",
                 **options) -> Contours:
        """Bands between consecutive levels, each one colour: colors[i], or cmap at the band's middle value."""
        reject_options("contourf", options)
        xs, ys, rows = grid(X, Y, Z)
        levels = self._levels(levels, rows, True)
        mids = [(a + b) / 2 for a, b in zip(levels, levels[1:])]
        if colors is not None:
            palette = [colour(c) for c in ([colors] if isinstance(colors, str) else values(colors))]
            fills = [palette[i % len(palette)] for i in range(len(mids))]
        else:
            scale = colormap(cmap)  # each band: its middle value, scaled over the levels (as matplotlib)
            lo, hi = levels[0], levels[-1]
            fills = [scale((m - lo) / (hi - lo) if hi > lo else 0.0) for m in mids]
        if extend not in ("neither", "both", "min", "max"):
            raise ValueError(f"contourf: extend must be 'neither', 'both', 'min' or 'max', not {extend!r}")
        edges = list(levels)
        flat = [v for row in rows for v in row]
        if extend in ("both", "min") and min(flat) < edges[0]:  # values below the levels: the lowest colour
            edges.insert(0, min(flat))
            fills.insert(0, fills[0] if colors is not None else colormap(cmap)(0.0))
        if extend in ("both", "max") and max(flat) > edges[-1]:
            edges.append(max(flat))
            fills.append(fills[-1] if colors is not None else colormap(cmap)(1.0))
        layers = list(zip(fills, bands(xs, ys, rows, edges)))
        contours = Contours(True, layers, levels, float(alpha))
        self._add(contours, [xs[0], xs[-1]], [ys[0], ys[-1]], sticky=True)
        return contours

    def contour(self, X, Y, Z, levels=None, **options) -> Contours:
        """Lines where Z crosses each level; one colour (negative levels dashed, as matplotlib) or per level."""
        o = canonical(options)
        xs, ys, rows = grid(X, Y, Z)
        levels = self._levels(levels, rows, False)
        n = len(levels)
        colors, cmap = o.pop("color", None), o.pop("cmap", None)
        single = isinstance(colors, str)
        if colors is None:
            scale = colormap(cmap)
            strokes = [scale(i / (n - 1) if n > 1 else 0.0) for i in range(n)]
        else:
            palette = [colour(c) for c in ([colors] if single else values(colors))]
            strokes = [palette[i % len(palette)] for i in range(n)]
        widths = _per_level(o.pop("linewidth", self.figure.style["lines.linewidth"]), n)
        styles = o.pop("linestyle", None)
        if styles is None:  # matplotlib dashes the negative levels of a one-colour contour plot
            dashes = ["--" if single and level < 0 else "-" for level in levels]
        else:
            dashes = [linestyle(s) for s in _per_level(styles, n)]
        alpha = float(o.pop("alpha", 1.0))
        reject_options("contour", o)
        layers = [((strokes[i], float(widths[i]), dashes[i]), lines(xs, ys, rows, level))
                  for i, level in enumerate(levels)]
        contours = Contours(False, layers, levels, alpha)
        self._add(contours, [xs[0], xs[-1]], [ys[0], ys[-1]], sticky=True)
        return contours


def _per_level(value, n: int) -> list:
    items = [value] if isinstance(value, (str, int, float)) else values(value)
    return [items[i % len(items)] for i in range(n)]
