"""Pictures of a loss over several samples (a batch): every node named with its sample, inputs and
targets given as numbers named x[k][j] and y[k], one box per sample in reading order, and the same
names in the walkthrough's text."""

from __future__ import annotations

import re
import shutil

import pytest

from autograd import Value, draw_dot, topological_order, walkthrough
from autograd.draw.samples import display_labels, samples_of
from nn import MLP, mse_loss

from .test_render import nodes

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
XS = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
YS = [0.0, 1.0, 1.0, 0.0]


def batch(samples=4):
    model = MLP(2, [2, 1], activation="relu", seed=1)
    return model, mse_loss([model(x) for x in XS[:samples]], YS[:samples])


def drawn_names(source: str) -> dict[str, str]:
    """node id -> the name in bold in its box (constants without a name have none)."""
    return {i: m[1] for i, attrs in nodes(source).items() if (m := re.search(r"<TD><B>([^<]+)</B></TD>", attrs))
            and not i.endswith("op")}


def test_no_two_nodes_of_a_batch_picture_share_a_label():
    model, loss = batch()
    for options in ({}, {"clusters": model}, {"clusters": model, "group_by": "neuron"}):
        names = list(drawn_names(draw_dot(loss, measure=False, **options).source).values())
        assert len(names) == len(set(names)) and len(names) >= 40, names


def test_batch_names_carry_the_sample_and_numbers_become_x_and_y():
    model, loss = batch()
    order = topological_order(loss)
    names = display_labels(order)
    shown = set(names.values())
    assert {"L1.n1.z[1]", "L1.n2.a[4]", "L2.n1.a[3]", "x[2][1]", "x[4][2]", "y[1]", "y[4]"} <= shown
    x21 = next(v for v, n in names.items() if n == "x[2][1]")
    assert x21.data == XS[1][0]  # sample 2's first input
    assert [names[v] for v in order if names.get(v, "").startswith("y[")] == ["y[1]", "y[2]", "y[3]", "y[4]"]
    assert [v.data for v in order if names.get(v, "").startswith("y[")] == YS
    assert all(v not in names for v in model.parameters())  # shared by every sample: their own names


def test_one_sample_keeps_its_labels():
    model = MLP(2, [2, 1], seed=1)
    loss = mse_loss(model([0.5, 1.0]), 1.0)
    assert samples_of(topological_order(loss)) == {} and display_labels(topological_order(loss)) == {}


def test_the_sum_over_samples_belongs_to_no_sample():
    _, loss = batch()
    sample = samples_of(topological_order(loss))
    assert loss not in sample and sorted(set(sample.values())) == [1, 2, 3, 4]


@needs_dot
def test_a_batch_is_drawn_one_box_per_sample_in_order_unless_asked_by_neuron():
    model, loss = batch()
    source = draw_dot(loss, clusters=model, measure=False).source
    boxes = re.findall(r'label="?(Sample \d|4 samples|Layer \d|Neuron \d)', source)
    assert [b for b in boxes if b.startswith("Sample")] == ["Sample 1", "Sample 2", "Sample 3", "Sample 4"]
    assert "4 samples" in boxes and "Neuron 1" in boxes  # parameters stay in their neurons' boxes
    by_neuron = draw_dot(loss, clusters=model, group_by="neuron", measure=False).source
    assert "Sample 1" not in by_neuron and "L1.n1.z[3]" in by_neuron


@needs_dot
@pytest.mark.parametrize("rankdir", ["TB", "LR"])
def test_a_batch_reads_in_order_samples_left_to_right_or_top_to_bottom(rankdir):
    model, loss = batch()
    svg = draw_dot(loss, clusters=model, rankdir=rankdir).picture("svg").decode()
    boxes = re.findall(r'<path[^>]* d="M([\d.]+),(-?[\d.]+)[^"]*"/>\n<text[^>]*>(Sample \d)<', svg)
    # across a top-to-bottom picture, down a left-to-right one (SVG y grows downwards)
    where = {name: float(x) if rankdir == "TB" else float(y) for x, y, name in boxes}
    assert sorted(where, key=where.get) == ["Sample 1", "Sample 2", "Sample 3", "Sample 4"]


def test_walkthrough_names_the_samples_as_the_picture_does():
    _, loss = batch(samples=2)
    wt = walkthrough(loss)
    text = str(wt)
    assert "forward: the leaves are given: x[1][1] = 0, x[1][2] = 0, x[2][1] = 0, x[2][2] = 1.000" in text
    assert "L1.n1.z[2] = Σ w·x + b" in text and "seed loss.grad = ∂loss/∂loss = 1" in text
    assert "(0.5)" not in text and "y[1].grad" not in text  # constants and targets get no gradient line


def test_around_marks_its_centre_and_keeps_the_parameters_in_order():
    from nn.examples.han_kamber_model import build_network

    model = build_network()
    loss = mse_loss(model([1.0, 0.0, 1.0]), 1.0)
    i4 = next(v for v in topological_order(loss) if v.label == "I4")
    source = draw_dot(loss, around=i4, depth=1).source
    ids = {v: f"n{k}" for k, v in enumerate(topological_order(loss))}
    assert "penwidth=4" in nodes(source)[ids[i4]] and "#C2007A" in nodes(source)[ids[i4]]
    chain = re.findall(r"(n\d+) -> (n\d+) \[style=invis\]", source)
    names = {i: v.label for v, i in ids.items()}
    assert [names[a] for a, _ in chain] + [names[chain[-1][1]]] == ["w14", "w24", "w34", "θ4"]


def test_a_root_without_a_label_is_the_loss_or_the_output():
    w, x = Value(0.5, "w"), Value(2.0, "x")
    w.role = "parameter"
    wt = walkthrough((w * x - 1.0) ** 2)  # a target enters after the parameter: a loss
    assert "visit loss (grad 1.000)" in str(wt) and "Backprop, step by step: loss" in wt.html()
    assert "seed output.grad" in str(walkthrough((w * x).tanh()))  # a neuron's output
