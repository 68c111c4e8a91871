"""Backward as a pure function: the gradients of every node behind a root, computed from `.local_grads`
alone, without touching any `.grad`, plus who consumes each node (what a check needs to explain it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..graph import topological_order


@dataclass(frozen=True)
class Use:
    """One edge seen from its parent: `child` takes the parent as its input number `index`, with
    d(child)/d(parent) = `local`."""

    child: Any
    index: int
    local: float


def uses(order: list) -> dict[Any, list[Use]]:
    """For every node, the edges that carry its gradient back to it, in the order backward() adds them."""
    found: dict[Any, list[Use]] = {v: [] for v in order}
    for child in reversed(order):
        for k, (parent, d) in enumerate(zip(child._prev, child._partials or ())):
            found[parent].append(Use(child, k, d))
    return found


def gradients(root: Any, order: list | None = None) -> dict[Any, float]:
    """d(root)/d(node) for every node, by the rule backward() follows: grad = Σ local × grad(child)."""
    order = topological_order(root) if order is None else order
    grads = dict.fromkeys(order, 0.0)
    grads[root] = 1.0
    for node in reversed(order):
        for parent, d in zip(node._prev, node._partials or ()):
            grads[parent] += d * grads[node]
    return grads
