"""The walkthrough on the pictures' options: compact boxes, the neuron-level view with a model's unique
or textbook names, highlighted paths, and numbers by significant figures -- each with a slot for every
number, the engine's numbers in the last frame, and one `dot` run."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, explain, topological_order, walkthrough
from autograd.draw import style
from autograd.draw.render import ComputationGraph, install_command
from autograd.formatting import fixed, significant
from nn import MLP, mse_loss

from .test_walkthrough import OPS, random_graph

pytestmark = [pytest.mark.needs_dot,
              pytest.mark.skipif(shutil.which("dot") is None,
                                 reason=f"Graphviz's dot is not on PATH; install it with: {install_command()}")]


def network(labels=None):
    model = MLP(2, [2, 1], activation="sigmoid", seed=3, labels=labels)
    loss = mse_loss(model([1.0, -1.0]), 1.0)
    loss.label = "E"
    return model, loss


def texts(svg: str) -> dict[str, str]:
    root = ET.fromstring(svg)
    return {el.get("data-wt-slot"): el.text or "" for el in root.iter() if el.get("data-wt-slot")}


def edge_labels(svg: str) -> list[str]:
    return [el.text for el in ET.fromstring(svg).iter() if el.get("class") == "wt-edge-label" and el.text]


def count_dot_runs(monkeypatch) -> list:
    runs: list = []
    original = ComputationGraph.picture
    monkeypatch.setattr(ComputationGraph, "picture", lambda self, *a, **k: runs.append(a) or original(self, *a, **k))
    return runs


def assert_last_backward_frame_shows_the_engines_numbers(wt, root, number=significant):
    """Every value's data and (where drawn) grad slot, in the frame after the last backward step."""
    last = max(s.index for s in wt.steps if s.phase in ("seed", "backward"))
    shown = texts(wt.scene.frame(last))
    root.backward()
    for v in topological_order(root):
        i = wt.ids[v]
        if v.role == "constant":
            continue
        assert shown[f"{i}.data"].endswith(number(v.data)), (v, shown[f"{i}.data"])
        assert shown[f"{i}.grad"].endswith(number(v.grad)), (v, shown[f"{i}.grad"])


def test_compact_boxes_key_every_input_edge_and_label_it_with_the_product(monkeypatch):
    runs = count_dot_runs(monkeypatch)
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    d = a * b + a
    e = d * d  # two edges from d into one box
    e.label = "e"
    wt = walkthrough(e, compact=True)
    scene = wt.scene
    assert scene.layout.compact and len(runs) == 1
    assert not any(k.endswith("op") or k.endswith(":out") for k in scene.keys)  # no op nodes to point at
    expected = {f"{wt.ids[v]}:{k}" for v in wt.order for k in range(len(v.parents))}
    assert {k for k in scene.keys if ":" in k} == expected
    k = next(s.index for s in wt.steps if s.phase == "backward" and s.node == wt.ids[e])
    frame = scene.frame(k)
    product = f"{significant(d.data)} × 1.000"  # ∂e/∂d = d, on each edge
    assert edge_labels(frame).count(product) == 2 and edge_labels(frame).count(f"= {significant(d.data)}") == 2
    focused = {el.get("data-wt") for el in ET.fromstring(frame).iter() if "wt-focus" in (el.get("class") or "")}
    assert {wt.ids[e], f"{wt.ids[e]}:0", f"{wt.ids[e]}:1"} <= focused
    assert_last_backward_frame_shows_the_engines_numbers(wt, e)


def test_a_model_in_the_neuron_level_view_gets_compact_boxes_never_parameter_tables(monkeypatch):
    runs = count_dot_runs(monkeypatch)
    model, loss = network()
    wt = walkthrough(loss, clusters=model, lr=0.1)
    assert not wt.scene.layout.tables and len(runs) == 1
    svg = wt.scene.frame(0)
    assert "Layer 1" in svg and "Neuron 1" in svg
    for p in model.parameters():  # each parameter its own box and its own edge
        i = wt.ids[p]
        assert i in wt.scene.keys and f"{i}.grad" in wt.scene.templates
    text = str(wt)
    names = [p.label for p in model.parameters()]
    assert len(set(names)) == len(names) and "L1.n2.w1" in names  # the model's unique names, in the text
    assert "update: L1.n2.w1 ← L1.n2.w1 - lr × L1.n2.w1.grad" in text
    assert_last_backward_frame_shows_the_engines_numbers(wt, loss)


def test_textbook_labels_name_the_steps_as_the_book_does():
    model, loss = network(labels="textbook")
    wt = walkthrough(loss, clusters=model)
    labels = {v.label for v in wt.order if v.label}
    assert {"w13", "θ4", "O5"} <= labels
    visit = next(s for s in wt.steps if s.phase == "backward" and wt.nodes[s.node].label == "I4")
    assert "θ4.grad += ∂I4/∂θ4 × I4.grad" in visit.text
    assert_last_backward_frame_shows_the_engines_numbers(wt, loss)


def test_compact_tables_are_refused_with_the_fix():
    model, loss = network()
    with pytest.raises(ValueError, match=r"compact='tables'.*pass compact=True"):
        walkthrough(loss, clusters=model, compact="tables")


@pytest.mark.parametrize("how", ["node", "explain"])
def test_highlighted_path_is_drawn_and_every_number_still_has_its_slot(how):
    model, loss = network()
    w = model.parameters()[0]
    wt = walkthrough(loss, highlight=w if how == "node" else explain(w, loss))
    svg = wt.scene.frame(0)
    assert style.HIGHLIGHT_COLOUR.lower() in svg.lower() and style.DIM["fillcolor"].lower() in svg.lower()
    for v in wt.order:
        if v.role != "constant":
            assert {f"{wt.ids[v]}.data", f"{wt.ids[v]}.grad"} <= set(wt.scene.templates)
    assert_last_backward_frame_shows_the_engines_numbers(wt, loss)


def test_tiny_gradients_show_in_significant_figures_in_the_text_and_the_picture():
    x = Value(0.5, "x")
    y = x
    for _ in range(10):
        y = y.sigmoid()
    wt = walkthrough(y)
    y.backward()
    tiny = significant(x.grad)
    assert "e-" in tiny and fixed(x.grad, 4) == "0.0000"  # what the old fixed format showed
    last = texts(wt.scene.frame(len(wt) - 1))
    assert last[f"{wt.ids[x]}.grad"] == "grad " + tiny
    assert f"= {tiny}" in wt.steps[-1].text


def test_decimals_and_digits_set_the_numbers_of_the_text_and_the_picture_alike():
    _, loss = network()
    fixed4 = walkthrough(loss, decimals=4)
    assert_last_backward_frame_shows_the_engines_numbers(fixed4, loss, lambda x: fixed(x, 4))
    _, loss = network()
    three = walkthrough(loss, digits=3)
    assert_last_backward_frame_shows_the_engines_numbers(three, loss, lambda x: significant(x, 3))
    e = fixed4.steps[-1].edges[0]
    assert f"= {fixed(e.contribution, 4)}" in fixed4.steps[-1].text
    assert f"= {significant(three.steps[-1].edges[0].contribution, 3)}" in three.steps[-1].text


def test_products_stand_in_two_lines_in_the_room_dot_laid_out_for_them_in_either_direction():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    e = a * b
    for rankdir in ("TB", "LR", "auto"):
        wt = walkthrough(e, rankdir=rankdir)
        assert rankdir == "auto" or wt.scene.layout.rankdir == rankdir
        svg = ET.fromstring(wt.scene.markup())
        lines = {}
        for el in svg.iter():
            if el.get("data-wt-label") == "n2:0" and el.get("class") == "wt-edge-label":
                lines[el.get("data-wt-line")] = float(el.get("y"))
        derivative = next(el for el in svg.iter() if el.get("data-wt-derivative") == "n2:0")
        assert set(lines) == {"1", "2"} and lines["1"] < float(derivative.get("y")) < lines["2"]
        k = next(s.index for s in wt.steps if s.phase == "backward")
        assert edge_labels(wt.scene.frame(k)).count("-3.000 × 1.000") == 1  # local × upstream, then
        assert edge_labels(wt.scene.frame(k)).count("= -3.000") == 1  # the contribution below it


def test_edges_are_laid_out_with_room_for_the_product_and_show_the_local_derivative_meanwhile():
    model, loss = network()
    wt = walkthrough(loss, clusters=model, rankdir="LR")
    visit = next(s for s in wt.steps if s.phase == "backward" and len(s.edges) > 2)
    e = visit.edges[0]

    def derivative(svg):
        return [el.text or "" for el in ET.fromstring(svg).iter() if el.get("data-wt-derivative") == e.key]

    assert derivative(wt.scene.markup()) == [f"∂ = {wt.num(e.local)}"]  # as draw_dot labels it
    computed = next(s.index for s in wt.steps if s.node == e.child)  # the forward step of the child
    assert derivative(wt.scene.frame(computed - 1)) == [""]  # no ∂ before its value exists
    assert derivative(wt.scene.frame(computed)) == [f"∂ = {wt.num(e.local)}"]
    assert derivative(wt.scene.frame(visit.index)) == [""]  # steps aside for the product
    upstream = wt.num(e.upstream)
    assert f"{wt.num(e.local)} × {f'({upstream})' if e.upstream < 0 else upstream}" in edge_labels(
        wt.scene.frame(visit.index))
    # dot reserved the product's width: the picture is wider than draw_dot's own with ∂ labels
    from autograd import draw_dot

    plain = draw_dot(loss, clusters=model, rankdir="LR", edge_labels=True, show_order=True, measure=False,
                     compact=wt.scene.layout.compact)
    plain.attr("graph", ranksep="0.6")
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', plain.picture("svg").decode())[1])
    assert wt.scene.width > width + 100


def test_unnamed_values_are_named_as_the_picture_numbers_them():
    x = Value(2.0, "x")
    out = (x * x).tanh().exp()  # x is #0, x*x #1, tanh #2 in topological order
    out.label = "out"
    assert walkthrough(out).steps[3].text.startswith("forward: out = exp(#2) =")
    backwards = walkthrough(out, show_order="backward")  # backward() visits out (#0), tanh (#1), x*x (#2)
    assert backwards.steps[2].text.startswith("forward: #1 = tanh(#2) =")
    numbers = {el.get("data-wt"): el for el in ET.fromstring(backwards.scene.frame(0)).iter() if el.get("data-wt")}
    assert "#1" in [t.text for t in numbers["n2"].iter()] and "#2" in [t.text for t in numbers["n1"].iter()]


OPTIONS = [{}, {"compact": True}, {"compact": False}, {"rankdir": "TB"}, {"rankdir": "TB", "compact": True},
           {"edge_labels": False}, {"layout": "wrap"}, {"input_grads": False}, {"digits": 2}, {"decimals": 3}]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(OPS) - 1), st.integers(0, 60), st.integers(0, 60)),
                min_size=1, max_size=10),
       st.lists(st.floats(-2, 2, allow_nan=False), min_size=3, max_size=3),
       st.sampled_from(OPTIONS))
def test_any_graph_with_any_picture_options_gets_a_slot_per_number_and_a_key_per_edge(steps, data, options):
    root = random_graph(steps, data)[-1]
    wt = walkthrough(root, **options)
    scene = wt.scene
    for i, v in wt.nodes.items():
        if v.role != "constant":
            assert f"{i}.data" in scene.templates
    assert {e.key for step in wt.steps for e in step.edges} <= set(scene.keys)
    for k in range(len(wt)):
        ET.fromstring(scene.frame(k))  # every frame is well-formed SVG
