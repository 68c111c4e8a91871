"""Every op's value and gradient at nan, +-inf, signed zeros and its kinks, written out as a table.

The expected numbers follow PyTorch (float64, checked against torch 2.13 by the optional test at the
bottom). A row whose `torch` entry is a string is a deliberate difference; the string says why, and
the op's docstring and the README say the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from autograd import Value, ops

nan, inf = math.nan, math.inf


@dataclass(frozen=True)
class Case:
    op: type                  # the op class the row exercises
    expr: str                 # what the row computes, for the test id
    fn: Callable[..., Value]  # applied to Value(x) for each input
    inputs: tuple[float, ...]
    value: float
    grads: tuple[float, ...]  # d(value)/d(input) for each input
    torch: Any = None         # the same on tensors; None: no torch counterpart; str: a deliberate difference


def _torch(name: str) -> Callable:
    """A torch expression by name, resolved only when torch is installed."""
    def run(*ts):
        import torch
        F = torch.nn.functional
        table = {
            "relu": lambda t: torch.relu(t), "leaky": lambda t: F.leaky_relu(t, 0.01),
            "prelu": lambda t, a: F.prelu(t.reshape(1), a.reshape(1)).reshape(()),
            "elu": lambda t: F.elu(t, 1.0), "elu0.5": lambda t: F.elu(t, 0.5),
            "gelu": lambda t: F.gelu(t, approximate="tanh"), "silu": F.silu, "softplus": F.softplus,
            "softsign": F.softsign,
            "tanh": torch.tanh, "sigmoid": torch.sigmoid, "exp": torch.exp, "log": torch.log,
            "sqrt": torch.sqrt, "abs": torch.abs, "atan": torch.atan, "sin": torch.sin, "cos": torch.cos,
            "sq": lambda t: t**2, "inv": lambda t: t**-1, "pow0": lambda t: t**0, "cube": lambda t: t**3,
            "pow": lambda a, b: a**b, "add": lambda a, b: a + b, "sub": lambda a, b: a - b,
            "mul": lambda a, b: a * b, "div": lambda a, b: a / b, "neg": lambda t: -t,
            "max": lambda *xs: torch.stack(xs).max(),
            "sum": lambda *xs: torch.stack(xs).sum(),
            "dot": lambda w1, w2, x1, x2, b: b + w1 * x1 + w2 * x2,
        }
        return table[name](*ts)
    return run


C = Case
ROWS = [
    # ReLU: nan passes through with gradient 1 (PyTorch's backward tests x <= 0); ReLU'(0) = 0.
    C(ops.ReLU, "relu", lambda x: x.relu(), (nan,), nan, (1.0,), _torch("relu")),
    C(ops.ReLU, "relu", lambda x: x.relu(), (inf,), inf, (1.0,), _torch("relu")),
    C(ops.ReLU, "relu", lambda x: x.relu(), (-inf,), 0.0, (0.0,), _torch("relu")),
    C(ops.ReLU, "relu", lambda x: x.relu(), (0.0,), 0.0, (0.0,), _torch("relu")),
    C(ops.ReLU, "relu", lambda x: x.relu(), (-0.0,), -0.0, (0.0,), _torch("relu")),
    C(ops.LeakyReLU, "leaky_relu", lambda x: x.leaky_relu(0.01), (nan,), nan, (0.01,), _torch("leaky")),
    C(ops.LeakyReLU, "leaky_relu", lambda x: x.leaky_relu(0.01), (-inf,), -inf, (0.01,), _torch("leaky")),
    C(ops.LeakyReLU, "leaky_relu", lambda x: x.leaky_relu(0.01), (0.0,), 0.0, (0.01,), _torch("leaky")),
    C(ops.PReLU, "prelu", lambda x, a: x.prelu(a), (nan, 0.25), nan, (0.25, nan), _torch("prelu")),
    C(ops.PReLU, "prelu", lambda x, a: x.prelu(a), (-inf, 0.25), -inf, (0.25, -inf), _torch("prelu")),
    C(ops.PReLU, "prelu", lambda x, a: x.prelu(a), (0.0, 0.25), 0.0, (0.25, 0.0), _torch("prelu")),
    C(ops.PReLU, "prelu", lambda x, a: x.prelu(a), (inf, 0.25), inf, (1.0, 0.0), _torch("prelu")),
    # ELU: the x <= 0 branch's derivative elu(x) + alpha; at nan PyTorch takes the x > 0 branch.
    C(ops.ELU, "elu", lambda x: x.elu(1.0), (nan,), nan, (1.0,), _torch("elu")),
    C(ops.ELU, "elu", lambda x: x.elu(1.0), (-inf,), -1.0, (0.0,), _torch("elu")),
    C(ops.ELU, "elu", lambda x: x.elu(1.0), (inf,), inf, (1.0,), _torch("elu")),
    C(ops.ELU, "elu", lambda x: x.elu(0.5), (0.0,), 0.0, (0.5,), _torch("elu0.5")),
    C(ops.ELU, "elu", lambda x: x.elu(0.5), (-0.0,), -0.0, (0.5,), _torch("elu0.5")),
    # GELU (tanh form) and swish: 0 * inf inside the formula gives nan at the infinities, in PyTorch too.
    C(ops.GELU, "gelu", lambda x: x.gelu(), (nan,), nan, (nan,), _torch("gelu")),
    C(ops.GELU, "gelu", lambda x: x.gelu(), (inf,), inf, (nan,), _torch("gelu")),
    C(ops.GELU, "gelu", lambda x: x.gelu(), (-inf,), nan, (nan,), _torch("gelu")),
    C(ops.GELU, "gelu", lambda x: x.gelu(), (0.0,), 0.0, (0.5,), _torch("gelu")),
    C(ops.Swish, "swish", lambda x: x.swish(), (nan,), nan, (nan,), _torch("silu")),
    C(ops.Swish, "swish", lambda x: x.swish(), (inf,), inf, (nan,), _torch("silu")),
    C(ops.Swish, "swish", lambda x: x.swish(), (-inf,), nan, (nan,), _torch("silu")),
    C(ops.Swish, "swish", lambda x: x.swish(), (0.0,), 0.0, (0.5,), _torch("silu")),
    C(ops.Softplus, "softplus", lambda x: x.softplus(), (nan,), nan, (nan,), _torch("softplus")),
    C(ops.Softplus, "softplus", lambda x: x.softplus(), (inf,), inf, (1.0,), _torch("softplus")),
    C(ops.Softplus, "softplus", lambda x: x.softplus(), (-inf,), 0.0, (0.0,), _torch("softplus")),
    C(ops.Softplus, "softplus", lambda x: x.softplus(), (30.0,), 30.000000000000092, (0.9999999999999065,),
      "PyTorch returns x itself above its threshold x = 20; chalkgrad keeps the exact log1p(e^-x)"),
    # softsign: x / (1 + |x|) is inf / inf = nan at the infinities, in PyTorch too; d/dx = 1 at +-0.
    C(ops.Softsign, "softsign", lambda x: x.softsign(), (nan,), nan, (nan,), _torch("softsign")),
    C(ops.Softsign, "softsign", lambda x: x.softsign(), (inf,), nan, (nan,), _torch("softsign")),
    C(ops.Softsign, "softsign", lambda x: x.softsign(), (-inf,), nan, (nan,), _torch("softsign")),
    C(ops.Softsign, "softsign", lambda x: x.softsign(), (0.0,), 0.0, (1.0,), _torch("softsign")),
    C(ops.Softsign, "softsign", lambda x: x.softsign(), (-0.0,), -0.0, (1.0,), _torch("softsign")),
    C(ops.Tanh, "tanh", lambda x: x.tanh(), (nan,), nan, (nan,), _torch("tanh")),
    C(ops.Tanh, "tanh", lambda x: x.tanh(), (inf,), 1.0, (0.0,), _torch("tanh")),
    C(ops.Tanh, "tanh", lambda x: x.tanh(), (-inf,), -1.0, (0.0,), _torch("tanh")),
    C(ops.Sigmoid, "sigmoid", lambda x: x.sigmoid(), (nan,), nan, (nan,), _torch("sigmoid")),
    C(ops.Sigmoid, "sigmoid", lambda x: x.sigmoid(), (inf,), 1.0, (0.0,), _torch("sigmoid")),
    C(ops.Sigmoid, "sigmoid", lambda x: x.sigmoid(), (-inf,), 0.0, (0.0,), _torch("sigmoid")),
    # step has no PyTorch counterpart with a gradient; nan passes through like every other value.
    C(ops.Step, "step", lambda x: x.step(), (nan,), nan, (0.0,)),
    C(ops.Step, "step", lambda x: x.step(), (0.0,), 1.0, (0.0,)),
    C(ops.Step, "step", lambda x: x.step(), (-0.0,), 1.0, (0.0,)),
    C(ops.Step, "step", lambda x: x.step(), (-inf,), 0.0, (0.0,)),
    C(ops.Exp, "exp", lambda x: x.exp(), (nan,), nan, (nan,), _torch("exp")),
    C(ops.Exp, "exp", lambda x: x.exp(), (inf,), inf, (inf,), _torch("exp")),
    C(ops.Exp, "exp", lambda x: x.exp(), (-inf,), 0.0, (0.0,), _torch("exp")),
    C(ops.Exp, "exp", lambda x: x.exp(), (1000.0,), inf, (inf,), _torch("exp")),
    C(ops.Log, "log", lambda x: x.log(), (nan,), nan, (nan,), _torch("log")),
    C(ops.Log, "log", lambda x: x.log(), (inf,), inf, (0.0,), _torch("log")),
    C(ops.Log, "log", lambda x: x.log(), (-inf,), nan, (-0.0,), _torch("log")),
    C(ops.Log, "log", lambda x: x.log(), (0.0,), -inf, (inf,), _torch("log")),
    C(ops.Log, "log", lambda x: x.log(), (-0.0,), -inf, (-inf,), _torch("log")),
    C(ops.Log, "log", lambda x: x.log(), (-1.0,), nan, (-1.0,), _torch("log")),
    C(ops.Sqrt, "sqrt", lambda x: x.sqrt(), (nan,), nan, (nan,), _torch("sqrt")),
    C(ops.Sqrt, "sqrt", lambda x: x.sqrt(), (inf,), inf, (0.0,), _torch("sqrt")),
    C(ops.Sqrt, "sqrt", lambda x: x.sqrt(), (-inf,), nan, (nan,), _torch("sqrt")),
    C(ops.Sqrt, "sqrt", lambda x: x.sqrt(), (0.0,), 0.0, (inf,), _torch("sqrt")),
    C(ops.Sqrt, "sqrt", lambda x: x.sqrt(), (-0.0,), -0.0, (-inf,), _torch("sqrt")),
    C(ops.Sqrt, "sqrt", lambda x: x.sqrt(), (-1.0,), nan, (nan,), _torch("sqrt")),
    # |x|: d/dx = sign(x), 0 at the kink and at nan (PyTorch's sgn(nan) is 0).
    C(ops.Abs, "abs", lambda x: abs(x), (nan,), nan, (0.0,), _torch("abs")),
    C(ops.Abs, "abs", lambda x: abs(x), (-inf,), inf, (-1.0,), _torch("abs")),
    C(ops.Abs, "abs", lambda x: abs(x), (0.0,), 0.0, (0.0,), _torch("abs")),
    C(ops.Abs, "abs", lambda x: abs(x), (-0.0,), 0.0, (0.0,), _torch("abs")),
    C(ops.Arctan, "arctan", lambda x: x.arctan(), (nan,), nan, (nan,), _torch("atan")),
    C(ops.Arctan, "arctan", lambda x: x.arctan(), (inf,), math.pi / 2, (0.0,), _torch("atan")),
    C(ops.Arctan, "arctan", lambda x: x.arctan(), (-inf,), -math.pi / 2, (0.0,), _torch("atan")),
    # sin and cos: nan at the infinities (math.sin would raise); sin keeps the sign of a zero.
    C(ops.Sin, "sin", lambda x: x.sin(), (nan,), nan, (nan,), _torch("sin")),
    C(ops.Sin, "sin", lambda x: x.sin(), (inf,), nan, (nan,), _torch("sin")),
    C(ops.Sin, "sin", lambda x: x.sin(), (-inf,), nan, (nan,), _torch("sin")),
    C(ops.Sin, "sin", lambda x: x.sin(), (-0.0,), -0.0, (1.0,), _torch("sin")),
    C(ops.Cos, "cos", lambda x: x.cos(), (nan,), nan, (nan,), _torch("cos")),
    C(ops.Cos, "cos", lambda x: x.cos(), (inf,), nan, (nan,), _torch("cos")),
    C(ops.Cos, "cos", lambda x: x.cos(), (-inf,), nan, (nan,), _torch("cos")),
    C(ops.Cos, "cos", lambda x: x.cos(), (0.0,), 1.0, (0.0,), _torch("cos")),
    # x ** n with a number n: d/dx = n x^(n-1), and 0 when n = 0 (even at nan).
    C(ops.PowConst, "x**2", lambda x: x**2, (nan,), nan, (nan,), _torch("sq")),
    C(ops.PowConst, "x**2", lambda x: x**2, (-inf,), inf, (-inf,), _torch("sq")),
    C(ops.PowConst, "x**3", lambda x: x**3, (-inf,), -inf, (inf,), _torch("cube")),
    C(ops.PowConst, "x**-1", lambda x: x**-1, (0.0,), inf, (-inf,), _torch("inv")),
    C(ops.PowConst, "x**-1", lambda x: x**-1, (-0.0,), -inf, (-inf,), _torch("inv")),
    C(ops.PowConst, "x**-1", lambda x: x**-1, (inf,), 0.0, (-0.0,), _torch("inv")),
    C(ops.PowConst, "x**0", lambda x: x**0, (nan,), 1.0, (0.0,), _torch("pow0")),
    C(ops.PowConst, "x**0", lambda x: x**0, (0.0,), 1.0, (0.0,), _torch("pow0")),
    C(ops.PowConst, "x**0.5", lambda x: x**0.5, (0.0,), 0.0, (inf,), _torch("sqrt")),
    C(ops.PowConst, "x**0.5", lambda x: x**0.5, (-inf,), inf, (0.0,),
      "IEEE pow(-inf, 0.5) is +inf; PyTorch turns ** 0.5 into sqrt, which gives nan"),
    C(ops.PowConst, "x**(1/3)", lambda x: x ** (1 / 3), (-8.0,), nan, (nan,)),
    # a ** b with a Value exponent: d/db = a^b log(a), but 0 where a = 0 and b >= 0 (PyTorch's mask).
    C(ops.Pow, "a**b", lambda a, b: a**b, (0.0, 0.0), 1.0, (0.0, 0.0), _torch("pow")),
    C(ops.Pow, "a**b", lambda a, b: a**b, (0.0, 2.0), 0.0, (0.0, 0.0), _torch("pow")),
    C(ops.Pow, "a**b", lambda a, b: a**b, (0.0, -1.0), inf, (-inf, -inf), _torch("pow")),
    C(ops.Pow, "a**b", lambda a, b: a**b, (-8.0, 1 / 3), nan, (nan, nan), _torch("pow")),
    C(ops.Pow, "a**b", lambda a, b: a**b, (nan, 2.0), nan, (nan, nan), _torch("pow")),
    C(ops.Pow, "a**b", lambda a, b: a**b, (1.0, nan), 1.0, (nan, 0.0), _torch("pow")),
    C(ops.Add, "a+b", lambda a, b: a + b, (inf, -inf), nan, (1.0, 1.0), _torch("add")),
    C(ops.Sub, "a-b", lambda a, b: a - b, (inf, inf), nan, (1.0, -1.0), _torch("sub")),
    C(ops.Neg, "-a", lambda a: -a, (nan,), nan, (-1.0,), _torch("neg")),
    C(ops.Mul, "a*b", lambda a, b: a * b, (inf, 0.0), nan, (0.0, inf), _torch("mul")),
    C(ops.Div, "a/b", lambda a, b: a / b, (1.0, 0.0), inf, (inf, -inf), _torch("div")),
    C(ops.Div, "a/b", lambda a, b: a / b, (1.0, -0.0), -inf, (-inf, -inf), _torch("div")),
    C(ops.Div, "a/b", lambda a, b: a / b, (0.0, 0.0), nan, (inf, nan), _torch("div")),
    C(ops.Div, "a/b", lambda a, b: a / b, (inf, inf), nan, (0.0, nan), _torch("div")),
    C(ops.Div, "a/b", lambda a, b: a / b, (nan, 0.0), nan, (inf, nan), _torch("div")),
    # max: nan wins; ties (nan ties too) share the gradient evenly, as torch.max over a tensor.
    # The choices softmax, BCE and Huber make inside the graph: no counterpart op in PyTorch, but the same
    # numbers as its softmax / binary_cross_entropy / huber_loss (tests/nn/test_losses_compiled.py).
    C(ops.MaxShift, "max_shift", lambda *xs: Value.from_op(ops.MaxShift, xs), (1.0, 3.0), 3.0, (0.0, 0.0)),
    C(ops.MaxShift, "max_shift", lambda *xs: Value.from_op(ops.MaxShift, xs), (1.0, nan), nan, (0.0, 0.0)),
    C(ops.MaxShift, "max_shift", lambda *xs: Value.from_op(ops.MaxShift, xs), (inf, 1.0), inf, (0.0, 0.0)),
    C(ops.FiniteMaxShift, "finite_max_shift", lambda *xs: Value.from_op(ops.FiniteMaxShift, xs), (1.0, 3.0), 3.0,
      (0.0, 0.0)),
    C(ops.FiniteMaxShift, "finite_max_shift", lambda *xs: Value.from_op(ops.FiniteMaxShift, xs), (inf, 1.0), 0.0,
      (0.0, 0.0)),
    C(ops.FiniteMaxShift, "finite_max_shift", lambda *xs: Value.from_op(ops.FiniteMaxShift, xs), (-inf, -inf), 0.0,
      (0.0, 0.0)),
    C(ops.ClampedLog, "clamped_log", lambda x: Value.from_op(ops.ClampedLog, (x,)), (1.0,), 0.0, (1.0,)),
    C(ops.ClampedLog, "clamped_log", lambda x: Value.from_op(ops.ClampedLog, (x,)), (0.0,), -100.0, (0.0,)),
    C(ops.ClampedLog, "clamped_log", lambda x: Value.from_op(ops.ClampedLog, (x,)), (inf,), inf, (0.0,)),
    C(ops.ClampedLog, "clamped_log", lambda x: Value.from_op(ops.ClampedLog, (x,)), (nan,), nan, (nan,)),
    C(ops.Huber, "huber", lambda x: Value.from_op(ops.Huber, (x,), (1.0,)), (0.5,), 0.125, (0.5,)),
    C(ops.Huber, "huber", lambda x: Value.from_op(ops.Huber, (x,), (1.0,)), (-2.0,), 1.5, (-1.0,)),
    C(ops.Huber, "huber", lambda x: Value.from_op(ops.Huber, (x,), (1.0,)), (inf,), inf, (1.0,)),
    C(ops.Huber, "huber", lambda x: Value.from_op(ops.Huber, (x,), (1.0,)), (nan,), nan, (nan,)),
    C(ops.Pick, "pick", lambda *xs: Value.from_op(ops.Pick, xs), (2.0, 5.0, 1.0), 5.0, (0.0, 1.0, 0.0)),
    C(ops.Pick, "pick", lambda *xs: Value.from_op(ops.Pick, xs), (2.0, nan, 1.0), nan, (0.0, 1.0, 0.0)),
    C(ops.Pick, "pick", lambda *xs: Value.from_op(ops.Pick, xs), (2.0, 5.0, 7.0), nan, (0.0, 0.0, 0.0)),
    C(ops.Max, "max", lambda *xs: Value.max(*xs), (1.0, nan, 3.0, nan), nan, (0.0, 0.5, 0.0, 0.5),
      _torch("max")),
    C(ops.Max, "max", lambda *xs: Value.max(*xs), (3.0, 1.0, 3.0), 3.0, (0.5, 0.0, 0.5), _torch("max")),
    C(ops.Max, "max", lambda *xs: Value.max(*xs), (inf, 1.0, inf), inf, (0.5, 0.0, 0.5), _torch("max")),
    C(ops.Max, "max", lambda *xs: Value.max(*xs), (-inf, -inf), -inf, (0.5, 0.5), _torch("max")),
    C(ops.Sum, "sum", lambda *xs: Value.sum(xs), (inf, 1.0, -inf), nan, (1.0, 1.0, 1.0), _torch("sum")),
    C(ops.Dot, "dot", lambda w1, w2, x1, x2, b: Value.dot([w1, w2], [x1, x2], b),
      (inf, 1.0, 0.0, 2.0, 0.5), nan, (0.0, 2.0, inf, 1.0, 1.0), _torch("dot")),
]


def _same(a: float, b: float, signed_zero: bool = True) -> bool:
    """Equal as IEEE values, with nan equal to nan and (for values) the sign of a zero mattering.

    Gradients are compared without the sign of zero: `.grad` is a sum that starts from 0.0, and
    0.0 + -0.0 is 0.0, so a local derivative of -0.0 reads 0.0 (PyTorch keeps -0.0).
    """
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and (not signed_zero or math.copysign(1.0, a) == math.copysign(1.0, b))


def _run(case: Case) -> tuple[float, list[float]]:
    xs = [Value(x) for x in case.inputs]
    out = case.fn(*xs)
    out.backward()
    return out.data, [x.grad for x in xs]


def _id(case: Case) -> str:
    return f"{case.expr}{case.inputs}"


@pytest.mark.parametrize("case", ROWS, ids=_id)
def test_value_and_gradient_follow_the_table(case):
    value, grads = _run(case)
    assert _same(value, case.value), f"{_id(case)}: value {value!r}, table says {case.value!r}"
    for i, (got, want) in enumerate(zip(grads, case.grads, strict=True)):
        assert _same(got, want, signed_zero=False), f"{_id(case)}: d/dinput{i} = {got!r}, table says {want!r}"


@pytest.mark.parametrize("case", ROWS, ids=_id)
def test_the_differentiable_pass_follows_the_same_table(case):
    """backward(create_graph=True) re-runs each op's one rule on Values: the numbers must not change."""
    xs = [Value(x) for x in case.inputs]
    case.fn(*xs).backward(create_graph=True)
    for i, (x, want) in enumerate(zip(xs, case.grads, strict=True)):
        assert _same(x.grad.data, want, signed_zero=False), f"{_id(case)}: d/dinput{i} = {x.grad.data!r}"


def test_every_op_has_rows_in_the_table():
    covered = {case.op for case in ROWS}
    missing = [op.__name__ for op in ops.Op.__subclasses__() if op not in covered]
    assert not missing, f"add rows for {missing} to tests/autograd/test_ieee_table.py"


def test_every_deliberate_difference_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python semantics and differences from PyTorch", 1)
    assert len(section) == 2, "README.md lost its section on differences from PyTorch"
    for case in ROWS:
        if isinstance(case.torch, str):
            assert case.expr.split("(")[0] in section[1], f"README does not mention {case.expr}"


@pytest.mark.parametrize("case", [c for c in ROWS if callable(c.torch)], ids=_id)
def test_the_table_agrees_with_pytorch(case):
    torch = pytest.importorskip("torch")
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in case.inputs]
    out = case.torch(*ts)
    out.backward()
    assert _same(out.item(), case.value), f"{_id(case)}: torch value {out.item()!r}"
    for i, (t, want) in enumerate(zip(ts, case.grads, strict=True)):
        got = t.grad.item() if t.grad is not None else 0.0
        assert _same(got, want, signed_zero=False), f"{_id(case)}: torch d/dinput{i} = {got!r}, table says {want!r}"


@pytest.mark.parametrize("case", [c for c in ROWS if isinstance(c.torch, str)], ids=_id)
def test_each_deliberate_difference_really_differs_from_pytorch(case):
    """Keeps the table honest: if PyTorch changes its convention, this row must be revisited."""
    torch = pytest.importorskip("torch")
    ts = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in case.inputs]
    expr = {"softplus": lambda t: torch.nn.functional.softplus(t), "x**0.5": lambda t: t**0.5}[case.expr]
    out = expr(*ts)
    out.backward()
    same = _same(out.item(), case.value) and all(_same(t.grad.item(), g) for t, g in zip(ts, case.grads))
    assert not same, f"{_id(case)} now agrees with PyTorch: drop the difference from the table and README"
