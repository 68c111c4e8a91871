"""Bug hunts: one fault from the catalogue in a private backward pass, found by node and name; the
library, its ops and other graphs are never changed."""

from __future__ import annotations

import pytest

import nn.exercises as ex
from autograd import Value, ops
from autograd.checking.replay import gradients


@pytest.mark.parametrize("seed", range(6))
def test_a_hunt_is_solved_by_the_faulty_node_and_the_faults_name(seed):
    hunt = ex.bug_hunt(seed)
    assert hunt.check().outcome == "not attempted"
    assert hunt.check(hunt._at, hunt.fault).outcome == "correct"
    by_label = hunt.check(hunt._at.label, hunt.fault)
    assert by_label and by_label.passed
    other = next(f for f in hunt.faults if f != hunt.fault)
    assert hunt.check(hunt._at, other).outcome == "incorrect"
    assert "not where it is" in hunt.check(hunt.root, hunt.fault).message or hunt.root is hunt._at
    right = gradients(hunt.root)
    assert any(abs(v.grad - right[v]) > 1e-6 for v in right)  # the graph shows the faulty numbers
    assert hunt.fault not in hunt.prompt and hunt.fault not in hunt.hint(1) + hunt.hint(2)
    with pytest.raises(ValueError, match="choose one of"):
        hunt.check(hunt._at, "typo")


def test_hunts_differ_by_seed_and_repeat_for_one():
    hunts = [ex.bug_hunt(s) for s in range(12)]
    assert len({h.fault for h in hunts}) >= 5
    again = ex.bug_hunt(3)
    assert again.gradients == hunts[3].gradients and again.fault == hunts[3].fault


def test_faults_never_reach_the_library():
    before = {name: (op.forward, op.local_grads) for name, op in vars(ops).items() if isinstance(op, type)}
    for s in range(8):
        ex.bug_hunt(s)
    after = {name: (op.forward, op.local_grads) for name, op in vars(ops).items() if isinstance(op, type)}
    assert before == after
    x = Value(0.5, "x")
    y = x.tanh() * x.sigmoid()
    y.backward()
    assert x.grad == pytest.approx(gradients(y)[x])
