"""The forward-mode walkthrough as steps: one per node, the engine's values and jvp's tangents."""

import pytest

from autograd import Value, jvp, walkthrough


def baydin():
    x1, x2 = Value(2.0, "x1"), Value(5.0, "x2")
    f = x1.log() + x1 * x2 - x2.sin()
    f.label = "f"
    return x1, x2, f


def test_one_step_per_node_ending_on_jvps_tangent_to_the_last_bit():
    x1, x2, f = baydin()
    wt = walkthrough(f, tangents={x2: 1.0})
    assert [s.phase for s in wt.steps] == ["forward"] * 6
    assert [s.node for s in wt.steps[1:]] == [wt.ids[v] for v in wt.order if v._op is not None]
    want = jvp(f, {x1: 0.0, x2: 1.0}).tangents
    for v in wt.order:
        assert wt.tangent(v) == want[v]
    assert f"{wt.tangent(f):.3f}" == "1.716"
    assert x1.grad is None and f.grad is None  # nothing touched


def test_each_step_shows_local_times_tangent_for_each_input():
    x1, x2, f = baydin()
    wt = walkthrough(f, tangents={x1: 1.0})
    mul = next(s for s in wt.steps if s.node is not None and wt.nodes[s.node].op == "*")
    assert [(e.local, e.upstream, e.contribution) for e in mul.edges] == [(5.0, 1.0, 5.0), (2.0, 0.0, 0.0)]
    assert "∂#3/∂x1 × tangent of x1 = 5.000 × 1.000 = 5.000" in mul.text
    assert "tangent of #3 = 5.000" in mul.text


def test_constants_have_no_tangent_and_no_term():
    x = Value(3.0, "x")
    y = 2 * x
    wt = walkthrough(y, tangents={x: 1.0})
    assert [e.parent for e in wt.steps[-1].edges] == [wt.ids[x]]
    assert wt.tangent(y) == 2.0


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"tangents": [1.0]}, TypeError, "map leaves to numbers"),
        ({"tangents": {Value(1.0): 1.0}}, ValueError, "not an input or parameter"),
        ({"tangents": {}, "lr": 0.1}, ValueError, "no update step"),
        ({"tangents": {}, "quiz": True}, ValueError, "no quiz"),
        ({"tangents": {}, "max_value": 3}, TypeError, "unknown option"),
    ],
)
def test_bad_arguments_say_what_to_do(kwargs, error, words):
    x = Value(1.0, "x")
    with pytest.raises(error, match=words):
        walkthrough(x.sin(), **kwargs)
