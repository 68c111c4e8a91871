"""Checking a student's numbers node by node: `check_values` for any numbers on any walk, `check_gradients`
for the gradients of a graph, `check_update` for the parameters after one gradient-descent step."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from ..checks import is_real
from ..graph import topological_order
from .diagnosis import Diagnosis
from .replay import gradients, uses
from .signatures import SIGNATURES, Context

PLACEHOLDERS = (Ellipsis, None)  # what a template holds until the student writes a number
Explain = Callable[[Any, float, dict], "tuple[str | None, str] | None"]


def close(answer: float, expected: float, rtol: float, atol: float) -> bool:
    """|answer - expected| <= atol + rtol * |expected|, as numpy.isclose and pytest.approx."""
    return math.isfinite(answer) and abs(answer - expected) <= atol + rtol * abs(expected)


def _resolve(answers: Mapping, expected: Mapping, names: Mapping) -> dict:
    """The answers keyed as `expected` is, whether the student used the keys themselves or their names."""
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a dict from node (or its label) to number, got {type(answers).__name__}")
    by_name: dict[str, list] = {}
    for key in expected:
        by_name.setdefault(names[key], []).append(key)
    given = {}
    for key, answer in answers.items():
        if isinstance(key, str) and key not in expected:
            keys = by_name.get(key, [])
            if len(keys) > 1:
                raise ValueError(f"{len(keys)} nodes are labelled {key!r}: give each a label of its own, "
                                 "or key the answers by the nodes themselves")
            if not keys:
                close_names = difflib.get_close_matches(key, list(by_name), n=1)
                hint = f" (did you mean {close_names[0]!r}?)" if close_names else ""
                raise ValueError(f"no node is labelled {key!r}{hint}; the labels are: {', '.join(sorted(by_name))}")
            key = keys[0]
        elif key not in expected:
            raise ValueError(f"{key!r} is not among the checked nodes (is it in the graph behind the root?)")
        if answer not in PLACEHOLDERS and not is_real(answer):
            raise TypeError(f"the answer for {names[key]} must be a number, got {type(answer).__name__} "
                            f"{answer!r} (leave ... where you have no answer yet)")
        given[key] = answer
    return given


def check_values(expected: Mapping, answers: Mapping, *, names: Mapping | None = None, rtol: float = 1e-3,
                 atol: float = 1e-6, required: Collection | None = None, explain: Explain | None = None,
                 what: str = "answer", **diagnosis: Any) -> Diagnosis:
    """Check `answers` against `expected` ({key: number}, in the order to walk: the output's side first).

    answers: {key or its name: number}; ... or None is a blank. required: keys that must be answered
    (default: only the given ones are checked). explain(key, answer) -> (signature, message) or None
    explains the first wrong answer. The message never states an expected number.
    """
    names = names or {key: str(key) for key in expected}
    given = _resolve(answers, expected, names)
    attempted = {k: a for k, a in given.items() if a not in PLACEHOLDERS}
    required = set() if required is None else set(required)
    missing = tuple(k for k in expected if k in required and k not in attempted)
    wrong = tuple(k for k in expected if k in attempted and not close(float(attempted[k]), expected[k], rtol, atol))
    if not attempted:
        return Diagnosis("not attempted", f"no {what}s yet: replace each ... with a number", missing=missing,
                         **diagnosis)
    if not wrong and not missing:
        return Diagnosis("correct", f"all {len(attempted)} {what}s are right", **diagnosis)
    if not wrong:
        shown = ", ".join(names[k] for k in missing[:6]) + (", ..." if len(missing) > 6 else "")
        return Diagnosis("incorrect", f"right so far; still to do: {shown}", missing=missing, **diagnosis)
    first = wrong[0]
    found = explain(first, float(attempted[first]), attempted) if explain else None
    signature, message = found or (None, f"{names[first]} is not right")
    if len(wrong) > 1:
        message += f" ({len(wrong) - 1} more wrong after it, perhaps because of it)"
    return Diagnosis("incorrect", message, first_wrong=first, signature=signature, wrong=wrong,
                     missing=missing, **diagnosis)


def node_names(order: list) -> dict:
    """Each node's name as the walkthrough writes it: its label, or #k (its place in topological order)."""
    return {v: v.label or (f"({v.data:g})" if v.role == "constant" else f"#{i}") for i, v in enumerate(order)}


def _explainer(ctx: Context, names: dict, rtol: float, atol: float, as_gradient: Callable | None = None,
               prefix: Callable[[Any], str] = lambda v: "") -> Explain:
    """explain(node, answer, answers) trying each signature in the catalogue's order (an update check
    tries the update's own mistake first: a flipped gradient and a flipped update look the same)."""
    catalogue = sorted(SIGNATURES, key=lambda s: s.name != "update_wrong_sign") if ctx.before else SIGNATURES
    def explain(v: Any, answer: float, attempted: dict) -> tuple[str | None, str]:
        ctx.answers = {k: float(a) for k, a in attempted.items()}
        right = ctx.expected[v] if as_gradient is None else ctx.before[v] - ctx.lr * ctx.expected[v]
        for sig in catalogue:
            for alternative, child in sig.alternatives(v, ctx):
                if as_gradient is not None and sig.name != "update_wrong_sign":
                    alternative = as_gradient(v, alternative)
                if not close(alternative, right, rtol, atol) and close(answer, alternative, rtol, atol):
                    hint = sig.explain(names[v], names.get(child, ""), len(ctx.uses[v]))
                    return sig.name, prefix(v) + hint
        return None, prefix(v) + ("recompute it as the sum, over each use of the node, of local derivative × "
                                  "the gradient arriving from that use")
    return explain


def check_gradients(root: Any, answers: Mapping, *, rtol: float = 1e-3, atol: float = 1e-6,
                    required: Iterable | None = None) -> Diagnosis:
    """Check the student's gradients d(root)/d(node) ({node or label: number}) for some or all nodes.

    The walk goes back from the output, so `first_wrong` is a wrong node whose upstream gradients are
    right (or unanswered): the root cause, not a node that only inherited an earlier mistake.
    """
    order = topological_order(root)
    expected = gradients(root, order)
    ctx = Context(order, uses(order), expected)
    names = node_names(order)
    walk = {v: expected[v] for v in reversed(order)}

    def prefix(v: Any) -> str:
        above = [u.child for u in ctx.uses[v]]
        where = f"{names[v]}.grad is the first wrong gradient walking back from the output"
        return where + (": " if above else " (it is the output: its gradient is 1): ")

    explain = _explainer(ctx, names, rtol, atol, prefix=prefix)
    return check_values(walk, answers, names=names, rtol=rtol, atol=atol, what="gradient",
                        required=None if required is None else _keys(required, walk, names),
                        explain=explain, root=root)


def check_update(root: Any, answers: Mapping, *, lr: float, parameters: Iterable | None = None,
                 rtol: float = 1e-3, atol: float = 1e-6, required: Iterable | None = None) -> Diagnosis:
    """Check the parameters after one step w ← w − lr · d(root)/dw ({parameter or label: new value}).

    parameters: those to update (default: the leaves with role 'parameter'). A wrong value is also
    explained by any gradient misconception that, pushed through the update, gives it.
    """
    order = topological_order(root)
    expected = gradients(root, order)
    chosen = [v for v in order if v.role == "parameter"] if parameters is None else list(parameters)
    before = {p: p.data for p in chosen}
    ctx = Context(order, uses(order), expected, before=before, lr=lr)
    names = node_names(order)
    walk = {p: before[p] - lr * expected[p] for p in reversed(order) if p in before}
    explain = _explainer(ctx, names, rtol, atol, as_gradient=lambda v, g: before[v] - lr * g,
                         prefix=lambda v: f"{names[v]} after the update is the first wrong value: ")
    return check_values(walk, answers, names=names, rtol=rtol, atol=atol, what="updated value",
                        required=None if required is None else _keys(required, walk, names), explain=explain,
                        root=root, kind="update", walk_options={"lr": lr, "parameters": chosen})


def _keys(required: Iterable, walk: Mapping, names: Mapping) -> set:
    by_name = {name: key for key, name in names.items()}
    return {k if k in walk else by_name[k] for k in required}
