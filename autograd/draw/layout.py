"""Choosing a picture's layout for its shape: direction (left to right or top to bottom), one line
per value or stacked fields, compact boxes, and long chains wrapped into rows, by estimating how large
each candidate's text would be once the picture is scaled to fit a 1920x1080 slide."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from autograd.draw import style

SLIDE = (1920, 1080)  # px: the projector the standard is measured on
READABLE_PX = 14  # smallest text height, in px on that slide, that the back of a lecture hall can read
GOOD_ENOUGH_PX = 19  # above this (estimated) size, prefer the more familiar layout to a larger one
CHAR_EM = 0.58  # average glyph width of Helvetica's digits and letters, in ems
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class Layout:
    """How to draw: dot's rankdir, stacked value fields, ops inside value boxes, and rows of a chain."""

    rankdir: str
    vertical: bool
    compact: bool
    bands: int = 1
    tables: bool = False  # each neuron's parameters in one table (compact='tables')

    @property
    def flows_across(self) -> bool:
        return self.rankdir in ("LR", "RL")


@dataclass
class Box:
    """One node to lay out: its rank (step along the flow) and its text, cell by cell."""

    rank: int
    cells: Sequence[str]  # text of each field; an op node has one
    is_op: bool = False
    rows: int = 0  # a table of this many rows (cells are then whole rows)

    def size(self, vertical: bool) -> tuple[float, float]:
        """Estimated (width, height) in points."""
        fs = style.FONT_SIZE
        widths = [len(c) * CHAR_EM * fs + 5 for c in self.cells]
        line = fs * 1.2 + 4
        if self.is_op:
            return widths[0] * 1.25 + 10, max(22.0, line + 2)
        if self.rows:
            return max(widths) + 10, line * self.rows + 6
        if vertical:
            return max(widths) + 10, line * len(self.cells) + 6
        return sum(widths) + 10, line + 6


def fitted_px(width: float, height: float, font: float = style.FONT_SIZE) -> float:
    """Height in px of `font`-point text once a width x height (points) picture is fitted to the slide."""
    return font * min(SLIDE[0] / max(width, 1.0), SLIDE[1] / max(height, 1.0))


def estimate(boxes: list[Box], layout: Layout, nodesep: float, ranksep: float,
             clustered: bool) -> tuple[float, float]:
    """(width, height) in points of the picture dot would draw: ranks side by side along the flow, the
    nodes of a rank side by side across it; each band of a wrapped chain below (or beside) the last."""
    ranks = sorted({b.rank for b in boxes})
    per_band = -(-len(ranks) // layout.bands)
    along_sizes, across_sizes = [], []
    for k in range(layout.bands):
        band_ranks = set(ranks[k * per_band:(k + 1) * per_band])
        along, across = 0.0, {}
        by_rank: dict[int, list[tuple[float, float]]] = {}
        for b in boxes:
            if b.rank in band_ranks:
                w, h = b.size(layout.vertical)
                by_rank.setdefault(b.rank, []).append((w, h) if layout.flows_across else (h, w))
        for r, sizes in by_rank.items():  # (extent along the flow, extent across it)
            along += max(s[0] for s in sizes)
            across[r] = sum(s[1] for s in sizes) + nodesep * (len(sizes) - 1)
        along += ranksep * (len(by_rank) - 1)
        along_sizes.append(along)
        across_sizes.append(max(across.values(), default=0.0))
    along = max(along_sizes)
    across = sum(across_sizes) + nodesep * 2 * (layout.bands - 1)
    if clustered:  # box titles and margins, and the room dot leaves between boxes
        along, across = along * 1.1 + 30, across * 1.25 + 30
    return (along, across) if layout.flows_across else (across, along)


def candidates(rankdir: str, layout: str, compact: bool | str, wrappable: bool, count: int,
               clustered: bool = False) -> list[Layout]:
    """Every layout the options allow, the most familiar first (micrograd's: left to right, one line)."""
    directions = [rankdir] if rankdir != "auto" else ["LR", "TB"]
    compacts = [compact] if compact != "auto" else [False, True, "tables"] if clustered else [False, True]
    bands = [1]
    if layout == "wrap" or (layout == "auto" and wrappable):
        bands = [2, 3, 4, 5, 6] if layout == "wrap" else [1, 2, 3, 4, 5, 6]
    bands = [k for k in bands if k == 1 or count >= 2 * k] or [1]  # too few values to wrap: one row
    out = []
    for c in compacts:
        for k in bands:
            for d in directions:
                for vertical in ((False, True) if d in ("LR", "RL") else (True, False)):
                    out.append(Layout(d, vertical, bool(c), k, tables=c == "tables"))
    return out


def choose(options: list[Layout], measure) -> Layout:
    """The first (most familiar) layout whose estimated text is GOOD_ENOUGH_PX, else the largest."""
    best, best_px = options[0], -1.0
    for layout in options:
        px = min(measure(layout), GOOD_ENOUGH_PX)
        if px > best_px + 1e-9:
            best, best_px = layout, px
    return best
