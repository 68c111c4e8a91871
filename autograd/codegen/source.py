"""``to_source``: the forward and backward pass of a graph as straight-line Python, one line per node
and one per edge, in the student's own names. ``compile`` builds its fast replay from the same lines.
"""

from __future__ import annotations

import ast
import builtins
import html
import keyword
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from typing import Any

from .. import ops
from ..graph import topological_order
from ..value import Value
from .inline import NotInlinable, elements, inline, literal

_RESERVED = set(dir(builtins)) | {"math", "floatmath", "operator", "ops"}
_ZERO_INIT_WIDTH = 6  # names per `grad_a = grad_b = ... = 0.0` line


class Source(str):
    """Generated Python: a str (``exec`` it, ``print`` it); Jupyter shows it syntax-highlighted."""

    def _repr_html_(self) -> str:
        try:
            from pygments import highlight
            from pygments.formatters import HtmlFormatter
            from pygments.lexers import PythonLexer
        except ImportError:  # pygments comes with Jupyter; without it, plain text
            return f"<pre>{html.escape(str(self))}</pre>"
        return highlight(str(self), PythonLexer(), HtmlFormatter(noclasses=True))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def names_of(order: list, readable: bool, reserved: Iterable[str] = ()) -> dict:
    """A variable name per node: its label when that is a free identifier (made unique), else n<i>
    (the renderer's id); `readable=False` gives the short v<i> that compiled code uses.

    Python compares identifiers after NFKC normalisation (``x`` and ``𝐱`` are one variable, and so
    are ``é`` in one code point and ``e`` plus an accent), so uniqueness is checked on that form.
    The names the generated code itself uses (builtins, the modules and op classes it imports,
    `reserved`) are never given to a node.
    """
    if not readable:
        return {node: f"v{i}" for i, node in enumerate(order)}
    used = {_python_name(n) for n in (*_RESERVED, *ops.__all__, *reserved)}
    names = {}
    for i, node in enumerate(order):
        label = node.label
        base = label if label.isidentifier() and not keyword.iskeyword(_python_name(label)) else f"n{i}"
        name, k = base, 2
        while not used.isdisjoint(_python_name(n) for n in (name, "grad_" + name, "d_" + name)):
            name, k = f"{base}_{k}", k + 1
        used.update(_python_name(n) for n in (name, "grad_" + name, "d_" + name))  # d_<name>: a rule's tuple
        names[node] = name
    return names


def _python_name(name: str) -> str:
    """The identifier as Python sees it (PEP 3131: NFKC-normalised)."""
    return unicodedata.normalize("NFKC", name)


class _Rule:
    """One op's lines as format strings over {0} = the node, {1}..{n} = its parents, {n+1} = its
    gradient; made once per (op, number of inputs, constant parameters), so a big graph costs one
    string format per line rather than one syntax tree."""

    def __init__(self, op: type, n: int, params: tuple) -> None:
        self.modules: set[str] = set()
        self.op_name = op.__name__
        out = ast.Name("_out_", ast.Load())
        args = [ast.Name(f"_a{i}_", ast.Load()) for i in range(n)] + [literal(p) for p in params]
        g = ast.Name("_g_", ast.Load())
        try:
            forward = inline(op.forward, args, self.modules)
        except NotInlinable:  # e.g. Max's loop: call the op's own rule
            forward = self._call("forward", args)
        self.forward = _template(forward, n)
        try:
            partials = elements(inline(op.local_grads, [out, *args], self.modules), n)
        except NotInlinable:
            partials = None
        # None: the rule's shape is not visible, so it is called once and its tuple indexed.
        self.partials = None if partials is None else [_term(d, g, n) for d in partials]
        self.call_partials = _template(self._call("local_grads", [out, *args]), n)
        self.modules = {m for m in self.modules if m != "operator"}

    def _call(self, method: str, args: list[ast.expr]) -> ast.expr:
        func = ast.Attribute(ast.Name(self.op_name, ast.Load()), method, ast.Load())
        return ast.Call(func, args, [])


# Every _Rule made, per (op, number of inputs, parameters as written), kept across calls: making one
# parses the op's source, which costs more than generating a small graph's code.
_RULES: dict[tuple, _Rule] = {}
_RULES_KEPT = 10_000


def _term(d: ast.expr, g: ast.expr, n: int) -> str:
    # 1.0 * g is g to the last bit, so the multiplication by an exact 1 is left out.
    term = g if isinstance(d, ast.Constant) and d.value == 1.0 else ast.BinOp(d, ast.Mult(), g)
    return _template(term, n)


_PLACEHOLDER = re.compile(r"\b_(?:out|a(\d+)|g)_\b")


def _template(expr: ast.expr, n: int) -> str:
    def index(m: re.Match) -> str:
        text = m.group(0)
        position = 0 if text == "_out_" else n + 1 if text == "_g_" else int(m.group(1)) + 1
        return "{" + str(position) + "}"

    text = ast.unparse(expr).replace("{", "{{").replace("}", "}}")
    return _PLACEHOLDER.sub(index, text)


class Writer:
    """Turns nodes into statements; remembers which modules and op classes the text needs."""

    def __init__(self, name: dict, grad: dict, numbers: bool = False, comments: bool = True) -> None:
        self.name, self.grad, self.numbers, self.comments = name, grad, numbers, comments
        self.rules: dict[tuple, _Rule] = {}
        self.modules: set[str] = set()
        self.ops: set[str] = set()
        self.by_node: dict = {}

    def _note(self, text: str, note: str) -> str:
        return f"{text}  # {note}" if self.comments and note else text

    def rule(self, node: Value) -> _Rule:
        # Asked several times per node by compile's tables (forward groups, backward terms): remembered
        # per node, and the key read from the slots, since this runs once per node and edge.
        rule = self.by_node.get(node)
        if rule is None:
            key = (node._op, len(node._prev), tuple(map(repr, node._params)))
            rule = self.rules.get(key)
            if rule is None:
                rule = _RULES.get(key)
                if rule is None:
                    if len(_RULES) > _RULES_KEPT:  # exponents and widths without end: start over
                        _RULES.clear()
                    rule = _RULES.setdefault(key, _Rule(node._op, len(node._prev), node._params))
                self.rules[key] = rule
            self.by_node[node] = rule
        return rule

    def leaf(self, node: Value) -> str:
        text = ast.unparse(literal(node.data))
        if "math." in text:
            self.modules.add("math")
        return self._note(f"{self.name[node]} = {text}", node.role)

    def forward(self, node: Value) -> str:
        rule = self.rule(node)
        self.modules |= rule.modules
        if rule.forward.startswith(rule.op_name + "."):
            self.ops.add(rule.op_name)
        line = rule.forward.format(self.name[node], *[self.name[p] for p in node.parents])
        return self._note(f"{self.name[node]} = {line}", node.op)

    def edges(self, node: Value, wanted: Callable[[Value], bool] | None = None) -> list[str]:
        """``grad_parent += d(node)/d(parent) * grad_node`` for each parent, in the engine's order."""
        parents = node.parents
        if wanted is not None and not any(map(wanted, parents)):
            return []
        names = [self.name[node], *[self.name[p] for p in parents], self.grad[node]]
        lines = []
        if self.numbers:
            terms = []
            for d in node.local_grads:
                text = ast.unparse(literal(d))
                if "math." in text:
                    self.modules.add("math")
                terms.append(names[-1] if text == "1.0" else f"{text} * {names[-1]}")
        else:
            rule = self.rule(node)
            self.modules |= rule.modules
            if rule.partials is not None:
                terms = [t.format(*names) for t in rule.partials]
            else:
                self.ops.add(rule.op_name)
                tmp = f"d_{self.name[node]}"
                lines.append(f"{tmp} = {rule.call_partials.format(*names)}")
                terms = [f"{tmp}[{i}] * {names[-1]}" for i in range(len(parents))]
        note = node.op
        for parent, term in zip(parents, terms):
            if wanted is None or wanted(parent):
                lines.append(self._note(f"{self.grad[parent]} += {term}", note))
        return lines


def forward_lines(w: Writer, order: list[Value], given: Collection[Value]) -> list[str]:
    """One statement per node, in topological order; a leaf in `given` arrives as an argument, so has none."""
    return [w.forward(n) if n.op_class is not None else w.leaf(n)
            for n in order if n.op_class is not None or n not in given]


def zero_lines(names: Iterable[str], indent: str = "") -> list[str]:
    """``a = b = c = 0.0`` in lines of a few names: every gradient starts at 0, as in the engine."""
    names = list(names)
    return [indent + " = ".join(names[i:i + _ZERO_INIT_WIDTH]) + " = 0.0"
            for i in range(0, len(names), _ZERO_INIT_WIDTH)]


def imports(writer: Writer) -> list[str]:
    lines = sorted(f"import {m}" for m in writer.modules if m in ("math", "operator"))
    if "floatmath" in writer.modules:
        lines.append("from autograd import floatmath")
    if writer.ops:
        lines.append(f"from autograd.ops import {', '.join(sorted(writer.ops))}")
    return lines


def to_source(root: Value, *, numbers: bool = False, function: str | None = None,
              comments: bool = True, mode: str = "reverse", tangents: Any = None) -> Source:
    """The Python that computes `root` and the gradient of every node behind it, as plain floats.

    Forward: one assignment per node in topological order, named after its label when that is a
    valid identifier (else ``n<i>``, the picture's id), with the op in a comment. Backward: every
    gradient starts at 0, the seed ``grad_root += 1.0``, then one line per edge in reverse order,
    ``grad_parent += d(node)/d(parent) * grad_node``, the local derivative written as a formula in
    the node names (``numbers=True``: as the number it has now). The formulas are read from the
    op classes, so running the text gives every ``.data`` and ``.grad`` of a fresh ``backward()``
    to the last bit.

    By default the text is a script: leaves are assigned their current values. With
    ``function="name"`` it defines ``name(<non-constant leaves>)`` returning ``(root value,
    {leaf name: gradient})``. Print it for plain text; Jupyter shows it highlighted.

    ``mode="forward"`` writes forward mode instead (codegen/forward.py): after each node's value its
    tangent, ``dot_v = d(v)/d(a) * dot_a + ...``, seeded with ``tangents={leaf: number}``; with
    `function` the tangents are arguments too and it returns ``(root value, root tangent)``.
    """
    if not isinstance(root, Value):
        raise TypeError(f"to_source() needs a Value, got {type(root).__name__} {root!r}")
    if function is not None and not (isinstance(function, str) and function.isidentifier()
                                     and not keyword.iskeyword(function)):
        raise ValueError(f"function must be a valid Python name such as 'forward_backward', got {function!r}")
    if numbers and function is not None:  # both modes: a fixed derivative is wrong for other arguments
        raise ValueError("numbers=True writes each local derivative as the number it has in this run, which "
                         "is wrong as soon as the function gets other arguments; use function= without "
                         "numbers=True (the derivatives are then formulas), or numbers=True for a script")
    if mode == "forward":
        from .forward import forward_source

        return forward_source(root, tangents, numbers, function, comments)
    if mode != "reverse" or tangents is not None:
        raise ValueError(f'mode must be "reverse" (the default) or "forward", got {mode!r}' if mode != "reverse"
                         else 'tangents= belongs to mode="forward"; reverse mode seeds the root with 1')
    order = topological_order(root)
    name = names_of(order, readable=True, reserved=[function] if function else [])
    grad = {node: "grad_" + name[node] for node in order}
    w = Writer(name, grad, numbers, comments)
    leaves = [n for n in order if n.op_class is None]
    args = [n for n in leaves if n.role != "constant"] if function else []
    forward = ["# forward: one line per node, each after the nodes it uses", *forward_lines(w, order, args)]
    backward = ["# backward: every gradient starts at 0; the seed d(root)/d(root) = 1; then one line",
                "# per edge, last node first: grad_parent += d(node)/d(parent) * grad_node",
                *zero_lines(grad[n] for n in order), f"{grad[root]} += 1.0"]
    for node in reversed(order):
        if node.op_class is not None:
            backward.extend(w.edges(node))
    head = imports(w)
    body = forward + [""] + backward
    if function is None:
        return Source("\n".join(head + ([""] if head else []) + body) + "\n")
    signature = f"def {function}({', '.join(name[n] for n in args)}):"
    result = ", ".join(f"{name[n]!r}: {grad[n]}" for n in leaves if n.role != "constant")
    body.append(f"return {name[root]}, {{{result}}}")
    text = head + ([""] if head else []) + [signature] + ["    " + line if line else "" for line in body]
    return Source("\n".join(text) + "\n")
