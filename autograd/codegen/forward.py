"""``to_source(root, mode="forward")``: forward mode as straight-line Python, each node's value and
then its tangent, ``dot_v = d(v)/d(a) * dot_a + ...``, with the local derivatives read from the op
classes as the reverse program reads them."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from ..checks import is_real
from ..graph import topological_order
from ..value import Value
from .inline import literal
from .source import Source, Writer, imports, names_of


def _tangent_names(order: list, name: dict) -> dict:
    """dot_<name> for every node (the v̇ of the paper), kept clear of the nodes' own names."""
    used = set(name.values())
    dots = {}
    for node in order:
        dot = "dot_" + name[node]
        while dot in used:
            dot += "_"
        used.add(dot)
        dots[node] = dot
    return dots


def _tangent_line(w: Writer, node: Value, dot: dict, inputs: set) -> str:
    """``dot_v = ∂v/∂a * dot_a + ∂v/∂b * dot_b``: one term per input that carries a tangent."""
    names = [w.name[node], *[w.name[p] for p in node._prev]]
    lines, terms = [], []
    if w.numbers:
        partials = [ast.unparse(literal(d)) for d in node._partials]
        if any("math." in d for d in partials):
            w.modules.add("math")
        templates = [None if d == "1.0" else d + " * {}" for d in partials]
    else:
        rule = w.rule(node)
        w.modules |= rule.modules
        if rule.partials is not None:
            # the reverse rule's "d * {grad}" with the parent's tangent in the grad's place
            templates = [t.replace("{" + str(len(names)) + "}", "{{}}").format(*names) for t in rule.partials]
        else:
            w.ops.add(rule.op_name)
            tmp = f"d_{w.name[node]}"
            lines.append(f"{tmp} = {rule.call_partials.format(*names, '')}")
            templates = [f"{tmp}[{k}] * {{}}" for k in range(len(node._prev))]
    for parent, template in zip(node._prev, templates):
        if parent in inputs:
            terms.append(dot[parent] if template is None else template.format(dot[parent]))
    lines.append(w._note(f"{dot[node]} = {' + '.join(terms) or '0.0'}", node._op.name))
    return "\n".join(lines)


def forward_source(root: Value, tangents: Mapping | None, numbers: bool, function: str | None,
                   comments: bool) -> Source:
    """The tangent program of `root` (see to_source): with `function`, a function of the leaves and
    their tangents returning (value, tangent); else a script seeded with `tangents` ({leaf: ẋ})."""
    order = topological_order(root)
    name = names_of(order, readable=True)
    dot = _tangent_names(order, name)
    w = Writer(name, {}, numbers, comments)
    leaves = [n for n in order if n._op is None and n.role != "constant"]
    if function is None:
        tangents = _checked(tangents, leaves)
    # a node carries a tangent when some non-constant leaf lies behind it
    inputs = set(leaves)
    for node in order:
        if node._op is not None and any(p in inputs for p in node._prev):
            inputs.add(node)
    body = ["# forward mode: each node's value, then its tangent dot_v = sum of d(v)/d(input) * dot_input"]
    for node in order:
        if node._op is None:
            if node.role == "constant":
                body.append(w.leaf(node))
            elif function is None:
                body.append(w.leaf(node))
                body.append(w._note(f"{dot[node]} = {float(tangents.get(node, 0.0))!r}", "tangent given"))
        else:
            body.append(w.forward(node))
            if node in inputs:
                body.extend(_tangent_line(w, node, dot, inputs).split("\n"))
    head = imports(w)
    if function is None:
        return Source("\n".join(head + ([""] if head else []) + body) + "\n")
    args = [name[n] for n in leaves] + [dot[n] for n in leaves]
    result = dot[root] if root in inputs else "0.0"
    body.append(f"return {name[root]}, {result}")
    text = head + ([""] if head else []) + [f"def {function}({', '.join(args)}):"] + ["    " + line for line in body]
    return Source("\n".join(text) + "\n")


def _checked(tangents: Mapping | None, leaves: list) -> dict:
    if tangents is None:
        raise TypeError('to_source(root, mode="forward") needs the direction: tangents={x1: 1.0} (or '
                        'function="name", whose arguments include each leaf\'s tangent)')
    if not isinstance(tangents, Mapping):
        raise TypeError(f"tangents must map leaves to numbers, e.g. {{x1: 1.0}}; got {type(tangents).__name__}")
    known = set(leaves)
    for leaf, t in tangents.items():
        if leaf not in known:
            raise ValueError(f"{leaf!r} is not a leaf (input or parameter) of this graph: only those take a tangent")
        if isinstance(t, Value) or not is_real(t):
            raise TypeError(f"the tangent of {leaf!r} must be a real number, got {type(t).__name__} {t!r}")
    return dict(tangents)
