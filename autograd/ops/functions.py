"""Elementary functions: exp, log, sqrt, abs, arctan, sin, cos."""

from __future__ import annotations

import math

from .. import floatmath
from .base import Op, call, div, num

__all__ = ["Exp", "Log", "Sqrt", "Abs", "Arctan", "Sin", "Cos"]


class Exp(Op):
    """e^x;  d/dx = e^x  (inf instead of OverflowError past x ~ 709.8)"""

    name = "exp"

    @staticmethod
    def forward(x):
        return floatmath.exp(x)

    @staticmethod
    def local_grads(out, x):
        return (out,)


class Log(Op):
    """ln(x);  d/dx = 1/x  (log(0) = -inf, log(x < 0) = nan)"""

    name = "log"

    @staticmethod
    def forward(x):
        return floatmath.log(x)

    @staticmethod
    def local_grads(out, x):
        return (div(1.0, x),)


class Sqrt(Op):
    """sqrt(x);  d/dx = 1 / (2 sqrt(x))  (sqrt(x < 0) = nan, d/dx at 0 = inf)"""

    name = "sqrt"

    @staticmethod
    def forward(x):
        return floatmath.sqrt(x)

    @staticmethod
    def local_grads(out, x):
        return (div(0.5, out),)


class Abs(Op):
    """|x|;  d/dx = sign(x), and 0 at the kink x = 0 (as PyTorch)"""

    name = "abs"

    @staticmethod
    def forward(x):
        return abs(x)

    @staticmethod
    def local_grads(out, x):
        v = num(x)
        return (1.0 if v > 0 else -1.0 if v < 0 else 0.0,)


class Arctan(Op):
    """arctan(x);  d/dx = 1 / (1 + x^2)"""

    name = "arctan"
    activation = True  # in the course's activation tables

    @staticmethod
    def forward(x):
        return math.atan(x)

    @staticmethod
    def local_grads(out, x):
        return (div(1.0, 1.0 + x * x),)


class Sin(Op):
    """sin(x);  d/dx = cos(x)  (sin(+-inf) = nan as IEEE says; math.sin would raise ValueError)"""

    name = "sin"

    @staticmethod
    def forward(x):
        return math.sin(x) if math.isfinite(x) else math.nan

    @staticmethod
    def local_grads(out, x):
        return (call(Cos, x),)


class Cos(Op):
    """cos(x);  d/dx = -sin(x)  (cos(+-inf) = nan, as for sin)"""

    name = "cos"

    @staticmethod
    def forward(x):
        return math.cos(x) if math.isfinite(x) else math.nan

    @staticmethod
    def local_grads(out, x):
        return (-call(Sin, x),)
