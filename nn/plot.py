"""Plots a lecture needs, drawn with matplotlib (installed with chalkgrad's `notebooks` extra) or, where it
is missing (the course in the browser), with nn.figures' SVG pyplot: training curves from epoch 0, a
classifier's decision boundary with its margins, a 1-D fit; plus a style readable on a projector and a way
to show a figure with alt text.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from .figures import Figure, pyplot, svgplot
from .train import predict

__all__ = ["projector_style", "show", "figure_html", "plot_history", "plot_decision_boundary", "plot_fit_1d"]


def _plt() -> Any:
    return pyplot()  # matplotlib.pyplot if it imports, else the SVG figures


def projector_style(dpi: int = 150, font_size: float = 14) -> None:
    """Set pyplot's defaults for a lecture hall: >= 150 dpi, large fonts, thick lines, darker grid."""
    plt = _plt()
    plt.rcParams.update({
        "figure.dpi": dpi, "savefig.dpi": dpi, "font.size": font_size,
        "axes.titlesize": font_size + 1, "axes.labelsize": font_size, "legend.fontsize": font_size - 2,
        "xtick.labelsize": font_size - 2, "ytick.labelsize": font_size - 2, "lines.linewidth": 2.5,
        "lines.markersize": 7, "axes.grid": True, "grid.alpha": 0.4, "figure.autolayout": True,
    })


def figure_html(fig: Any, alt: str) -> str:
    """`fig` as an HTML <img> with alt text, and close the figure: a PNG (at least 150 dpi) drawn by
    matplotlib, or the SVG of a figure drawn without it."""
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("a figure needs alt text: one sentence saying what it shows, for readers who cannot see it")
    if isinstance(fig, Figure):  # drawn without matplotlib
        kind, image = "svg+xml", fig.to_svg().encode("utf-8")
        svgplot.close(fig)
    else:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=max(150, int(fig.get_dpi())), bbox_inches="tight")
        kind, image = "png", buffer.getvalue()
        _plt().close(fig)
    data = base64.b64encode(image).decode("ascii")
    return f'<img src="data:image/{kind};base64,{data}" alt="{escape(alt)}" style="max-width:100%"/>'


def show(fig: Any, alt: str) -> None:
    """Show `fig` in Jupyter as an image with alt text (read aloud by screen readers, shown if the image
    cannot be), and close it. Outside Jupyter it prints the alt text instead."""
    html = figure_html(fig, alt)
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(f"[figure: {alt}]")
        return
    display(HTML(html))


def _axes(ax: Any, figsize: tuple[float, float] = (7, 4.5)) -> Any:
    return _plt().subplots(figsize=figsize)[1] if ax is None else ax


def plot_history(history: Any, ax: Any = None, measures: Sequence[str] | None = None, log: bool = False) -> Any:
    """The training (and validation) curves of a fit, from epoch 0 (before training) on."""
    ax = _axes(ax)
    if measures is None:
        measures = [m for m in ("loss", "val_loss") if getattr(history, m)]
    names = {"loss": "training loss", "val_loss": "validation loss", "accuracy": "training accuracy",
             "val_accuracy": "validation accuracy"}
    for name in measures:
        epochs, values = history.curve(name)
        ax.plot(epochs, values, label=names.get(name, name))
    if getattr(history, "best_epoch", None) and history.stopped_because == "early_stopping":
        ax.axvline(history.best_epoch, color="C2", ls="--", label=f"best epoch {history.best_epoch}")
    ax.set_xlabel("epoch (0 = before training)")
    ax.set_ylabel(" / ".join(sorted({"accuracy" if "accuracy" in m else "loss" for m in measures})))
    if log:
        ax.set_yscale("log")
    ax.legend()
    return ax


def _grid(X: Sequence, padding: float, resolution: int) -> tuple[list[float], list[float]]:
    xs, ys = [p[0] for p in X], [p[1] for p in X]
    def axis(lo: float, hi: float) -> list[float]:
        lo, hi = lo - padding, hi + padding
        return [lo + (hi - lo) * i / (resolution - 1) for i in range(resolution)]
    return axis(min(xs), max(xs)), axis(min(ys), max(ys))


def plot_decision_boundary(model: Any, X: Sequence, y: Sequence, ax: Any = None, *, threshold: float = 0.0,
                           margins: Sequence[float] = (), resolution: int = 60, padding: float = 0.5,
                           score: Callable[[Any], float] | None = None,
                           graded: tuple[float, float] | None = None) -> Any:
    """Two classes in 2-D: the regions where the model's score is above / below `threshold` (0 for raw
    scores, 0.5 for probabilities), the boundary as a solid line, `margins` (e.g. (-1, 1) for the
    hinge loss) as dashed lines, and the samples coloured by label. Several outputs: argmax regions.
    graded=(low, high) shades the score itself from blue (low) to red (high) instead of two flat
    colours, e.g. graded=(0, 1) for a probability."""
    if len(X) == 0 or any(len(p) != 2 for p in X):
        raise ValueError("plot_decision_boundary draws 2-D data: every sample needs 2 features")
    ax = _axes(ax, (6, 5))
    gx, gy = _grid(X, padding, resolution)
    outputs = predict(model, [[a, b] for b in gy for a in gx])
    several = isinstance(outputs[0], list)
    if several:
        values = [max(range(len(o)), key=o.__getitem__) for o in outputs]
    else:
        values = [score(o) if score else o for o in outputs]
    Z = [values[r * resolution:(r + 1) * resolution] for r in range(resolution)]
    if several:
        k = max(max(values), *(int(t) for t in y)) + 1
        ax.contourf(gx, gy, Z, levels=[i - 0.5 for i in range(k + 1)], cmap="Pastel1", alpha=0.8)
    else:
        lo, hi = min(values), max(values)
        if graded is not None:
            low, high = graded
            ax.contourf(gx, gy, Z, levels=[low + (high - low) * k / 10 for k in range(11)], cmap="RdBu_r",
                        alpha=0.75, extend="both")
        if lo < threshold < hi:
            if graded is None:
                ax.contourf(gx, gy, Z, levels=[lo, threshold, hi], colors=["#cfe3f7", "#fbd5c9"])
            ax.contour(gx, gy, Z, levels=[threshold], colors="k", linewidths=2.5)
        inside = sorted(m for m in margins if lo < m < hi)
        if inside:
            ax.contour(gx, gy, Z, levels=inside, colors="k", linewidths=1.5, linestyles="--")
    labels = sorted({float(t) for t in y})
    # outlined markers in colours the regions do not use, so every sample stands out on either side
    colours = ["white", "gold"] if len(labels) == 2 else [f"C{i}" for i in range(len(labels))]
    markers = "os^vD*"
    for i, label in enumerate(labels):
        pts = [p for p, t in zip(X, y) if float(t) == label]
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=90, marker=markers[i % len(markers)],
                   color=colours[i % len(colours)], edgecolors="black", linewidths=1.2, label=f"class {label:g}",
                   zorder=3)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.legend(loc="best")
    return ax


def plot_fit_1d(model: Any, X: Sequence, y: Sequence, ax: Any = None, *, truth: Callable[[float], float] | None = None,
                x_range: tuple[float, float] | None = None, points: int = 200, label: str = "model") -> Any:
    """A 1-input regression: the samples, the model's curve, and the true function if given."""
    ax = _axes(ax)
    xs_data = [p[0] if isinstance(p, (list, tuple)) else p for p in X]
    lo, hi = x_range or (min(xs_data), max(xs_data))
    xs = [lo + (hi - lo) * i / (points - 1) for i in range(points)]
    if truth is not None:
        ax.plot(xs, [truth(x) for x in xs], color="grey", ls="--", lw=2, label="truth")
    ax.plot(xs, predict(model, [[x] for x in xs]), color="C3", label=label)
    ax.scatter(xs_data, y, color="k", zorder=3, s=40, label="training samples")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return ax
