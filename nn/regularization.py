"""Dropout and batch normalisation as modules; both behave differently in train() and eval() mode."""

from __future__ import annotations

import math
import numbers
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from autograd import Value
from autograd.checks import integer, real
from autograd.codegen.watch import tracing_now

from .init import make_rng
from .module import Module, Parameter


class Dropout(Module):
    """Inverted dropout (as PyTorch): in training each value is zeroed with probability p and the
    survivors are scaled by 1 / (1 - p), so the expected output equals the input; in eval mode the
    input passes through unchanged. Accepts a Value, a sample (list) or a batch (list of lists).
    """

    def __init__(self, p: float = 0.5, *, seed: int | None = None, rng: random.Random | None = None) -> None:
        self.p = real("dropout probability p", p, low=0, high=1)
        self._rng = make_rng(seed, rng)  # None: Python's global random, seeded by random.seed()
        self._feed: MaskFeed | None = None  # set while compiled training traces the graph

    def forward(self, x: Any) -> Any:
        if not self.training or self.p == 0.0:
            return x
        return self._drop(x)

    def mask_factor(self) -> float:
        """One unit's factor, drawn from this layer's generator: 1 / (1 - p) if kept, 0 if dropped."""
        return 1.0 / (1.0 - self.p) if self._rng.random() >= self.p else 0.0

    def _drop(self, x: Any) -> Any:
        if isinstance(x, (list, tuple)):
            return [self._drop(v) for v in x]
        if self._feed is not None:  # compiled training: the factor is an input of the graph
            return x * self._feed.take(self)
        # A dropped unit is multiplied by 0 rather than replaced, so the graph shows it and its gradient is 0.
        return x * self.mask_factor()

    def extra_repr(self) -> str:
        return f"p={self.p}"


@contextmanager
def _attached(layers: list, name: str, value: Any) -> Iterator[None]:
    """Each layer's attribute `name` set to `value` inside the block, None again after it."""
    for layer in layers:
        setattr(layer, name, value)
    try:
        yield
    finally:
        for layer in layers:
            setattr(layer, name, None)


class MaskFeed:
    """Dropout's masks as inputs of a compiled graph, so every replayed step drops other units.

    Counting (``count``, under no_grad): each unit's draw is noted (which layer, in which order) and
    no generator is touched. Tracing: the factors are the graph's input Values, in that order. At each
    replay step, ``draw()`` gives the factors eager training would draw, from the same generators in
    the same order, so compiled and eager training drop the same units.
    """

    def __init__(self, layers: list[Dropout]) -> None:
        self.dropouts = layers
        self.order: list[Dropout] = []  # the layer behind each factor, in drawing order
        self._inputs: Any = None

    @contextmanager
    def fed(self, inputs: list | None = None) -> Iterator[MaskFeed]:
        """Count (inputs None) or trace with the given input Values; the layers draw again after."""
        self._inputs = None if inputs is None else iter(inputs)
        with _attached(self.dropouts, "_feed", self):
            yield self

    def take(self, layer: Dropout) -> Any:
        if self._inputs is None:
            self.order.append(layer)
            return 1.0
        return next(self._inputs)

    def draw(self) -> list[float]:
        return [layer.mask_factor() for layer in self.order]


class BatchNorm1d(Module):
    """Batch normalisation of each feature over a batch (Ioffe & Szegedy):
    x_hat = (x - mean) / sqrt(var + eps),  y = gamma * x_hat + beta.

    Training: mean and (biased) var come from the batch and gradients flow through them; the running
    estimates move by `momentum`: running = (1 - momentum) * running + momentum * batch statistic
    (the unbiased var, as PyTorch). Eval: the running estimates are used, so one sample works.
    Input: a batch, i.e. a list of samples, each a Value/number (num_features = 1) or a list of them.
    """

    _buffer_names = ("running_mean", "running_var")

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1) -> None:
        integer("num_features", num_features, low=1)
        eps = real("eps", eps, low=0, low_open=True)
        momentum = real("momentum", momentum, low=0, high=1)
        self.gamma = [Parameter(1.0, f"γ{k + 1}") for k in range(num_features)]
        self.beta = [Parameter(0.0, f"β{k + 1}") for k in range(num_features)]
        self.num_features = num_features
        self.eps = float(eps)
        self.momentum = float(momentum)
        self.running_mean = [0.0] * num_features
        self.running_var = [1.0] * num_features
        self._stats: BatchStats | None = None  # set while compiled training traces the graph

    def _columns(self, batch: Any) -> tuple[list[list[Any]], bool]:
        if isinstance(batch, (Value, numbers.Real, str, bytes)) or not isinstance(batch, (list, tuple)):
            raise TypeError(f"BatchNorm1d expects a batch (a list of samples), got {type(batch).__name__}")
        if not batch:
            raise ValueError("BatchNorm1d got an empty batch")
        flat = all(isinstance(s, (Value, numbers.Real)) for s in batch)
        if flat and self.num_features > 1:
            raise ValueError(self._one_sample_message(len(batch)))
        rows = [[s] for s in batch] if flat else [list(s) for s in batch]
        for i, row in enumerate(rows):
            if len(row) != self.num_features:
                raise ValueError(f"BatchNorm1d({self.num_features}): sample {i} has {len(row)} features, "
                                 f"expected {self.num_features}")
        return [list(col) for col in zip(*rows)], flat

    def _one_sample_message(self, width: int) -> str:
        """A flat list given to a layer of several features is one sample, not a batch: say so."""
        return (f"BatchNorm1d({self.num_features}) got a flat list of {width} numbers, i.e. one sample, but it "
                "normalises each feature over a batch: pass a list of samples [[x1, x2, ...], ...] "
                "(at least 2 in training mode); for one sample, call .eval() and pass [sample]")

    def forward(self, batch: Any) -> Any:
        columns, flat = self._columns(batch)
        n = len(batch)
        if self.training and n < 2:
            raise ValueError("BatchNorm1d needs at least 2 samples per batch in training mode "
                             "(the variance of one value is 0); call .eval() to use the running statistics")
        outputs = []
        for k, col in enumerate(columns):
            if self.training:
                mean = Value.sum(col) / n
                var = Value.sum([(x - mean) ** 2 for x in col]) / n
                inv_std = (var + self.eps) ** -0.5
                if getattr(self, "_stats", None) is not None:  # compiled training: moved after each replay
                    self._stats.note(self, k, n, mean, var)
                elif tracing_now():
                    raise ValueError(
                        "BatchNorm1d in training mode inside autograd.compile: a replay would not move its "
                        "running estimates (they would move once, while tracing). Train it with "
                        "fit(..., compile=True), which moves them after each step, or compile the model "
                        "in eval mode (model.eval()), where it uses them")
                else:
                    self.move_running(k, mean.data, var.data, n)
            else:
                mean = self.running_mean[k]
                inv_std = 1.0 / math.sqrt(self.running_var[k] + self.eps)
            outputs.append([self.gamma[k] * ((x - mean) * inv_std) + self.beta[k] for x in col])
        rows = [list(r) for r in zip(*outputs)]
        return [r[0] for r in rows] if flat else rows

    def move_running(self, k: int, mean: float, var: float, n: int) -> None:
        """Feature k's running estimates move towards a batch's mean and (biased) var of n samples."""
        m = self.momentum
        self.running_mean[k] = (1 - m) * self.running_mean[k] + m * mean
        self.running_var[k] = (1 - m) * self.running_var[k] + m * var * n / (n - 1)

    def forward_batch(self, batch: list) -> list:
        return self.forward(batch)

    def extra_repr(self) -> str:
        return f"{self.num_features}, eps={self.eps}, momentum={self.momentum}"


BatchNorm = BatchNorm1d


class BatchStats:
    """BatchNorm1d's batch statistics as outputs of a compiled graph, so replayed training moves the
    running estimates as eager training does.

    While ``recorded()``: each layer notes its mean and var nodes (in the order eager training would
    use them) instead of moving its running estimates. After each replayed step, ``move(values)``
    moves them with the replay's values of those nodes: the same numbers in the same formula
    (``BatchNorm1d.move_running``), so running_mean and running_var come out equal.
    """

    def __init__(self, layers: list[BatchNorm1d]) -> None:
        self.layers = layers
        self.entries: list[tuple[BatchNorm1d, int, int]] = []  # (layer, feature, batch size)
        self.nodes: list[Value] = []  # mean, var, mean, var, ... in the same order

    @contextmanager
    def recorded(self) -> Iterator[BatchStats]:
        self.entries, self.nodes = [], []
        with _attached(self.layers, "_stats", self):
            yield self

    def note(self, layer: BatchNorm1d, k: int, n: int, mean: Value, var: Value) -> None:
        self.entries.append((layer, k, n))
        self.nodes += [mean, var]

    def move(self, values: list[float]) -> None:
        for (layer, k, n), mean, var in zip(self.entries, values[0::2], values[1::2], strict=True):
            layer.move_running(k, mean, var, n)
