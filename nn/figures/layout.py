"""Where each Axes goes on the figure: the subplot grid shares the figure's room after every Axes' tick
labels, axis labels, title and any legend outside it are given space (as matplotlib's tight layout),
and an Axes with equal aspect shrinks to keep one data unit as long on both axes."""

from __future__ import annotations

from . import legend as legends
from .svgtext import text_height, text_width
from .ticks import bins_for, label_linear, label_log, linear_ticks, log_ticks

TICK, PAD = 3.5, 3.5  # tick length and the gap to its label, in points (matplotlib's)


def tick_marks(ax, axis: str, length: float) -> tuple[list[tuple[float, str]], list[float]]:
    """(major ticks as (value, label), minor tick values) of one axis `length` points long."""
    lo, hi = sorted(ax.view_limits(axis))
    if ax.ticks[axis] is not None:
        positions, labels = ax.ticks[axis]
        labels = labels if labels is not None else label_linear(positions) if positions else []
        return [(p, s) for p, s in zip(positions, labels) if lo - 1e-9 <= p <= hi + 1e-9], []
    size = tick_size(ax, axis)
    bins = bins_for(length, size, axis == "y")
    if ax.scales[axis] == "log":
        major, minor = log_ticks(lo, hi, bins)
        if len(major) >= 2:
            return [(t, label_log(t)) for t in major], minor
        ticks = linear_ticks(lo, hi, bins)  # less than a decade shown: plain numbers
        return list(zip(ticks, label_linear(ticks))), []
    ticks = linear_ticks(lo, hi, bins)
    return list(zip(ticks, label_linear(ticks))), []


def tick_size(ax, axis: str) -> float:
    return float(ax.tick_size) if ax.tick_size else ax.figure.style.font(f"{axis}tick.labelsize")


def title_size(ax) -> float:
    return float(ax.title_size) if ax.title_size else ax.figure.style.font("axes.titlesize")


def label_size(ax) -> float:
    return float(ax.label_size) if ax.label_size else ax.figure.style.font("axes.labelsize")


def margins(ax, width: float, height: float, show_x: bool, show_y: bool) -> list[float]:
    """[left, right, top, bottom] room the Axes' decorations need around a `width` x `height` box."""
    left = right = top = bottom = 2.0
    if ax.axis_on:
        if show_x:
            labels = [s for _, s in tick_marks(ax, "x", width)[0]]
            bottom += TICK + PAD + max((text_height(s, tick_size(ax, "x")) for s in labels), default=0)
            # a label centred on a tick at either end of the axis reaches half its width beyond the box
            overhang = max((text_width(s, tick_size(ax, "x")) / 2 for s in labels), default=0)
            left, right = max(left, overhang), max(right, overhang)
        if show_y:
            labels = [s for _, s in tick_marks(ax, "y", height)[0]]
            top = max(top, 0.6 * tick_size(ax, "y"))  # the same, half a line above the top tick
            room = TICK + PAD + max((text_width(s, tick_size(ax, "y")) for s in labels), default=0)
            if ax.ticks_right:
                right += room
            else:
                left += room
        if ax.xlabel:
            bottom += text_height(ax.xlabel, label_size(ax)) + 4
        if ax.ylabel:
            left += text_height(ax.ylabel, label_size(ax)) + 4
    if ax.title:
        top += text_height(ax.title, title_size(ax)) + 6
    if ax.legend_ is not None and ax.legend_.anchor is not None:  # a legend placed outside the axes
        lw, lh = legends.size(ax.legend_)
        ax_x, ax_y = ax.legend_.anchor
        fx, fy = legends.anchor_fractions(ax.legend_.loc)
        # how far each edge of the legend reaches past the same edge of the axes
        right = max(right, (ax_x - 1) * width + (1 - fx) * lw + 4)
        left = max(left, -ax_x * width + fx * lw + 4)
        bottom = max(bottom, -ax_y * height + fy * lh + 4)
        top = max(top, (ax_y - 1) * height + (1 - fy) * lh + 4)
    return [left, right, top, bottom]


def place(fig) -> dict:
    """{axes: (x, y, w, h)} in points, y down from the figure's top, for every Axes of the grid."""
    width, height = fig.size
    pad = 1.08 * fig.style.font("font.size")  # tight_layout's pad
    top_room = pad + (text_height(fig.suptitle_text, fig.suptitle_size()) + 6 if fig.suptitle_text else 0)
    rows, cols = fig.shape
    cell_w, cell_h = (width - 2 * pad) / cols, (height - pad - top_room) / rows
    need = {}
    for (r, c), ax in fig.grid_items():
        need[ax] = margins(ax, cell_w * 0.75, cell_h * 0.7, fig.shows_x(r), fig.shows_y(c))
    col_left = [max(need[ax][0] for (r, c), ax in fig.grid_items() if c == k) for k in range(cols)]
    col_right = [max(need[ax][1] for (r, c), ax in fig.grid_items() if c == k) for k in range(cols)]
    row_top = [max(need[ax][2] for (r, c), ax in fig.grid_items() if r == k) for k in range(rows)]
    row_bottom = [max(need[ax][3] for (r, c), ax in fig.grid_items() if r == k) for k in range(rows)]
    gap = pad  # between neighbouring subplots' decorations, as tight_layout's h_pad and w_pad
    box_w = max((width - 2 * pad - sum(col_left) - sum(col_right) - gap * (cols - 1)) / cols, 10.0)
    box_h = max((height - pad - top_room - sum(row_top) - sum(row_bottom) - gap * (rows - 1)) / rows, 10.0)
    boxes = {}
    for (r, c), ax in fig.grid_items():
        x = pad + sum(col_left[:c + 1]) + sum(col_right[:c]) + c * (box_w + gap)
        y = top_room + sum(row_top[:r + 1]) + sum(row_bottom[:r]) + r * (box_h + gap)
        boxes[ax] = _equal_aspect(ax, (x, y, box_w, box_h))
        for inset in ax.insets:
            px, py, pw, ph = boxes[ax]
            ix, iy, iw, ih = inset.inset_box
            boxes[inset] = (px + ix * pw, py + (1 - iy - ih) * ph, iw * pw, ih * ph)
    return boxes


def _equal_aspect(ax, box):
    """Shrink the box (kept centred) so one data unit is as long across as up, as set_aspect("equal")."""
    if ax.aspect != "equal":
        return box
    x, y, w, h = box
    (x0, x1), (y0, y1) = ax.view_limits("x"), ax.view_limits("y")
    data_ratio = abs(y1 - y0) / abs(x1 - x0)  # height / width the data wants
    if h / w > data_ratio:
        new_h = w * data_ratio
        return x, y + (h - new_h) / 2, w, new_h
    new_w = h / data_ratio
    return x + (w - new_w) / 2, y, new_w, h


def content_box(fig, boxes: dict) -> tuple[float, float, float, float]:
    """(x, y, w, h) around everything drawn, 0.1 inch beyond it (as savefig's bbox_inches="tight"):
    Axes switched off with nothing in them (the spare panels of a grid) take no room."""
    edges = []
    for (r, c), ax in fig.grid_items():
        if not (ax.axis_on or ax.artists or ax.title):
            continue
        x, y, w, h = boxes[ax]
        left, right, top, bottom = margins(ax, w, h, fig.shows_x(r), fig.shows_y(c))
        edges.append((x - left, y - top, x + w + right, y + h + bottom))
    width, height = fig.size
    if not edges:
        return 0.0, 0.0, width, height
    x0, y0 = min(e[0] for e in edges), min(e[1] for e in edges)
    x1, y1 = max(e[2] for e in edges), max(e[3] for e in edges)
    if fig.suptitle_text:
        y0 = 0.0
    pad = 7.2
    x0, y0, x1, y1 = max(x0 - pad, 0.0), max(y0 - pad, 0.0), min(x1 + pad, width), min(y1 + pad, height)
    return x0, y0, x1 - x0, y1 - y0
