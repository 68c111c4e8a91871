"""Ops with many inputs: an n-ary sum, a neuron's fused weighted sum, and an n-ary max (maxout)."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

from .base import Op, num

__all__ = ["Sum", "Dot", "Max"]


class Sum(Op):
    """x_1 + x_2 + ... + x_n in one node;  d/dx_i = 1"""

    name = "sum"
    adds_inputs = True

    @classmethod
    def symbol(cls, n_inputs, params=()):
        return "Σ"

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        return " + ".join(inputs)

    @staticmethod
    def forward(*xs):
        return sum(xs)

    @staticmethod
    def local_grads(out, *xs):
        return (1.0,) * len(xs)


class Dot(Op):
    """A neuron's net input  b + w_1 x_1 + ... + w_n x_n  in one node (inputs: w_1..w_n, x_1..x_n, b);
    d/dw_i = x_i,  d/dx_i = w_i,  d/db = 1

    One node instead of a 2n-node chain of * and +: the graph stays readable and backward stays fast.
    The sum runs from b through w_1 x_1 to w_n x_n, the order a hand calculation uses. The bias is
    optional: an odd number of inputs means the last one is b.
    """

    name = "dot"

    @classmethod
    def symbol(cls, n_inputs, params=()):
        return "Σ w·x + b" if n_inputs % 2 else "Σ w·x"

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        n = len(inputs) // 2
        terms = [f"{w}·{x}" for w, x in zip(inputs[:n], inputs[n:2 * n])]
        return " + ".join(terms + list(inputs[2 * n:]))

    @classmethod
    def statement(cls, names: Sequence[str], numbers: Sequence[str], params: Sequence[str] = ()) -> str:
        # A neuron's inputs by name make a long line; the picture's symbol stands for them.
        return f"{cls.symbol(len(names))} = {cls.formula(numbers)}"

    @staticmethod
    def forward(*args):
        n = len(args) // 2
        bias = args[-1] if len(args) % 2 else 0.0
        return sum(map(operator.mul, args[:n], args[n : 2 * n]), bias)

    @staticmethod
    def local_grads(out, *args):
        n = len(args) // 2
        return args[n : 2 * n] + args[:n] + ((1.0,) if len(args) % 2 else ())


class Max(Op):
    """max(x_1, ..., x_n);  d/dx_i = 1/k for the k inputs equal to the max, 0 for the others

    Ties share the gradient evenly, as PyTorch's max does. nan propagates: max with a nan is nan.
    """

    name = "max"

    @staticmethod
    def forward(*xs):
        for x in xs:
            if x != x:
                return math.nan
        return max(xs)

    @staticmethod
    def local_grads(out, *xs):
        best = num(out)
        # On floats (the fast path) the inputs are their own numbers; Values (create_graph) are read.
        numbers = xs if type(out) is float else [num(x) for x in xs]
        if best == best and numbers.count(best) == 1:
            # The usual case, one winner: 1 for it, 0 for the others (what the general rule gives,
            # without a list of hits; count and index compare with ==, as the rule below does).
            i = numbers.index(best)
            return (0.0,) * i + (1.0,) + (0.0,) * (len(xs) - i - 1)
        if best != best:  # a nan max: the nan inputs share the gradient
            hits = [x != x for x in numbers]
        else:
            hits = [x == best for x in numbers]
        share = 1.0 / sum(hits)
        return tuple(share if hit else 0.0 for hit in hits)
