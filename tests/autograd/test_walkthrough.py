"""walkthrough: the steps of forward, backward and update, with the engine's own numbers -- the
last backward step equals backward() exactly -- and the text mode that needs no Graphviz."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd
from autograd import Value, topological_order, walkthrough
from autograd.player.steps import LargeWalkthroughWarning, Walkthrough

OPS = [lambda u, v: u + v, lambda u, v: u * v, lambda u, v: u - v, lambda u, v: u / (v * v + 1.0),
       lambda u, v: (u * v).tanh(), lambda u, v: u.sigmoid() * v, lambda u, v: u * u,
       lambda u, v: Value.dot([u, v], [v, u], u), lambda u, v: Value.sum([u, v, u]),
       lambda u, v: (u - v).relu() + v.exp() * 0.5]


def same(a: float, b: float) -> bool:
    """Bit-for-bit equal (nan equal to nan): not approximately."""
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


def random_graph(steps, data):
    nodes = [Value(v, f"x{i}") for i, v in enumerate(data)]
    for op, i, j in steps:  # indices into every node so far: intermediate nodes get reused
        nodes.append(OPS[op](nodes[i % len(nodes)], nodes[j % len(nodes)]))
    return nodes


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(OPS) - 1), st.integers(0, 60), st.integers(0, 60)),
                min_size=1, max_size=15),
       st.lists(st.floats(-3, 3, allow_nan=False), min_size=3, max_size=3))
def test_last_backward_step_equals_backward_exactly_on_random_graphs(steps, data):
    nodes = random_graph(steps, data)
    root = nodes[-1]
    wt = walkthrough(root)
    assert all(v.grad is None for v in nodes)  # building it changes no .grad
    root.backward()
    order = topological_order(root)
    last_backward = max(s.index for s in wt.steps if s.phase in ("seed", "backward"))
    data_shown, grads_shown = wt.state(last_backward)
    for k, v in enumerate(order):
        assert same(wt.grad(v), v.grad), (k, wt.grad(v), v.grad)
        assert same(grads_shown[f"n{k}"], v.grad)
        assert data_shown[f"n{k}"] == v.data or math.isnan(v.data)
    # every contribution is the engine's local derivative times the node's finished gradient
    for step in wt.steps:
        for e in step.edges:
            child = wt.nodes[e.child]
            assert e.local == child.local_grads[e.index] or math.isnan(e.local)
            assert same(e.upstream, child.grad)
            assert same(e.contribution, e.local * e.upstream)


def test_reused_node_shows_its_running_sum_as_contributions_arrive():
    a = Value(3.0, "a")
    b = a + a
    b.label = "b"
    c = b * b
    c.label = "c"
    wt = walkthrough(c)
    visit_c, visit_b = [s for s in wt.steps if s.phase == "backward"]
    assert [(e.parent, e.total, e.arrived, e.expected) for e in visit_c.edges] == [
        ("n1", 6.0, 1, 2), ("n1", 12.0, 2, 2)]
    assert [(e.total, e.arrived) for e in visit_b.edges] == [(12.0, 1), (24.0, 2)]
    assert "sum so far 6.000: 1 of 2 contributions" in visit_c.text
    assert "b.grad += ∂c/∂b × c.grad = 6.000 × 1.000 = 6.000" in visit_c.text
    c.backward()
    assert wt.grad(a) == a.grad == 24.0


def test_steps_go_forward_in_topological_order_then_backward_in_reverse():
    x, w = Value(2.0, "x"), Value(-0.5, "w")
    w.role = "parameter"
    out = (x * w).tanh()
    out.label = "out"
    wt = walkthrough(out, lr=0.1)
    assert [s.phase for s in wt.steps] == ["forward"] * 3 + ["seed"] + ["backward"] * 2 + ["update"]
    assert [s.node for s in wt.steps] == [None, "n2", "n3", "n3", "n3", "n2", "n1"]
    assert wt.steps[0].data == {"n0": 2.0, "n1": -0.5}  # the leaves are given in the first step
    assert wt.steps[2].data == {"n3": out.data}
    lines = list(wt)
    # numbers to 4 significant figures, as the picture writes them
    assert lines[0] == "step 1/7 forward: the leaves are given: x = 2.000, w = -0.5000"
    assert lines[1] == "step 2/7 forward: #2 = x * w = 2.000 * (-0.5000) = -1.000"  # one sign per number
    assert lines[2] == "step 3/7 forward: out = tanh(#2) = tanh(-1.000) = -0.7616"
    assert lines[3].startswith("step 4/7 backward: seed out.grad = ∂out/∂out = 1")
    assert str(wt) == "\n".join(lines)
    assert len(wt) == 7 and wt[6].phase == "update"


def test_update_is_the_sgd_step_and_changes_nothing():
    from nn import MLP, mse_loss
    from nn.optim import SGD

    model = MLP(2, [3, 1], activation="tanh")
    loss = mse_loss(model([0.5, -1.0]), 0.25)
    before = [p.data for p in model.parameters()]
    wt = walkthrough(loss, lr=0.05, parameters=model.parameters())
    assert [p.data for p in model.parameters()] == before
    assert all(p.grad is None or p.grad == 0.0 for p in model.parameters())
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        assert same(wt.grad(p), p.grad)
    SGD(model.parameters(), lr=0.05).step()
    updates = {s.node: s.data[s.node] for s in wt.steps if s.phase == "update"}
    assert len(updates) == len(model.parameters())
    for p in model.parameters():
        assert updates[wt.ids[p]] == p.data  # exactly the optimizer's number


def test_default_parameters_are_the_leaves_marked_parameter():
    from nn import MLP

    model = MLP(2, [1], activation="sigmoid")
    out = model([1.0, 2.0])
    wt = walkthrough(out, lr=1.0)
    assert {wt.nodes[i] for i in wt.parameters} == set(model.parameters())


def test_nn_model_gradients_equal_backward_and_clusters_are_passed_to_draw_dot(monkeypatch):
    from nn import MLP, half_squared_error

    model = MLP(3, [2, 1], activation="sigmoid", output_activation="sigmoid", labels="textbook")
    loss = half_squared_error(model([1.0, 0.0, 1.0]), 1.0)
    seen = {}

    def fake_draw_dot(root, **options):
        seen.update(options, root=root)
        raise RuntimeError("stop here")

    import autograd.draw.render

    monkeypatch.setattr(autograd.draw.render, "draw_dot", fake_draw_dot)
    wt = walkthrough(loss, clusters=model, rankdir="TB")
    with pytest.raises(RuntimeError, match="stop here"):
        wt.scene  # noqa: B018
    assert seen["root"] is loss and seen["clusters"] is model and seen["rankdir"] == "TB"
    loss.backward()
    for v in topological_order(loss):
        assert same(wt.grad(v), v.grad)


def test_text_mode_needs_no_graphviz(monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")
    a = Value(1.5, "a")
    out = (a * a).exp()
    wt = out.walkthrough()
    assert isinstance(wt, Walkthrough)
    assert "forward" in str(wt) and "backward" in str(wt)
    wt._ipython_display_()  # what a notebook shows: the steps as text and why there is no player
    shown = capsys.readouterr().out
    assert "no player" in shown and "graphviz" in shown.lower()
    assert "step 1/" in shown


def test_large_graph_warns_and_suggests_a_subgraph():
    x = Value(1.0, "x")
    y = x
    for _ in range(30):
        y = y * 1.01
    with pytest.warns(LargeWalkthroughWarning, match="smaller part"):
        walkthrough(y, max_values=20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        walkthrough(y)  # 61 values: fine


def test_bad_input_says_how_to_fix_the_call():
    a = Value(1.0)
    with pytest.raises(TypeError, match="expects a Value"):
        walkthrough(1.0)
    with pytest.raises(TypeError, match="lr must be a number"):
        walkthrough(a * 2, lr="0.1")
    with pytest.raises(ValueError, match="no parameters"):
        walkthrough(a * 2, lr=0.1)
    with pytest.raises(ValueError, match="not in the graph"):
        walkthrough(a * 2, lr=0.1, parameters=[Value(3.0)])
    with pytest.raises(TypeError, match="model.parameters"):
        walkthrough(a * 2, lr=0.1, parameters=[3.0])
    with pytest.raises(ValueError, match="max_values"):
        walkthrough(a * 2, max_values=0)
    # a misspelt option is said at once, not when the picture is first drawn
    with pytest.raises(TypeError, match=r"unknown option 'rankdr' \(did you mean 'rankdir'\?\): its own options "
                                        r"are lr, parameters and max_values.*draw_dot.*rankdir, layout, compact"):
        walkthrough(a * 2, rankdr="TB")
    with pytest.raises(TypeError, match=r"'learning_rate'(?! \(did).*its own options are lr"):
        walkthrough(a * 2, learning_rate=0.1)
    with pytest.raises(ValueError, match=r"rankdir must be one of 'auto', 'LR'"):
        walkthrough(a * 2, rankdir="sideways")  # bad values too: draw_dot's own check, at once
    with pytest.raises(ValueError, match=r"compact='tables'.*compact=True"):
        walkthrough(a * 2, compact="tables")
    with pytest.raises(ValueError, match=r"one dot run.*measure=True"):
        walkthrough(a * 2, measure=True)
    wt = walkthrough(a * 2)
    with pytest.raises(IndexError, match="out of range"):
        wt.state(len(wt))
    with pytest.raises(ValueError, match="not in the graph"):
        wt.grad(Value(2.0))


def test_exported_from_autograd_and_on_value():
    assert autograd.walkthrough is walkthrough
    assert "walkthrough" in autograd.__all__
    a = Value(2.0)
    assert len(a.tanh().walkthrough()) == 4


def test_a_single_value_is_given_and_seeded():
    x = Value(3.0, "x")
    wt = walkthrough(x)
    assert [s.phase for s in wt.steps] == ["forward", "seed"]
    assert wt.grad(x) == 1.0


def test_readme_walkthrough_example_runs():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    block = next(b for b in blocks if "walkthrough(" in b)
    block = block.replace('steps.save("backprop.html")', "")  # the test suite writes no file here
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)  # noqa: S102 - our own README: makes `o`
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    assert len(namespace["steps"]) == 12
