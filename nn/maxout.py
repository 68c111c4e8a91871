"""Maxout (Goodfellow et al.): each unit outputs the largest of several linear pieces, one n-ary max node."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from autograd import Value
from autograd.checks import integer, items, reals

from .init import initialize_, make_rng
from .layers import Init, Layer, Neuron, features
from .module import Module


class MaxoutUnit(Module):
    """One maxout unit: O = max_k (b_k + w_k . x) over `pieces` linear pieces."""

    cluster_kind = "Neuron"
    _show_children = False

    def __init__(self, nin: int, pieces: int = 2) -> None:
        self.pieces = [Neuron(nin, activation="identity", _defer_init=True) for _ in range(pieces)]
        self.unit: int | None = None
        self.name = ""

    def forward(self, x: Any) -> Value:
        return self._unit(features(x, len(self.pieces[0].w), "MaxoutUnit"))

    def _unit(self, xs: Any, xdata: tuple | None = None) -> Value:  # xdata: see Neuron._unit (unused here)
        nets = [Value.dot(p.w, xs, p.b) for p in self.pieces]
        out = Value.max(*nets)
        if self.unit is not None:
            for k, net in enumerate(nets, start=1):
                net.label = f"I{self.unit}_{k}"
            out.label = f"O{self.unit}"
        elif self.name:
            for piece, net in zip(self.pieces, nets):
                net.label = f"{piece.name}.z"
            out.label = f"{self.name}.a"
        return out

    def label_names(self, name: str) -> None:
        """Default names: piece k of unit 'L1.n2' has weights L1.n2.p1.w1, ..., bias L1.n2.p1.b."""
        self.name = name
        for k, piece in enumerate(self.pieces, start=1):
            piece.label_names(f"{name}.p{k}")

    def label_textbook(self, unit: int, first_input: int = 1) -> None:
        self.unit = unit
        for k, piece in enumerate(self.pieces, start=1):
            piece.label_textbook(unit, first_input, suffix=f"_{k}")

    def _collect_clusters(self, path: tuple[str, ...], out: dict[Value, tuple[str, ...]]) -> None:
        for p in self.parameters():  # the pieces belong to this unit's box, not boxes of their own
            out.setdefault(p, path or (self.cluster_name(1),))

    def cluster_name(self, index: int) -> str:
        return f"Neuron {self.unit if self.unit is not None else index}"

    def extra_repr(self) -> str:
        return f"{len(self.pieces[0].w)}, pieces={len(self.pieces)}"


class Maxout(Layer):
    """A maxout layer (Goodfellow et al.): unit j outputs max(w_j1 . x + b_j1, ..., w_jk . x + b_jk)."""

    def __init__(self, nin: int, nout: int, pieces: int = 2, *, init: Init = None, seed: int | None = None,
                 rng: random.Random | None = None, _defer_init: bool = False) -> None:
        nin = integer("nin (the number of inputs)", nin, low=1)
        nout = integer("nout (the number of units)", nout, low=1)
        if integer("pieces", pieces, low=1) < 2:
            raise ValueError(f"maxout needs at least 2 pieces per unit, got {pieces}")
        self.neurons = [MaxoutUnit(nin, pieces) for _ in range(nout)]
        self.label_names("")
        self.activation = "maxout"
        self.input_labels = None
        if not _defer_init:
            initialize_(self, init, rng=make_rng(seed, rng))

    @property
    def nin(self) -> int:
        return len(self.neurons[0].pieces[0].w)

    def weight_groups(self) -> Iterator[tuple[list[Value], Value | None, int, int]]:
        fan_out = self.nout * len(self.neurons[0].pieces)  # as one linear map with nout * pieces outputs
        for unit in self.neurons:
            for p in unit.pieces:
                yield p.w, p.b, self.nin, fan_out

    def _checked(self, weights: Any, biases: Any, where: str) -> tuple[list, list | None]:
        """weights[j][k]: the incoming weights of piece k of unit j; biases[j][k]: that piece's bias."""
        k = len(self.neurons[0].pieces)
        units = items(f"{where}: weights (one entry per unit)", weights, self.nout)
        rows = [[reals(f"{where}, unit {j + 1} piece {i + 1} weights", r, self.nin)
                 for i, r in enumerate(items(f"{where}, unit {j + 1} (one row per piece)", u, k))]
                for j, u in enumerate(units)]
        bs = None if biases is None else [
            reals(f"{where}, unit {j + 1} biases (one per piece)", b, k)
            for j, b in enumerate(items(f"{where}: biases (one entry per unit)", biases, self.nout))]
        return rows, bs

    def _assign(self, rows: list, biases: list | None) -> None:
        for j, unit in enumerate(self.neurons):
            for i, piece in enumerate(unit.pieces):
                piece.set_weights(rows[j][i], None if biases is None else biases[j][i])

    def get_weights(self) -> tuple[list, list]:
        return ([[[w.data for w in p.w] for p in u.pieces] for u in self.neurons],
                [[p.b.data for p in u.pieces] for u in self.neurons])

    def extra_repr(self) -> str:
        return f"{self.nin} -> {self.nout}, maxout, pieces={len(self.neurons[0].pieces)}"
