"""trace and explain: every node of a graph as a table (label, op, value, gradient), and one
gradient written out as the chain rule -- the product of local derivatives along each path, summed."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from html import escape
from typing import Any

from .graph import topological_order
from .value import Value


def fixed(x: Any, decimals: int) -> str:
    """x with `decimals` digits after the point ('' for None); a tiny negative shows as 0.0000, not -0.0000."""
    if x is None:
        return ""
    x = float(getattr(x, "data", x))  # a gradient from backward(create_graph=True) is a Value
    if not math.isfinite(x):
        return str(x)
    text = f"{x:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0.0 else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text == ""
    return True


class Table:
    """Rows of text cells under column names: aligned text in a terminal (`print(table)`), an HTML
    table in Jupyter. Columns holding numbers are right-aligned, so the decimal points line up."""

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "",
                 note: str = "") -> None:
        self.columns = [str(c) for c in columns]
        self.rows = [[str(cell) for cell in row] for row in rows]
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a table row has {len(row)} cells for {len(self.columns)} columns: {row}")
        self.title, self.note = title, note
        self.right = [all(_is_number(row[k]) for row in self.rows) for k in range(len(self.columns))]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[str]:
        """The cells of one column, e.g. table.column('grad')."""
        if self.columns.count(name) != 1:
            what = "no column" if name not in self.columns else "more than one column named"
            raise KeyError(f"{what} {name!r}; the columns are {self.columns}")
        k = self.columns.index(name)
        return [row[k] for row in self.rows]

    def __str__(self) -> str:
        widths = [max([len(c)] + [len(row[k]) for row in self.rows]) for k, c in enumerate(self.columns)]

        def line(cells: Sequence[str]) -> str:
            return "  ".join(c.rjust(w) if r else c.ljust(w)
                             for c, w, r in zip(cells, widths, self.right)).rstrip()

        out = [self.title] if self.title else []
        out += [line(self.columns), "  ".join("-" * w for w in widths)]
        out += [line(row) for row in self.rows]
        if self.note:  # prose: wrapped to a terminal's width, paragraph by paragraph
            out += [textwrap.fill(part, width=100) for part in self.note.split("\n")]
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)  # a terminal or a plain Python prompt shows the table itself

    def _repr_html_(self) -> str:
        def cells(tag: str, row: Sequence[str]) -> str:
            return "".join(f'<{tag} style="text-align:{"right" if r else "left"}">{escape(c)}</{tag}>'
                           for c, r in zip(row, self.right))

        caption = f"<caption>{escape(self.title)}</caption>" if self.title else ""
        body = "".join(f"<tr>{cells('td', row)}</tr>" for row in self.rows)
        note = f"<p>{escape(self.note)}</p>" if self.note else ""
        return (f'<table style="font-family:monospace">{caption}<thead><tr>{cells("th", self.columns)}'
                f"</tr></thead><tbody>{body}</tbody></table>{note}")


def _check(root: Any, decimals: int, who: str) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"{who} expects a Value, got {type(root).__name__} {root!r}")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 17:
        raise ValueError(f"decimals must be an int between 0 and 17, got {decimals!r}")


def trace(root: Value, decimals: int = 4) -> Table:
    """Every node behind `root` in topological order (ids n0, n1, ... as in draw_dot), one row each:
    id, label, role, op, inputs (the parents' ids), data and grad (blank until a backward pass reaches it)."""
    _check(root, decimals, "trace")
    order = topological_order(root)
    ids = {node: f"n{i}" for i, node in enumerate(order)}
    rows = [[ids[node], node.label, node.role, node.op, " ".join(ids[p] for p in node.parents),
             fixed(node.data, decimals), fixed(node.grad, decimals)] for node in order]
    return Table(["id", "label", "role", "op", "inputs", "data", "grad"], rows,
                 title=f"trace of {root.label or ids[root]}: {len(order)} nodes, parents first")


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
    _check(root, 0, "explain")
    if not isinstance(param, Value):
        raise TypeError(f"explain expects the Value to differentiate with respect to, got {type(param).__name__}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 17:
        raise ValueError(f"digits must be an int between 1 and 17, got {digits!r}")
    order = topological_order(root)
    index = {node: i for i, node in enumerate(order)}
    if param not in index:
        raise ValueError(f"{param!r} is not in the graph behind {root!r}: nothing to explain")

    def name(node: Value) -> str:
        return node.label or f"n{index[node]}"

    # Dynamic programming, children before parents: `count` paths from the root to each node, and
    # `grad` = d root / d node accumulated exactly as backward() does, so `total` equals param.grad.
    count, grad = {root: 1}, {root: 1.0}
    for node in reversed(order):
        if node in count and node.local_grads is not None:
            for parent, d in zip(node.parents, node.local_grads):
                count[parent] = count.get(parent, 0) + count[node]
                grad[parent] = grad.get(parent, 0.0) + d * grad[node]
    total = grad.get(param, 0.0)
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
