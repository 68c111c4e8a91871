"""The catalogue's mistakes made on purpose: a backward pass with one fault injected at one node, run on
its own dictionary of gradients, so no graph, op or engine code is ever changed (for planting a
misconception in a test, and for the bug hunts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..graph import topological_order
from .replay import uses
from .signatures import _softmax_share, signature

# A fault in an op's backward rule at node `at`: (its output, input index, input, right local) -> wrong local
LOCAL: dict[str, Callable[[Any, int, Any, float], float]] = {
    "tanh_from_input": lambda out, k, x, d: 1.0 - x.data * x.data,
    "sigmoid_as_sigma": lambda out, k, x, d: out.data,
    "relu_zero_as_one": lambda out, k, x, d: 1.0 if x.data == 0 else d,
    "square_as_x": lambda out, k, x, d: d / 2,
    "product_swapped": lambda out, k, x, d: x.data,
}
# A fault in a node's own gradient, made when backward visits it: (node, its right gradient, context) -> wrong
OWN: dict[str, Callable[[Any, float, Any], float]] = {
    "sign_flip": lambda v, g, ctx: -g,
    "bias_gradient": lambda v, g, ctx: 0.0,  # the bias left out
    "softmax_not_yhat_minus_y": lambda v, g, ctx: _yhat(v, ctx),  # ŷ alone, −y left out
}
# The op at `at` ... | the node at `at` ... | the whole pass: where each fault is injected
WHERE = {**dict.fromkeys(LOCAL, "op"), "upstream_not_multiplied": "op", **dict.fromkeys(OWN, "node"),
         "overwrite_not_accumulate": "node", "out_of_order": "node", "zero_grad_forgotten": "pass"}


def _yhat(v: Any, ctx: Any) -> float:
    share = _softmax_share(v, ctx)
    if share is None:
        raise ValueError("softmax_not_yhat_minus_y goes on a score (logit) feeding softmax cross-entropy")
    y_hat, g = share
    return g * y_hat


def faulty_gradients(root: Any, fault: str, at: Any = None) -> dict[Any, float]:
    """d(root)/d(node) for every node as a backward pass with `fault` injected at node `at` computes them.

    `at` is the op whose rule is wrong (tanh_from_input, ..., upstream_not_multiplied), or the node whose
    own gradient is wrong (sign_flip, bias_gradient, softmax_not_yhat_minus_y), is overwritten
    (overwrite_not_accumulate) or is passed on too early (out_of_order); zero_grad_forgotten needs none.
    """
    signature(fault)  # a clear error for an unknown name
    if fault not in WHERE:
        raise ValueError(f"{fault!r} is about an update, not about backward: it cannot be injected here")
    order = topological_order(root)
    if WHERE[fault] != "pass" and at not in set(order):
        raise ValueError(f"the fault {fault!r} needs a node of the graph behind the root: at={at!r}")
    visit = _visit_order(order, fault, at)
    grads = dict.fromkeys(order, 0.0)
    grads[root] = 1.0
    ctx = _context(order, grads) if fault in OWN else None
    for node in visit:
        if node is at and fault in OWN:
            grads[node] = OWN[fault](node, grads[node], ctx)
        g = grads[node]
        for k, (parent, d) in enumerate(zip(node._prev, node._partials or ())):
            if node is at and fault in LOCAL:
                d = LOCAL[fault](node, k, parent, d)
            contribution = d if node is at and fault == "upstream_not_multiplied" else d * g
            if parent is at and fault == "overwrite_not_accumulate":
                grads[parent] = contribution
            else:
                grads[parent] += contribution
    if fault == "zero_grad_forgotten":  # backward() ran twice on the same leaves
        for v in order:
            if not v._prev and v.role != "constant":
                grads[v] *= 2
    return grads


def _visit_order(order: list, fault: str, at: Any) -> list:
    """Reverse topological order; for out_of_order, `at` is moved up to just after its first user."""
    visit = list(reversed(order))
    if fault != "out_of_order":
        return visit
    users = [u.child for u in uses(order)[at]]
    if len(users) < 2:
        raise ValueError("out_of_order goes on a node used at least twice (its gradient is a sum)")
    visit.remove(at)
    visit.insert(visit.index(users[0]) + 1, at)
    return visit


def _context(order: list, grads: dict) -> Any:
    from .replay import gradients
    from .signatures import Context

    return Context(order, uses(order), gradients(order[-1], order))
