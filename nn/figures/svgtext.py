"""Text as SVG draws it: a <text> with its mathtext runs as raised or lowered <tspan>s, lines stacked,
anchored as matplotlib's ha / va say."""

from __future__ import annotations

from html import escape

from .mathtext import SCRIPT, runs, text_width

FONT = "DejaVu Sans, Bitstream Vera Sans, Verdana, Arial, Helvetica, sans-serif"  # matplotlib's default first
ANCHOR = {"left": "start", "center": "middle", "right": "end"}


def text_height(text: str, size: float) -> float:
    """The height in points of `text`'s lines (1.2 line spacing, as matplotlib)."""
    return size * (1.2 * (text.count("\n") + 1) - 0.2)


def svg_text(x: float, y: float, text: str, size: float, color: str = "#000000", ha: str = "left",
             va: str = "baseline", rotate: bool = False, weight: str = "normal") -> str:
    """A <text> at (x, y): ha left / center / right; va baseline / bottom / center / top (of all its lines)."""
    if ha not in ANCHOR:
        raise ValueError(f"ha must be 'left', 'center' or 'right', not {ha!r}")
    lines = text.split("\n")
    block = size * 1.2 * (len(lines) - 1)
    ascent, descent = 0.76 * size, 0.24 * size
    first = {"baseline": 0.0, "bottom": -descent - block, "center": (ascent - descent - block) / 2,
             "center_baseline": 0.0, "top": ascent}.get(va)
    if first is None:
        raise ValueError(f"va must be 'baseline', 'bottom', 'center' or 'top', not {va!r}")
    spans = []
    for i, line in enumerate(lines):
        pieces = []
        for part, level, italic in runs(line):
            style = ' font-style="italic"' if italic else ""
            if level:
                shift = "super" if level > 0 else "sub"
                style += f' font-size="{size * SCRIPT:.1f}" baseline-shift="{shift}"'
            pieces.append(f"<tspan{style}>{escape(part)}</tspan>")
        dy = first if i == 0 else size * 1.2
        spans.append(f'<tspan x="{0 if rotate else x:.2f}" dy="{dy:.2f}">{"".join(pieces)}</tspan>')
    position = 'x="0" y="0"' if rotate else f'x="{x:.2f}" y="{y:.2f}"'
    turn = f' transform="translate({x:.2f},{y:.2f}) rotate(-90)"' if rotate else ""
    bold = ' font-weight="bold"' if weight == "bold" else ""
    # white-space:pre keeps spaces as written ("|f'(x)|  (log scale)"), as matplotlib draws them
    return (f'<text {position}{turn} font-size="{size:.1f}" fill="{color}" text-anchor="{ANCHOR[ha]}"{bold} '
            f'style="white-space:pre">'
            f'{"".join(spans)}</text>')


__all__ = ["FONT", "svg_text", "text_height", "text_width"]
