"""softmax, log_softmax and logsumexp over a list of scores, each shifted by the max for stability.

The shift m = max(x_i) is a node of the graph whose derivative is 0 (ops.MaxShift): softmax(x - m) =
softmax(x) exactly, the gradients are unchanged (m's derivative contributions cancel), and exp never
overflows at +-1000. Being in the graph, the max is chosen again whenever a compiled graph is replayed.
"""

from __future__ import annotations

from collections.abc import Sequence

from autograd import Value, ops


def _scores(x: Sequence[Value | float], name: str) -> list[Value]:
    if isinstance(x, (Value, str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(f"{name} expects a list of scores (Values or numbers), got {type(x).__name__}")
    if not x:
        raise ValueError(f"{name} needs at least one score, got an empty list")
    return [v if isinstance(v, Value) else Value.constant(v) for v in x]


def logsumexp(x: Sequence[Value | float]) -> Value:
    """logsumexp(x) = log(sum_j e^{x_j}) = m + log(sum_j e^{x_j - m}),  m = max_j x_j (a constant);
    d/dx_i = softmax(x)_i"""
    xs = _scores(x, "logsumexp")
    m = Value.from_op(ops.FiniteMaxShift, tuple(xs))  # 0 when the max is infinite: the unshifted limit
    return Value.sum([(v - m).exp() for v in xs]).log() + m


def softmax(x: Sequence[Value | float]) -> list[Value]:
    """softmax(x)_i = e^{x_i} / sum_j e^{x_j} = e^{x_i - m} / sum_j e^{x_j - m},  m = max_j x_j;
    d softmax_i / dx_k = softmax_i (delta_ik - softmax_k)"""
    xs = _scores(x, "softmax")
    m = Value.from_op(ops.MaxShift, tuple(xs))
    exps = [(v - m).exp() for v in xs]
    total = Value.sum(exps)
    return [e / total for e in exps]


def log_softmax(x: Sequence[Value | float]) -> list[Value]:
    """log_softmax(x)_i = x_i - logsumexp(x);  d/dx_k = delta_ik - softmax(x)_k

    Computing log(softmax(x)) instead would give log(0) = -inf once a probability underflows.
    """
    xs = _scores(x, "log_softmax")
    lse = logsumexp(xs)
    return [v - lse for v in xs]
