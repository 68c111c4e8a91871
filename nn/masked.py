"""MaskedLayer: a layer whose units each see only some of the inputs, given by a connectivity mask.

The Seattle U deck's house-price network is not fully connected: a1 = ReLU(w11 x1 + w12 x2 + b1),
a2 = ReLU(w23 x3 + b2), a3 = ReLU(w33 x3 + w34 x4 + b3). As a mask (one row per unit, one column per
input, 1 = connected): [[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1]]. A missing connection has no
weight at all (it is not a weight held at 0), so parameter counts and pictures show only real edges.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any

from autograd import Value
from autograd.checks import integer, items

from .activations import ActivationFn
from .init import initialize_, make_rng
from .layers import Init, Neuron, features
from .module import Module

__all__ = ["MaskedLayer"]


class MaskedLayer(Module):
    """len(mask) units over nin inputs; unit j sees input i when mask[j][i] is 1.

    Its weights are labelled by the input they come from: unit 2 of the deck has the single weight
    'w3' (from x3). Returns one Value when there is one unit, else a list (as Layer).
    """

    cluster_kind = "Layer"
    _show_children = False

    def __init__(self, nin: int, mask: Sequence[Sequence[int]], *, activation: str | ActivationFn | None = None,
                 nonlin: bool = True, init: Init = None, seed: int | None = None,
                 rng: random.Random | None = None) -> None:
        nin = integer("nin (the number of inputs)", nin, low=1)
        rows = items("mask (one row of 0s and 1s per unit)", mask,
                     len(mask) if isinstance(mask, (list, tuple)) else 0, "rows")
        if not rows:
            raise ValueError("mask needs at least one row (one per unit)")
        self.inputs: list[list[int]] = []  # for each unit, the indices of the inputs it sees
        for j, row in enumerate(rows):
            row = items(f"mask row {j + 1}", row, nin, "0s and 1s (one per input)")
            if any(v not in (0, 1) or isinstance(v, float) for v in row):
                raise ValueError(f"mask row {j + 1} must hold only 0 and 1, got {row}")
            if not any(row):
                raise ValueError(f"mask row {j + 1} connects unit {j + 1} to no input; give it at least one 1")
            self.inputs.append([i for i, v in enumerate(row) if v])
        self._nin = nin
        self.neurons = [Neuron(len(seen), nonlin, activation=activation, _defer_init=True) for seen in self.inputs]
        for neuron, seen in zip(self.neurons, self.inputs):
            for w, i in zip(neuron.w, seen):
                w.label = f"w{i + 1}"
        self.activation = self.neurons[0].activation
        initialize_(self, init, rng=make_rng(seed, rng))

    @property
    def nin(self) -> int:
        return self._nin

    @property
    def nout(self) -> int:
        return len(self.neurons)

    @property
    def mask(self) -> list[list[int]]:
        return [[int(i in seen) for i in range(self._nin)] for seen in self.inputs]

    def forward(self, x: Any) -> Value | list[Value]:
        xs = features(x, self._nin, f"MaskedLayer({self._nin} -> {self.nout})")
        xs = [v if isinstance(v, Value) else Value(v) for v in xs]  # one input node each, shared by units
        outs = [n._unit([xs[i] for i in seen]) for n, seen in zip(self.neurons, self.inputs)]
        return outs[0] if len(outs) == 1 else outs

    def weight_groups(self) -> Iterator[tuple[list[Value], Value | None, int, int]]:
        for n in self.neurons:  # fan-in is what each unit really sees
            yield n.w, n.b, len(n.w), self.nout

    def set_weights(self, weights: Sequence[Sequence[float]], biases: Sequence[float] | None = None) -> None:
        """One row per unit with only its connected weights: [[w11, w12], [w23], [w33, w34]]."""
        items(f"MaskedLayer: weights (one row per unit, {self.nout} rows)", weights, self.nout)
        for j, (n, row) in enumerate(zip(self.neurons, weights)):
            items(f"MaskedLayer unit {j + 1} weights", row, len(n.w), "numbers")
        if biases is not None:
            items("MaskedLayer biases (one per unit)", biases, self.nout, "numbers")
        for j, n in enumerate(self.neurons):
            n.set_weights(weights[j], None if biases is None else biases[j])

    def extra_repr(self) -> str:
        return f"{self._nin} -> {self.nout}, {self.activation}, mask={self.mask}"
