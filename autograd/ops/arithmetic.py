"""The arithmetic operators: + - * / ** and unary minus."""

from __future__ import annotations

from collections.abc import Sequence

from .. import floatmath
from .base import Infix, Op, call, div, num, pow

__all__ = ["Add", "Sub", "Mul", "Div", "Neg", "PowConst", "Pow"]


class Add(Infix, Op):
    """a + b;  d/da = 1,  d/db = 1"""

    name = "+"
    adds_inputs = True

    @staticmethod
    def forward(a, b):
        return a + b

    @staticmethod
    def local_grads(out, a, b):
        return (1.0, 1.0)


class Sub(Infix, Op):
    """a - b;  d/da = 1,  d/db = -1"""

    name = "-"

    @staticmethod
    def forward(a, b):
        return a - b

    @staticmethod
    def local_grads(out, a, b):
        return (1.0, -1.0)


class Mul(Infix, Op):
    """a * b;  d/da = b,  d/db = a"""

    name = "*"

    @staticmethod
    def forward(a, b):
        return a * b

    @staticmethod
    def local_grads(out, a, b):
        return (b, a)


class Div(Infix, Op):
    """a / b;  d/da = 1/b,  d/db = -a/b^2  (x/0 = +-inf, 0/0 = nan, as IEEE)"""

    name = "/"

    @staticmethod
    def forward(a, b):
        return floatmath.div(a, b)

    @staticmethod
    def local_grads(out, a, b):
        return (div(1.0, b), div(-a, b * b))


class Neg(Op):
    """-a;  d/da = -1"""

    name = "neg"

    @classmethod
    def symbol(cls, n_inputs, params=()):
        return "-"

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        (x,) = inputs
        return f"-{x}" if x[:1].isalpha() or x[:1] in "_#(" else f"-({x})"  # -a, -#4, but -(0.5), not -0.5

    @staticmethod
    def forward(a):
        return -a

    @staticmethod
    def local_grads(out, a):
        return (-1.0,)


def _base(x: str) -> str:
    """A negative number as a power's base in brackets: (-2) ** 2 is 4, but -2 ** 2 reads as -4."""
    return f"({x})" if x.startswith("-") else x


class PowConst(Op):
    """x ** n for a number n;  d/dx = n * x^(n-1)  (0 when n = 0, as PyTorch)

    IEEE pow throughout, so (-inf) ** 0.5 = +inf where PyTorch, which computes ** 0.5 as sqrt, gives nan."""

    name = "**"

    @classmethod
    def symbol(cls, n_inputs, params=()):
        return f"**{params[0]:g}"

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        return f"{_base(inputs[0])} ** {params[0]}"

    @staticmethod
    def forward(x, n):
        return floatmath.pow(x, n)

    @staticmethod
    def local_grads(out, x, n):
        return (0.0 if n == 0 else n * pow(x, n - 1),)


class Pow(Infix, Op):
    """a ** b for a Value exponent;  d/da = b * a^(b-1),  d/db = a^b * log(a)

    As PyTorch: d/da is 0 when b = 0, and d/db is 0 when a = 0 and b >= 0 (where a^b * log(a)
    would be 0 * -inf); for a < 0, log(a) is nan and so is d/db.
    """

    name = "**"

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        return f"{_base(inputs[0])} ** {inputs[1]}"

    @staticmethod
    def forward(a, b):
        return floatmath.pow(a, b)

    @staticmethod
    def local_grads(out, a, b):
        d_base = 0.0 if num(b) == 0 else b * pow(a, b - 1)
        d_exponent = 0.0 if num(a) == 0 and num(b) >= 0 else out * call(Log, a)
        return (d_base, d_exponent)


from .functions import Log  # noqa: E402  (Pow's rule uses log; functions.py does not import this file)
