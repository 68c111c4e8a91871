"""trace and explain: every node of a graph as a table (label, op, value, gradient), and one
gradient written out as the chain rule -- the product of local derivatives along each path, summed."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from .backward import grad
from .checks import integer
from .formatting import NumberFormat, Table, fixed  # noqa: F401 - Table and fixed are imported from here too
from .graph import topological_order
from .value import Value


def _check(root: Any, who: str) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"{who} expects a Value, got {type(root).__name__} {root!r}")


def trace(root: Value, decimals: int | None = None, digits: int = 4, *,
          tangents: Mapping[Value, float] | None = None, adjoints: bool = False) -> Table:
    """Every node behind `root` in topological order (ids n0, n1, ... as in draw_dot), one row each:
    id, label, role, op (written as the picture writes it: '**2', 'Σ w·x + b'), inputs (the parents' ids),
    data and grad (blank until a backward pass reaches it).

    Numbers have `digits` significant figures (as in draw_dot), or `decimals` digits after the point.

    With `tangents` ({leaf: ẋ}) or ``adjoints=True``: the evaluation trace in Baydin et al.'s layout
    instead (autograd/evaluation_trace.py): the primal trace v, beside it the forward tangent trace v̇
    or the reverse adjoint trace v̄, one formula per line, with `decimals` (3 by default) places."""
    _check(root, "trace")
    if tangents is not None or adjoints:
        from .evaluation_trace import evaluation_trace

        return evaluation_trace(root, tangents, adjoints, 3 if decimals is None else decimals)
    number = NumberFormat(digits, decimals)
    order = topological_order(root)
    ids = {node: f"n{i}" for i, node in enumerate(order)}
    rows = [[ids[node], node.label, node.role, _symbol(node), " ".join(ids[p] for p in node.parents),
             number(node.data), number(node.grad)] for node in order]
    return Table(["id", "label", "role", "op", "inputs", "data", "grad"], rows,
                 title=f"trace of {root.label or ids[root]}: {len(order)} nodes, parents first")


def _symbol(node: Value) -> str:
    op = node.op_class
    return "" if op is None else op.symbol(len(node.parents), node.params)


class Explanation:
    """d root / d param as the chain rule: `paths` holds each path's factors [(top, bottom, value), ...]
    (value = d top / d bottom along the path) and its product; `total` is the sum over paths, computed
    in backward()'s order, so it equals param.grad."""

    def __init__(self, top: str, bottom: str, total: float, path_count: int,
                 paths: list[tuple[list[tuple[str, str, float]], float]], digits: int, max_paths: int) -> None:
        self.top, self.bottom, self.total = top, bottom, total
        self.path_count, self.paths, self.digits, self.max_paths = path_count, paths, digits, max_paths

    def __float__(self) -> float:
        return self.total

    def _num(self, x: float) -> str:
        return f"{x:.{self.digits}g}"

    def lines(self, d: str = "d") -> list[str]:
        """The explanation line by line; d='∂' writes partial derivatives."""
        head = f"{d}{self.top}/{d}{self.bottom}"
        total = self._num(self.total)
        if self.path_count == 0:
            return [f"{head} = 0   ({self.bottom} does not affect {self.top})"]
        if not self.paths:
            return [f"{head} = {total}   (the sum over {self.path_count} paths from {self.top} to "
                    f"{self.bottom}: more than max_paths={self.max_paths}, so they are not written out)"]

        def product(factors: list[tuple[str, str, float]]) -> tuple[str, str]:
            names = " · ".join(f"{d}{top}/{d}{bottom}" for top, bottom, _ in factors)
            return names, "".join(f"({self._num(v)})" for _, _, v in factors)

        if len(self.paths) == 1:
            if not self.paths[0][0]:  # the root itself
                return [f"{head} = 1"]
            names, numbers = product(self.paths[0][0])
            pad = " " * len(head)
            return [f"{head} = {names}", f"{pad} = {numbers}", f"{pad} = {total}"]
        out = [f"{head} = the sum over {len(self.paths)} paths:"]
        for k, (factors, value) in enumerate(self.paths, start=1):
            names, numbers = product(factors)
            out.append(f"  path {k}: {names} = {numbers} = {self._num(value)}")
        out.append(f"{head} = " + " + ".join(f"({self._num(v)})" for _, v in self.paths) + f" = {total}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        paths = f"{self.path_count} path{'' if self.path_count == 1 else 's'}"
        return f"<Explanation d{self.top}/d{self.bottom} = {self._num(self.total)} ({paths})>"

    def _repr_html_(self) -> str:
        return "<pre>" + escape("\n".join(self.lines("∂"))) + "</pre>"


def explain(param: Value, root: Value, digits: int = 3, max_paths: int = 50) -> Explanation:
    """d root / d param written out: for each path from `root` down to `param`, the product of the local
    derivatives along it (d child / d parent, as recorded when the graph was built), then their sum.

    A node is named by its label, or by its id n0, n1, ... (as in trace and draw_dot) when it has none;
    consecutive unlabelled nodes are folded into one factor, so dE/dO6 stands for the loss's own steps.
    With more than `max_paths` paths only the sum is given. digits: significant digits shown.
    """
    _check(root, "explain")
    if not isinstance(param, Value):
        raise TypeError(f"explain expects the Value to differentiate with respect to, got {type(param).__name__}")
    digits = integer("digits", digits, low=1, high=17)
    order = topological_order(root)
    index = {node: i for i, node in enumerate(order)}
    if param not in index:
        raise ValueError(f"{param!r} is not in the graph behind {root!r}: nothing to explain")

    def name(node: Value) -> str:
        return node.label or f"n{index[node]}"

    # Dynamic programming, children before parents: `count` paths from the root to each node. The
    # total is backward()'s own sum (grad() leaves every .grad as it was), so it equals param.grad.
    count = {root: 1}
    for node in reversed(order):
        if node in count and node.local_grads is not None:
            for parent in node.parents:
                count[parent] = count.get(parent, 0) + count[node]
    (total,) = grad(root, [param])
    paths_there = count.get(param, 0)
    paths = _paths(root, param, order, name) if 0 < paths_there <= max_paths else []
    return Explanation(name(root), name(param), total, paths_there, paths, digits, max_paths)


def _paths(root: Value, param: Value, order: list[Value], name: Any) -> list:
    """Every path root -> param as grouped factors [('E', 'O6', value), ...] with its product."""
    reaches = {param}  # the nodes with param behind them: the only ones a path can pass through
    for node in order:
        if any(p in reaches for p in node.parents):
            reaches.add(node)
    found = []
    # Iterative depth-first search; a path is kept as a linked list (node, local grad, previous link)
    # so a long chain costs no copying.
    stack: list[tuple[Value, Any]] = [(root, None)]
    while stack:
        node, link = stack.pop()
        if node is param:
            found.append(link)
            continue
        for parent, d in reversed(list(zip(node.parents, node.local_grads or ()))):
            if parent in reaches:
                stack.append((parent, (node, parent, d, link)))
    out = []
    for link in found:
        edges = []
        while link is not None:
            node, parent, d, link = link
            edges.append((node, parent, d))
        edges.reverse()
        factors, top, value = [], None, 1.0
        for node, parent, d in edges:
            top = node if top is None else top
            value *= d
            if parent.label or parent is param:  # close the factor at a named node
                factors.append((name(top), name(parent), value))
                top, value = None, 1.0
        product = 1.0
        for _, _, v in factors:
            product *= v
        out.append((factors, product))
    return out
