"""Each op says how it looks (its symbol in a picture, its formula in the walkthrough), so no drawing
or teaching code matches op names; the registry lists every op, and nn's activations come from it."""

import pytest

from autograd import Value, ops

from .test_ops import OPS


def _node(name):
    op, fn, strategies = OPS[name]
    leaves = [Value(0.5 + k, label=f"x{k}") for k in range(len(strategies))]
    out = fn(*leaves)
    while out.op_class is not op:  # the row's op may sit under another (step(a) * a)
        out = next(p for p in out.parents if p.op_class is not None)
    return out


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_op_has_a_symbol_and_a_formula_naming_its_inputs(name):
    node = _node(name)
    inputs = [f"<{k}>" for k in range(len(node.parents))]
    params = [f"{p:g}" for p in node.params]
    assert node.op_class.symbol(len(node.parents), node.params)
    formula = node.op_class.formula(inputs, params)
    assert all(i in formula for i in inputs), formula
    assert all(p in formula for p in params), formula


def test_symbols_as_the_student_wrote_them():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    cases = {a + b: "+", -a: "-", a**2: "**2", a.leaky_relu(0.01): "leaky_relu(0.01)", a.tanh(): "tanh",
             Value.sum([a, b]): "Σ", Value.dot([a], [b], 1.0): "Σ w·x + b", Value.dot([a], [b]): "Σ w·x"}
    for node, symbol in cases.items():
        assert node.op_class.symbol(len(node.parents), node.params) == symbol


def test_formulas_read_as_a_hand_calculation():
    assert ops.Add.formula(["a", "b"]) == "a + b"
    assert ops.Pow.formula(["a", "b"]) == "a ** b"
    assert ops.PowConst.formula(["a"], ["2"]) == "a ** 2"
    assert ops.Neg.formula(["a"]) == "-a" and ops.Neg.formula(["#4"]) == "-#4"
    assert ops.Neg.formula(["0.5"]) == "-(0.5)" and ops.Neg.formula(["-3"]) == "-(-3)"  # a number stays one
    assert ops.PowConst.formula(["-0.5"], ["2"]) == "(-0.5) ** 2" and ops.Pow.formula(["-2", "b"]) == "(-2) ** b"
    assert ops.Dot.formula(["w1", "w2", "x1", "x2", "b"]) == "w1·x1 + w2·x2 + b"
    assert ops.Sum.formula(["a", "b", "c"]) == "a + b + c"
    assert ops.LeakyReLU.formula(["a"], ["0.01"]) == "leaky_relu(a, 0.01)"


def test_public_names_for_what_a_node_records():
    x = Value(-2.0)
    y = x.leaky_relu(0.1)
    assert y.op_class is ops.LeakyReLU and y.params == (0.1,) and y.op == "leaky_relu"
    assert x.op_class is None and x.params == ()


def test_the_registry_holds_every_op_and_marks_the_activations():
    assert set(ops.ALL_OPS) == {op for op, _, _ in OPS.values()}
    assert all(op.activation for op in ops.ACTIVATION_OPS)
    for op in ops.ACTIVATION_OPS:  # an activation is a Value method of its own name
        assert getattr(Value, op.name)(Value(0.3), *op.defaults).op_class is op
