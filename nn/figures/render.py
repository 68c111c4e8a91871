"""One Axes as SVG: the white box, its grid, what it holds (clipped to the box, in zorder), the frame,
ticks and tick labels, axis labels, title and legend."""

from __future__ import annotations

import math

from .artists import Band, Contours, Image, Line, Points, Rects, RefLine, Text
from .markers import marker_svg
from .png import png_data_uri
from .styles import dasharray
from .svgtext import svg_text
from .ticks import fraction


class View:
    """Data coordinates to figure points for one Axes box."""

    def __init__(self, ax, box):
        self.ax, self.box = ax, box
        self.xlim, self.ylim = ax.view_limits("x"), ax.view_limits("y")
        self.xlog, self.ylog = ax.scales["x"] == "log", ax.scales["y"] == "log"

    def x(self, value: float) -> float:
        return self.box[0] + fraction(value, *self.xlim, self.xlog) * self.box[2]

    def y(self, value: float) -> float:
        return self.box[1] + (1 - fraction(value, *self.ylim, self.ylog)) * self.box[3]

    def point(self, x, y) -> tuple[float, float] | None:
        """The point in figure points, or None if it cannot be drawn (nan, inf, <= 0 on a log axis)."""
        try:
            px, py = self.x(float(x)), self.y(float(y))
        except (TypeError, ValueError):
            return None
        return (px, py) if math.isfinite(px) and math.isfinite(py) else None


def _path(points: list) -> str:
    """An SVG path through the points, broken where a point is None."""
    out, pen_down = [], False
    for p in points:
        if p is None:
            pen_down = False
            continue
        out.append(f"{'L' if pen_down else 'M'}{p[0]:.2f},{p[1]:.2f}")
        pen_down = True
    return " ".join(out)


def _stroke(color: str, width: float, dash: str, alpha: float = 1.0) -> str:
    pattern = dasharray(dash, width)
    return (f'fill="none" stroke="{color}" stroke-width="{width:g}" stroke-linejoin="round" stroke-linecap="butt"'
            + (f' stroke-dasharray="{pattern}"' if pattern else "")
            + (f' stroke-opacity="{alpha}"' if alpha < 1 else ""))


def draw_line(line: Line, view: View) -> str:
    xs, ys = line.xs, line.ys
    if line.steps:  # steps-post: hold each y until the next x
        xs = [x for i, x in enumerate(xs) for x in ([x] if i == 0 else [x, x])]
        ys = [y for i, y in enumerate(line.ys) for y in ([y] if i == len(line.ys) - 1 else [y, y])]
    points = [view.point(x, y) for x, y in zip(xs, ys)]
    out = [f'<path d="{_path(points)}" {_stroke(line.color, line.width, line.dash, line.alpha)}/>'] if line.dash else []
    if line.marker:
        face = line.marker_face or line.color
        out += [marker_svg(line.marker, p[0], p[1], line.marker_size, face, line.color, line.marker_edge_width,
                           line.alpha) for p in (view.point(x, y) for x, y in zip(line.xs, line.ys)) if p]
    return "\n".join(out)


def draw_artist(artist, view: View) -> str:
    x0, y0, w, h = view.box
    if isinstance(artist, Line):
        return draw_line(artist, view)
    if isinstance(artist, RefLine):
        if artist.vertical:
            a = b = view.x(artist.value)
            ends = (a, y0, b, y0 + h)
        else:
            a = b = view.y(artist.value)
            ends = (x0, a, x0 + w, b)
        if not math.isfinite(a):
            return ""
        return (f'<path d="M{ends[0]:.2f},{ends[1]:.2f} L{ends[2]:.2f},{ends[3]:.2f}" '
                f'{_stroke(artist.color, artist.width, artist.dash, artist.alpha)}/>')
    if isinstance(artist, Points):
        return "\n".join(marker_svg(artist.marker, p[0], p[1], s ** 0.5, face, edge, artist.edge_width, artist.alpha)
                         for x, y, s, face, edge in zip(artist.xs, artist.ys, artist.sizes, artist.faces, artist.edges)
                         if (p := view.point(x, y)))
    if isinstance(artist, Rects):
        return "\n".join(_rect(artist, box, view) for box in artist.boxes)
    if isinstance(artist, Band):
        return _band(artist, view)
    if isinstance(artist, Text):
        p = view.point(artist.x, artist.y)
        if p is None:
            return ""
        return svg_text(p[0] + artist.offset[0], p[1] - artist.offset[1], artist.text, artist.size, artist.color,
                        artist.ha, artist.va)
    if isinstance(artist, Image):
        left, right, bottom, top = artist.extent
        xa, xb, ya, yb = view.x(left), view.x(right), view.y(top), view.y(bottom)
        style = "" if artist.smooth else ' style="image-rendering:pixelated"'
        return (f'<image x="{min(xa, xb):.2f}" y="{min(ya, yb):.2f}" width="{abs(xb - xa):.2f}" '
                f'height="{abs(yb - ya):.2f}" preserveAspectRatio="none"{style} opacity="{artist.alpha}" '
                f'href="{png_data_uri(artist.rows)}"/>')
    if isinstance(artist, Contours):
        return _contours(artist, view)
    raise TypeError(f"cannot draw {artist!r}")


def _rect(artist: Rects, box, view: View) -> str:
    x0, x1, y0, y1 = box
    xa, xb = view.x(x0), view.x(x1)
    ya = view.box[1] if y1 is None else view.y(y1)
    yb = view.box[1] + view.box[3] if y0 is None else view.y(y0)
    if not all(math.isfinite(v) for v in (xa, xb, ya, yb)):
        return ""
    return (f'<rect x="{min(xa, xb):.2f}" y="{min(ya, yb):.2f}" width="{abs(xb - xa):.2f}" height="{abs(yb - ya):.2f}" '
            f'fill="{artist.color}" fill-opacity="{artist.alpha}" stroke="{artist.edge}"/>')


def _band(band: Band, view: View) -> str:
    """fill_between: one polygon per run of x where `where` holds."""
    shapes, run = [], []
    for x, lo, hi, keep in list(zip(band.xs, band.lows, band.highs, band.where)) + [(None, None, None, False)]:
        if keep:
            run.append((x, lo, hi))
        elif run:
            upper = [view.point(x, hi) for x, _, hi in run]
            lower = [view.point(x, lo) for x, lo, _ in reversed(run)]
            shapes.append(_path([p for p in upper + lower if p]) + " Z")
            run = []
    # outlined in its own colour, as matplotlib draws the edge of the region
    return "\n".join(f'<path d="{d}" fill="{band.color}" fill-opacity="{band.alpha}" stroke="{band.color}" '
                     f'stroke-opacity="{band.alpha}" stroke-width="1"/>' for d in shapes)


def _contours(artist: Contours, view: View) -> str:
    out = [f'<g opacity="{artist.alpha}">']  # one group: overlapping seams do not darken with alpha < 1
    for style, shapes in artist.layers:
        d = " ".join(_path([view.point(x, y) for x, y in shape]) + (" Z" if artist.filled else "") for shape in shapes)
        if not d:
            continue
        if artist.filled:  # a hairline of the same colour hides the seams between neighbouring cells
            out.append(f'<path d="{d}" fill="{style}" stroke="{style}" stroke-width="0.4" stroke-linejoin="round"/>')
        else:
            color, width, dash = style
            out.append(f'<path d="{d}" {_stroke(color, width, dash)}/>')
    out.append("</g>")
    return "\n".join(out)
