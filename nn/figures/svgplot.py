"""The pyplot functions, drawing SVG figures: subplots, figure, show, close, gcf, gca, rcParams,
ListedColormap, and pyplot's shorthands for the current Axes (plt.plot, plt.title, plt.xlabel, ...).
Any other pyplot name raises an error saying that figure needs matplotlib."""

from __future__ import annotations

from .colors import ListedColormap
from .figure import AxesArray, Figure
from .missing import needs_matplotlib, reject_options
from .styles import rcParams

__all__ = ["subplots", "figure", "show", "close", "gcf", "gca", "rcParams", "ListedColormap"]
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


def gca():
    """The current Axes: the last one made on the current figure (as matplotlib's after plt.subplots)."""
    return gcf().axes[-1]


# plt.NAME(...) draws on the current Axes, as Axes.METHOD(...) does
_ON_CURRENT_AXES = {name: name for name in (
    "plot", "semilogy", "scatter", "bar", "hist", "fill_between", "axhline", "axvline", "axvspan", "text",
    "annotate", "imshow", "contour", "contourf", "legend", "grid", "axis")} | {
    "title": "set_title", "xlabel": "set_xlabel", "ylabel": "set_ylabel", "xlim": "set_xlim", "ylim": "set_ylim",
    "xscale": "set_xscale", "yscale": "set_yscale", "xticks": "set_xticks", "yticks": "set_yticks"}


def _on_current_axes(name: str, method: str):
    def call(*args, **options):
        return getattr(gca(), method)(*args, **options)
    call.__name__ = name
    call.__doc__ = f"Axes.{method} on the current Axes (gca())."
    return call


globals().update({name: _on_current_axes(name, method) for name, method in _ON_CURRENT_AXES.items()})


def suptitle(text: str, **options) -> None:
    gcf().suptitle(text, **options)


def savefig(fname, **options) -> None:
    gcf().savefig(fname, **options)


def tight_layout() -> None:
    """The figures are always laid out tightly: nothing more to do."""


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
