"""Graph walks: the one topological order that backward() and the renderer share."""

from __future__ import annotations

from typing import Any


def topological_order(root: Any) -> list:
    """Every node behind `root`, each after all of its parents; `root` comes last.

    An iterative depth-first search (no recursion, so a 1,000,000-node chain is fine). Parents
    are explored in the order the op received them, so the order -- and the n0, n1, ... ids
    the renderer derives from it -- is the same on every run.
    """
    order: list = []
    visited: set = set()
    # Two parallel stacks (node, "its parents are done") rather than a stack of pairs: no
    # tuple per step, which matters on million-node graphs.
    nodes, parents_done = [root], [False]
    while nodes:
        node = nodes.pop()
        if parents_done.pop():
            order.append(node)  # every parent was appended before it
        elif node not in visited:
            visited.add(node)
            nodes.append(node)
            parents_done.append(True)
            # Pushed in reverse so the first parent is popped, and so ordered, first. The slot
            # _prev, not the property parents: this line runs once per node on every walk.
            for parent in reversed(node._prev):
                if parent not in visited:
                    nodes.append(parent)
                    parents_done.append(False)
    return order
