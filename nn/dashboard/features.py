"""The playground's input features: what the network sees of a point (x1, x2), chosen by name.

A feature is computed from the point's coordinates before the network runs, so it is a plain
number (an input of the graph), never part of what backprop differentiates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

# name -> (how the diagram writes it, the coordinates it needs, the formula on plain floats)
FEATURES: dict[str, tuple[str, int, Callable[[Sequence[float]], float]]] = {
    "x1": ("x₁", 1, lambda p: p[0]),
    "x2": ("x₂", 2, lambda p: p[1]),
    "x1^2": ("x₁²", 1, lambda p: p[0] * p[0]),
    "x2^2": ("x₂²", 2, lambda p: p[1] * p[1]),
    "x1*x2": ("x₁x₂", 2, lambda p: p[0] * p[1]),
    "sin(x1)": ("sin x₁", 1, lambda p: math.sin(p[0])),
    "sin(x2)": ("sin x₂", 2, lambda p: math.sin(p[1])),
}
# The same formulas as Python source, for the code the playground writes out.
SOURCE = {"x1": "x1", "x2": "x2", "x1^2": "x1 * x1", "x2^2": "x2 * x2", "x1*x2": "x1 * x2",
          "sin(x1)": "math.sin(x1)", "sin(x2)": "math.sin(x2)"}


def available(dims: int) -> list[str]:
    """The features a data set with `dims` coordinates can offer (1-D regression has no x2)."""
    return [name for name, (_, needs, _) in FEATURES.items() if needs <= dims]


def check(names: Sequence[str], dims: int) -> list[str]:
    """The chosen features, in the table's order; a clear error for an unknown or unusable name."""
    names = list(names)
    if not names:
        raise ValueError("choose at least one input feature, e.g. features=['x1', 'x2']")
    for name in names:
        if name not in FEATURES:
            raise ValueError(f"unknown feature {name!r}; choose from {list(FEATURES)}")
        if FEATURES[name][1] > dims:
            raise ValueError(f"feature {name!r} needs x2, but this data set has one coordinate; "
                             f"choose from {available(dims)}")
    return [name for name in FEATURES if name in names]


def expand(points: Sequence[Sequence[float]], names: Sequence[str]) -> list[list[float]]:
    """Each point as the list of its features: the network's input sample."""
    formulas = [FEATURES[name][2] for name in names]
    return [[f(p) for f in formulas] for p in points]


def columns(points: Sequence[Sequence[float]], names: Sequence[str]) -> list[list[float]]:
    """Feature by feature over many points (one list per feature): the heat maps' first layer."""
    return [[FEATURES[name][2](p) for p in points] for name in names]
