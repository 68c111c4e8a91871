"""Activation functions from the course's tables, each with its derivative.

Kinks follow PyTorch: the derivative at the kink is the one for x <= 0 (so ReLU'(0) = 0).
nan also follows PyTorch: it propagates through every value (relu(nan) is nan, never 0), and a
piecewise derivative takes the branch PyTorch's test picks for nan (tests/autograd/test_ieee_table.py).
"""

from __future__ import annotations

import math

from .. import floatmath
from .base import Op, call, div, num

__all__ = ["Tanh", "Sigmoid", "ReLU", "LeakyReLU", "PReLU", "ELU", "GELU", "Swish", "Softplus", "Softsign", "Step"]

_GELU_C = math.sqrt(2.0 / math.pi)
_GELU_A = 0.044715


class Tanh(Op):
    """tanh(x);  d/dx = 1 - tanh(x)^2"""

    name = "tanh"
    activation = True

    @staticmethod
    def forward(x):
        return math.tanh(x)

    @staticmethod
    def local_grads(out, x):
        return (1.0 - out * out,)


class Sigmoid(Op):
    """sigmoid(x) = 1 / (1 + e^-x);  d/dx = sigmoid(x) * (1 - sigmoid(x))"""

    name = "sigmoid"
    activation = True
    aliases = ("logistic",)

    @staticmethod
    def forward(x):
        return floatmath.sigmoid(x)

    @staticmethod
    def local_grads(out, x):
        return (out * (1.0 - out),)


class ReLU(Op):
    """relu(x) = max(0, x);  d/dx = 0 if x <= 0 else 1   (relu(nan) = nan with d/dx = 1, as PyTorch)"""

    name = "relu"
    activation = True

    @staticmethod
    def forward(x):
        # Written as "x unless x < 0" so that nan passes through (and -0.0 stays -0.0), as in PyTorch.
        return 0.0 if x < 0 else x

    @staticmethod
    def local_grads(out, x):
        # Two constant tuples rather than a new tuple per node: the commonest unit allocates less.
        return (0.0,) if num(x) <= 0 else (1.0,)


class LeakyReLU(Op):
    """leaky_relu(x) = x if x > 0 else slope * x;  d/dx = 1 if x > 0 else slope"""

    name = "leaky_relu"
    activation = True
    defaults = (0.01,)  # PyTorch's default slope

    @staticmethod
    def forward(x, slope):
        return x if x > 0 else slope * x

    @staticmethod
    def local_grads(out, x, slope):
        return (1.0 if num(x) > 0 else slope,)


class PReLU(Op):
    """prelu(x, a) = x if x > 0 else a * x, with a learnable slope a;
    d/dx = 1 if x > 0 else a,  d/da = 0 if x > 0 else x"""

    name = "prelu"

    @staticmethod
    def forward(x, a):
        return x if x > 0 else a * x

    @staticmethod
    def local_grads(out, x, a):
        return (1.0, 0.0) if num(x) > 0 else (a, x)


class ELU(Op):
    """elu(x) = x if x > 0 else alpha * (e^x - 1);  d/dx = elu(x) + alpha if x <= 0 else 1
    (at nan: elu = nan with d/dx = 1, as PyTorch)"""

    name = "elu"
    activation = True
    defaults = (1.0,)  # alpha

    @staticmethod
    def forward(x, alpha):
        return x if x > 0 else alpha * floatmath.expm1(x)

    @staticmethod
    def local_grads(out, x, alpha):
        return (out + alpha if num(x) <= 0 else 1.0,)


class GELU(Op):
    """gelu(x) = 0.5 x (1 + tanh(u)),  u = sqrt(2/pi) (x + 0.044715 x^3)  (the tanh form in the course);
    d/dx = 0.5 (1 + tanh(u)) + 0.5 x (1 - tanh(u)^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2)"""

    name = "gelu"
    activation = True

    @staticmethod
    def forward(x):
        return 0.5 * x * (1.0 + math.tanh(_GELU_C * (x + _GELU_A * x * x * x)))

    @staticmethod
    def local_grads(out, x):
        t = call(Tanh, _GELU_C * (x + _GELU_A * x * x * x))
        return (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * _GELU_C * (1.0 + 3 * _GELU_A * x * x),)


class Swish(Op):
    """swish(x) = silu(x) = x * sigmoid(x);  d/dx = s + x s (1 - s),  s = sigmoid(x)"""

    name = "swish"
    activation = True
    aliases = ("silu",)  # PyTorch's name

    @staticmethod
    def forward(x):
        return x * floatmath.sigmoid(x)

    @staticmethod
    def local_grads(out, x):
        s = call(Sigmoid, x)
        return (s + x * s * (1.0 - s),)


class Softplus(Op):
    """softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|);  d/dx = sigmoid(x)

    Unlike PyTorch there is no threshold (PyTorch returns x itself above x = 20): the value stays exact."""

    name = "softplus"
    activation = True

    @staticmethod
    def forward(x):
        return floatmath.softplus(x)

    @staticmethod
    def local_grads(out, x):
        return (call(Sigmoid, x),)


class Softsign(Op):
    """softsign(x) = x / (1 + |x|);  d/dx = 1 / (1 + |x|)^2

    The derivative is computed as (softsign(x) / x)^2, the same number to the last bit or two, and
    nan at x = +-inf as in PyTorch (where the value x / (1 + |x|) is inf / inf = nan too)."""

    name = "softsign"
    activation = True

    @staticmethod
    def forward(x):
        return x / (1.0 + abs(x))

    @staticmethod
    def local_grads(out, x):
        return (1.0 if num(x) == 0 else div(out, x) ** 2,)


class Step(Op):
    """binary step(x) = 1 if x >= 0 else 0 (as in the course's table), step(nan) = nan;
    d/dx = 0 everywhere (the jump at 0 is ignored, as for PyTorch's sign)"""

    name = "step"
    activation = True
    aliases = ("binary_step",)

    @staticmethod
    def forward(x):
        return 1.0 if x >= 0 else 0.0 if x < 0 else x  # nan is neither: it passes through

    @staticmethod
    def local_grads(out, x):
        return (0.0,)
