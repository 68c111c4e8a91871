"""The replay as loops over index tables: one loop runs many nodes of one kind, so the code is short.

Python compiles straight-line code at roughly 10 µs a line, and a neuron's graph has hundreds of
lines, so here nodes of one kind share a loop, ``for r0, r1, r2 in T[k]: ...``, over a table of their
indices; values and gradients live in two lists, v and g. A loop runs its rows in order, so a node
may use a node of an earlier row (a chain of additions is one loop).

Forward: each node goes into the first loop of its kind after its inputs' loops.
Backward: as the engine, each node adds ``d(node)/d(parent) * grad_node`` into its parents' gradients
(backward.py). Floating-point sums depend on their order, so two rules keep the engine's numbers to
the last bit: a node runs after every node that adds into it (its gradient is then complete), and the
nodes adding into one parent run in the engine's order (last node first). Each node goes into the
first loop of its kind that these rules allow, which puts the many neurons of a batch in one loop.
"""

from __future__ import annotations

from itertools import compress
from typing import Any

from .maxrule import written_out

_SHIFT = 20  # a slot is (time << _SHIFT) | kind: kinds at one time run in kind order
_KINDS = (1 << _SHIFT) - 1


def generate(order: list, root: Any, params: list, inputs: list, outputs: list | None,
             wanted: set, writer: Any, ending: Any) -> tuple[str, dict]:
    """The source of ``replay(P, X, G, H, S, V)`` (and ``values(P, X)`` with outputs), and its tables;
    `ending(loss, grads, outputs)` writes its last lines."""
    index = {node: i for i, node in enumerate(order)}
    size = len(order)
    for leaf in [*params, *inputs]:  # leaves outside the graph get a slot nobody reads
        if leaf not in index:
            index[leaf], size = size, size + 1
    known = set(params) | set(inputs)
    layout = _Layout(order, index, writer)
    tables: list[tuple] = []
    space: dict[str, Any] = {"SIZE": size, "PI": tuple(index[p] for p in params),
                             "XI": tuple(index[x] for x in inputs), "T": tables,
                             "CONSTANTS": tuple((index[n], float(n.data)) for n in order
                                                if n._op is None and n not in known)}
    forward = ["v = [0.0] * SIZE", "for i, x in zip(PI, P):", "    v[i] = x",
               "for i, x in zip(XI, X):", "    v[i] = x", "for i, x in CONSTANTS:", "    v[i] = x"]
    forward += _forward(layout, writer, tables)
    seed = f"g[{index[root]}] + 1.0" if root._op is None else "1.0"
    # V: the values of a forward pass already run on these very numbers (values() keeps them)
    body = ["if V is None:", *["    " + line for line in forward], "else:", "    v = V",
            "g = [0.0] * SIZE", "for i, x in zip(PI, G):", "    g[i] = x", f"g[{index[root]}] = {seed}",
            "skip_zeros = zeros_skippable(G)"]
    body += _backward(order, layout, wanted, writer, tables)
    body += ending(f"v[{index[root]}]", "[g[i] for i in PI]", "None" if outputs is None else "[v[i] for i in OI]")
    text = ["def replay(P, X, G, H=(), S=(), V=None):"] + ["    " + line for line in body]
    if outputs is not None:
        space["OI"] = tuple(index[o] for o in outputs)
        forward.append(f"return v[{index[root]}], [v[i] for i in OI], v")
        text += ["", "", "def values(P, X):"] + ["    " + line for line in forward]
    return "\n".join(text) + "\n", space


def _slot(earliest: int, kind: int) -> int:
    """The first slot of this kind at or after `earliest`."""
    if earliest & _KINDS == kind:
        return earliest
    return ((earliest >> _SHIFT) + (earliest & _KINDS > kind)) << _SHIFT | kind


class _Layout:
    """The graph as numbers: each op node's row (its index, its parents' indices), its kind (one per
    rule) and its forward slot: the first slot of its kind at or after its parents' (one slot is
    one loop, and a loop runs its rows in order, so a parent may sit in an earlier row)."""

    def __init__(self, order: list, index: dict, writer: Any) -> None:
        self.rows: list = [None] * len(order)
        self.slot = slot = [-1] * len(order)
        self.kind = [0] * len(order)
        self.rules: list = []
        kinds: dict = {}
        at, slot_at = index.__getitem__, slot.__getitem__
        for i, node in enumerate(order):
            if node._op is None:
                continue
            self.rows[i] = row = (i, *map(at, node._prev))
            params = node._params
            key = (node._op, len(row), tuple(map(repr, params))) if params else (node._op, len(row))
            kind = kinds.get(key)
            if kind is None:
                kind = kinds[key] = len(self.rules)
                self.rules.append(written_out(node, writer.rule(node)))
            self.kind[i] = kind
            earliest = max(map(slot_at, row))  # row[0] is the node itself, still at -1
            slot[i] = earliest if earliest & _KINDS == kind else _slot(earliest, kind)


def _emit(rows: list[tuple], statement: Any, tables: list) -> list[str]:
    """One row: the statement with its indices written in; more: a loop over a table of rows
    (statement(names, looped) is told which, so that it may end a row early with `continue`)."""
    if len(rows) == 1:
        return statement([str(i) for i in rows[0]], False)
    names = [f"r{k}" for k in range(len(rows[0]))]
    tables.append(tuple(rows))
    return [f"for {', '.join(names)}, in T[{len(tables) - 1}]:"] + ["    " + s for s in statement(names, True)]


def _use(writer: Any, rule: Any, called: bool) -> None:
    writer.modules |= rule.modules
    if called:
        writer.ops.add(rule.op_name)


def _forward(layout: _Layout, writer: Any, tables: list) -> list[str]:
    groups: dict[int, list] = {}
    for row, slot in zip(layout.rows, layout.slot):
        if row is not None:
            groups.setdefault(slot, []).append(row)
    lines: list[str] = []
    for slot, group in sorted(groups.items()):
        rule = layout.rules[slot & _KINDS]
        _use(writer, rule, rule.forward.startswith(rule.op_name + "."))

        def statement(names: list[str], looped: bool, rule: Any = rule) -> list[str]:
            return [f"v[{names[0]}] = {rule.forward.format(*[f'v[{n}]' for n in names])}"]

        lines += _emit(group, statement, tables)
    return lines


def _schedule(order: list, layout: _Layout, wanted: set) -> tuple[dict[int, list], list]:
    """The backward's groups: slot -> rows. Walking the nodes as the engine does (last first), each
    goes into the first slot of its kind at or after the slots of the nodes adding into it (its
    gradient is then complete) and of the nodes that added into its parents before it. Also each
    backward kind's (forward kind, which parents get a term)."""
    rows, forward_kinds = layout.rows, layout.kind
    latest = [-1] * len(rows)  # per node: the latest slot of a node adding into it so far
    at = latest.__getitem__
    kinds: dict = {}
    groups: dict[int, list] = {}
    for i in range(len(order) - 1, -1, -1):
        row = rows[i]
        node = order[i]
        if row is None or node not in wanted:
            continue
        if wanted.issuperset(node._prev):  # most nodes: every parent gets a term
            key, targets = (forward_kinds[i], None), row
        else:
            mask = tuple(map(wanted.__contains__, node._prev))
            key, targets = (forward_kinds[i], mask), [i, *compress(row[1:], mask)]
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = len(kinds)
        slot = max(map(at, targets))  # targets[0] is the node: after the nodes adding into it
        if slot & _KINDS != kind:
            slot = _slot(slot, kind)
        for j in targets:
            latest[j] = slot
        group = groups.get(slot)
        if group is None:
            groups[slot] = [row]
        else:
            group.append(row)
    return groups, list(kinds)


def _backward(order: list, layout: _Layout, wanted: set, writer: Any, tables: list) -> list[str]:
    groups, kinds = _schedule(order, layout, wanted)
    lines: list[str] = []
    for slot in sorted(groups):
        forward_kind, mask = kinds[slot & _KINDS]
        rule = layout.rules[forward_kind]
        _use(writer, rule, rule.partials is None)

        def statement(names: list[str], looped: bool, rule: Any = rule, mask: tuple = mask) -> list[str]:
            n = len(names) - 1
            fields = [f"v[{name}]" for name in names]
            slots = [k for k in range(n) if mask is None or mask[k]]
            out, grad = [], f"g[{names[0]}]"
            if len(slots) > 1:  # read the node's gradient once
                out.append(f"gc = {grad}")
                grad = "gc"
                if looped and n > 2 and rule.op_name == "Dot":  # the engine's skip (backward.py)
                    out += [f"if gc == 0.0 and skip_zeros and math.isfinite({fields[0]}):", "    continue"]
            if rule.partials is None:  # the rule is called once, its tuple indexed
                out.append(f"d = {rule.call_partials.format(*fields, grad)}")
                terms = [f"d[{k}] * {grad}" for k in slots]
            else:
                terms = [rule.partials[k].format(*fields, grad) for k in slots]
            return out + [f"g[{names[k + 1]}] += {term}" for k, term in zip(slots, terms)]

        lines += _emit(groups[slot], statement, tables)
    return lines
