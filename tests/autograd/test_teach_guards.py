"""explain, trace and the walkthrough on hostile labels: every factor shown, one safe line per label,
nodes carried by identity, label rows never mistaken for a number's slot."""

from __future__ import annotations

import shutil

import pytest

from autograd import Value, explain, walkthrough
from autograd.draw.select import highlighted
from autograd.graph import topological_order


def test_a_highlight_from_explain_finds_the_node_not_its_name():
    a, impostor = Value(2.0), Value(3.0, "n0")  # a is unlabelled, so explain calls it n0 too
    y = (a * 2.0 + impostor).tanh()
    explanation = explain(a, y)
    assert explanation.bottom == "n0" and explanation.param is a
    nodes, _ = highlighted(topological_order(y), y, explanation)
    assert a in nodes and impostor not in nodes


@pytest.mark.skipif(shutil.which("dot") is None, reason="the walkthrough's frames are laid out by Graphviz's dot")
@pytest.mark.parametrize("label", ["grad", "data 7", "data"])
def test_a_label_that_reads_like_a_slot_keeps_its_row(label):
    a = Value(2.0, label)
    y = (a * -1.5).tanh()
    y.label = "y"
    wt = walkthrough(y)
    for k in (0, len(wt.steps) - 1):
        svg = wt.scene.frame(k)
        assert f">{label}</text>" in svg, (k, label)
