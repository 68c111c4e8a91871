"""The evaluation trace in the layout of Baydin et al., "Automatic differentiation in machine
learning: a survey" (JMLR 2018), tables 2 and 3: the primal trace (v), beside it the forward
tangent trace (v̇) or the reverse adjoint trace (v̄). `trace(root, tangents=...)` and
`trace(root, adjoints=True)` show it."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from .formatting import Table, fixed
from .forward import jvp
from .graph import topological_order
from .value import Value

_SUBSCRIPT = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")
DOT, BAR = "\u0307", "\u0304"  # combining dot (v̇, a tangent) and bar (v̄, an adjoint)


class _Layout:
    """Names and numbers as the paper writes them: inputs v₋ₙ₊₁ … v₀, then v₁, v₂, … in the order
    a hand evaluation takes (wave by wave: a node after everything it uses, ties in graph order)."""

    def __init__(self, root: Value, decimals: int) -> None:
        self.root, self.decimals = root, decimals
        order = topological_order(root)
        wave: dict = {}
        for node in order:
            wave[node] = 1 + max((wave[p] for p in node._prev), default=-1)
        inputs = [n for n in order if n._op is None and n.role != "constant"]
        ops = sorted((n for n in order if n._op is not None), key=lambda n: (wave[n], order.index(n)))
        self.rows = inputs + ops
        self.inputs = len(inputs)
        self.index = {n: i - len(inputs) + 1 for i, n in enumerate(self.rows)}

    def v(self, node: Value, mark: str = "") -> str:
        """v₃, v̇₃ or v̄₃; a constant is its number."""
        if node not in self.index:
            return self.num(node.data)
        return "v" + mark + str(self.index[node]).translate(_SUBSCRIPT)

    def num(self, x: float) -> str:
        """3 decimals as the paper prints them, trailing zeros dropped: 0.693, 10, 5.5, -0.284."""
        text = fixed(x, self.decimals)
        return text.rstrip("0").rstrip(".") if "." in text else text

    def factor(self, x: float) -> str:
        text = self.num(x)
        return f"({text})" if text.startswith("-") else text

    def name(self, node: Value, mark: str = "") -> str:
        """An input's or the output's own name, marked: x1, ẋ1, x̄1 (y when the output has no label)."""
        label = node.label or ("y" if node is self.root else f"x{self.index[node] + self.inputs}")
        return unicodedata.normalize("NFC", label[0] + mark + label[1:])  # ẋ as one character where there is one


def _primal(layout: _Layout) -> list[str]:
    rows = []
    for node in layout.rows:
        v = layout.v(node)
        if node._op is None:
            rows.append(f"{v} = {layout.name(node)} = {layout.num(node.data)}")
            continue
        names = [layout.v(p) for p in node._prev]
        numbers = [layout.factor(p.data) for p in node._prev]
        params = [f"{p:g}" for p in node._params]
        if len(node._prev) == 2 and not params and not node.op.isalpha():  # + - * / **
            formula = f"{names[0]} {node.op} {names[1]} = {numbers[0]} {node.op} {numbers[1]}"
        else:
            formula = f"{node.op}({', '.join(names + params)}) = {node.op}({', '.join(numbers + params)})"
        rows.append(f"{v} = {formula} = {layout.num(node.data)}")
    rows.append(f"{layout.name(layout.root)} = {layout.v(layout.root)} = {layout.num(layout.root.data)}")
    return rows


def _tangent(layout: _Layout, tangents: Mapping) -> list[str]:
    tangent = jvp(layout.root, tangents, allow_unused=True).tangents  # the engine's own sweep
    rows = []
    for node in layout.rows:
        t = layout.num(tangent.get(node, 0.0))
        if node._op is None:
            rows.append(f"{layout.v(node, DOT)} = {layout.name(node, DOT)} = {t}")
            continue
        names, numbers = [], []
        for parent, d in zip(node._prev, node.local_grads):
            if parent not in layout.index:
                continue  # a constant has no tangent
            sign = " - " if d == -1.0 else " + "
            vd, td = layout.v(parent, DOT), layout.factor(tangent.get(parent, 0.0))
            if abs(d) == 1.0:
                names.append((sign, vd))
                numbers.append((sign, td))
            else:
                names.append((" + ", f"{vd} × ∂{layout.v(node)}/∂{layout.v(parent)}"))
                numbers.append((" + ", f"{layout.num(tangent.get(parent, 0.0))} × {layout.factor(d)}"))
        rows.append(f"{layout.v(node, DOT)} = {_sum(names)} = {_sum(numbers)} = {t}")
    root = layout.root
    rows.append(f"{layout.name(root, DOT)} = {layout.v(root, DOT)} = {layout.num(tangent.get(root, 0.0))}")
    return rows


def _sum(terms: list[tuple[str, str]]) -> str:
    """' + a - b' without its leading ' + ' ('-b' when the first term is subtracted)."""
    if not terms:
        return "0"
    text = "".join(sign + term for sign, term in terms)
    return text[3:] if text.startswith(" + ") else "-" + text[3:]


def _adjoint(layout: _Layout) -> list[str]:
    root = layout.root
    adjoint = {root: 1.0}
    rows = [f"{layout.v(root, BAR)} = {layout.name(root, BAR)} = 1"]
    for node in reversed(layout.rows):
        if node._op is None:
            continue
        for parent, d in zip(node._prev, node.local_grads):
            if parent not in layout.index:
                continue
            vb, pb = layout.v(node, BAR), layout.v(parent, BAR)
            term = f"{vb} × ∂{layout.v(node)}/∂{layout.v(parent)}"
            product = f"{layout.num(adjoint[node])} × {layout.factor(d)}"
            if parent in adjoint:  # a later contribution adds to the sum so far
                rows.append(f"{pb} = {pb} + {term} = {layout.num(adjoint[parent])} + {product}")
                adjoint[parent] += d * adjoint[node]
            else:
                rows.append(f"{pb} = {term} = {product}")
                adjoint[parent] = d * adjoint[node]
            rows[-1] += f" = {layout.num(adjoint[parent])}"
    for node in layout.rows:
        if node._op is None:
            rows.append(f"{layout.name(node, BAR)} = {layout.v(node, BAR)} = {layout.num(adjoint.get(node, 0.0))}")
    return rows


def evaluation_trace(root: Value, tangents: Mapping | None = None, adjoints: bool = False,
                     decimals: int = 3) -> Table:
    """The primal trace of `root`, beside it the tangent trace (for `tangents`, {leaf: ẋ}) and/or the
    adjoint trace (``adjoints=True``): one column each, one formula per line, as in the paper."""
    layout = _Layout(root, decimals)
    columns = {"forward primal trace (v)": _primal(layout)}
    if tangents is not None:
        columns["forward tangent trace (v̇)"] = _tangent(layout, tangents)
    if adjoints:
        columns["reverse adjoint trace (v̄)"] = _adjoint(layout)
    height = max(map(len, columns.values()))
    cells = [lines + [""] * (height - len(lines)) for lines in columns.values()]
    what = " and ".join(name.split(" (")[0].replace("forward ", "").replace("reverse ", "") for name in columns)
    return Table(list(columns), [list(row) for row in zip(*cells)], title=f"the {what} of {layout.name(root)}")
