"""Every misconception in the catalogue, planted on at least two graphs (by a backward pass with that one
fault injected), is found at the right node, named, and hinted without the expected number."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd import Value
from autograd.checking.replay import gradients
from nn import cross_entropy
from nn.exercises import SIGNATURES, check_gradients, check_update, faulty_gradients, get
from nn.exercises.bug_hunt import sigmoid_unit as one_sigmoid_unit


def neuron():
    """micrograd's neuron: o = tanh(x1 w1 + x2 w2 + b), with micrograd's numbers."""
    return get("backprop_neuron").graph()


def sigmoid_unit():
    """L = (sigmoid(w1 x1 + w2 x2 + b) - 1)^2, the squared error of one sigmoid unit."""
    return one_sigmoid_unit((0.5, -1.5, 0.8, 0.3, -0.2))


def shared():
    """A node used twice, and a square: c = a*b; e = (c + a) * c; L = tanh(e)^2."""
    a, b = Value(1.5, "a"), Value(-1.2, "b")
    c = a * b
    c.label = "c"
    d = c + a
    d.label = "d"
    e = d * c
    e.label = "e"
    t = e.tanh()
    t.label = "t"
    loss = t * t
    loss.label = "L"
    return loss


def diamond():
    """x feeds two paths that meet again: y = 3x; z = x*x*... L = y*z + relu(y)."""
    x = Value(1.5, "x")
    y = x * 3.0
    y.label = "y"
    z = x.sigmoid() * y
    z.label = "z"
    loss = y * z + y.relu()
    loss.label = "L"
    return loss


def relu_at_kink(shift: float):
    """relu of an input that is exactly 0: L = (relu(a*b + c) + 1) * w."""
    a, b, c, w = Value(2.0, "a"), Value(1.5, "b"), Value(-3.0, "c"), Value(shift, "w")
    z = a * b + c
    z.label = "z"
    r = z.relu()
    r.label = "r"
    loss = (r + 1.0) * w + z * 0.5
    loss.label = "L"
    return loss


def softmax_loss(scores, target):
    """cross-entropy of scores z_k = w_k x, so each score is a node with a gradient of its own."""
    x = Value(1.0, "x")
    zs = []
    for k, s in enumerate(scores):
        z = Value(s, f"w{k}") * x
        z.label = f"z{k}"
        zs.append(z)
    loss = cross_entropy(zs, target)
    loss.label = "L"
    return loss


def node(root, label):
    from autograd import topological_order

    return next(v for v in topological_order(root) if v.label == label)


# (signature, graph, the node the fault goes in (None: the whole pass), the node that must be found first)
PLANTED = [
    ("tanh_from_input", neuron, "o", "n"),
    ("tanh_from_input", shared, "t", "e"),
    ("sigmoid_as_sigma", sigmoid_unit, "y", "z"),
    ("sigmoid_as_sigma", diamond, None, "x"),  # the sigmoid on x, found by its op below
    ("relu_zero_as_one", lambda: relu_at_kink(2.0), "r", "z"),
    ("relu_zero_as_one", lambda: relu_at_kink(-0.5), "r", "z"),
    ("square_as_x", sigmoid_unit, "L", "d"),
    ("square_as_x", shared, "L", "t"),
    ("product_swapped", neuron, "x1*w1", "w1"),
    ("product_swapped", shared, "c", "b"),
    ("softmax_not_yhat_minus_y", lambda: softmax_loss([2.0, 1.0, 0.1], 0), "z0", "z0"),
    ("softmax_not_yhat_minus_y", lambda: softmax_loss([-0.5, 0.3, 1.2, 0.0], 2), "z2", "z2"),
    ("bias_gradient", neuron, "b", "b"),
    ("bias_gradient", sigmoid_unit, "b", "b"),
    ("overwrite_not_accumulate", shared, "c", "c"),
    ("overwrite_not_accumulate", diamond, "y", "y"),
    ("out_of_order", shared, "c", "b"),
    ("out_of_order", diamond, "y", "x"),
    ("upstream_not_multiplied", neuron, "n", "b"),
    ("upstream_not_multiplied", sigmoid_unit, "y", "z"),
    ("zero_grad_forgotten", neuron, None, None),
    ("zero_grad_forgotten", sigmoid_unit, None, None),
    ("sign_flip", neuron, "n", "n"),
    ("sign_flip", sigmoid_unit, "d", "d"),
]


def plant(fault, graph, at):
    root = graph()
    if at is None and fault == "sigmoid_as_sigma":
        from autograd import topological_order

        at_node = next(v for v in topological_order(root) if v.op == "sigmoid")
    else:
        at_node = None if at is None else node(root, at)
    wrong = faulty_gradients(root, fault, at_node)
    return root, {v: g for v, g in wrong.items() if v.role != "constant"}


def numbers_in(text):
    return [float(m) for m in re.findall(r"-?\d+\.\d+", text)]


@pytest.mark.parametrize("fault, graph, at, first", PLANTED, ids=[f"{p[0]}-{p[1].__name__}" for p in PLANTED])
def test_a_planted_misconception_is_found_named_and_hinted(fault, graph, at, first):
    root, answers = plant(fault, graph, at)
    diag = check_gradients(root, answers)
    assert diag.outcome == "incorrect" and not diag
    assert diag.signature == fault, diag.message
    if first is not None:
        assert diag.first_wrong.label == first
    else:
        assert not diag.first_wrong.parents  # a leaf
    right = gradients(root)
    for v in diag.wrong:  # the message never gives away a right answer
        assert all(abs(n - right[v]) > 1e-3 for n in numbers_in(diag.message)), diag.message
    assert "Traceback" not in diag.message and len(diag.message) < 400


def test_every_signature_is_planted_on_at_least_two_graphs():
    counts = {s.name: 0 for s in SIGNATURES}
    for fault, *_ in PLANTED:
        counts[fault] += 1
    counts["update_wrong_sign"] += len(UPDATES)
    assert len(SIGNATURES) >= 12 and min(counts.values()) >= 2, counts


UPDATES = [(neuron, 0.1), (sigmoid_unit, 0.9)]


@pytest.mark.parametrize("graph, lr", UPDATES)
def test_the_update_with_the_wrong_sign_is_named(graph, lr):
    root = graph()
    grads = gradients(root)
    leaves = [v for v in grads if not v.parents and v.role != "constant" and v.label.startswith(("w", "b"))]
    uphill = {v: v.data + lr * grads[v] for v in leaves}
    diag = check_update(root, uphill, lr=lr, parameters=leaves)
    assert diag.signature == "update_wrong_sign" and diag.first_wrong in leaves
    downhill = {v.label: v.data - lr * grads[v] for v in leaves}
    assert check_update(root, downhill, lr=lr, parameters=leaves).outcome == "correct"


@pytest.mark.parametrize("graph", [neuron, sigmoid_unit, shared, diamond])
def test_right_blank_and_partial_answers(graph):
    root = graph()
    right = {v: g for v, g in gradients(root).items() if v.role != "constant"}
    assert check_gradients(root, right).outcome == "correct"
    assert check_gradients(root, {}).outcome == "not attempted"
    assert check_gradients(root, dict.fromkeys(right, ...)).outcome == "not attempted"
    some = dict(list(right.items())[:2])
    assert check_gradients(root, some)  # the given ones are right
    assert check_gradients(root, some, required=right).outcome == "incorrect"


@pytest.mark.parametrize("graph", [neuron, sigmoid_unit])
def test_a_bias_given_a_weights_gradient_is_named(graph):
    root = graph()
    right = {v: g for v, g in gradients(root).items() if v.role != "constant"}
    b, w2 = node(root, "b"), node(root, "w2")
    diag = check_gradients(root, {**right, b: right[w2]})  # written by hand: the bias got x2 * upstream
    assert diag.signature == "bias_gradient" and diag.first_wrong is b


@st.composite
def random_graphs(draw):
    """A random expression of + * tanh sigmoid over three leaves, nodes reused at random (labelled v0, v1, ...)."""
    nodes = [Value(draw(st.floats(-2, 2).filter(lambda x: abs(x) > 0.1)), f"v{k}") for k in range(3)]
    for k in range(3, 3 + draw(st.integers(3, 9))):
        op = draw(st.sampled_from(["+", "*", "tanh", "sigmoid"]))
        a = draw(st.sampled_from(nodes))
        if op in ("tanh", "sigmoid"):
            out = getattr(a, op)()
        else:
            b = draw(st.sampled_from(nodes))
            out = a + b if op == "+" else a * b
        out.label = f"v{k}"
        nodes.append(out)
    return nodes[-1]


@settings(max_examples=60, deadline=None)
@given(root=random_graphs(), pick=st.integers(0, 10**6))
def test_the_first_wrong_node_is_where_the_fault_is_never_above_it(root, pick):
    """A flipped sign at one node: the walk from the output blames that node, not one above it."""
    right = gradients(root)
    order = [v for v in right if v is not root and abs(right[v]) > 1e-3]
    assume(order)
    at = order[pick % len(order)]
    wrong = faulty_gradients(root, "sign_flip", at)
    diag = check_gradients(root, wrong)
    assert diag.first_wrong is at and diag.signature is not None
