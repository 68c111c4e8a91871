"""Ops that make a choice on the numbers inside the graph, so the choice is replayed with the graph:
the max shift of softmax and logsumexp (a constant, derivative 0), BCE's clamped log, Huber's two pieces,
and the score a class index picks.

A Python ``if`` on ``.data`` in a loss would build a different graph for different data, which no
compiled replay could follow; an op decides again at every step, in the engine and in generated code.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .. import floatmath
from .base import Op, div, num
from .reductions import Max

__all__ = ["MaxShift", "FiniteMaxShift", "ClampedLog", "Huber", "Pick"]


class MaxShift(Op):
    """m = max(x_1, ..., x_n), the shift that keeps softmax's exp from overflowing;  d/dx_i = 0

    softmax(x - m) = softmax(x) for every constant m, so the shift is a constant: no gradient flows
    through it (the contributions through m cancel exactly). nan when an input is nan.
    """

    name = "max shift"

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        return f"max({', '.join(inputs)}) (a constant shift)"

    @staticmethod
    def forward(*xs):
        return Max.forward(*xs)

    @staticmethod
    def local_grads(out, *xs):
        return (0.0,) * len(xs)


class FiniteMaxShift(Op):
    """m = max(x_1, ..., x_n) when finite, else 0: logsumexp's shift;  d/dx_i = 0

    With an infinite max, x - m would be nan (inf - inf); the unshifted sum gives the limit (inf, or
    log 0 = -inf when every x_i is -inf), so the shift is then 0.
    """

    name = "max shift"
    formula = MaxShift.formula

    @staticmethod
    def forward(*xs):
        m = MaxShift.forward(*xs)
        return m if math.isfinite(m) else 0.0

    @staticmethod
    def local_grads(out, *xs):
        return (0.0,) * len(xs)


class ClampedLog(Op):
    """max(log(x), -100), PyTorch's clamp in binary cross-entropy;  d/dx = 1/x, and 0 where clamped

    log(0) = -inf would make the loss infinite; the clamp caps a term at 100. Where it acts (0 <= x <= e^-100)
    the result is the constant -100, which passes no gradient. nan (from nan, or a negative x) stays nan,
    as in PyTorch: a broken prediction must not read as a finite loss.
    """

    name = "clamped_log"

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        return f"max(log({inputs[0]}), -100)"

    @staticmethod
    def forward(x):
        y = floatmath.log(x)
        return -100.0 if y < -100.0 else y  # nan fails the test and stays nan

    @staticmethod
    def local_grads(out, x):
        y = floatmath.log(num(x))
        if y < -100.0:
            return (0.0,)  # clamped: a constant
        return (math.nan,) if y != y else (div(1.0, x),)  # nan (no log of x) passes nan, as BCE's gradient does


class Huber(Op):
    """huber(d) = d^2 / 2 if |d| < delta, else delta (|d| - delta / 2);
    d/dd = d if |d| < delta, else delta sign(d)  (0 at d = 0; nan at nan, as in PyTorch)

    Quadratic near 0 and linear far away; the two pieces meet smoothly at |d| = delta.
    """

    name = "huber"

    @staticmethod
    def forward(d, delta):
        return 0.5 * floatmath.pow(d, 2.0) if abs(d) < delta else delta * (abs(d) - 0.5 * delta)

    @staticmethod
    def local_grads(out, d, delta):
        v = num(d)
        return (d if abs(v) < delta else (delta if v > 0 else -delta if v < 0 else v * delta),)  # v: 0 or nan


class Pick(Op):
    """pick(x_1, ..., x_K, c) = x_c, the score of class c (an index given as a number);
    d/dx_k = 1 if k = c else 0,  d/dc = 0  (nan, with no gradient, when c is no index 0..K-1)

    cross_entropy's z_c when the class index is itself an input of the graph (compiled training feeds
    each batch's targets), so one graph serves every batch.
    """

    name = "pick"

    @staticmethod
    def forward(*args):
        c = args[-1]
        return args[int(c)] if c in range(len(args) - 1) else math.nan

    @staticmethod
    def local_grads(out, *args):
        c = num(args[-1])
        return tuple(1.0 if k == c else 0.0 for k in range(len(args) - 1)) + (0.0,)
