"""Every op's local derivative against central differences (one table, Hypothesis inputs), its
second derivatives against central differences of the first, and the float semantics of each op."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, grad, no_grad, ops
from autograd.graph import topological_order

from .strategies import positive, reals

# name -> (the op it exercises, function of Values, strategy for each input). Inputs stay off kinks
# and inside domains. Every Op in autograd.ops needs a row: test_every_op_has_a_row fails otherwise.
OPS = {
    "add": (ops.Add, lambda a, b: a + b, [reals(), reals()]),
    "sub": (ops.Sub, lambda a, b: a - b, [reals(), reals()]),
    "mul": (ops.Mul, lambda a, b: a * b, [reals(), reals()]),
    "div": (ops.Div, lambda a, b: a / b, [reals(), reals(avoid=(0.0,), margin=0.2)]),
    "neg": (ops.Neg, lambda a: -a, [reals()]),
    "pow_const": (ops.PowConst, lambda a: a**3, [reals()]),
    "pow_frac": (ops.PowConst, lambda a: a**0.5, [positive]),
    # b = 0 is where the rule's "d/da = 0 when b = 0" convention cuts d2/(da db) = 1/a to 0.
    "pow_value": (ops.Pow, lambda a, b: a**b, [positive, reals(-2, 2, avoid=(0.0,))]),
    "rpow": (ops.Pow, lambda a: 2**a, [reals()]),
    "rsub": (ops.Sub, lambda a: 2 - a, [reals()]),
    "rdiv": (ops.Div, lambda a: 2 / a, [reals(avoid=(0.0,), margin=0.2)]),
    "exp": (ops.Exp, lambda a: a.exp(), [reals()]),
    "log": (ops.Log, lambda a: a.log(), [positive]),
    "sqrt": (ops.Sqrt, lambda a: a.sqrt(), [positive]),
    "abs": (ops.Abs, lambda a: a.abs(), [reals(avoid=(0.0,))]),
    "arctan": (ops.Arctan, lambda a: a.arctan(), [reals()]),
    "sin": (ops.Sin, lambda a: a.sin(), [reals()]),
    "cos": (ops.Cos, lambda a: a.cos(), [reals()]),
    "tanh": (ops.Tanh, lambda a: a.tanh(), [reals()]),
    "sigmoid": (ops.Sigmoid, lambda a: a.sigmoid(), [reals()]),
    "relu": (ops.ReLU, lambda a: a.relu(), [reals(avoid=(0.0,))]),
    "leaky_relu": (ops.LeakyReLU, lambda a: a.leaky_relu(0.1), [reals(avoid=(0.0,))]),
    "prelu": (ops.PReLU, lambda a, s: a.prelu(s), [reals(avoid=(0.0,)), reals(0, 1)]),
    "elu": (ops.ELU, lambda a: a.elu(0.7), [reals(avoid=(0.0,))]),
    "gelu": (ops.GELU, lambda a: a.gelu(), [reals()]),
    "swish": (ops.Swish, lambda a: a.swish(), [reals()]),
    "softplus": (ops.Softplus, lambda a: a.softplus(), [reals()]),
    "softsign": (ops.Softsign, lambda a: a.softsign(), [reals(avoid=(0.0,))]),
    "step": (ops.Step, lambda a: a.step() * a, [reals(avoid=(0.0,))]),
    "max": (ops.Max, lambda a, b, c: a.max(b, c), [reals(), reals(), reals()]),
    "sum": (ops.Sum, lambda a, b, c: Value.sum([a, b, c, 2.0]), [reals(), reals(), reals()]),
    "builtin_sum": (ops.Add, lambda a, b, c: sum([a, b, c]), [reals(), reals(), reals()]),
    "dot": (ops.Dot, lambda w1, w2, x1, x2, b: Value.dot([w1, w2], [x1, x2], b), [reals()] * 5),
    # The shifts have derivative 0: checked inside softmax and logsumexp, whose values do not depend on them.
    "max_shift": (ops.MaxShift, lambda a, b, c: _shifted_softmax(a, b, c), [reals(), reals(), reals()]),
    "finite_max_shift": (ops.FiniteMaxShift, lambda a, b, c: _shifted_logsumexp(a, b, c),
                         [reals(), reals(), reals()]),
    "clamped_log": (ops.ClampedLog, lambda a: Value.from_op(ops.ClampedLog, (a,)), [positive]),
    "pick": (ops.Pick, lambda a, b: Value.from_op(ops.Pick, (a, b, Value.constant(1.0))), [reals(), reals()]),
    "huber": (ops.Huber, lambda a: Value.from_op(ops.Huber, (a,), (1.5,)),
              [reals(avoid=(-1.5, 1.5), margin=0.05)]),
}


def _shifted_softmax(*xs):
    m = Value.from_op(ops.MaxShift, xs)
    exps = [(x - m).exp() for x in xs]
    return exps[0] / Value.sum(exps)


def _shifted_logsumexp(*xs):
    m = Value.from_op(ops.FiniteMaxShift, xs)
    return Value.sum([(x - m).exp() for x in xs]).log() + m


def _all_ops() -> set:
    """Every Op subclass defined in autograd.ops, including any not yet exported."""
    found, todo = set(), [ops.Op]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("autograd.ops") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found | {v for v in vars(ops).values() if isinstance(v, type) and issubclass(v, ops.Op) and v is not ops.Op}


def test_every_op_has_a_row():
    missing = sorted(op.__name__ for op in _all_ops() - {op for op, _, _ in OPS.values()})
    assert not missing, f"add a row to OPS for {missing}: each op's gradients are checked from that table"


@pytest.mark.parametrize("name", sorted(OPS))
def test_each_row_exercises_the_op_it_names(name):
    op, fn, strategies = OPS[name]
    out = fn(*(Value(0.5 + k) for k in range(len(strategies))))
    assert op.name in {node.op for node in topological_order(out)}, name


def _draw(name, data):
    """Inputs for one row, or None when they sit where the derivative does not exist."""
    _, _, strategies = OPS[name]
    xs = [data.draw(s) for s in strategies]
    if name == "max":  # keep the maximum unique, so the derivative exists
        ordered = sorted(xs)
        if ordered[-1] - ordered[-2] < 1e-2:
            return None
    return xs


def _numeric_grads(fn, xs, h=1e-6):
    grads = []
    with no_grad():
        for i in range(len(xs)):
            up = [Value(x + h if j == i else x) for j, x in enumerate(xs)]
            down = [Value(x - h if j == i else x) for j, x in enumerate(xs)]
            grads.append((fn(*up).data - fn(*down).data) / (2 * h))
    return grads


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_gradient_matches_central_differences(name, data):
    _, fn, _ = OPS[name]
    xs = _draw(name, data)
    if xs is None:
        return
    leaves = [Value(x) for x in xs]
    out = fn(*leaves)
    out.backward()
    for leaf, numeric in zip(leaves, _numeric_grads(fn, xs)):
        assert leaf.grad == pytest.approx(numeric, rel=1e-4, abs=1e-5), (name, xs)


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_differentiable_gradients_equal_float_gradients(name, data):
    """create_graph runs each op's rule on Values; it must give the same numbers as the float path."""
    _, fn, _ = OPS[name]
    xs = _draw(name, data)
    if xs is None:
        return
    leaves = [Value(x) for x in xs]
    fn(*leaves).backward()
    fast = [leaf.grad for leaf in leaves]
    as_values = grad(fn(*leaves), leaves, create_graph=True)
    for f, v in zip(fast, as_values):
        assert isinstance(v, Value)
        assert v.data == pytest.approx(f, rel=1e-12, abs=1e-12)


def _float_gradient(fn, xs):
    leaves = [Value(x) for x in xs]
    fn(*leaves).backward()
    return [leaf.grad for leaf in leaves]


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_second_derivatives_match_central_differences_of_the_first(name, data):
    """Every row's Hessian from create_graph=True against central differences of the float gradient.

    A local_grads rule that calls math.* on its inputs still passes the first-order tests (Value has
    __float__), but the gradient it builds no longer depends on the inputs: this test catches it.
    """
    _, fn, _ = OPS[name]
    xs = _draw(name, data)
    if xs is None:
        return
    leaves = [Value(x) for x in xs]
    firsts = grad(fn(*leaves), leaves, create_graph=True)
    for i, first in enumerate(firsts):
        seconds = grad(first, leaves, allow_unused=True)
        for j, d2 in enumerate(seconds):
            h = 1e-5 * max(1.0, abs(xs[j]))
            up = _float_gradient(fn, [x + h if k == j else x for k, x in enumerate(xs)])[i]
            down = _float_gradient(fn, [x - h if k == j else x for k, x in enumerate(xs)])[i]
            numeric = (up - down) / (2 * h)
            assert (0.0 if d2 is None else d2) == pytest.approx(numeric, rel=1e-4, abs=1e-5), (name, xs, i, j)


@pytest.mark.parametrize(
    "fn, second",
    [
        (lambda x: x.tanh(), lambda x: -2 * math.tanh(x) * (1 - math.tanh(x) ** 2)),
        (lambda x: x.sigmoid(), lambda x: (s := 1 / (1 + math.exp(-x))) * (1 - s) * (1 - 2 * s)),
        (lambda x: x.exp(), math.exp),
        (lambda x: x.log(), lambda x: -1 / x**2),
        (lambda x: x**3, lambda x: 6 * x),
        (lambda x: x.softplus(), lambda x: (s := 1 / (1 + math.exp(-x))) * (1 - s)),
        (lambda x: x.arctan(), lambda x: -2 * x / (1 + x * x) ** 2),
        (lambda x: x.sqrt(), lambda x: -0.25 * x**-1.5),
        (lambda x: x.sin(), lambda x: -math.sin(x)),
        (lambda x: x.cos(), lambda x: -math.cos(x)),
    ],
)
@settings(max_examples=25, deadline=None)
@given(x=reals(0.1, 3.0))
def test_second_derivative_matches_closed_form(fn, second, x):
    v = Value(x)
    (first,) = grad(fn(v), [v], create_graph=True)
    (d2,) = grad(first, [v])
    assert d2 == pytest.approx(second(x), rel=1e-9, abs=1e-12)


def test_newton_step_uses_the_second_derivative():
    # f(x) = x^3 - 2x - 5 (Newton's own example); one step from x = 2 lands on 2.1.
    x = Value(2.0)
    f = x**3 - 2 * x - 5
    (df,) = grad(f, [x], create_graph=True)
    (d2f,) = grad(df, [x])
    assert x.data - f.data / df.data == pytest.approx(2.1)
    assert d2f == pytest.approx(12.0)


# ---- float semantics (IEEE / PyTorch) --------------------------------------------------------

def test_log_of_zero_and_negative():
    assert Value(0.0).log().data == -math.inf
    assert math.isnan(Value(-1.0).log().data)


def test_sqrt_of_negative_is_nan():
    assert math.isnan(Value(-1.0).sqrt().data)


def test_fractional_power_of_negative_is_nan_not_complex():
    out = Value(-8.0) ** (1 / 3)
    assert isinstance(out.data, float) and math.isnan(out.data)
    out = Value(-8.0) ** Value(1 / 3)
    assert isinstance(out.data, float) and math.isnan(out.data)


def test_division_by_zero_gives_signed_infinity_and_nan():
    assert (Value(1.0) / 0).data == math.inf
    assert (Value(-1.0) / 0).data == -math.inf
    assert (Value(1.0) / -0.0).data == -math.inf
    assert math.isnan((Value(0.0) / 0).data)
    assert (1 / Value(0.0)).data == math.inf


def test_zero_to_a_negative_power_and_overflowing_powers_are_infinite():
    assert (Value(0.0) ** -1).data == math.inf
    assert (Value(10.0) ** 400).data == math.inf
    assert (Value(-10.0) ** 401).data == -math.inf
    assert (2 ** Value(5000.0)).data == math.inf


def test_exp_overflows_to_inf_without_error():
    x = Value(1000.0)
    y = x.exp()
    y.backward()
    assert y.data == math.inf and x.grad == math.inf


@pytest.mark.parametrize("x", [1000.0, -1000.0])
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "gelu", "swish", "elu"])
def test_activations_are_finite_with_finite_gradients_at_extremes(name, x):
    v = Value(x)
    out = getattr(v, name)()
    out.backward()
    assert math.isfinite(out.data) and math.isfinite(v.grad)


def test_extreme_values_are_exact():
    assert Value(1000.0).sigmoid().data == 1.0
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(-30.0).sigmoid().data == pytest.approx(math.exp(-30) / (1 + math.exp(-30)), rel=1e-15)
    assert Value(1000.0).softplus().data == 1000.0
    assert Value(-1000.0).softplus().data == 0.0
    assert Value(-50.0).softplus().data == pytest.approx(math.log1p(math.exp(-50)), rel=1e-15)
    assert Value(1000.0).tanh().data == 1.0 and Value(-1000.0).tanh().data == -1.0


# ---- conventions at kinks --------------------------------------------------------------------

@pytest.mark.parametrize(
    "fn, expected",
    [
        (lambda x: x.relu(), 0.0),  # ReLU'(0) = 0, as PyTorch
        (lambda x: x.leaky_relu(0.1), 0.1),
        (lambda x: x.abs(), 0.0),
        (lambda x: x.step(), 0.0),
        (lambda x: x.elu(1.0), 1.0),
    ],
)
def test_derivative_at_the_kink(fn, expected):
    x = Value(0.0)
    fn(x).backward()
    assert x.grad == expected


def test_step_is_one_at_zero_as_in_the_course_table():
    assert Value(0.0).step().data == 1.0
    assert Value(-0.1).step().data == 0.0


def test_max_shares_the_gradient_between_ties():
    a, b, c = Value(2.0), Value(2.0), Value(1.0)
    a.max(b, c).backward()
    assert (a.grad, b.grad, c.grad) == (0.5, 0.5, 0.0)


def test_max_propagates_nan():
    assert math.isnan(Value(1.0).max(Value(math.nan)).data)


def test_prelu_slope_learns():
    x, a = Value(-2.0), Value(0.25)
    y = x.prelu(a)
    y.backward()
    assert y.data == -0.5 and a.grad == -2.0 and x.grad == 0.25


def test_pow_gradient_conventions_match_pytorch():
    a, b = Value(0.0), Value(2.0)
    (a**b).backward()
    assert a.grad == 0.0 and b.grad == 0.0  # not 0 * log(0) = nan
    x = Value(3.0)
    (x**0).backward()
    assert x.grad == 0.0


def test_gelu_matches_the_course_formula():
    x = 0.7
    expected = 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    assert Value(x).gelu().data == pytest.approx(expected, rel=1e-15)


def test_the_max_shift_passes_no_gradient_and_falls_back_to_zero_when_infinite():
    a, b = Value(3.0), Value(1.0)
    m = Value.from_op(ops.MaxShift, (a, b))
    assert m.data == 3.0 and m.local_grads == (0.0, 0.0)
    inf = Value(math.inf)
    assert Value.from_op(ops.MaxShift, (inf, b)).data == math.inf
    assert Value.from_op(ops.FiniteMaxShift, (inf, b)).data == 0.0
    assert Value.from_op(ops.FiniteMaxShift, (Value(-math.inf), Value(-math.inf))).data == 0.0


@pytest.mark.parametrize("x", [0.0, 1e-50])
def test_clamped_log_is_minus_100_without_gradient_below_the_clamp(x):
    v = Value(x)
    out = Value.from_op(ops.ClampedLog, (v,))
    out.backward()
    assert out.data == -100.0 and v.grad == 0.0


@pytest.mark.parametrize("x", [-1.0, math.nan])
def test_clamped_log_keeps_nan_as_pytorch_does(x):
    # a broken prediction (nan, or a negative "probability") must not read as the finite loss 100:
    # torch.clamp(torch.log(x), min=-100) is nan there too
    v = Value(x)
    out = Value.from_op(ops.ClampedLog, (v,))
    out.backward()
    assert math.isnan(out.data) and math.isnan(v.grad)


def test_huber_is_quadratic_inside_delta_and_linear_outside():
    for d, value, slope in [(0.5, 0.125, 0.5), (-3.0, 2.0 * (3.0 - 1.0), -2.0), (0.0, 0.0, 0.0)]:
        v = Value(d)
        out = Value.from_op(ops.Huber, (v,), (2.0,))
        out.backward()
        assert (out.data, v.grad) == (value, slope)
