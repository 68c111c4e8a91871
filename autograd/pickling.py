"""Pickle and deepcopy a `Value` with the graph behind it, by a loop rather than recursion.

Python's default would pickle a node, then its parents inside it, then theirs: one level of
recursion per node, and a RecursionError past about 1,000 nodes. Here a node is pickled with its
graph as one flat table in topological order, which a loop rebuilds. Leaves stay objects in the
table, so a parameter pickled both with its model and inside a loss's graph comes back as one object.
"""

from __future__ import annotations

from typing import Any

from .graph import topological_order

# Pickling saves and restores exactly the slots behind Value's public names, so it reads them directly.


def reduce(node: Any) -> tuple:
    """``node.__reduce_ex__``: how to rebuild it, plus the gradients to put back afterwards."""
    cls = type(node)
    if node._op is None:
        return (_leaf, (cls, node.data, node.label, node._kind), [node.grad])
    order = _closure(node)
    index = {n: i for i, n in enumerate(order)}
    table = [n if n._op is None else
             (n.data, n.label, n._kind, n._op, n._params, n._partials, tuple(index[p] for p in n._prev))
             for n in order]
    # A create_graph gradient is a node of the same table, named by its index: no gradient is
    # pickled inside another's state, which would nest one level per node (a RecursionError on
    # a few hundred).
    grads = [(i, _grad_entry(n.grad, index)) for i, n in enumerate(order) if n._op is not None]
    return (_rebuild, (cls, table, grads, index[node]))


def _closure(node: Any) -> list:
    """The graph behind `node` (ending with `node`), followed by the graphs of its nodes'
    create_graph gradients (and of theirs): each node after its parents."""
    order = topological_order(node)
    seen = set(order)
    k = 0
    while k < len(order):
        grad = order[k].grad
        if hasattr(grad, "_op") and grad not in seen and order[k]._op is not None:
            for n in topological_order(grad):
                if n not in seen:
                    seen.add(n)
                    order.append(n)
        k += 1
    return order


def _grad_entry(grad: Any, index: dict) -> Any:
    """A gradient as stored: a number, None, or [i] for the table's node i."""
    return [index[grad]] if hasattr(grad, "_op") and grad in index else grad


def restore_grads(node: Any, grads: list) -> None:
    """``node.__setstate__`` of a leaf: its gradient, put back once the leaf exists (a create_graph
    gradient's graph can lead back to this very leaf, and pickle resolves such a loop only
    through state)."""
    node.grad = grads[0]


def _leaf(cls: type, data: float, label: str, kind: str | None) -> Any:
    v = cls(data, label)
    v._kind = kind
    return v


def _rebuild(cls: type, table: list, grads: list, position: int) -> Any:
    """The graph from its flat table, then its gradients; returns the pickled node, at `position`."""
    nodes: list = []
    for row in table:
        if isinstance(row, cls):  # a leaf, unpickled (and shared) as an object of its own
            nodes.append(row)
            continue
        data, label, kind, op, params, partials, parents = row
        node = cls.__new__(cls)
        node.data, node.grad, node.label, node._kind = data, None, label, kind
        node._op, node._params, node._partials = op, params, partials
        node._prev = tuple(nodes[i] for i in parents)
        nodes.append(node)
    for i, g in grads:
        nodes[i].grad = nodes[g[0]] if isinstance(g, list) else g
    return nodes[position]
