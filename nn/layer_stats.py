"""Per-layer statistics of a network, as the UVA deck prints them to judge an initialisation: each
layer's activations (mean, std, fraction saturated) and, after a loss, its gradients.

layer_outputs(model, X) keeps every layer's outputs for a batch; layer_statistics(...) summarises them.
Both work on models that hold their layers in order in ``model.layers`` (MLP, Sequential).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from autograd import Value
from autograd.formatting import Table

from .metrics import loss_by_name
from .module import Module

__all__ = ["LayerStats", "layer_outputs", "layer_statistics"]

# Where an activation's derivative is (nearly) 0: the unit has stopped passing gradient back.
SATURATED: dict[str, Callable[[float], bool]] = {
    "tanh": lambda a: abs(a) >= 0.99,                 # tanh' = 1 - a^2 <= 0.02
    "sigmoid": lambda a: a <= 0.01 or a >= 0.99,      # sigmoid' = a (1 - a) <= 0.0099
    "relu": lambda a: a <= 0.0,                       # relu' = 0 on the flat side
}


@dataclass
class LayerStats:
    """One layer: its activations' mean and std, the fraction saturated (None when the activation has
    no flat region), and with a loss: the std of dL/d(activation) and the mean |dL/dw| of its weights
    (biases left out; None for a layer without weights)."""

    name: str
    activation: str
    mean: float
    std: float
    saturated: float | None
    grad_std: float | None = None
    weight_grad: float | None = None


class StatsTable(list):
    """A list of LayerStats that shows itself as a table (print it, or leave it last in a cell)."""

    def table(self) -> Table:
        def num(x: float | None, spec: str = ".4g") -> str:
            return "" if x is None else format(x, spec)
        rows = [[s.name, s.activation, num(s.mean), num(s.std), num(s.saturated, ".0%"), num(s.grad_std),
                 num(s.weight_grad)] for s in self]
        return Table(["layer", "activation", "mean", "std", "saturated", "std of dL/da", "mean |dL/dw|"], rows)

    def __str__(self) -> str:
        return str(self.table())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def _layers(model: Any) -> list[Module]:
    layers = getattr(model, "layers", None)
    if not isinstance(layers, (list, tuple)) or not all(isinstance(m, Module) for m in layers):
        raise TypeError(f"expected a model with its layers in order in .layers (MLP, Sequential), "
                        f"got {type(model).__name__}")
    return list(layers)


def _flat(batch: Any) -> list[Value]:
    out: list[Value] = []
    for item in batch:
        out.extend(_flat(item) if isinstance(item, (list, tuple)) else [item])
    return out


def layer_outputs(model: Any, X: Sequence) -> list[list[Any]]:
    """Every layer's outputs for the batch X (one list per layer, one entry per sample), graph kept, so
    the last layer's outputs are the model's predictions and a loss on them can be backpropagated."""
    outputs, h = [], list(X)
    for module in _layers(model):
        h = module.forward_batch(h)
        outputs.append(h)
    return outputs


def _activation_name(module: Module) -> str:
    name = getattr(module, "activation", None) or getattr(module, "name", None)
    return name if isinstance(name, str) else type(module).__name__


def layer_statistics(model: Any, X: Sequence, targets: Sequence | None = None,
                     loss: str | Callable | None = None) -> StatsTable:
    """Per layer: mean, std and fraction saturated of its activations over the batch X; with targets and
    a loss ('mse', nn.cross_entropy, ...), also the gradients after one backward(). Parameters'
    gradients are put back as they were."""
    outputs = layer_outputs(model, X)
    grads_before = None
    if loss is not None:
        if targets is None or len(targets) != len(X):
            raise ValueError("layer_statistics: give one target per sample with the loss")
        loss_fn, _ = loss_by_name(loss)
        params = model.parameters()
        grads_before = [p.grad for p in params]
        for p in params:
            p.grad = 0.0
        loss_fn(outputs[-1], list(targets)).backward()
    rows = StatsTable()
    for k, (module, out) in enumerate(zip(_layers(model), outputs), start=1):
        values = _flat(out)
        data = [v.data for v in values]
        name = _activation_name(module)
        test = SATURATED.get(name)
        row = LayerStats(f"{k}: {type(module).__name__}", name, statistics.fmean(data), statistics.pstdev(data),
                         None if test is None else sum(map(test, data)) / len(data))
        if loss is not None:
            row.grad_std = statistics.pstdev([float(v.grad or 0.0) for v in values])
            weights = [w for ws, _, _, _ in module.weight_groups() for w in ws]  # weights, not biases
            row.weight_grad = statistics.fmean([abs(float(p.grad or 0.0)) for p in weights]) if weights else None
        rows.append(row)
    if grads_before is not None:
        for p, g in zip(model.parameters(), grads_before):
            p.grad = g
    return rows
