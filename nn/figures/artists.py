"""What an Axes holds: lines, markers, patches, text, images and contours, each a small record the SVG
writer draws; with the few matplotlib methods the notebooks call on them (get_color, set_label, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from .missing import needs_matplotlib


def values(data) -> list:
    """A list from a list, range, tuple or numpy array (figures draw numbers, never arrays)."""
    data = data.tolist() if hasattr(data, "tolist") else data
    return list(data) if not isinstance(data, (int, float)) else [data]


class Artist:
    """The matplotlib methods every drawn thing answers; anything else needs matplotlib."""

    label: str = ""
    zorder: float = 2

    def get_label(self) -> str:
        return self.label

    def set_label(self, label: str) -> None:
        self.label = str(label)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        needs_matplotlib(f"{type(self).__name__}.{name}")


@dataclass(eq=False)
class Line(Artist):
    xs: list
    ys: list
    color: str
    width: float
    dash: str = "-"
    marker: str = ""
    marker_size: float = 6.0
    marker_face: str | None = None  # None: the line's colour
    marker_edge_width: float = 1.0
    label: str = ""
    alpha: float = 1.0
    steps: bool = False  # drawstyle="steps-post": hold each value until the next x
    zorder: float = 2

    def get_color(self) -> str:
        return self.color

    def get_xdata(self) -> list:
        return list(self.xs)

    def get_ydata(self) -> list:
        return list(self.ys)


@dataclass(eq=False)
class Points(Artist):
    """scatter: one marker per point, each with its own size (area in pt^2), face and edge colour."""
    xs: list
    ys: list
    sizes: list
    faces: list
    edges: list
    marker: str = "o"
    edge_width: float = 1.0
    label: str = ""
    alpha: float = 1.0
    zorder: float = 1


@dataclass(eq=False)
class Rects(Artist):
    """bar, hist, axvspan: rectangles (x0, x1, y0, y1); None as y0/y1 spans the whole axes height."""
    boxes: list
    color: str
    alpha: float = 1.0
    edge: str = "none"
    label: str = ""
    zorder: float = 1


@dataclass(eq=False)
class Band(Artist):
    """fill_between: the region between two curves, where `where` holds."""
    xs: list
    lows: list
    highs: list
    where: list
    color: str
    alpha: float = 1.0
    label: str = ""
    zorder: float = 1


@dataclass(eq=False)
class RefLine(Artist):
    """axhline / axvline: a horizontal or vertical line across the whole axes."""
    value: float
    vertical: bool
    color: str
    width: float
    dash: str = "-"
    label: str = ""
    alpha: float = 1.0
    zorder: float = 2


@dataclass(eq=False)
class Text(Artist):
    x: float
    y: float
    text: str
    size: float
    color: str = "#000000"
    ha: str = "left"
    va: str = "baseline"
    offset: tuple = (0.0, 0.0)  # in points, from (x, y): annotate's textcoords="offset points"
    zorder: float = 3


@dataclass(eq=False)
class Image(Artist):
    rows: list  # rows of "#rrggbb", top row first as drawn
    extent: tuple  # (left, right, bottom, top) in data coordinates
    smooth: bool = False
    alpha: float = 1.0
    zorder: float = 0


@dataclass(eq=False)
class Contours(Artist):
    """contourf's bands ([(colour, [polygon, ...]), ...]) or contour's lines ([(style, [polyline, ...]), ...])."""
    filled: bool
    layers: list
    levels: list
    alpha: float = 1.0
    zorder: float = 1
    label: str = ""


@dataclass(eq=False)
class LegendText:
    text: str

    def get_text(self) -> str:
        return self.text


@dataclass(eq=False)
class Legend(Artist):
    axes: object
    entries: list  # (artist, label)
    loc: str = "best"
    anchor: tuple | None = None  # bbox_to_anchor, in axes fractions
    columns: int = 1
    size: float = 10.0

    def get_texts(self) -> list[LegendText]:
        return [LegendText(label) for _, label in self.entries]

    def remove(self) -> None:
        self.axes.legend_ = None
