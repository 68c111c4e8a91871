"""Dual numbers, forward mode's other classic form: a + b·ε with ε² = 0 carries a value and its
tangent through ordinary arithmetic, no graph recorded. Each operation uses its op's own rules."""

from __future__ import annotations

from typing import Any

from . import ops
from .checks import is_real


class Dual:
    """value + tangent·ε, where ε² = 0. Taylor's expansion stops after one term, so
    f(a + b·ε) = f(a) + f'(a)·b·ε: applying f to a dual number gives f and its directional derivative.

    (a + bε)(c + dε) = ac + (ad + bc)ε is the product rule; sin(a + bε) = sin a + cos(a)·b·ε is the
    chain rule. Rather than a second copy of those formulas, every operation here asks its op class
    for ``forward`` and ``local_grads`` (the rules `Value` records and backward uses):
    tangent = Σ ∂out/∂input_k · tangent_k, the same sum `jvp` makes on a graph. A plain number
    beside a Dual is a constant: it adds no term.

        x1, x2 = Dual(2.0, 1.0), Dual(5.0)     # ẋ1 = 1, ẋ2 = 0
        f = x1.log() + x1 * x2 - x2.sin()      # Dual(11.65 + 5.5ε): ∂f/∂x1 = 5.5
    """

    __slots__ = ("value", "tangent")

    def __init__(self, value: float, tangent: float = 0.0) -> None:
        for name, x in (("value", value), ("tangent", tangent)):
            if isinstance(x, Dual) or not is_real(x):
                raise TypeError(f"Dual {name} must be a real number, got {type(x).__name__} {x!r}")
        self.value, self.tangent = float(value), float(tangent)

    def __repr__(self) -> str:
        sign = "-" if self.tangent < 0 else "+"
        return f"Dual({self.value:.6g} {sign} {abs(self.tangent):.6g}ε)"

    # ---- arithmetic (a number on either side is a constant) ----------------------------------
    def __add__(self, other: Any) -> Dual:
        return _apply(ops.Add, self, other)

    def __radd__(self, other: Any) -> Dual:
        return _apply(ops.Add, other, self)

    def __sub__(self, other: Any) -> Dual:
        return _apply(ops.Sub, self, other)

    def __rsub__(self, other: Any) -> Dual:
        return _apply(ops.Sub, other, self)

    def __mul__(self, other: Any) -> Dual:
        return _apply(ops.Mul, self, other)

    def __rmul__(self, other: Any) -> Dual:
        return _apply(ops.Mul, other, self)

    def __truediv__(self, other: Any) -> Dual:
        return _apply(ops.Div, self, other)

    def __rtruediv__(self, other: Any) -> Dual:
        return _apply(ops.Div, other, self)

    def __pow__(self, exponent: Any) -> Dual:
        if isinstance(exponent, Dual):
            return _apply(ops.Pow, self, exponent)
        return _apply(ops.PowConst, self, params=(_number(exponent, "exponent"),))

    def __rpow__(self, base: Any) -> Dual:
        return _apply(ops.Pow, base, self)

    def __neg__(self) -> Dual:
        return _apply(ops.Neg, self)

    def __abs__(self) -> Dual:
        return _apply(ops.Abs, self)

    # ---- functions and activations, under Value's names ---------------------------------------
    def exp(self) -> Dual:
        return _apply(ops.Exp, self)

    def log(self) -> Dual:
        return _apply(ops.Log, self)

    def sqrt(self) -> Dual:
        return _apply(ops.Sqrt, self)

    def abs(self) -> Dual:
        return _apply(ops.Abs, self)

    def arctan(self) -> Dual:
        return _apply(ops.Arctan, self)

    def sin(self) -> Dual:
        return _apply(ops.Sin, self)

    def cos(self) -> Dual:
        return _apply(ops.Cos, self)

    def tanh(self) -> Dual:
        return _apply(ops.Tanh, self)

    def sigmoid(self) -> Dual:
        return _apply(ops.Sigmoid, self)

    def relu(self) -> Dual:
        return _apply(ops.ReLU, self)

    def leaky_relu(self, slope: float = 0.01) -> Dual:
        return _apply(ops.LeakyReLU, self, params=(_number(slope, "slope"),))

    def prelu(self, slope: Any) -> Dual:
        return _apply(ops.PReLU, self, slope)

    def elu(self, alpha: float = 1.0) -> Dual:
        return _apply(ops.ELU, self, params=(_number(alpha, "alpha"),))

    def gelu(self) -> Dual:
        return _apply(ops.GELU, self)

    def swish(self) -> Dual:
        return _apply(ops.Swish, self)

    silu = swish

    def softplus(self) -> Dual:
        return _apply(ops.Softplus, self)

    def step(self) -> Dual:
        return _apply(ops.Step, self)

    def max(self, *others: Any) -> Dual:
        return _apply(ops.Max, self, *others)


def _number(x: Any, what: str) -> float:
    if isinstance(x, Dual) or not is_real(x):
        raise TypeError(f"{what} must be a real number, got {type(x).__name__} {x!r}")
    return float(x)


def _apply(op: type[ops.Op], *args: Any, params: tuple = ()) -> Dual:
    """op on dual numbers: the value by the op's forward, the tangent by its local derivatives."""
    for a in args:
        if not isinstance(a, Dual) and (isinstance(a, bool) or not is_real(a)):
            return NotImplemented  # let Python say which operand types do not mix
    values = [a.value if isinstance(a, Dual) else float(a) for a in args]
    out = op.forward(*values, *params)
    tangent = 0.0
    for a, d in zip(args, op.local_grads(out, *values, *params)):
        if isinstance(a, Dual):  # a constant adds no term (so its inf · 0 is never a nan)
            tangent += d * a.tangent
    return Dual(out, tangent)
