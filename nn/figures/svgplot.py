"""The pyplot functions the course calls, drawing SVG figures: subplots, figure, show, close, gcf,
rcParams, ListedColormap. Any other pyplot name raises an error saying that figure needs matplotlib."""

from __future__ import annotations

from .colors import ListedColormap
from .figure import AxesArray, Figure
from .missing import needs_matplotlib, reject_options
from .styles import rcParams

__all__ = ["subplots", "figure", "show", "close", "gcf", "rcParams", "ListedColormap"]
_open: list[Figure] = []  # figures made and not yet closed, as pyplot keeps them
_hooked: list[object] = []  # the IPython shell told to show open figures when a cell ends


def _track(fig: Figure) -> Figure:
    """Keep `fig` open; in IPython, show figures still open when the cell ends (as matplotlib's inline
    backend does, so a cell ending in plot_history(...) shows its figure)."""
    _open.append(fig)
    try:
        from IPython import get_ipython
    except ImportError:
        return fig
    shell = get_ipython()
    if shell is not None and shell not in _hooked:
        shell.events.register("post_execute", show)
        _hooked.append(shell)
    return fig


def figure(figsize=None, dpi=None, **options) -> Figure:
    reject_options("figure", options)
    fig = Figure(figsize, dpi)
    fig.make_grid(1, 1, False, False)
    return _track(fig)


def subplots(nrows: int = 1, ncols: int = 1, figsize=None, sharex: bool = False, sharey: bool = False,
             squeeze: bool = True, dpi=None, **options):
    """(figure, axes): one Axes, or an AxesArray of them (1-D for one row or column, else 2-D)."""
    reject_options("subplots", options)
    if not squeeze:
        needs_matplotlib("subplots(squeeze=False)")
    fig = Figure(figsize, dpi)
    fig.make_grid(nrows, ncols, bool(sharex), bool(sharey))
    _track(fig)
    if nrows == ncols == 1:
        return fig, fig.axes[0]
    return fig, AxesArray(fig.rows, squeeze_rows=nrows == 1)


def gcf() -> Figure:
    return _open[-1] if _open else figure()


def close(fig=None) -> None:
    """Forget a figure (or "all"): closed figures are not shown again by show()."""
    if fig == "all":
        _open.clear()
    elif fig is None:
        _open[-1:] = []
    elif fig in _open:
        _open.remove(fig)


def show() -> None:
    """Show every open figure (inline in Jupyter) and close them, as pyplot's inline backend does."""
    if not _open:
        return
    from IPython.display import display

    while _open:
        display(_open.pop(0))


def __getattr__(name: str):
    if name.startswith("_"):
        raise AttributeError(name)
    needs_matplotlib(f"plt.{name}")
