"""compile: the replay gives the eager engine's loss and gradients, step after step, and refuses a
forward whose Python branches on a Value."""

import math
import random

import pytest

from autograd import Compiled, GraphDependsOnData, Value, compile
from autograd.graph import topological_order
from autograd.ops import Max
from nn import MLP
from nn.losses import hinge_loss

from .test_codegen import cases, random_graph, registry, same


def points(n: int, seed: int) -> tuple[list, list]:
    rng = random.Random(seed)
    X = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(n)]
    return X, [1.0 if x0 * x1 > 0 else -1.0 for x0, x1 in X]


def hinge(model, X_values, y):
    """micrograd's demo loss: mean relu(1 - y * score) + 1e-4 * sum p^2."""
    scores = [model(x) for x in X_values]
    losses = [(1 + -yi * s).relu() for yi, s in zip(y, scores)]
    return sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in model.parameters())


@pytest.mark.parametrize("mode", ["lines", "tables"])
def test_replay_equals_eager_over_many_training_steps(mode):
    X, y = points(20, 0)
    eager, fast = MLP(2, [8, 8, 1], seed=1), MLP(2, [8, 8, 1], seed=1)
    step = compile(lambda inputs: hinge(fast, inputs, y), fast.parameters(), X, mode=mode)
    assert isinstance(step, Compiled) and step.nodes > 100 and step.mode == mode
    for _ in range(30):
        for model in (eager, fast):
            model.zero_grad()
        loss = hinge(eager, [[Value(v) for v in x] for x in X], y)
        loss.backward()
        got = step(X)
        assert same(got, loss.data)
        for p, q in zip(eager.parameters(), fast.parameters(), strict=True):
            assert same(p.grad, q.grad)
            p.data -= 0.1 * p.grad
            q.data -= 0.1 * q.grad


def test_new_input_data_takes_the_other_branches_inside_the_code():
    X, y = points(10, 1)
    model = MLP(2, [4, 1], seed=2)
    step = compile(lambda inputs: hinge(model, inputs, y), model.parameters(), X)
    for seed in range(2, 6):
        X_new, _ = points(10, seed)  # new inputs, the targets built into the graph
        model.zero_grad()
        loss = hinge(model, [[Value(v) for v in x] for x in X_new], y)
        loss.backward()
        expected = [p.grad for p in model.parameters()]
        model.zero_grad()
        assert same(step(X_new), loss.data)
        assert all(same(p.grad, g) for p, g in zip(model.parameters(), expected, strict=True))


@pytest.mark.parametrize("mode", ["lines", "tables"])
def test_gradients_accumulate_like_backward(mode):
    w = Value(2.0)
    step = compile(lambda x: (w * x[0]).relu(), [w], [3.0], mode=mode)
    w.grad = 1.0
    step([3.0])
    assert w.grad == 4.0
    step([-3.0])  # relu is off for this input: nothing is added
    assert w.grad == 4.0


@pytest.mark.parametrize("mode", ["lines", "tables"])
@pytest.mark.parametrize("op", registry(), ids=lambda op: op.__name__)
def test_every_op_replays_exactly(op, mode):
    for xs, params in cases(op)[::3]:
        leaves = [Value(x) for x in xs]
        try:
            root = Value.from_op(op, tuple(leaves), params) * -0.75
        except ArithmeticError:
            continue
        root.backward()
        expected = [leaf.grad for leaf in leaves]
        for leaf in leaves:
            leaf.grad = None
        unique = list(dict.fromkeys(leaves))
        step = compile(lambda _, leaves=leaves, params=params: Value.from_op(op, tuple(leaves), params) * -0.75,
                       unique, mode=mode)
        assert same(step(), root.data)
        assert all(same(leaf.grad, g) for leaf, g in zip(leaves, expected))


@pytest.mark.parametrize("mode", ["lines", "tables"])
@pytest.mark.parametrize("seed", range(12))
def test_random_graphs_with_reused_nodes_replay_exactly(seed, mode):
    root = random_graph(seed)
    root.backward()
    leaves = [n for n in topological_order(root) if n._op is None and n.role != "constant"]
    expected = [leaf.grad for leaf in leaves]
    for leaf in leaves:
        leaf.grad = None
    step = compile(lambda _: root, leaves, mode=mode)  # an already built graph traces as itself
    assert same(step(), root.data)
    assert all(same(leaf.grad, g) for leaf, g in zip(leaves, expected))


@pytest.mark.parametrize("forward, looked", [
    (lambda w, x: w * x[0] if w * x[0] > 0 else -w * x[0], "__gt__"),
    (lambda w, x: (w * x[0]).relu() if (w * x[0]).data > 0 else w, ".data"),
    (lambda w, x: w * float(x[0]), "__float__"),
    (lambda w, x: w if abs(2.0 * (w * x[0]).data - 1.0) >= 0.5 else -w, ".data"),  # computed from .data
    (lambda w, x: max([w * x[0], w]), "__gt__"),  # Python's max compares
])
def test_a_branch_in_python_on_a_value_is_refused(forward, looked):
    w = Value(0.5)
    with pytest.raises(GraphDependsOnData, match="test_compiled.py|losses.py") as info:
        compile(lambda x: forward(w, x), [w], [2.0])
    assert looked in str(info.value) and "relu, max, abs, step" in str(info.value)
    assert Value.__gt__.__qualname__ == "Value.__gt__"  # the watch is taken off again
    assert (Value(2.0) * 3.0).data == 6.0


def test_a_branch_on_a_layers_output_is_refused():
    # A layer builds its units' nodes on a fast path of its own (Value._dot_node): while tracing,
    # their numbers are watched as every other node's are.
    from nn.layers import Layer

    layer = Layer(2, 2, activation="identity", seed=0)
    with pytest.raises(GraphDependsOnData, match="__gt__"):
        compile(lambda x: layer(x)[0] if layer(x)[0].data > 0 else layer(x)[1], layer.parameters(), [1.0, 2.0])
    step = compile(lambda x: layer(x)[0] * layer(x)[1], layer.parameters(), [1.0, 2.0])
    eager = layer([1.0, 2.0])
    assert same(step([1.0, 2.0]), (eager[0] * eager[1]).data)
    assert type(eager[0].data) is float  # nothing watched outside the trace


def test_reading_data_without_branching_on_it_is_allowed():
    w = Value(0.5)
    seen = []
    step = compile(lambda x: hinge_loss([w * x[0]], [1.0]) + (seen.append(w.data) or 0.0), [w], [2.0])
    assert seen == [0.5] and same(step([2.0]), 0.0) and w.grad == 0.0
    assert same(step([-2.0]), 2.0) and w.grad == 2.0  # the other side of the hinge's relu


def test_a_leaf_that_is_neither_parameter_nor_input_is_refused():
    w, stray = Value(1.0), Value(2.0, label="stray")
    with pytest.raises(ValueError, match="'stray'.*add it to params"):
        compile(lambda x: w * x[0] + stray, [w], [1.0])
    assert compile(lambda x: w * x[0] + Value.constant(2.0), [w], [1.0])([1.0]) == 3.0


def test_forward_gives_the_outputs_without_touching_gradients():
    w = Value(2.0)

    def loss_and_outputs(x):
        h, h2 = w * x[0], x[1] * w
        return h.relu() + h2, [[h], h2]

    step = compile(loss_and_outputs, [w], [3.0, 1.0])
    loss, outputs = step.forward([-1.0, 5.0])
    assert loss == 10.0 and outputs == [[-2.0], 10.0] and w.grad is None
    with pytest.raises(TypeError, match="return \\(loss, outputs\\)"):
        compile(lambda x: w * x[0], [w], [1.0]).forward([1.0])
    with pytest.raises(ValueError, match="not part of the loss's graph"):
        compile(lambda x: (w * x[0], [w * 3.0]), [w], [1.0])


def test_bad_calls_say_how_to_fix_them():
    w = Value(1.0)
    with pytest.raises(ValueError, match="mode must be one of"):
        compile(lambda x: w * 2, [w], mode="fast")
    with pytest.raises(TypeError, match="function that builds the loss"):
        compile(w, [w])
    with pytest.raises(TypeError, match="leaf Values"):
        compile(lambda x: w * 2, [w * 2])
    with pytest.raises(ValueError, match="twice"):
        compile(lambda x: w * 2, [w, w])
    with pytest.raises(TypeError, match="must return the loss as a Value"):
        compile(lambda x: 3.0, [w])
    with pytest.raises(TypeError, match="example"):
        compile(lambda x: w * 2, [w], ["a"])
    step = compile(lambda x: w * x[0] * x[1], [w], [1.0, 2.0])
    with pytest.raises(ValueError, match="traced with 2 input numbers, got 3"):
        step([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="takes numbers as inputs.*str"):
        step([1.0, "2"])


def test_integer_inputs_compute_as_the_floats_values_hold():
    w = Value(1.0)
    step = compile(lambda x: w * x[0] * x[0], [w], [1.0])
    big = 10**200  # as an int, big * big is exact; as a float it overflows to inf, as eager does
    assert step([big]) == math.inf == (w * Value(big) * Value(big)).data
    assert step([-10**400]) == math.inf  # too large for a float at all: -inf, as Value(-10**400) holds
    pair = compile(lambda x: w * x[0] - x[1], [w], [1.0, 2.0])
    assert pair([0.5, 3]) == (w * Value(0.5) - Value(3)).data  # a float and an int in one row


def test_unused_parameters_keep_their_gradient():
    w, unused = Value(1.0), Value(5.0)
    unused.grad = 0.25
    compile(lambda x: w * x[0], [w, unused], [2.0])([2.0])
    assert w.grad == 2.0 and unused.grad == 0.25


@pytest.mark.slow
def test_a_100_000_node_graph_compiles_and_replays():
    ws = [Value(0.001 * (i % 7), label="w") for i in range(100)]

    def loss(x):
        total = Value.constant(0.0)
        for i in range(20_000):  # 5 nodes per round: 100,000 nodes
            h = (ws[i % 100] * x[i % 3] + ws[(i + 1) % 100]).tanh()
            total = total + h * h
        return total

    step = compile(loss, ws, [0.5, -1.0, 2.0])
    assert step.nodes >= 100_000 and step.mode == "tables"  # too many lines to compile one by one
    eager = loss([Value(0.5), Value(-1.0), Value(2.0)])
    eager.backward()
    expected = [w.grad for w in ws]
    for w in ws:
        w.grad = None
    assert same(step([0.5, -1.0, 2.0]), eager.data)
    assert all(same(w.grad, g) for w, g in zip(ws, expected))


def test_a_parameter_the_loss_does_not_reach_keeps_its_gradient():
    """As eager backward: its grad stays None (step() then skips it), and a number stays that number."""
    w, unused, other = Value(2.0), Value(1.0), Value(3.0)
    other.grad = 0.5
    step = compile(lambda x: w * x[0], [w, unused, other], [1.5])
    step([4.0])
    assert w.grad == 4.0 and unused.grad is None and other.grad == 0.5


def test_a_forward_only_replay_gives_the_eager_outputs():
    X, y = points(12, seed=5)
    model = MLP(2, [4, 1], seed=1)

    def loss(inputs):
        scores = [model(x) for x in inputs]
        losses = [(1 + -yi * s).relu() for yi, s in zip(y, scores)]
        return sum(losses) * (1.0 / len(losses)), scores

    forward = compile(loss, model.parameters(), X, backward=False)
    for p in model.parameters():  # new weights are read at every call
        p.data *= 0.9
    value, scores = forward.forward(X)
    eager_loss, eager_scores = loss([[Value(a) for a in x] for x in X])
    assert value == eager_loss.data and scores == [s.data for s in eager_scores]
    assert forward.mode == "tables" and "+=" not in forward.source  # no gradient is computed
    with pytest.raises(TypeError, match="backward=False: call forward"):
        forward(X)


@pytest.mark.parametrize("moved", [False, True])
def test_a_step_after_forward_reuses_its_values_only_for_the_same_numbers(moved):
    """forward(X) keeps its values; a step on the very same numbers skips its forward pass, a step
    after a parameter moved runs it again. Both give the eager gradients."""
    X, y = points(10, seed=2)
    model = MLP(2, [3, 1], seed=4)

    def loss(inputs):
        scores = [model(x) for x in inputs]
        return sum((1 + -yi * s).relu() for yi, s in zip(y, scores)) * 0.1, scores

    step = compile(loss, model.parameters(), X, mode="tables")
    step.forward(X)
    if moved:
        model.parameters()[0].data += 0.5
    model.zero_grad()
    value = step(X)
    fresh = MLP(2, [3, 1], seed=4)
    for p, q in zip(fresh.parameters(), model.parameters()):
        p.data = q.data
    model_loss = sum((1 + -yi * fresh(x)).relu() for yi, x in zip(y, X)) * 0.1
    model_loss.backward()
    assert value == model_loss.data
    assert [p.grad for p in model.parameters()] == [p.grad for p in fresh.parameters()]


MAX_CASES = [[1.0, 3.0, 2.0, 0.5], [3.0, 3.0, 1.0, 3.0], [0.0, -0.0, -1.0, -2.0], [-0.0, 0.0, -1.0, -2.0],
             [1.0, math.nan, 2.0, math.nan], [math.inf, 1.0, math.inf, -math.inf], [-math.inf] * 4,
             [math.nan] * 4, [2.0, 1.0, 1.0, 2.0]]


@pytest.mark.parametrize("mode", ["lines", "tables"])
@pytest.mark.parametrize("width", [2, 4])
def test_max_replays_ties_nan_and_signed_zeros_as_eager(mode, width):
    """The tables replay writes Max out (no call per node): each case it branches on, every input's
    gradient compared to the last bit (a tie shares it, a nan max gives it to the nan inputs)."""
    xs = [Value(x) for x in MAX_CASES[0][:width]]
    step = compile(lambda _: Value.from_op(Max, tuple(xs)) * -0.75, xs, mode=mode)
    for case in MAX_CASES:
        for x, number in zip(xs, case):
            x.data, x.grad = number, None
        root = Value.from_op(Max, tuple(xs)) * -0.75
        root.backward()
        expected = [x.grad for x in xs]
        for x in xs:
            x.grad = None
        assert same(step(), root.data)
        assert all(same(x.grad, g) for x, g in zip(xs, expected))


def test_a_model_traced_again_reuses_the_compiled_code_and_its_own_numbers():
    """Two models of one shape generate the same text: the second compile reuses its code object,
    and each replay still reads its own parameters."""
    first, second = MLP(2, [3, 1], seed=1), MLP(2, [3, 1], seed=2)
    X = [[0.5, -1.0], [1.5, 0.25]]

    def loss_of(model):
        return lambda xs: sum(model(x) * model(x) for x in xs)

    a = compile(loss_of(first), first.parameters(), X, mode="tables")
    b = compile(loss_of(second), second.parameters(), X, mode="tables")
    assert a.source == b.source and a._replay.__code__ is b._replay.__code__
    for model, step in ((first, a), (second, b)):
        expected = loss_of(model)([[Value(v) for v in x] for x in X])
        expected.backward()
        grads = [p.grad for p in model.parameters()]
        model.zero_grad()
        assert step(X) == expected.data
        assert [p.grad for p in model.parameters()] == grads
