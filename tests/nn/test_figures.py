"""nn.figures: the SVG pyplot draws what matplotlib would (ticks at nice numbers, decades on a log axis,
legends, contour levels where the surface crosses them), as SVG that parses; any call it does not draw
is an error naming the call; and pyplot() chooses matplotlib when it imports, else the SVG figures."""

from __future__ import annotations

import math
import re
import sys
import xml.etree.ElementTree as ET

import pytest

from nn.figures import NeedsMatplotlib, pyplot, svgplot
from nn.figures.contours import auto_levels, bands, lines
from nn.figures.ticks import linear_ticks

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _fresh():
    saved = dict(svgplot.rcParams)
    yield
    svgplot.close("all")
    dict.update(svgplot.rcParams, saved)


def parsed(fig) -> ET.Element:
    return ET.fromstring(fig.to_svg())


def texts(root: ET.Element) -> list[str]:
    """Every <text>'s words, its sub- and superscripts joined in."""
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def text_y(root: ET.Element, words: str) -> float:
    """The y the <text> reading `words` is anchored at (a tick label's: its tick's)."""
    node = next(t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) == words)
    return float(node.get("y"))


def test_a_line_plot_has_its_title_labels_nice_ticks_and_legend():
    fig, ax = svgplot.subplots(figsize=(8, 4))
    xs = [i / 10 for i in range(-40, 41)]
    ax.plot(xs, [math.tanh(x) for x in xs], label=r"$\tanh(x)$")
    ax.plot(xs, [x / 4 for x in xs], "--", label="x / 4")
    ax.set_title("tanh")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(loc="upper left")
    words = texts(parsed(fig))
    assert {"tanh", "x", "y", "tanh(x)", "x / 4"} <= set(words)
    assert {"\u22124", "\u22123", "0", "3", "4"} <= set(words)  # x ticks at whole numbers, minus as U+2212
    assert {"\u22121.00", "\u22120.75", "0.00", "0.25", "1.00"} <= set(words)  # y: as many decimals as the step
    lines_drawn = [p for p in parsed(fig).iter(f"{SVG}path") if p.get("stroke") == "#1f77b4"]
    assert lines_drawn, "the first line takes matplotlib's first cycle colour"
    assert [line.get_color() for line in ax.get_lines()] == ["#1f77b4", "#ff7f0e"]
    (third,) = ax.plot([0, 1], [0, 1], "C3--")  # a cycle colour in a format string
    assert third.get_color() == "#d62728" and third.dash == "--"


@pytest.mark.parametrize("lo, hi", [(-4.4, 4.4), (-0.5, 1.5), (0.0, 1.1), (-1.6, 2.6), (1e-3, 0.9), (3.0, 2013.0),
                                    (-0.0451, 0.0051), (0.45, 1.02)])
@pytest.mark.parametrize("bins", [3, 5, 6, 9])
def test_linear_ticks_are_matplotlibs(lo, hi, bins):
    ticker = pytest.importorskip("matplotlib.ticker")
    theirs = [t for t in ticker.MaxNLocator(bins, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
              if lo - 1e-9 <= t <= hi + 1e-9]
    assert linear_ticks(lo, hi, bins) == pytest.approx(theirs)


@pytest.mark.parametrize("count", [7, 25])
@pytest.mark.parametrize("lo, hi", [(-2.47, 39.8), (0.0, 12.3), (-1.0, 4.0625)])
def test_contour_levels_are_matplotlibs(count, lo, hi):
    ticker = pytest.importorskip("matplotlib.ticker")
    theirs = [v for v in ticker.MaxNLocator(count + 1, min_n_ticks=1).tick_values(lo, hi) if lo < v < hi]
    assert auto_levels(count, lo, hi, filled=False) == pytest.approx(theirs)


def test_log_axis_ticks_are_decades_equally_spaced():
    fig, ax = svgplot.subplots()
    ax.semilogy([1, 2, 3, 4], [1e-3, 1e-2, 1e-1, 1.0])
    root = parsed(fig)
    decades = ["10\u22123", "10\u22122", "10\u22121", "100"]
    assert set(decades) <= set(texts(root))
    ys = [text_y(root, d) for d in decades]
    gaps = [b - a for a, b in zip(ys, ys[1:])]
    assert all(g < 0 for g in gaps) and max(gaps) - min(gaps) < 0.02  # up the page, one decade = one step
    line = next(p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#1f77b4")
    points = [tuple(map(float, xy.split(","))) for xy in re.findall(r"[-\d.]+,[-\d.]+", line.get("d"))]
    assert [round(y, 1) for _, y in points] == [round(y, 1) for y in ys]  # 1e-3..1 on their decade ticks


def test_contour_lines_lie_on_their_level_and_bands_cover_their_area():
    xs = ys = [i / 20 - 1 for i in range(41)]
    rows = [[x * x + y * y for x in xs] for y in ys]
    (circle,) = lines(xs, ys, rows, 0.25)
    assert circle[0] == circle[-1]  # a closed loop
    assert max(abs(math.hypot(x, y) - 0.5) for x, y in circle) < 0.01
    inside, outside = bands(xs, ys, rows, [0, 0.25, 2])
    def area(polygon):
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1]))) / 2
    assert sum(map(area, inside)) == pytest.approx(math.pi / 4, rel=0.01)
    assert sum(map(area, inside)) + sum(map(area, outside)) == pytest.approx(4.0)
    assert auto_levels(5, 0.0, 2.0, filled=False) == [0.4, 0.8, 1.2, 1.6]  # nice numbers strictly inside the data
    fig, ax = svgplot.subplots()
    ax.contourf(xs, ys, rows, levels=[0, 0.25, 2], colors=["#cfe3f7", "#fbd5c9"])
    ax.contour(xs, ys, rows, levels=[0.25], colors="k")
    fills = {p.get("fill") for p in parsed(fig).iter(f"{SVG}path")}
    assert {"#cfe3f7", "#fbd5c9"} <= fills


def test_subplots_grid_shared_axes_images_and_suptitle():
    fig, axes = svgplot.subplots(2, 3, figsize=(9, 5), sharex=True, sharey=True)
    assert axes.shape == (2, 3) and len(axes.flat) == 6 and axes[1, 2] is axes.flat[5] and len(axes[-1]) == 3
    for ax in axes.flat:
        ax.plot([0, 1], [0, 1])
    axes[0, 0].imshow([[0.0, 1.0], [1.0, 0.0]], cmap="gray")
    fig.suptitle("six panels")
    root = parsed(fig)
    assert "six panels" in texts(root)
    (image,) = root.iter(f"{SVG}image")
    assert image.get("href").startswith("data:image/png;base64,")
    fig, (a, b) = svgplot.subplots(1, 2)
    assert a is not b


def test_calls_outside_the_subset_say_the_figure_needs_matplotlib():
    fig, ax = svgplot.subplots()
    with pytest.raises(NeedsMatplotlib, match=r"Axes\.hexbin .*needs matplotlib"):
        ax.hexbin([1], [1])
    with pytest.raises(NeedsMatplotlib, match=r"plot\(foo=.*needs matplotlib"):
        ax.plot([1, 2], [3, 4], foo=1)
    with pytest.raises(NeedsMatplotlib, match=r"plt\.polar"):
        svgplot.polar()
    with pytest.raises(NeedsMatplotlib, match="savefig.*png"):
        fig.savefig("figure.png")
    with pytest.raises(NeedsMatplotlib, match="rcParams"):
        svgplot.rcParams["text.usetex"] = True
    with pytest.raises(ValueError, match="colormap 'plasma' needs matplotlib"):
        ax.imshow([[1, 2]], cmap="plasma")
    with pytest.raises(ValueError, match=r"\\oint"):
        ax.set_title(r"$\oint$")
        fig.to_svg()
    with pytest.raises(ValueError, match="unknown colour 'blurple'"):
        ax.plot([1], [1], color="blurple")
    with pytest.raises(NeedsMatplotlib, match=r"Axes\.yaxis\.set_major_formatter"):
        ax.yaxis.set_major_formatter(None)
    with pytest.raises(NeedsMatplotlib, match="reshape"):
        svgplot.subplots(2, 2)[1].reshape(4)
    with pytest.raises(NeedsMatplotlib, match=r"text\(transform="):
        ax.text(0.5, 0.5, "in axes fractions", transform=None)
    assert not hasattr(ax, "hexbin")  # an AttributeError: duck typing still works


def test_pyplot_shorthands_draw_on_the_current_axes(tmp_path):
    svgplot.figure(figsize=(5, 3))
    svgplot.plot([1, 2, 3], [1, 4, 9], "o-", label="squares")
    svgplot.title("three squares")
    svgplot.xlabel("n")
    svgplot.yscale("log")
    svgplot.legend()
    svgplot.savefig(tmp_path / "squares.svg")
    words = texts(ET.parse(tmp_path / "squares.svg").getroot())
    assert {"three squares", "n", "squares", "100", "101"} <= set(words)
    fig, axes = svgplot.subplots(1, 2)
    assert svgplot.gca() is axes[1]  # the last Axes made, as matplotlib


def test_savefig_writes_the_svg(tmp_path):
    fig, ax = svgplot.subplots(figsize=(4, 3))
    ax.bar(["a", "b"], [1, 2], label="bars")
    ax.legend()
    fig.savefig(tmp_path / "bars.svg")
    words = texts(ET.parse(tmp_path / "bars.svg").getroot())
    assert {"a", "b", "bars"} <= set(words)


def test_pyplot_chooses_matplotlib_when_it_imports_else_the_svg_figures(monkeypatch):
    monkeypatch.delenv("CHALKGRAD_FIGURES", raising=False)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # as if matplotlib were not installed
    assert pyplot() is svgplot
    with monkeypatch.context() as m:
        m.setenv("CHALKGRAD_FIGURES", "matplotlib")
        with pytest.raises(ImportError, match="pip install matplotlib"):
            pyplot()
    monkeypatch.setenv("CHALKGRAD_FIGURES", "sideways")
    with pytest.raises(ValueError, match="CHALKGRAD_FIGURES='sideways'"):
        pyplot()
    monkeypatch.setenv("CHALKGRAD_FIGURES", "svg")
    assert pyplot() is svgplot


def test_pyplot_gives_matplotlib_where_it_is_installed(monkeypatch):
    plt = pytest.importorskip("matplotlib.pyplot")
    monkeypatch.delenv("CHALKGRAD_FIGURES", raising=False)
    assert pyplot() is plt


def test_mathtext_labels_become_sub_and_superscripts_with_italic_variables():
    from nn.figures.mathtext import runs

    assert runs(r"error $E = \frac{1}{2}(T - O_6)^2$") == [
        ("error ", 0, False), ("E", 0, True), (" = 1/2(", 0, False), ("T", 0, True), (" \u2212 ", 0, False),
        ("O", 0, True), ("6", -1, False), (")", 0, False), ("2", 1, False)]
    assert runs(r"$\tanh^2(x)$")[:2] == [("tanh", 0, False), ("2", 1, False)]
    assert runs("costs $5") == [("costs $5", 0, False)]  # one $ sign: plain text, as matplotlib
