"""backward(): PyTorch's semantics, iterative walk, create_graph, and grad()."""

import math

import pytest

from autograd import Value, grad


def test_root_gradient_is_one_and_chain_rule_applies():
    x, w = Value(3.0), Value(-2.0)
    y = (x * w).tanh()
    y.backward()
    assert y.grad == 1.0
    assert x.grad == pytest.approx((1 - math.tanh(-6) ** 2) * -2)


def test_reused_node_accumulates_over_both_paths():
    a = Value(3.0)
    b = a + a
    c = b * b
    c.backward()
    assert b.grad == 2 * b.data  # dc/db = 2b = 12
    assert a.grad == 24.0


def test_backward_twice_accumulates_leaves_and_recomputes_intermediates():
    a = Value(2.0)
    h = a * 3.0
    out = h * h
    out.backward()
    assert h.grad == 12.0 and a.grad == 36.0
    out.backward()
    assert h.grad == 12.0  # recomputed, not doubled
    assert a.grad == 72.0  # leaves accumulate, as in PyTorch
    a.zero_grad()
    out.backward()
    assert a.grad == 36.0


def test_backward_on_a_leaf():
    x = Value(5.0)
    x.backward()
    assert x.grad == 1.0
    x.backward()
    assert x.grad == 2.0


def test_custom_seed_gradient():
    x = Value(2.0)
    (x * x).backward(gradient=0.5)
    assert x.grad == 2.0


def test_gradients_stay_readable_on_intermediate_nodes():
    # The textbook's Err_j is minus the gradient of unit j's net input.
    x, w, b = Value(1.0), Value(0.5), Value(0.1)
    net = w * x + b
    out = net.sigmoid()
    loss = 0.5 * (1 - out) ** 2
    loss.backward()
    expected = -(out.data * (1 - out.data) * (1 - out.data))
    assert net.grad == pytest.approx(expected)


def test_never_reached_nodes_keep_grad_none():
    a, unused = Value(1.0), Value(2.0)
    (a * 2).backward()
    assert unused.grad is None


def test_million_node_chain_has_no_recursion_limit():
    x0 = Value(1.0)
    x = x0
    for _ in range(1_000_000):
        x = x + 1e-6
    x.backward()
    assert x0.grad == 1.0
    assert x.data == pytest.approx(2.0)


def test_deep_chain_of_unary_ops():
    x0 = Value(0.5)
    x = x0
    for _ in range(200_000):
        x = x.tanh()
    x.backward()
    assert math.isfinite(x0.grad) and x0.grad > 0


def test_create_graph_makes_gradients_values():
    x = Value(0.5)
    y = x.tanh()
    y.backward(create_graph=True)
    g = x.grad
    assert isinstance(g, Value) and g.data == pytest.approx(1 - math.tanh(0.5) ** 2)
    x.grad = None
    g.backward()
    assert x.grad == pytest.approx(-2 * math.tanh(0.5) * (1 - math.tanh(0.5) ** 2))


def test_grad_does_not_touch_dot_grad():
    x = Value(3.0)
    x.grad = 7.0
    y = x * x
    (dx,) = grad(y, [x])
    assert dx == 6.0 and x.grad == 7.0 and y.grad is None


def test_grad_of_an_unused_input():
    x, z = Value(1.0), Value(2.0)
    with pytest.raises(ValueError, match="not used"):
        grad(x * 2, [z])
    assert grad(x * 2, [x, z], allow_unused=True) == [2.0, None]


def test_grad_rejects_non_values():
    with pytest.raises(TypeError, match="Values"):
        grad(Value(1.0), [1.0])


def test_third_derivative():
    x = Value(0.3)
    (d1,) = grad(x**4, [x], create_graph=True)
    (d2,) = grad(d1, [x], create_graph=True)
    (d3,) = grad(d2, [x])
    assert d3 == pytest.approx(24 * 0.3)


def test_nan_propagates_through_backward():
    x = Value(-1.0)
    y = x.log()
    y.backward()
    assert math.isnan(y.data) and x.grad == -1.0
    z = Value(0.0)
    (z.sqrt()).backward()
    assert z.grad == math.inf


def test_gradient_graph_has_no_seed_or_times_one_nodes():
    x = Value(0.5, "x")
    y = x.tanh()
    (dy,) = grad(y, [x], create_graph=True)
    assert dy.op == "-"  # 1 - tanh(x)^2 itself, not (1 - tanh^2) * 1
    (dz,) = grad(x + 2.0, [x], create_graph=True)
    assert isinstance(dz, Value) and dz.data == 1.0 and dz.role == "constant"


# ---- the seed gradient is checked before any .grad changes ------------------------------------------

def test_backward_with_a_bad_gradient_changes_nothing():
    np = pytest.importorskip("numpy")
    for bad, fragment in [("a", "got str 'a'"), (np.array([1.0, 2.0]), "numpy.ndarray"),
                          (True, "got bool"), (None, "got NoneType")]:
        a = Value(2.0)
        b = a * 3
        b.backward()
        with pytest.raises(TypeError, match=fragment):
            b.backward(gradient=bad)
        assert a.grad == 3.0 and b.grad == 1.0, bad


def test_backward_accepts_numpy_scalars_as_plain_floats():
    np = pytest.importorskip("numpy")
    a = Value(2.0)
    (a * 3).backward(gradient=np.float64(2.0))
    assert type(a.grad) is float and a.grad == 6.0


def test_backward_with_a_value_gradient_needs_create_graph():
    a = Value(2.0)
    with pytest.raises(TypeError, match="gradient=g.data"):
        (a * 3).backward(gradient=Value(1.0))
    assert a.grad is None
