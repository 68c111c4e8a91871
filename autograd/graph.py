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
    # One stack of nodes; a node whose parents are being explored sits under a _DONE marker, so
    # popping the marker means "its parents are in order: append it". A leaf is appended as soon as
    # it is popped (it has no parents to wait for). Bound methods are looked up once: these lines run
    # once per node and edge on every walk, and this form takes half the time of a stack of pairs.
    #
    # A node whose parents are all in order already (a leaf; or a neuron whose weights and inputs the
    # walk has met before, most nodes of a network) is appended at once: issuperset asks "all seen?"
    # for every parent in one C call, where the loop below takes a Python step per parent.
    stack = [root]
    push, pop, mark, append, seen_all = stack.append, stack.pop, visited.add, order.append, visited.issuperset
    while stack:
        node = pop()
        if node is _DONE:
            append(pop())
        elif node not in visited:
            mark(node)
            parents = node._prev  # the slot, not the property parents: read once per node
            if seen_all(parents):
                append(node)
            else:
                push(node)
                push(_DONE)
                if len(parents) == 1:  # relu, exp, ...: the one parent is not seen (seen_all said so)
                    push(parents[0])
                    continue
                # Pushed in reverse so the first parent is popped, and so ordered, first.
                for parent in reversed(parents):
                    if parent not in visited:
                        push(parent)
    return order


_DONE = object()  # the marker: "the node below me has all its parents in order"
