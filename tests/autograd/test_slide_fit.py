"""The projector standard: with default options, each of these pictures, scaled to fit a 1920x1080
slide, has no text under 14 px. Measured on the SVG that Graphviz's dot draws (its width, height,
viewBox and font sizes)."""

from __future__ import annotations

import re
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


def xor_loss_over_four_samples():
    from nn.examples.xor import INPUTS, TARGETS

    model = MLP(2, [2, 1], activation="relu", seed=1)
    loss = mse_loss([model(x) for x in INPUTS], TARGETS)
    loss.backward()
    return model, loss


def xor_over_four_samples():
    model, loss = xor_loss_over_four_samples()
    return draw_dot(loss, clusters=model)  # a batch: one box per sample by default


def house_price():
    from nn.examples.house_price import forward_backward

    run = forward_backward()  # the deck's network that is not fully connected
    return draw_dot(run.loss, clusters=run.model)


GRAPHS = [micrograd_neuron, han_kamber, han_kamber_demo, xor_network, sigmoid_chain, mlp_2_4_4_1,
          xor_over_four_samples, house_price]


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


def slide_fit_advice(graph) -> str:
    with pytest.warns(SlideFitWarning, match=r"values does not fit a slide: .* smallest text is [\d.]+ px") as caught:
        graph._repr_mimebundle_()
    return str(caught[0].message)


def test_a_graph_no_option_can_fit_says_to_draw_a_part_and_that_part_fits():
    x = Value(0.1, "x")
    for k in range(120):
        x = x * Value(1.0 + k / 1000, f"w{k}")
    advice = slide_fit_advice(draw_dot(x))
    assert "No drawing option makes it fit" in advice and "around=node, depth=2" in advice
    assert draw_dot(x, around=x.parents[0], depth=2).slide_fit() >= READABLE_PX  # the advice, followed


@pytest.mark.slow  # tries every remedy with dot before saying none works (about 4 s)
def test_a_batch_no_option_can_fit_says_to_draw_one_sample_or_one_neuron_and_both_fit():
    model = MLP(2, [4, 4, 1], seed=0)
    xs = [[0.1 * k, -0.2 * k] for k in range(8)]
    loss = mse_loss([model(x) for x in xs], [0.5] * 8)
    loss.backward()
    advice = slide_fit_advice(draw_dot(loss, clusters=model))
    assert "draw one sample, e.g. draw_dot(mse_loss(model(X[0]), Y[0]), clusters=model)" in advice
    assert "only=model.layers[0].neurons[0]" in advice
    one = mse_loss(model(xs[0]), 0.5)  # the advice, followed
    assert draw_dot(one, clusters=model).slide_fit() >= READABLE_PX
    assert draw_dot(loss, only=model.layers[0].neurons[0]).slide_fit() >= READABLE_PX


@pytest.mark.slow  # each case draws the batch, its remedies and the remedied picture (about 3 s)
@pytest.mark.parametrize("options", [{"clusters": "model", "group_by": "neuron"},  # -> group_by='sample'
                                     {"clusters": "model", "compact": False},  # -> compact=True
                                     {"clusters": "model", "rankdir": "LR"},  # -> rankdir='auto'
                                     {"clusters": "model", "rankdir": "LR", "compact": False}], ids=str)  # both
def test_every_remedy_a_warning_names_makes_the_picture_fit_when_followed(options):
    model, loss = xor_loss_over_four_samples()
    options = {k: model if v == "model" else v for k, v in options.items()}
    advice = slide_fit_advice(draw_dot(loss, **options))
    named = re.search(r"Draw it with (.*) \(tried", advice)
    assert named, advice
    remedy = eval(f"dict({named[1]})")  # noqa: S307 - the warning's own keyword text, e.g. compact=True
    assert draw_dot(loss, **{**options, **remedy}).slide_fit() >= READABLE_PX, advice
