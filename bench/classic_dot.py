"""micrograd's graph drawing as its notebook (trace_graph.ipynb) writes it, for the rendering race.

micrograd ships no renderer, so this is the code its users copy: a recursive trace into sets, then
graphviz nodes keyed by id(). Kept as written there (recursion included) to measure what users run.
"""

from __future__ import annotations

from typing import Any

from graphviz import Digraph


def trace(root: Any) -> tuple[set, set]:
    """All nodes and edges reachable from root (recursive, as in the notebook)."""
    nodes, edges = set(), set()

    def build(v):
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                build(child)

    build(root)
    return nodes, edges


def draw_dot(root: Any) -> Digraph:
    """A record node per value, an oval per op, as in micrograd's trace_graph.ipynb."""
    dot = Digraph(format="svg", graph_attr={"rankdir": "LR"})  # LR = left to right
    nodes, edges = trace(root)
    for n in nodes:
        uid = str(id(n))
        label = "{ data %.4f | grad %.4f }" % (n.data, n.grad)  # noqa: UP031 (the notebook's)
        dot.node(name=uid, label=label, shape="record")
        if n._op:
            dot.node(name=uid + n._op, label=n._op)
            dot.edge(uid + n._op, uid)
    for n1, n2 in edges:
        dot.edge(str(id(n1)), str(id(n2)) + n2._op)
    return dot


def count_nodes(root: Any) -> int:
    """Number of distinct Values reachable from root, walked with a stack (no recursion limit)."""
    seen = {id(root)}
    stack = [root]
    while stack:
        for parent in stack.pop()._prev:
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append(parent)
    return len(seen)
