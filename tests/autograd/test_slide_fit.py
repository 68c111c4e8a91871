"""The projector standard: with default options, each of these pictures, scaled to fit a 1920x1080
slide, has no text under 14 px. Measured on the SVG that Graphviz's dot draws (its width, height,
viewBox and font sizes)."""

from __future__ import annotations

import shutil
import warnings

import pytest

from autograd import Value, draw_dot
from autograd.draw.layout import READABLE_PX
from autograd.draw.output import SlideFitWarning, fitted_text_px
from nn import MLP, half_squared_error, mse_loss

from .test_render import neuron

pytestmark = [pytest.mark.needs_dot,
              pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")]


def micrograd_neuron():
    o = neuron()
    o.backward()
    return draw_dot(o)


def han_kamber():
    from nn.examples.han_kamber_model import build_network

    model = build_network()  # textbook labels, the book's weights
    loss = half_squared_error(model([1.0, 0.0, 1.0]), 1.0)
    loss.label = "E"
    loss.backward()
    return draw_dot(loss, clusters=model)


def han_kamber_demo():
    from nn.examples.han_kamber_model import build_network, train_step

    return train_step(build_network(), draw=True).picture  # what `make demo` saves


def xor_network():
    model = MLP(2, [2, 1], activation="relu", seed=1)
    loss = mse_loss(model([1.0, 0.0]), 1.0)
    loss.backward()
    return draw_dot(loss, clusters=model)


def sigmoid_chain():
    x = Value(0.5, "x")
    for _ in range(10):
        x = x.sigmoid()
    x.backward()
    return draw_dot(x)


def mlp_2_4_4_1():
    model = MLP(2, [4, 4, 1], seed=0)
    loss = mse_loss(model([0.5, -1.0]), 1.0)
    loss.backward()
    assert 55 <= len(model.parameters()) + 22 <= 65  # about 60 values
    return draw_dot(loss, clusters=model)


GRAPHS = [micrograd_neuron, han_kamber, han_kamber_demo, xor_network, sigmoid_chain, mlp_2_4_4_1]


@pytest.mark.parametrize("build", GRAPHS, ids=lambda f: f.__name__)
def test_default_picture_fits_a_slide(build):
    graph = build()
    svg = graph.picture("svg")
    px = fitted_text_px(svg)
    assert px >= READABLE_PX, f"{build.__name__}: smallest text {px:.1f} px on a 1920x1080 slide ({graph.layout})"
    with warnings.catch_warnings():
        warnings.simplefilter("error", SlideFitWarning)
        graph._repr_mimebundle_()  # fits, so no warning


def test_fitted_text_height_is_read_from_width_height_and_font_sizes():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="3840pt" height="540pt" viewBox="0 0 1920 270">'
           '<g transform="scale(2 2)"><text font-size="14.00">a</text><text font-size="20.00">b</text></g></svg>')
    # drawn at twice its viewBox size: 14-point text is 28 pt tall; 3840 pt wide fits 1920 px at 1/2
    assert fitted_text_px(svg) == pytest.approx(14.0)


def test_a_graph_too_large_for_a_slide_says_so_when_shown():
    x = Value(0.1, "x")
    for k in range(120):
        x = x * Value(1.0 + k / 1000, f"w{k}")
    graph = draw_dot(x)
    with pytest.warns(SlideFitWarning, match=r"values does not fit a slide.*px.*only=.*around=.*compact=True"):
        graph._repr_mimebundle_()
