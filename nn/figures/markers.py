"""Marker shapes as matplotlib sizes them: `size` in points is a circle's diameter, a square's side,
a triangle's or star's outer diameter, a plus sign's span."""

from __future__ import annotations

import math

from .missing import needs_matplotlib


def _polygon(cx: float, cy: float, radius: float, corners: int, start: float, inner: float = 0.0) -> str:
    points = []
    steps = corners * (2 if inner else 1)
    for k in range(steps):
        r = inner * radius if inner and k % 2 else radius
        angle = math.radians(start + 360 * k / steps)
        points.append(f"{cx + r * math.cos(angle):.2f},{cy - r * math.sin(angle):.2f}")
    return " ".join(points)


def marker_svg(marker: str, cx: float, cy: float, size: float, face: str, edge: str, edge_width: float,
               alpha: float = 1.0) -> str:
    """One marker centred at (cx, cy)."""
    r = size / 2
    paint = f'fill="{face}" stroke="{edge}" stroke-width="{edge_width}"'
    if alpha < 1:
        paint += f' opacity="{alpha}"'
    if marker in ("o", "."):
        r = r / 2 if marker == "." else r
        return f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{r:.2f}" {paint}/>'
    if marker == "s":
        return f'<rect x="{cx - r:.2f}" y="{cy - r:.2f}" width="{size:.2f}" height="{size:.2f}" {paint}/>'
    shapes = {"^": (3, 90, 0.0), "v": (3, -90, 0.0), "D": (4, 90, 0.0), "d": (4, 90, 0.0), "*": (5, 90, 0.381966)}
    if marker in shapes:
        corners, start, inner = shapes[marker]
        points = _polygon(cx, cy, r * (1.4 if marker in "Dd" else 1), corners, start, inner)
        return f'<polygon points="{points}" {paint}/>'
    if marker in ("+", "x"):
        d = r if marker == "+" else r * 0.7071
        lines = ((-d, 0, d, 0), (0, -d, 0, d)) if marker == "+" else ((-d, -d, d, d), (-d, d, d, -d))
        path = " ".join(f"M{cx + a:.2f},{cy + b:.2f} L{cx + c:.2f},{cy + e:.2f}" for a, b, c, e in lines)
        # a plus or cross has no inside: it is drawn in its edge colour (the line's colour)
        stroke = edge if edge != "none" else face
        return f'<path d="{path}" fill="none" stroke="{stroke}" stroke-width="{max(edge_width, 1.0)}"/>'
    needs_matplotlib(f"marker {marker!r}")
    return ""
