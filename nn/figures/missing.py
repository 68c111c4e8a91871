"""The one error for a drawing call the figures without matplotlib do not make: it names the call and
says the figure needs matplotlib, so a figure is never drawn with a piece silently missing."""

from __future__ import annotations


class NeedsMatplotlib(AttributeError):
    """A pyplot call outside the subset nn.figures draws (an AttributeError, so hasattr() says False)."""


def needs_matplotlib(call: str) -> None:
    raise NeedsMatplotlib(f"{call} is not drawn by chalkgrad's SVG figures (used when matplotlib is not "
                          "installed, as in the browser): this figure needs matplotlib (pip install matplotlib)")


def reject_options(call: str, options: dict) -> None:
    """Keyword arguments a call does not honour are an error, never silently dropped."""
    if options:
        names = ", ".join(f"{k}=" for k in sorted(options))
        raise NeedsMatplotlib(f"{call}({names}...) is not drawn by chalkgrad's SVG figures (used when matplotlib "
                              "is not installed, as in the browser): this figure needs matplotlib "
                              "(pip install matplotlib)")
