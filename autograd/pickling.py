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
    order = topological_order(node)
    index = {n: i for i, n in enumerate(order)}
    table = [n if n._op is None else
             (n.data, n.label, n._kind, n._op, n._params, n._partials, tuple(index[p] for p in n._prev))
             for n in order]
    # Gradients travel in the state, restored once the node exists: a create_graph gradient's own
    # graph can lead back to this very node, and pickle resolves such a loop only through state.
    return (_rebuild, (cls, table), [n.grad for n in order if n._op is not None])


def restore_grads(node: Any, grads: list) -> None:
    """``node.__setstate__``: the gradients, in the order `reduce` listed them."""
    nodes = [node] if node._op is None else [n for n in topological_order(node) if n._op is not None]
    for n, g in zip(nodes, grads, strict=True):
        n.grad = g


def _leaf(cls: type, data: float, label: str, kind: str | None) -> Any:
    v = cls(data, label)
    v._kind = kind
    return v


def _rebuild(cls: type, table: list) -> Any:
    """The graph from its flat table; returns its last node (the one pickled)."""
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
    return nodes[-1]
