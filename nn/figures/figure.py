"""A Figure: a grid of Axes (plt.subplots), an optional suptitle, and its SVG, shown inline by Jupyter
(_repr_svg_) and written by savefig. The size is matplotlib's, in inches, drawn at the figure's dpi."""

from __future__ import annotations

import io
import os
from html import escape

from .axes import Axes
from .decorations import render_axes
from .layout import content_box, place
from .missing import needs_matplotlib, reject_options
from .styles import rcParams
from .svgtext import FONT, svg_text


class AxesArray:
    """What plt.subplots returns for several Axes, as numpy's array of them: axes[i], axes[r, c],
    axes[-1] (the last row), iteration by row, axes.flat, axes.shape."""

    def __init__(self, rows: list[list[Axes]], squeeze_rows: bool):
        self._rows = rows
        self._items = rows[0] if squeeze_rows else [r[0] for r in rows] if len(rows[0]) == 1 else None

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self._items),) if self._items is not None else (len(self._rows), len(self._rows[0]))

    @property
    def flat(self) -> list[Axes]:
        return [ax for row in self._rows for ax in row]

    def ravel(self) -> list[Axes]:
        return self.flat

    def __getitem__(self, key):
        if self._items is not None:
            return self._items[key]
        if isinstance(key, tuple):
            r, c = key
            return self._rows[r][c]
        return self._rows[key]

    def __iter__(self):
        return iter(self._items if self._items is not None else self._rows)

    def __len__(self) -> int:
        return self.shape[0]

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        needs_matplotlib(f"the axes array's .{name} (a numpy array's, with matplotlib)")


class Figure:
    def __init__(self, figsize=None, dpi=None):
        self.style = type(rcParams)(rcParams)  # the defaults as they were when the figure was made
        width, height = figsize or self.style["figure.figsize"]
        self.size = (float(width) * 72, float(height) * 72)  # in points: SVG's units here
        self.dpi = float(dpi or self.style["figure.dpi"])
        self.shape = (0, 0)
        self.rows: list[list[Axes]] = []
        self.sharex = self.sharey = False
        self.suptitle_text, self._suptitle_size = "", None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        needs_matplotlib(f"Figure.{name}")

    def make_grid(self, rows: int, cols: int, sharex: bool, sharey: bool) -> None:
        self.shape, self.sharex, self.sharey = (rows, cols), sharex, sharey
        self.rows = [[Axes(self) for _ in range(cols)] for _ in range(rows)]
        for axis, shared in (("x", sharex), ("y", sharey)):
            if shared:
                group = [ax for row in self.rows for ax in row]
                for ax in group:
                    ax.shared[axis] = group

    @property
    def axes(self) -> list[Axes]:
        return [ax for row in self.rows for ax in row]

    def grid_items(self):
        return [((r, c), ax) for r, row in enumerate(self.rows) for c, ax in enumerate(row)]

    def shows_x(self, row: int) -> bool:
        """Shared x axes label their ticks on the bottom row only, as matplotlib."""
        return not self.sharex or row == self.shape[0] - 1

    def shows_y(self, col: int) -> bool:
        return not self.sharey or col == 0

    def suptitle(self, text: str, fontsize=None, **options) -> None:
        reject_options("suptitle", options)
        self.suptitle_text, self._suptitle_size = str(text), fontsize

    def suptitle_size(self) -> float:
        # matplotlib's figure.titlesize: "large", 1.2 times font.size
        return float(self._suptitle_size) if self._suptitle_size else 1.2 * self.style.font("font.size")

    def get_dpi(self) -> float:
        return self.dpi

    def tight_layout(self) -> None:
        """The figures are always laid out tightly: nothing more to do."""

    def to_svg(self) -> str:
        """The figure as a standalone SVG document (text as text, fonts matplotlib's sizes in points)."""
        width, height = self.size
        scale = self.dpi / 72  # shown as large as matplotlib's PNG at the figure's dpi
        boxes = place(self)
        left, top, shown_width, shown_height = content_box(self, boxes)
        body = []
        for n, ((r, c), ax) in enumerate(self.grid_items()):
            body.append(render_axes(ax, boxes[ax], self.shows_x(r), self.shows_y(c), f"clip{id(self):x}-{n}"))
            for k, inset in enumerate(ax.insets):
                body.append(render_axes(inset, boxes[inset], True, True, f"clip{id(self):x}-{n}-{k}"))
        if self.suptitle_text:
            body.append(svg_text(width / 2, 1.08 * self.style.font("font.size"), self.suptitle_text,
                                 self.suptitle_size(), ha="center", va="top"))
        view = f"{left:.2f} {top:.2f} {shown_width:.2f} {shown_height:.2f}"
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chalkgrad-figure" width="{shown_width * scale:.0f}" '
                f'height="{shown_height * scale:.0f}" viewBox="{view}" font-family="{escape(FONT)}">')
        background = f'<rect x="{left:.2f}" y="{top:.2f}" width="100%" height="100%" fill="#ffffff"/>'
        return "\n".join([head, background, *body, "</svg>"]) + "\n"

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def savefig(self, fname, format: str | None = None, **options) -> None:  # noqa: A002 - matplotlib's name
        """Write the SVG to a path or a file object; only SVG is drawn without matplotlib."""
        options.pop("dpi", None)  # an SVG has no pixels: its size in inches is what counts
        if options.pop("bbox_inches", None) not in (None, "tight"):
            needs_matplotlib("savefig(bbox_inches=...) other than 'tight'")
        reject_options("savefig", options)
        name = os.fspath(fname) if isinstance(fname, (str, os.PathLike)) else ""
        kind = format or (name.rsplit(".", 1)[-1].lower() if "." in name else "svg")
        if kind != "svg":
            needs_matplotlib(f"savefig(format={kind!r}) (without matplotlib figures are SVG: save as .svg)")
        text = self.to_svg()
        if name:
            with open(name, "w", encoding="utf-8") as out:
                out.write(text)
        elif isinstance(fname, io.TextIOBase):
            fname.write(text)
        else:
            fname.write(text.encode("utf-8"))
