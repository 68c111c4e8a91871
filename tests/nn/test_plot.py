"""nn.plot: the figures draw what they say (checked on the matplotlib objects), and History's epoch 0."""

import pytest

import nn

plt = pytest.importorskip("matplotlib.pyplot")
from nn import plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def trained(epochs=5):
    X, y = nn.datasets.make_moons(20, noise=0.1, seed=0)
    model = nn.MLP(2, [4, 1], seed=0)
    history = nn.fit(model, X, y, "bce_with_logits", nn.Adam(model.parameters(), lr=0.05), epochs=epochs,
                     validation_split=0.25, progress=False)
    return model, history, X, y


def test_history_holds_epoch_0_before_any_update():
    model = nn.MLP(1, [1], seed=0)
    X, y = [[0.0], [1.0]], [1.0, 3.0]
    before = nn.evaluate(model, X, y, "mse")["loss"]
    history = nn.fit(model, X, y, "mse", nn.SGD(model.parameters(), lr=0.1), epochs=3, progress=False)
    assert history.start == {"loss": before}
    epochs, losses = history.curve("loss")
    assert epochs == [0, 1, 2, 3] and losses == [before, *history.loss]
    assert len(history.loss) == history.epochs == 3  # the per-epoch lists are unchanged
    with pytest.raises(ValueError, match="no curve"):
        history.curve("lr")


def test_plot_history_starts_at_epoch_0_with_validation():
    _, history, _, _ = trained()
    ax = plot.plot_history(history)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["training loss", "validation loss"]
    assert list(lines[0].get_xdata()) == list(range(0, 6)) and lines[1].get_ydata()[0] == history.start["val_loss"]


def test_decision_boundary_has_regions_boundary_margins_and_points():
    model, _, X, y = trained(20)
    ax = plot.plot_decision_boundary(model, X, y, threshold=0.0, margins=(-1, 1), resolution=25)
    assert len(ax.collections) >= 4  # filled regions, the boundary, the margins, two scatter groups
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    graded = plot.plot_decision_boundary(model, X, y, threshold=0.0, graded=(-3, 3), resolution=25)
    assert len(graded.collections[0].get_paths()) > 2  # many shades, not two flat regions
    with pytest.raises(ValueError, match="2 features"):
        plot.plot_decision_boundary(nn.MLP(3, [1]), [[1, 2, 3]], [1])


def test_fit_1d_and_show_with_alt_text():
    X, y = nn.datasets.make_regression_1d(10, noise=0.1, seed=0)
    model = nn.MLP(1, [4, 1], activation="tanh", seed=0)
    ax = plot.plot_fit_1d(model, X, y, truth=lambda x: x, points=50)
    assert [line.get_label() for line in ax.get_lines()] == ["truth", "model"]
    html = plot.figure_html(ax.figure, alt="A curve & samples")
    assert 'alt="A curve &amp; samples"' in html and html.startswith('<img src="data:image/png;base64,')
    with pytest.raises(ValueError, match="alt text"):
        plot.show(plt.figure(), alt="")


def test_show_outside_jupyter_prints_the_alt_text(capsys):
    plot.show(plt.figure(), alt="an empty figure")
    assert capsys.readouterr().out == "[figure: an empty figure]\n"


def test_projector_style_sets_dpi_and_fonts():
    plot.projector_style()
    assert plt.rcParams["figure.dpi"] >= 150 and plt.rcParams["font.size"] >= 14


def test_without_matplotlib_the_plots_are_svg_figures(monkeypatch):
    import sys

    from nn.figures import svgplot

    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # as if matplotlib were not installed
    monkeypatch.delenv("CHALKGRAD_FIGURES", raising=False)
    saved = dict(svgplot.rcParams)
    try:
        plot.projector_style()
        assert svgplot.rcParams["font.size"] >= 14
        X, y = nn.datasets.make_moons(20, noise=0.1, seed=0)
        ax = plot.plot_decision_boundary(nn.MLP(2, [4, 1], seed=0), X, y, margins=(-1, 1), resolution=15)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
        html = plot.figure_html(ax.figure, alt="two moons")
        assert html.startswith('<img src="data:image/svg+xml;base64,') and 'alt="two moons"' in html
        ax = plot.plot_history(trained()[1])
        assert [line.get_label() for line in ax.get_lines()] == ["training loss", "validation loss"]
    finally:
        dict.update(svgplot.rcParams, saved)
        svgplot.close("all")
