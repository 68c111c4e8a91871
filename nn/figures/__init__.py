"""Figures without matplotlib: a small pure-Python pyplot drawing SVG (the subset the course uses), and
pyplot(), the one way to choose: matplotlib.pyplot when it imports, else the SVG figures. Set
CHALKGRAD_FIGURES=svg to use the SVG figures even where matplotlib is installed (=matplotlib to require it)."""

from __future__ import annotations

import os
from types import ModuleType

from .figure import Figure
from .missing import NeedsMatplotlib

__all__ = ["pyplot", "Figure", "NeedsMatplotlib", "uses_matplotlib"]
CHOICES = ("auto", "svg", "matplotlib")


def pyplot() -> ModuleType:
    """matplotlib.pyplot if it imports (and CHALKGRAD_FIGURES is not "svg"), else nn.figures.svgplot."""
    choice = os.environ.get("CHALKGRAD_FIGURES", "auto").strip().lower() or "auto"
    if choice not in CHOICES:
        raise ValueError(f"CHALKGRAD_FIGURES={choice!r}: use one of {CHOICES}")
    if choice != "svg":
        try:
            import matplotlib.pyplot as plt
            return plt
        except ImportError:
            if choice == "matplotlib":
                raise ImportError("CHALKGRAD_FIGURES=matplotlib but matplotlib does not import: "
                                  "pip install matplotlib") from None
    from . import svgplot
    return svgplot


def uses_matplotlib() -> bool:
    """True when pyplot() gives matplotlib's."""
    return pyplot().__name__ == "matplotlib.pyplot"
