"""Forward mode (`jvp`) on random graphs over every op, against backward() and central differences;
Hessian-vector products forward over reverse and reverse over forward; the errors it gives."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd import Value, grad, hvp, jvp

from .random_graphs import smooth_case
from .test_ops import OPS


def baydin():
    """f(x1, x2) = ln(x1) + x1·x2 − sin(x2) at (2, 5): Baydin et al. (JMLR 2018), tables 2 and 3."""
    x1, x2 = Value(2.0, "x1"), Value(5.0, "x2")
    return x1, x2, x1.log() + x1 * x2 - x2.sin()


def test_baydins_example():
    x1, x2, f = baydin()
    assert f.data == pytest.approx(11.652, abs=5e-4)
    assert jvp(f, {x1: 1.0}).derivative == 5.5
    assert jvp(f, {x2: 1.0}).derivative == pytest.approx(1.716, abs=5e-4)


def test_each_nodes_tangent_is_returned():
    x1, x2, f = baydin()
    derivative, tangents = jvp(f, {x1: 1.0})
    assert tangents[x1] == 1.0 and x2 not in tangents  # x2 carries no tangent: it adds no term
    log_node = f.parents[0].parents[0]
    assert tangents[log_node] == 0.5 and tangents[f] == derivative


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_jvp_on_random_graphs_matches_backward_and_central_differences(name, data):
    recipe, direction, numeric = smooth_case(data, must_use=name)
    leaves, root = recipe.build()
    derivative = jvp(root, dict(zip(leaves, direction)), allow_unused=True).derivative
    root.backward()
    by_backward = sum((leaf.grad or 0.0) * v for leaf, v in zip(leaves, direction))
    assert derivative == pytest.approx(by_backward, rel=1e-9, abs=1e-9)
    assert derivative == pytest.approx(numeric, rel=1e-4, abs=1e-5)


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_hessian_vector_products_three_ways(name, data):
    """Forward over reverse (hvp), reverse over forward (grad of a differentiable jvp), and central
    differences of the gradient along the direction: one answer."""
    recipe, direction, _ = smooth_case(data, must_use=name, n_steps=(0, 2))
    leaves, root = recipe.build()
    forward_over_reverse = hvp(root, leaves, direction)
    tangent = jvp(root, dict(zip(leaves, direction)), create_graph=True, allow_unused=True).derivative
    reverse_over_forward = grad(tangent, leaves, allow_unused=True)
    h = 1e-5

    def gradient(xs):
        ls, r = recipe.build(xs)
        return grad(r, ls, allow_unused=True)

    up = gradient([x + h * v for x, v in zip(recipe.leaves, direction)])
    down = gradient([x - h * v for x, v in zip(recipe.leaves, direction)])
    here = gradient(list(recipe.leaves))
    for i in range(len(leaves)):
        numeric = ((up[i] or 0.0) - (down[i] or 0.0)) / (2 * h)
        assume(math.isfinite(numeric) and abs(numeric) < 1e6)
        # A kink of the gradient (Huber's at |d| = delta: its slope jumps from 1 to 0 there, while the
        # function itself is smooth) has no second derivative: the one-sided slopes disagree. Skip it.
        ahead, behind = ((up[i] or 0.0) - (here[i] or 0.0)) / h, ((here[i] or 0.0) - (down[i] or 0.0)) / h
        assume(abs(ahead - behind) <= 1e-3 * (1 + abs(numeric)))
        fr = forward_over_reverse[i]
        rf = reverse_over_forward[i] or 0.0
        assert fr == pytest.approx(rf, rel=1e-9, abs=1e-9), (recipe, i)
        assert fr == pytest.approx(numeric, rel=1e-3, abs=1e-4), (recipe, i)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_forward_over_forward_gives_the_second_directional_derivative(data):
    recipe, direction, _ = smooth_case(data)
    leaves, root = recipe.build()
    seeds = dict(zip(leaves, direction))
    first = jvp(root, seeds, create_graph=True, allow_unused=True).derivative
    second = jvp(first, seeds, allow_unused=True).derivative  # vᵀ H v
    h = 1e-4

    def second_difference(centre: float) -> float:
        """(f(x + h v) - 2 f(x) + f(x - h v)) / h^2 around x + centre * h v."""
        at = [[x + (centre + s) * h * v for x, v in zip(recipe.leaves, direction)] for s in (1, 0, -1)]
        return (recipe.value(at[0]) - 2 * recipe.value(at[1]) + recipe.value(at[2])) / h**2

    numeric = second_difference(0)
    assume(math.isfinite(numeric) and abs(numeric) < 1e4)
    # Where the second derivative jumps (Huber at |d| = delta) there is none to compare: skip.
    assume(abs(second_difference(1) - second_difference(-1)) <= 1e-2 * (1 + abs(numeric)))
    assert second == pytest.approx(numeric, rel=1e-2, abs=1e-2)


def test_n_sweeps_give_the_gradient_that_one_backward_gives():
    xs = [Value(0.1 * k + 0.3) for k in range(6)]
    y = Value.sum(x.sin() * x for x in xs).tanh()
    y.backward()
    columns = [jvp(y, {x: 1.0}).derivative for x in xs]  # one sweep per input
    assert columns == pytest.approx([x.grad for x in xs], rel=1e-12)


def test_several_outputs_in_one_sweep_give_a_jacobian_column():
    x = Value(0.7, "x")
    outputs = [x.sin(), x.cos(), x * x]
    derivative, _ = jvp(outputs, {x: 1.0})
    assert derivative == pytest.approx([math.cos(0.7), -math.sin(0.7), 1.4], rel=1e-15)


def test_an_output_the_tangents_do_not_reach_has_derivative_zero():
    x, w = Value(1.0), Value(2.0)
    assert jvp([w.exp(), x], {x: 1.0}).derivative == [0.0, 1.0]
    differentiable = jvp([w.exp(), x], {x: 1.0}, create_graph=True).derivative
    assert [type(d) for d in differentiable] == [Value, Value]
    assert [d.data for d in differentiable] == [0.0, 1.0]


def test_a_leaf_without_a_tangent_adds_no_term_even_beside_an_infinite_derivative():
    # d(x*w)/dw = x = inf; w has no tangent, so no inf * 0 = nan appears (as PyTorch's forward mode).
    x, w = Value(math.inf), Value(2.0)
    assert jvp(w * x, {x: 1.0}).derivative == 2.0
    assert math.isnan(jvp(w * x, {x: 1.0, w: 0.0}).derivative)  # a given 0 is a term: inf * 0


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda x, y: jvp(y, [1.0]), TypeError, "map leaves to numbers"),
        (lambda x, y: jvp(y, {y: 1.0}), ValueError, "produced by"),
        (lambda x, y: jvp(y, {Value(3.0): 1.0}), ValueError, "allow_unused=True"),
        (lambda x, y: jvp(y, {x: "1"}), TypeError, "real number"),
        (lambda x, y: jvp(y, {x: Value(1.0)}), TypeError, "real number"),
        (lambda x, y: jvp(y, {1.0: 1.0}), TypeError, "keyed by Values"),
        (lambda x, y: jvp(2.0, {x: 1.0}), TypeError, "must be Values"),
        (lambda x, y: jvp([], {x: 1.0}), ValueError, "at least one output"),
        (lambda x, y: hvp(y, [x], [1.0, 2.0]), ValueError, "one number of the vector per input"),
    ],
)
def test_bad_input_is_refused_with_the_fix(call, error, words):
    x = Value(1.0)
    y = x.sin()
    with pytest.raises(error, match=words):
        call(x, y)


def test_jvp_changes_no_gradient():
    x1, x2, f = baydin()
    jvp(f, {x1: 1.0}, create_graph=True)
    assert x1.grad is None and x2.grad is None and f.grad is None
