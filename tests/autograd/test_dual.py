"""Dual numbers against forward mode on the graph: the same ops, the same tangents."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Dual, Value, jvp

from .random_graphs import smooth_case
from .test_ops import OPS

# Value.sum and Value.dot build fused graph nodes; a dual number has no graph, so no fused nodes. The
# ops softmax and the losses build with Value.from_op (the max shift, the clamped log, Huber, pick)
# have no method of their own, on a Value or a Dual.
ROWS = tuple(sorted(name for name in OPS if name not in (
    "sum", "dot", "max_shift", "finite_max_shift", "clamped_log", "huber", "pick")))


def test_baydins_example_by_dual_numbers():
    x1, x2 = Dual(2.0, 1.0), Dual(5.0)
    f = x1.log() + x1 * x2 - x2.sin()
    assert f.value == pytest.approx(11.652071455223084, rel=1e-15) and f.tangent == 5.5
    x1, x2 = Dual(2.0), Dual(5.0, 1.0)
    assert (x1.log() + x1 * x2 - x2.sin()).tangent == pytest.approx(2 - math.cos(5.0), rel=1e-15)
    assert repr(x1 * x2 - 11) == "Dual(-1 + 2ε)"


@pytest.mark.parametrize("name", ROWS)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_dual_numbers_agree_with_jvp_on_random_graphs(name, data):
    recipe, direction, _ = smooth_case(data, must_use=name, rows=ROWS)
    leaves, root = recipe.build()
    dual = recipe.apply([Dual(x, v) for x, v in zip(recipe.leaves, direction)])
    assert dual.value == root.data
    assert dual.tangent == pytest.approx(jvp(root, dict(zip(leaves, direction)), allow_unused=True).derivative,
                                         rel=1e-12, abs=1e-12), recipe


def test_a_number_beside_a_dual_is_a_constant_as_a_leaf_without_a_tangent_in_jvp():
    # d(x*c)/dc = x = inf: a plain number adds no term, a Dual with tangent 0 adds inf * 0 = nan.
    assert (Dual(math.inf, 1.0) * 2.0).tangent == 2.0
    assert math.isnan((Dual(math.inf, 1.0) * Dual(2.0, 0.0)).tangent)
    x, c = Value(math.inf), Value(2.0)
    assert jvp(x * c, {x: 1.0}).derivative == 2.0 and math.isnan(jvp(x * c, {x: 1.0, c: 0.0}).derivative)


@pytest.mark.parametrize("bad", ["2", None, Value(1.0), Dual(1.0)])
def test_value_and_tangent_must_be_real_numbers(bad):
    with pytest.raises(TypeError, match="value must be a real number"):
        Dual(bad)
    with pytest.raises(TypeError, match="tangent must be a real number"):
        Dual(1.0, bad)


def test_mixing_with_other_types_fails_as_python_does():
    with pytest.raises(TypeError):
        Dual(1.0) + "a"
