"""A legend as matplotlib draws it: a rounded, slightly see-through box of entries (a short line with its
marker, a marker, or a filled patch, then the label), placed by loc ("best" tries every corner and
side, keeping the one covering fewest data points), or by bbox_to_anchor."""

from __future__ import annotations

from .artists import Band, Line, Points, Rects, RefLine
from .markers import marker_svg
from .styles import dasharray
from .svgtext import svg_text, text_height, text_width

LOCATIONS = ["upper right", "upper left", "lower left", "lower right", "right", "center left", "center right",
             "lower center", "upper center", "center"]  # matplotlib's order, also "best"'s order of trial
HANDLE, PAD, GAP, SPACING, COLUMN_GAP, EDGE = 2.0, 0.4, 0.8, 0.5, 2.0, 0.5  # in font sizes, matplotlib's


def size(legend) -> tuple[float, float]:
    """(width, height) of the legend box in points."""
    s = legend.size
    columns = _columns(legend)
    widths = [max(text_width(label, s) for _, label in column) for column in columns]
    width = sum((HANDLE + GAP) * s + w for w in widths) + COLUMN_GAP * s * (len(columns) - 1) + 2 * PAD * s
    heights = [sum(text_height(label, s) for _, label in column) + SPACING * s * (len(column) - 1)
               for column in columns]
    return width, max(heights) + 2 * PAD * s


def _columns(legend) -> list[list]:
    n = len(legend.entries)
    per = -(-n // legend.columns)
    return [legend.entries[i:i + per] for i in range(0, n, per)]


def place(legend, box, points: list[tuple[float, float]]) -> tuple[float, float]:
    """The legend's top-left corner, given the axes box (x, y, w, h) and the drawn data points (for "best")."""
    x, y, w, h = box
    lw, lh = size(legend)
    pad = EDGE * legend.size
    if legend.anchor is not None:  # loc names the legend's point that sits on the anchor
        ax, ay = x + legend.anchor[0] * w, y + (1 - legend.anchor[1]) * h
        fx, fy = anchor_fractions(legend.loc if legend.loc != "best" else "upper right")
        return ax - fx * lw, ay - (1 - fy) * lh
    def corner(loc: str) -> tuple[float, float]:
        fx, fy = anchor_fractions(loc)
        return x + pad + fx * (w - 2 * pad - lw), y + pad + (1 - fy) * (h - 2 * pad - lh)
    if legend.loc != "best":
        return corner(legend.loc)
    def covered(loc: str) -> int:
        cx, cy = corner(loc)
        return sum(cx <= px <= cx + lw and cy <= py <= cy + lh for px, py in points)
    return corner(min(LOCATIONS, key=covered))  # min keeps the first of equals, as matplotlib's order


def anchor_fractions(loc: str) -> tuple[float, float]:
    """(0, 0) lower left .. (1, 1) upper right: where in its room a legend at `loc` sits."""
    fx = 0.0 if "left" in loc else 1.0 if "right" in loc else 0.5
    fy = 1.0 if "upper" in loc else 0.0 if "lower" in loc else 0.5
    return fx, fy


def render(legend, left: float, top: float) -> str:
    s = legend.size
    lw, lh = size(legend)
    out = [f'<rect x="{left:.2f}" y="{top:.2f}" width="{lw:.2f}" height="{lh:.2f}" rx="{0.2 * s:.1f}" '
           f'fill="#ffffff" fill-opacity="0.8" stroke="#cccccc" stroke-width="0.8"/>']
    x = left + PAD * s
    for column in _columns(legend):
        y = top + PAD * s
        for artist, label in column:
            height = text_height(label, s)
            middle = y + 0.5 * s
            out.append(_handle(artist, x, middle, s))
            out.append(svg_text(x + (HANDLE + GAP) * s, middle, label, s, va="center" if "\n" not in label else "top"))
            y += height + SPACING * s
        x += (HANDLE + GAP + COLUMN_GAP) * s + max(text_width(label, s) for _, label in column)
    return "\n".join(out)


def _handle(artist, x: float, y: float, s: float) -> str:
    """The small picture before a label: what the artist draws, in little."""
    end = x + HANDLE * s
    if isinstance(artist, (Line, RefLine)):
        parts = []
        if artist.dash:
            dash = dasharray(artist.dash, artist.width)
            parts.append(f'<line x1="{x:.2f}" y1="{y:.2f}" x2="{end:.2f}" y2="{y:.2f}" stroke="{artist.color}" '
                         f'stroke-width="{artist.width}"' + (f' stroke-dasharray="{dash}"' if dash else "")
                         + (f' stroke-opacity="{artist.alpha}"' if artist.alpha < 1 else "") + "/>")
        if isinstance(artist, Line) and artist.marker:
            face = artist.marker_face or artist.color
            parts.append(marker_svg(artist.marker, (x + end) / 2, y, artist.marker_size, face, artist.color,
                                    artist.marker_edge_width))
        return "".join(parts)
    if isinstance(artist, Points):
        diameter = min(artist.sizes[0] ** 0.5, 1.6 * s)  # a big marker shrinks to fit its row
        return marker_svg(artist.marker, (x + end) / 2, y, diameter, artist.faces[0], artist.edges[0],
                          artist.edge_width, artist.alpha)
    if isinstance(artist, (Rects, Band)):
        return (f'<rect x="{x:.2f}" y="{y - 0.35 * s:.2f}" width="{HANDLE * s:.2f}" height="{0.7 * s:.2f}" '
                f'fill="{artist.color}" fill-opacity="{artist.alpha}"/>')
    return ""
