"""Around an Axes' data: its white box and grid below, then the frame, ticks, tick labels, axis labels,
title and legend on top; and the whole Axes put together, clipped to its box."""

from __future__ import annotations

from . import legend as legends
from .artists import Contours, Line, Points
from .layout import PAD, TICK, label_size, tick_marks, tick_size, title_size
from .render import View, draw_artist
from .svgtext import svg_text, text_height, text_width

GRID_ZORDER = 1.5


def render_axes(ax, box, show_x: bool, show_y: bool, clip_id: str) -> str:
    """The SVG of one Axes in `box` (x, y, w, h), its insets included."""
    x, y, w, h = box
    view = View(ax, box)
    xticks, xminor = tick_marks(ax, "x", w)
    yticks, yminor = tick_marks(ax, "y", h)
    out = [f'<clipPath id="{clip_id}"><rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}"/></clipPath>']
    if ax.axis_on:
        out.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="#ffffff"/>')
    grid = ""
    if ax.grid_on and ax.axis_on:
        alpha = ax.figure.style["grid.alpha"]
        lines = [f"M{view.x(v):.2f},{y:.2f} V{y + h:.2f}" for v, _ in xticks]
        lines += [f"M{x:.2f},{view.y(v):.2f} H{x + w:.2f}" for v, _ in yticks]
        grid = f'<path d="{" ".join(lines)}" stroke="#b0b0b0" stroke-width="0.8" stroke-opacity="{alpha}"/>'
    out.append(f'<g clip-path="url(#{clip_id})">')
    ordered = sorted(ax.artists, key=lambda a: a.zorder)
    # the grid sits at zorder 1.5, as matplotlib's: over patches and images, under lines and text
    out += [draw_artist(a, view) for a in ordered if a.zorder < GRID_ZORDER] + [grid]
    out += [draw_artist(a, view) for a in ordered if a.zorder >= GRID_ZORDER]
    out.append("</g>")
    if ax.axis_on:
        out.append(_frame(ax, view, xticks, xminor, yticks, yminor, show_x, show_y))
    if ax.title:
        out.append(svg_text(x + w / 2, y - 6, ax.title, title_size(ax), ha="center", va="bottom"))
    if ax.legend_ is not None:
        left, top = legends.place(ax.legend_, box, _data_points(ax, view))
        out.append(legends.render(ax.legend_, left, top))
    return "\n".join(out)


def _frame(ax, view: View, xticks, xminor, yticks, yminor, show_x: bool, show_y: bool) -> str:
    x, y, w, h = view.box
    out = [f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="none" stroke="#000000" '
           f'stroke-width="0.8"/>']
    marks = [f"M{view.x(v):.2f},{y + h:.2f} v{TICK}" for v, _ in xticks]
    marks += [f"M{view.x(v):.2f},{y + h:.2f} v{TICK / 1.75:.2f}" for v in xminor]
    side, sign = (x + w, 1) if ax.ticks_right else (x, -1)
    marks += [f"M{side:.2f},{view.y(v):.2f} h{sign * TICK}" for v, _ in yticks]
    marks += [f"M{side:.2f},{view.y(v):.2f} h{sign * TICK / 1.75:.2f}" for v in yminor]
    out.append(f'<path d="{" ".join(marks)}" stroke="#000000" stroke-width="0.8"/>')
    xs, ys = tick_size(ax, "x"), tick_size(ax, "y")
    if show_x:
        out += [svg_text(view.x(v), y + h + TICK + PAD, s, xs, ha="center", va="top") for v, s in xticks]
    if show_y:
        ha, offset = ("left", TICK + PAD) if ax.ticks_right else ("right", -TICK - PAD)
        out += [svg_text(side + offset, view.y(v), s, ys, ha=ha, va="center") for v, s in yticks]
    size = label_size(ax)
    if ax.xlabel:
        below = y + h + 4 + ((TICK + PAD + max((text_height(s, xs) for _, s in xticks), default=0)) if show_x else 0)
        out.append(svg_text(x + w / 2, below, ax.xlabel, size, ha="center", va="top"))
    if ax.ylabel:
        widest = max((text_width(s, ys) for _, s in yticks), default=0) if show_y else 0
        left = x - 4 - (TICK + PAD + widest if not ax.ticks_right else 0)
        out.append(svg_text(left, y + h / 2, ax.ylabel, size, ha="center", va="bottom", rotate=True))
    return "\n".join(out)


def _data_points(ax, view: View) -> list[tuple[float, float]]:
    """Where the data is drawn, for the legend's "best" place: line vertices, markers, contour lines."""
    points = []
    for a in ax.artists:
        if isinstance(a, (Line, Points)):
            points += [p for p in (view.point(x, y) for x, y in zip(a.xs, a.ys)) if p]
        elif isinstance(a, Contours) and not a.filled:
            points += [p for _, shapes in a.layers for shape in shapes for p in (view.point(*q) for q in shape) if p]
    return points
