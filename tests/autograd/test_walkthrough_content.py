"""What a walkthrough says and marks, as a lecture hall reads it: leaves in reading order, no gradient
sent into constants, one sign per number, a ∂ label only once its value exists, #numbers only where a
value has no name, and the node each step is about marked 'active'."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from autograd import Value, walkthrough

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")


def han_kamber():
    from nn import half_squared_error
    from nn.examples.han_kamber_book import INPUT, LEARNING_RATE, TARGET
    from nn.examples.han_kamber_model import build_network

    model = build_network()
    loss = half_squared_error(model(INPUT), TARGET)
    loss.label = "E"
    return walkthrough(loss, lr=LEARNING_RATE, clusters=model)


def test_leaves_come_in_reading_order_inputs_then_parameters_by_neuron():
    wt = han_kamber()
    given = wt.steps[0].text.removeprefix("forward: the leaves are given: ")
    names = [part.split(" = ")[0] for part in given.split(", ")]
    assert names == ["x1", "x2", "x3", "w14", "w24", "w34", "θ4", "w15", "w25", "w35", "θ5", "w46", "w56", "θ6"]
    updated = [wt.name(s.node) for s in wt.steps if s.phase == "update"]
    assert updated == names[3:]  # the update goes through the parameters in the same order


def test_constants_get_no_gradient_line_and_negative_numbers_come_in_brackets():
    wt = han_kamber()
    text = str(wt)
    assert ".grad += ∂E/∂(0.5)" not in text and "(0.5).grad" not in text and "(1).grad" not in text
    i6 = next(s for s in wt.steps if s.phase == "backward" and wt.name(s.node) == "I6")
    assert "w46.grad += ∂I6/∂w46 × I6.grad = 0.3318 × (-0.1312) = -0.04352" in i6.text
    w46 = next(s for s in wt.steps if s.phase == "update" and wt.name(s.node) == "w46")
    assert " - 0.9 × (0.03935)" not in w46.text and "- 0.9 × " in w46.text and "−" not in w46.text


@needs_dot
def test_a_derivative_label_appears_once_its_value_exists():
    wt = han_kamber()
    for step in wt.steps:
        if step.phase != "forward" or step.node is None:
            continue
        frame = ET.fromstring(wt.scene.frame(step.index))
        shown = {el.get("data-wt-derivative") for el in frame.iter() if el.get("data-wt-derivative") and el.text}
        computed = {s.node for s in wt.steps[:step.index + 1] if s.node}
        assert {key.split(":")[0] for key in shown} <= computed, step.text


@needs_dot
def test_numbers_only_where_a_value_has_no_name_and_the_step_node_is_active():
    x = Value(2.0, "x")
    out = (x * x).tanh()
    out.label = "out"
    wt = walkthrough(out)
    root = ET.fromstring(wt.scene.frame(2))
    numbers = {el.text for el in root.iter() if (el.text or "").startswith("#")}
    assert numbers == {"#1"}  # x (#0) and out (#2) have names
    active = [el.get("data-wt") for el in root.iter() if "active" in (el.get("class") or "").split()]
    assert active == [wt.steps[2].node]
    first = ET.fromstring(wt.scene.frame(0))
    assert [el.get("data-wt") for el in first.iter() if "active" in (el.get("class") or "").split()] == ["n0"]
