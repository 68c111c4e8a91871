"""The replay for big graphs: loops over index tables instead of one line per edge.

Python compiles straight-line code at roughly 10 µs a line, so a graph with a million edges would
take many seconds to compile. Here nodes that can run together share one loop: the forward groups
nodes by level (longest path from a leaf) and op; the backward computes each gradient as one sum,
``grad = 0.0 + d_1 * grad_child_1 + ...`` over its children in the engine's order, and groups
nodes by level again (highest first: a node's children sit higher) and by the shape of that sum. Values live in a list.
The additions happen in the engine's order, so the numbers are still the engine's to the last bit.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any

_FIELD = re.compile(r"\{(\d+)\}")
_MAX_TERMS = 40  # terms per statement: a longer sum continues on the next line (same order)


def _fill(template: str, names: list[str]) -> str:
    return template.format(*names)


def generate(order: list, root: Any, params: list, inputs: list, outputs: list | None,
             wanted: set, writer: Any) -> tuple[str, dict]:
    """The source of ``replay(P, X, G)`` (and ``values(P, X)`` with outputs), and its tables."""
    index = {node: i for i, node in enumerate(order)}
    extra = len(order)
    for leaf in [*params, *inputs]:  # leaves outside the graph get a slot nobody reads
        if leaf not in index:
            index[leaf], extra = extra, extra + 1
    tables: list[tuple] = []
    known = set(params) | set(inputs)
    space: dict[str, Any] = {"SIZE": extra, "PI": tuple(index[p] for p in params),
                             "XI": tuple(index[x] for x in inputs), "T": tables,
                             "CONSTANTS": tuple((index[n], float(n.data)) for n in order
                                                if n._op is None and n not in known)}
    forward = ["v = [0.0] * SIZE", "for i, x in zip(PI, P):", "    v[i] = x",
               "for i, x in zip(XI, X):", "    v[i] = x", "for i, x in CONSTANTS:", "    v[i] = x"]
    level = levels(order)
    forward += _forward(order, index, level, writer, tables)
    body = [*forward, "g = [0.0] * SIZE", "for i, x in zip(PI, G):", "    g[i] = x",
            f"g[{index[root]}] = {f'g[{index[root]}] + ' if root._op is None else ''}1.0"]  # the seed
    body += _backward(order, index, level, wanted, set(params), writer, tables)
    body.append(f"return v[{index[root]}], [g[i] for i in PI]")
    text = ["def replay(P, X, G):"] + ["    " + line for line in body]
    if outputs is not None:
        space["OI"] = tuple(index[o] for o in outputs)
        forward.append(f"return v[{index[root]}], [v[i] for i in OI]")
        text += ["", "", "def values(P, X):"] + ["    " + line for line in forward]
    return "\n".join(text) + "\n", space


def _emit(rows: list[tuple], statement: Any, tables: list) -> list[str]:
    """One row: the statement with its indices written in; more: a loop over a table of rows."""
    if len(rows) == 1:
        return statement([str(i) for i in rows[0]])
    names = [f"r{k}" for k in range(len(rows[0]))]
    tables.append(tuple(rows))
    return [f"for {', '.join(names)}, in T[{len(tables) - 1}]:"] + ["    " + s for s in statement(names)]


def levels(order: list) -> dict:
    """Longest path from a leaf: nodes on one level never use each other, in either pass."""
    level: dict = {}
    for node in order:
        level[node] = 1 + max([level[p] for p in node._prev]) if node._op is not None else 0
    return level


def _forward(order: list, index: dict, level: dict, writer: Any, tables: list) -> list[str]:
    groups: dict[tuple, list] = {}
    for node in order:
        if node._op is not None:
            groups.setdefault((level[node], id(writer.rule(node))), []).append(node)
    lines: list[str] = []
    for (_, _), nodes in sorted(groups.items(), key=lambda item: item[0][0]):
        rule = writer.rule(nodes[0])
        writer.modules |= rule.modules
        if rule.forward.startswith(rule.op_name + "."):
            writer.ops.add(rule.op_name)
        rows = [(index[n], *(index[p] for p in n._prev)) for n in nodes]

        def statement(names: list[str], rule: Any = rule) -> list[str]:
            values = [f"v[{name}]" for name in names]
            return [f"{values[0]} = {_fill(rule.forward, values)}"]

        lines += _emit(rows, statement, tables)
    return lines


def _term(writer: Any, child: Any, slot: int) -> str:
    """d(child)/d(parent in `slot`) * grad_child, over {0} = child, {k} = its parents, {n+1} = grad."""
    rule = writer.rule(child)
    writer.modules |= rule.modules
    if rule.partials is not None:
        return rule.partials[slot]
    writer.ops.add(rule.op_name)
    return f"{rule.call_partials}[{slot}] * {{{len(child._prev) + 1}}}"


def _terms(order: list, index: dict, wanted: set, writer: Any) -> tuple[dict, dict, dict]:
    """For every wanted node: the children it gets a term from, in the engine's order (last node
    first, parents left to right), and a code per term: (the child's rule, the parent's slot)."""
    children: dict = {node: [] for node in order if node in wanted}
    codes: dict = {node: [] for node in children}
    rules: dict = {}  # rule -> small number
    slots_of: dict = {}  # child -> its parents' indices, then its own
    for node in reversed(order):
        if node._op is None or node not in children:
            continue
        rule = writer.rule(node)
        base = rules.setdefault(rule, len(rules)) << 32
        slots_of[node] = (*map(index.__getitem__, node._prev), index[node])
        for slot, parent in enumerate(node._prev):
            into = children.get(parent)
            if into is not None:
                into.append(node)
                codes[parent].append(base | slot)
    return children, codes, slots_of


def _backward(order: list, index: dict, level: dict, wanted: set, params: set, writer: Any,
              tables: list) -> list[str]:
    children, codes, slots_of = _terms(order, index, wanted, writer)
    groups: dict[tuple, list] = {}
    for node, terms in codes.items():
        if terms:  # a node's children all sit on higher levels: highest level first
            groups.setdefault((-level[node], node in params, tuple(terms)), []).append(node)
    lines: list[str] = []
    for (_, is_param, _), nodes in sorted(groups.items(), key=lambda item: item[0][0]):
        first = children[nodes[0]]
        templates = [_term(writer, c, code & 0xFFFFFFFF) for c, code in zip(first, codes[nodes[0]])]
        fields = [sorted({int(f) for f in _FIELD.findall(t)}) for t in templates]
        # Where each field's index sits in slots_of[child]: {0} and {n+1} are the child (last).
        picks = [[len(c._prev) if f in (0, len(c._prev) + 1) else f - 1 for f in used]
                 for c, used in zip(first, fields)]
        getters = [itemgetter(*pick) if len(pick) > 1 else None for pick in picks]
        rows = []
        for node in nodes:
            row = [index[node]]
            for child, pick, getter in zip(children[node], picks, getters):
                if getter is None:
                    row.append(slots_of[child][pick[0]])
                else:
                    row += getter(slots_of[child])
            rows.append(tuple(row))

        def statement(names: list[str], templates: list = templates, fields: list = fields,
                      is_param: bool = is_param) -> list[str]:
            terms, k = [], 1
            for template, used in zip(templates, fields):
                n_fields = max(used) + 1 if used else 0
                grad_field = max(used) if used else -1
                slots = ["0.0"] * n_fields
                for f in used:
                    slots[f] = f"g[{names[k]}]" if f == grad_field else f"v[{names[k]}]"
                    k += 1
                terms.append(_fill(template, slots))
            target = f"g[{names[0]}]"
            out = []
            for start in range(0, len(terms), _MAX_TERMS):
                first = target if is_param or start else "0.0"
                out.append(f"{target} = {' + '.join([first, *terms[start:start + _MAX_TERMS]])}")
            return out

        lines += _emit(rows, statement, tables)
    return lines
