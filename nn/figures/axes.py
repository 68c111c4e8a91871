"""One Axes: what it holds (artists, in the order drawn) and how it is set up (titles, labels, limits,
scales, ticks, aspect, legend), in matplotlib's Axes vocabulary. Data-drawing methods live in
drawing.py and grids.py; anything else needs matplotlib (and says so)."""

from __future__ import annotations

import math

from .artists import Legend, Line, values
from .drawing import Drawing
from .grids import Grids
from .legend import LOCATIONS
from .missing import needs_matplotlib, reject_options
from .styles import RELATIVE
from .ticks import padded


class _YAxis:
    def __init__(self, axes: Axes):
        self.axes = axes

    def tick_right(self) -> None:
        self.axes.ticks_right = True

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        needs_matplotlib(f"Axes.yaxis.{name}")


class Axes(Drawing, Grids):
    def __init__(self, figure, box: tuple[float, float, float, float] | None = None, parent: Axes | None = None):
        self.figure, self.parent, self.inset_box = figure, parent, box  # box: inset's place in parent's fractions
        self.artists: list = []
        self.insets: list[Axes] = []
        self.title = self.xlabel = self.ylabel = ""
        self.title_size = self.label_size = None
        self.limits: dict = {"x": [None, None], "y": [None, None]}
        self.scales = {"x": "linear", "y": "linear"}
        self.ticks: dict = {"x": None, "y": None}  # set_xticks: (positions, labels or None)
        self.extents: dict = {"x": [], "y": []}  # (lo, hi, sticky) per artist
        self.shared: dict = {"x": [self], "y": [self]}
        self.legend_: Legend | None = None
        self.axis_on, self.grid_on, self.ticks_right = True, bool(figure.style["axes.grid"]), False
        self.tick_size = None
        self.aspect, self.invert_y, self._cycles = None, False, {}
        self.yaxis = _YAxis(self)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        needs_matplotlib(f"Axes.{name}")

    # --- what is drawn ----------------------------------------------------------------------------
    def _add(self, artist, xs, ys, sticky: bool = False, sticky_y: float | None = None, margin_x: float = 0.05):
        self.artists.append(artist)
        for axis, data in (("x", xs), ("y", ys)):
            finite = [float(v) for v in values(data) if v is not None and math.isfinite(float(v))]
            if finite:
                self.extents[axis].append((min(finite), max(finite), sticky))
        if sticky_y is not None:
            self.extents["y"].append((sticky_y, sticky_y, True))

    def get_lines(self) -> list[Line]:
        return [a for a in self.artists if isinstance(a, Line)]

    def get_legend(self) -> Legend | None:
        return self.legend_

    # --- set up ------------------------------------------------------------------------------------
    def set_title(self, title: str, fontsize=None, **options) -> None:
        reject_options("set_title", options)
        self.title, self.title_size = str(title), fontsize

    def set_xlabel(self, label: str, fontsize=None, **options) -> None:
        reject_options("set_xlabel", options)
        self.xlabel = str(label)
        self.label_size = fontsize or self.label_size

    def set_ylabel(self, label: str, fontsize=None, **options) -> None:
        reject_options("set_ylabel", options)
        self.ylabel = str(label)
        self.label_size = fontsize or self.label_size

    def _set_limits(self, axis: str, lo, hi) -> None:
        if isinstance(lo, (tuple, list)):
            lo, hi = lo
        for group_member in self.shared[axis]:
            group_member.limits[axis] = [lo, hi]

    def set_xlim(self, left=None, right=None) -> None:
        self._set_limits("x", left, right)

    def set_ylim(self, bottom=None, top=None) -> None:
        self._set_limits("y", bottom, top)

    def _set_scale(self, axis: str, scale: str) -> None:
        if scale not in ("linear", "log"):
            needs_matplotlib(f"set_{axis}scale({scale!r})")
        for member in self.shared[axis]:
            member.scales[axis] = scale

    def set_xscale(self, scale: str) -> None:
        self._set_scale("x", scale)

    def set_yscale(self, scale: str) -> None:
        self._set_scale("y", scale)

    def set_xticks(self, ticks, labels=None) -> None:
        self.ticks["x"] = ([float(t) for t in values(ticks)], None if labels is None else [str(s) for s in labels])

    def set_yticks(self, ticks, labels=None) -> None:
        self.ticks["y"] = ([float(t) for t in values(ticks)], None if labels is None else [str(s) for s in labels])

    def set_aspect(self, aspect) -> None:
        if aspect not in ("equal", "auto", 1, 1.0):
            needs_matplotlib(f"set_aspect({aspect!r})")
        self.aspect = "equal" if aspect in ("equal", 1, 1.0) else None

    def set_axis_off(self) -> None:
        self.axis_on = False

    def axis(self, state: str) -> None:
        if state != "off":
            needs_matplotlib(f"axis({state!r})")
        self.axis_on = False

    def grid(self, visible: bool = True) -> None:
        self.grid_on = bool(visible)

    def tick_params(self, labelsize=None, **options) -> None:
        reject_options("tick_params", options)
        self.tick_size = labelsize

    def inset_axes(self, bounds) -> Axes:
        """A small Axes inside this one at bounds = [x0, y0, width, height] in this Axes' fractions."""
        inset = Axes(self.figure, tuple(float(b) for b in bounds), parent=self)
        self.insets.append(inset)
        return inset

    def legend(self, loc: str = "best", bbox_to_anchor=None, fontsize=None, ncol: int = 1, **options) -> Legend | None:
        """A legend of every artist with a label (labels starting with "_" are left out, as in matplotlib)."""
        reject_options("legend", options)
        if loc not in LOCATIONS and loc != "best":
            raise ValueError(f"legend: loc must be one of {LOCATIONS + ['best']}, not {loc!r}")
        entries = [(a, a.label) for a in self.artists if a.label and not a.label.startswith("_")]
        if not entries:
            return None
        size = self._size(fontsize, "legend.fontsize")
        anchor = None if bbox_to_anchor is None else tuple(float(v) for v in bbox_to_anchor)
        self.legend_ = Legend(self, entries, loc, anchor, int(ncol), size)
        return self.legend_

    # --- read back ---------------------------------------------------------------------------------
    def _size(self, given, key: str) -> float:
        if isinstance(given, str):  # "small", "large", ...: relative to font.size
            return self.figure.style.font("font.size") * RELATIVE[given]
        return float(given) if given is not None else self.figure.style.font(key)

    def get_xlim(self) -> tuple[float, float]:
        return self.view_limits("x")

    def get_ylim(self) -> tuple[float, float]:
        return self.view_limits("y")

    def view_limits(self, axis: str) -> tuple[float, float]:
        """The view limits: as set, else the data of every Axes sharing this axis plus 5% margins,
        stopped at sticky edges (images and contours fill the axes exactly, bars start at 0)."""
        log = self.scales[axis] == "log"
        extents = [e for member in self.shared[axis] for e in member.extents[axis]]
        if log:
            extents = [(lo, hi, s) for lo, hi, s in extents if hi > 0]
            extents = [(lo if lo > 0 else min(v for v in (lo, hi) if v > 0), hi, s) for lo, hi, s in extents]
        if extents:
            lo, hi = min(e[0] for e in extents), max(e[1] for e in extents)
            plo, phi = padded(lo, hi, log)
            sticky = [v for e in extents if e[2] for v in e[:2]]
            plo = max(plo, lo) if lo in sticky else plo
            phi = min(phi, hi) if hi in sticky else phi
        else:
            plo, phi = (1.0, 10.0) if log else (0.0, 1.0)
        set_lo, set_hi = self.limits[axis]
        lo, hi = (plo if set_lo is None else float(set_lo)), (phi if set_hi is None else float(set_hi))
        if axis == "y" and self.invert_y and set_lo is None and set_hi is None:
            lo, hi = hi, lo
        return lo, hi
