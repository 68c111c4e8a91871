"""The engine's fast paths give what the plain versions give: skipping zero gradients in backward,
the fused neuron node built by layers and convolutions, and the max rule's one-winner case."""

import math

import pytest

import nn
from autograd import Value, no_grad, ops, topological_order


def _sign(x: float) -> float:
    return math.copysign(1.0, x)


# ---- backward skips a many-input node whose gradient is 0 only where that changes no number ----------


def _switched_off_sum(*parents: Value) -> Value:
    """relu(sum) with the sum negative: the sum node's gradient is 0."""
    return Value.sum([*parents, Value(-100.0)]).relu()


def test_a_zero_gradient_still_turns_a_leafs_minus_zero_into_plus_zero():
    # -0.0 + 0.0 * 1.0 is +0.0: a leaf whose gradient was -0.0 must come out +0.0, as before.
    x, y = Value(1.0), Value(2.0)
    x.grad = -0.0
    _switched_off_sum(x, y).backward()
    assert x.grad == 0.0 and _sign(x.grad) == 1.0
    assert y.grad == 0.0 and _sign(y.grad) == 1.0


def test_a_zero_gradient_times_an_infinite_local_derivative_is_nan():
    # d(w1 x1 + w2 x2)/dw1 = x1 = inf; the node's gradient is 0 (relu off), and inf * 0 is nan.
    w1, w2, x2 = Value(-1.0), Value(1.0), Value(1.0)
    x1 = Value(math.inf)
    net = Value.dot([w1, w2], [x1, x2])
    assert net.data == -math.inf
    net.relu().backward()
    assert math.isnan(w1.grad)
    assert w2.grad == 0.0


def test_a_leaf_gradient_held_as_an_int_becomes_a_float_as_before():
    x, y = Value(1.0), Value(2.0)
    x.grad = 0
    _switched_off_sum(x, y).backward()
    assert type(x.grad) is float and x.grad == 0.0


def test_skipped_nodes_leave_the_same_gradients_as_the_full_pass():
    # A model in which some units are off: every gradient equals the one accumulated edge by edge.
    model = nn.MLP(3, [6, 6, 1], seed=4)
    loss = Value.sum([model([0.3 * i, -0.2 * i, 0.1]).relu() for i in range(-3, 4)])
    loss.backward()
    got = [p.grad for p in model.parameters()]
    order = topological_order(loss)
    for node in order:  # the plain pass: every edge, zero gradients included
        node.grad = 0.0
    loss.grad = 1.0
    for node in reversed(order):
        for parent, d in zip(node.parents, node.local_grads or ()):
            parent.grad += d * node.grad
    assert got == [p.grad for p in model.parameters()]
    assert any(n.grad == 0.0 and len(n.parents) > 2 for n in order)  # the skip had something to skip


# ---- the fused neuron node: the same node as Value.dot, and the plain path where it must be ----------


def test_a_layers_units_are_the_nodes_value_dot_builds():
    layer = nn.Layer(3, 2, seed=1)
    x = [Value(0.5), Value(-1.5), Value(2.0)]
    outs = layer(x)
    for unit, out in zip(layer.neurons, outs):
        net = out.parents[0]
        plain = Value.dot(unit.w, x, unit.b)
        assert net.op_class is ops.Dot and net.parents == plain.parents
        assert net.data == plain.data and net.local_grads == plain.local_grads
        assert net.label == f"{unit.name}.z" and out.label == f"{unit.name}.a"


def _same_node(fused: Value, plain: Value) -> None:
    assert fused.op_class is plain.op_class and fused.parents == plain.parents and fused.params == plain.params
    assert (fused.data == plain.data or math.isnan(plain.data)) and fused.local_grads == plain.local_grads


def test_each_activation_op_is_built_with_its_units_dot_node_as_the_function_builds_it():
    # Layers and convolutions build a one-op activation together with the dot node (one call per
    # unit); the node must be the one the activation's function makes, parameters (slope, alpha) too.
    x = [Value(0.5), Value(-1.5), Value(2.0)]
    for op in ops.ACTIVATION_OPS:
        layer = nn.Layer(3, 4, activation=op.name, seed=2)
        conv = nn.Conv1d(1, 2, 2, activation=op.name, seed=3)
        (row,) = conv([x])[:1]
        for out in [*layer(x), *row]:
            assert out.op_class is op
            _same_node(out, nn.activations.ACTIVATIONS[op.name](out.parents[0]))


def test_a_function_of_the_students_own_is_still_applied_to_each_unit():
    def doubled_tanh(v: Value) -> Value:
        return 2 * v.tanh()

    x = [Value(0.5), Value(-1.5)]
    for out in nn.Layer(2, 3, activation=doubled_tanh, seed=0)(x):
        assert out.op_class is ops.Mul and out.data == 2 * math.tanh(out.parents[1].parents[0].data)
    (row,) = nn.Conv1d(1, 1, 1, activation=doubled_tanh, seed=0)([x])
    assert [y.op_class for y in row] == [ops.Mul, ops.Mul]


def test_a_weight_replaced_by_a_number_becomes_a_constant():
    layer = nn.Layer(2, 1, nonlin=False, seed=1)
    layer.neurons[0].w[1] = 0.5  # not a Value: the plain path turns it into a constant node
    out = layer([Value(2.0), Value(4.0)])
    assert out.data == layer.neurons[0].w[0].data * 2.0 + 0.5 * 4.0 + layer.neurons[0].b.data
    assert out.parents[1].role == "constant"


def test_a_conv_weight_replaced_by_a_number_becomes_a_constant():
    conv = nn.Conv1d(1, 1, 2, seed=0)
    conv.weight[0][0][1] = 3.0
    (y,) = conv([[Value(1.0), Value(2.0), Value(4.0)]])
    w0, b = conv.weight[0][0][0].data, conv.bias[0].data
    assert [v.data for v in y] == [b + w0 * 1.0 + 3.0 * 2.0, b + w0 * 2.0 + 3.0 * 4.0]


def test_layers_record_nothing_under_no_grad():
    model = nn.Sequential(nn.Conv1d(1, 2, 2, activation="relu", seed=0), nn.Flatten(), nn.Layer(4, 2, seed=1))
    with no_grad():
        outs = model([[0.5, -1.0, 2.0]])
    assert all(out.parents == () and out.local_grads is None for out in outs)


def test_relabelling_a_unit_changes_the_labels_of_its_next_nodes():
    model = nn.MLP(2, [2, 1], seed=0)
    assert model([1.0, 2.0]).label == "L2.n1.a"
    model.label_textbook()
    out = model([1.0, 2.0])  # a linear unit: its net input is its output, O5
    hidden = out.parents[2]  # parents: w35, w45, then the inputs O3, O4, then θ5
    assert out.label == "O5" and hidden.label == "O3" and hidden.parents[0].label == "I3"


# ---- max: the one-winner case and the general rule agree ----------------------------------------------


def test_max_local_derivatives_one_winner_ties_and_nan():
    assert ops.Max.local_grads(3.0, 1.0, 3.0, 2.0) == (0.0, 1.0, 0.0)
    assert ops.Max.local_grads(3.0, 3.0, 1.0, 3.0) == (0.5, 0.0, 0.5)
    zero_tie = ops.Max.local_grads(0.0, 0.0, -0.0)  # -0.0 == 0.0: a tie, shared
    assert zero_tie == (0.5, 0.5)
    assert ops.Max.local_grads(math.nan, 1.0, math.nan) == (0.0, 1.0)
    a, b = Value(2.0), Value(5.0)
    on_values = ops.Max.local_grads(Value(5.0), a, b)  # create_graph reads the Values' numbers
    assert on_values == (0.0, 1.0)


def test_the_zero_gradient_skip_runs_on_the_numbers_compile_traces():
    # A traced function that runs backward: the skip reads a dot node's number, which compile hands
    # out as a watched float while it traces; the trace still compiles and the gradients are 0.
    from autograd import compile

    w = [Value(-1.0), Value(0.5), Value(0.25)]

    def loss(x):
        out = Value.dot(w, x).relu()  # off: the dot node's gradient is 0
        out.backward()
        return out

    replay = compile(loss, w, example=[1.0, 1.0, 1.0])
    assert replay is not None and all(p.grad == 0.0 for p in w)


# ---- the compiled replay skips zero gradients under the same conditions, in both modes ---------------


def _off_units(start: float) -> tuple[list[Value], list[Value], Value]:
    """A layer of dot nodes all switched off by the relu after their sum: every dot's gradient is 0."""
    ws = [Value(0.5), Value(0.25), Value(1.5)]
    xs = [Value(1.0), Value(2.0), Value(-1.0)]
    for w in ws:
        w.grad = start
    return ws, xs, Value.constant(-100.0)


def _replayed_and_eager(start: float, x: list[float], mode: str) -> tuple[list, list]:
    from autograd import compile

    def loss(ws: list[Value], xs: list[Value], low: Value) -> Value:
        dots = [Value.dot(ws, xs) for _ in range(3)]  # three dot nodes: a loop in the tables
        return Value.sum([*dots, low]).relu()

    ws, xs, low = _off_units(start)
    eager_out = loss(ws, [Value(v) for v in x], low)
    eager_out.backward()
    eager = [w.grad for w in ws]
    ws2, _, low2 = _off_units(start)
    step = compile(lambda inputs: loss(ws2, inputs, low2), ws2, x, mode=mode)
    assert "skip_zeros" in step.source  # the skip is in the code, so the cases below exercise it
    for w in ws2:
        w.grad = start
    step(x)
    return [w.grad for w in ws2], eager


@pytest.mark.parametrize("mode", ["lines", "tables"])
def test_the_replay_turns_a_minus_zero_gradient_into_plus_zero_as_eager(mode):
    replayed, eager = _replayed_and_eager(-0.0, [1.0, 2.0, 3.0], mode)  # -0.0 + x * 0.0 is +0.0 for x > 0
    assert replayed == eager == [0.0, 0.0, 0.0]
    assert [_sign(g) for g in replayed] == [_sign(g) for g in eager] == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("mode", ["lines", "tables"])
def test_the_replay_keeps_an_int_gradient_as_eager_does(mode):
    replayed, eager = _replayed_and_eager(0, [1.0, 2.0, -1.0], mode)
    assert [type(g) for g in replayed] == [type(g) for g in eager]


@pytest.mark.parametrize("mode", ["lines", "tables"])
def test_the_replay_gives_nan_for_an_infinite_local_derivative_times_zero(mode):
    # Each dot is -inf, so the relu is off; d(dot)/dw1 = x1 = -inf, and -inf * 0 is nan: no skip.
    replayed, eager = _replayed_and_eager(0.0, [-math.inf, 2.0, -1.0], mode)
    assert math.isnan(replayed[0]) and math.isnan(eager[0])
    assert replayed[1:] == eager[1:] == [0.0, 0.0]


def test_zeros_skippable_says_no_for_minus_zero_ints_and_values():
    from autograd.backward import zeros_skippable

    assert zeros_skippable([]) and zeros_skippable([0.0, 1.5, -2.0, math.inf, math.nan])
    assert not zeros_skippable([1.0, -0.0]) and not zeros_skippable([-3.0, -0.0])
    assert not zeros_skippable([0.0, 0]) and not zeros_skippable([Value(0.0)])
