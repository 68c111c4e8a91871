"""The misconception catalogue: each mistake a student makes in backprop, told apart from the numbers alone.

A signature knows what a node's gradient *would be* had the student made its mistake there, with every
gradient above the node right (the situation at the first wrong node, walking back from the output).
A wrong answer that equals one of those numbers is explained by that signature, and answered by its
hint, which names what is wrong and never the number that is right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..ops.choices import FiniteMaxShift, MaxShift
from .replay import Use


@dataclass
class Context:
    """What a signature may look at: the graph's order, who uses each node, the right gradients, and
    for an update check the parameters' values before it and the learning rate."""

    order: list
    uses: dict[Any, list[Use]]
    expected: dict[Any, float]  # the right gradients
    before: dict[Any, float] | None = None  # parameter values before the update (update checks only)
    lr: float | None = None
    answers: dict[Any, float] | None = None  # every number the student gave, by node


@dataclass(frozen=True)
class Signature:
    """One misconception: its name, a title for tables, the hint it gives ({node}: the wrong node,
    {child}: the op that uses it) and the rule giving the numbers it would produce at a node."""

    name: str
    title: str
    hint: str
    alternatives: Callable[[Any, Context], list[tuple[float, Any]]]  # [(number, the child it concerns)]

    def explain(self, node_name: str, child_name: str = "", count: int = 0) -> str:
        return self.hint.format(node=node_name, child=child_name or "the op above it", count=count)


def _with_local(v: Any, ctx: Context, wrong: Callable[[Use], float | None]) -> list[tuple[float, Any]]:
    """v's gradient had every use u with a wrong(u) local derivative used it instead of the right one."""
    changed = [(u, wrong(u)) for u in ctx.uses[v]]
    changed = [(u, d) for u, d in changed if d is not None]
    if not changed:
        return []
    total = ctx.expected[v] + sum((d - u.local) * ctx.expected[u.child] for u, d in changed)
    return [(total, changed[0][0].child)]


def tanh_from_input(v: Any, ctx: Context) -> list:
    return _with_local(v, ctx, lambda u: 1.0 - v.data * v.data if u.child.op == "tanh" else None)


def sigmoid_as_sigma(v: Any, ctx: Context) -> list:
    return _with_local(v, ctx, lambda u: u.child.data if u.child.op == "sigmoid" else None)


def relu_zero_as_one(v: Any, ctx: Context) -> list:
    if v.data != 0:
        return []
    return _with_local(v, ctx, lambda u: 1.0 if u.child.op == "relu" else None)


def square_as_x(v: Any, ctx: Context) -> list:
    def half(u: Use) -> float | None:
        squared = u.child.op == "**" and u.child.params == (2.0,)
        self_product = u.child.op == "*" and u.child.parents[0] is u.child.parents[1]
        return u.local / 2 if squared or self_product else None
    return _with_local(v, ctx, half)


def product_swapped(v: Any, ctx: Context) -> list:
    def own(u: Use) -> float | None:
        child = u.child
        if child.op == "*" and child.parents[0] is not child.parents[1]:
            return v.data
        weights_and_inputs = len(child.parents) - len(child.parents) % 2
        if child.op == "dot" and u.index < weights_and_inputs:
            return v.data
        return None
    return _with_local(v, ctx, own)


def softmax_share(v: Any, ctx: Context) -> tuple[float, float] | None:
    """(ŷ, upstream of the log-sum-exp) when v is a score feeding softmax cross-entropy's exp → sum → log."""
    for u in ctx.uses[v]:
        node = u.child
        shift = node.parents[1] if len(node.parents) == 2 else None
        if (node.op == "-" and node.parents[0] is v and len(ctx.uses[node]) == 1 and shift is not None
                and (shift.role == "constant" or shift.op_class in (MaxShift, FiniteMaxShift))):
            node = ctx.uses[node][0].child  # the max-shift z - m (m a constant, or the graph's max-shift node)
        if node.op != "exp":
            continue
        for s in (w.child for w in ctx.uses[node] if w.child.op == "sum"):
            for log in (w.child for w in ctx.uses[s] if w.child.op == "log"):
                return node.data / s.data, ctx.expected[log]
    return None


def softmax_not_yhat_minus_y(v: Any, ctx: Context) -> list:
    share = softmax_share(v, ctx)
    if share is None:
        return []
    y_hat, g = share
    y = y_hat - ctx.expected[v] / g if g else 0.0
    found = [(g * y_hat, None), (g * (y_hat - 1.0), None)]  # −y left out; −1 for every class
    if y:
        found.append((-g * y / y_hat, None))  # the gradient with respect to the probability ŷ instead
    return found


def _is_bias(v: Any, ctx: Context) -> bool:
    if v.parents or v.role == "constant":
        return False
    if v.label.lower().startswith(("b", "θ", "theta")):
        return True
    return any(u.child.op == "dot" and len(u.child.parents) % 2 and u.index == len(u.child.parents) - 1
               for u in ctx.uses[v])


def bias_gradient(v: Any, ctx: Context) -> list:
    if not _is_bias(v, ctx):
        return []
    weights = [w for w in ctx.order if not w.parents and w is not v and w.role != "constant"
               and not _is_bias(w, ctx) and w.label.lower().startswith("w")]
    for u in ctx.uses[v]:
        if u.child.op == "dot":
            weights += list(u.child.parents[:len(u.child.parents) // 2])
    return [(0.0, None)] + [(ctx.expected[w], None) for w in weights]


def overwrite_not_accumulate(v: Any, ctx: Context) -> list:
    if len(ctx.uses[v]) < 2:
        return []
    return [(u.local * ctx.expected[u.child], u.child) for u in reversed(ctx.uses[v])]  # the last one first


def out_of_order(v: Any, ctx: Context) -> list:
    found = []
    for u in ctx.uses[v]:
        feeding = ctx.uses[u.child]
        if not 2 <= len(feeding) <= 8:  # the child's gradient is a sum that can be passed on too early
            continue
        parts = [w.local * ctx.expected[w.child] for w in feeding]
        for size in range(len(parts)):
            for subset in combinations(parts, size):
                found.append((ctx.expected[v] + u.local * (sum(subset) - ctx.expected[u.child]), u.child))
    return found


def upstream_not_multiplied(v: Any, ctx: Context) -> list:
    found = [(ctx.expected[v] + u.local * (1.0 - ctx.expected[u.child]), u.child) for u in ctx.uses[v]]
    if len(ctx.uses[v]) > 1:
        found.append((sum(u.local for u in ctx.uses[v]), None))
    return found


def zero_grad_forgotten(v: Any, ctx: Context) -> list:
    """Every answered leaf twice its gradient: one leaf alone could be many things, all of them cannot."""
    leaves = [w for w in ctx.order if not w.parents and w.role != "constant" and ctx.expected[w]
              and w in (ctx.answers or {})]
    if v not in leaves or len(leaves) < 2:
        return []
    # backward() resets the gradients of intermediate nodes on every call: those stay right
    inner = [w for w in ctx.order if w.parents and w in (ctx.answers or {})]
    if any(abs(ctx.answers[w] - ctx.expected[w]) > 1e-6 + 1e-3 * abs(ctx.expected[w]) for w in inner):
        return []
    twice = all(abs(ctx.answers[w] - 2 * ctx.expected[w]) <= 1e-6 + 1e-3 * abs(2 * ctx.expected[w]) for w in leaves)
    return [(2.0 * ctx.expected[v], None)] if twice else []


def sign_flip(v: Any, ctx: Context) -> list:
    return [(-ctx.expected[v], None)]


def update_wrong_sign(v: Any, ctx: Context) -> list:
    return [] if ctx.before is None else [(ctx.before[v] + ctx.lr * ctx.expected[v], None)]


SIGNATURES: tuple[Signature, ...] = (
    Signature("zero_grad_forgotten", "gradients accumulated across steps (zero_grad forgotten)",
              "{node}.grad is twice what one backward pass gives: leaf gradients accumulate across "
              "backward() calls, so call zero_grad() before each one", zero_grad_forgotten),
    Signature("tanh_from_input", "tanh′ from the input instead of the output",
              "the upstream gradient at {child} is right; the local derivative of tanh is not: "
              "1 − tanh(x)² is written with the output tanh(x), did you use the input x instead?", tanh_from_input),
    Signature("sigmoid_as_sigma", "sigmoid′ written as σ",
              "the upstream gradient at {child} is right; the local derivative of sigmoid is not: "
              "it is σ(1 − σ), not σ itself", sigmoid_as_sigma),
    Signature("relu_zero_as_one", "ReLU′(0) taken as 1",
              "{node} is exactly 0, where ReLU has its kink: the convention (PyTorch's and ours) is "
              "ReLU′(0) = 0, the derivative of the flat side", relu_zero_as_one),
    Signature("square_as_x", "x² differentiated as x (a factor of 2)",
              "{node}.grad is half of what it should be: d(x²)/dx = 2x, not x (x*x uses x twice, "
              "and each use adds its own contribution)", square_as_x),
    Signature("product_swapped", "d(a·b)/da taken as a",
              "at {child}, a product: the derivative with respect to one factor is the other factor, "
              "not the factor itself", product_swapped),
    Signature("softmax_not_yhat_minus_y", "softmax + cross-entropy gradient not ŷ − y",
              "for softmax followed by cross-entropy, each score's gradient is ŷ − y (the probability "
              "minus the one-hot target): did you leave out −y, or use −y/ŷ, the gradient with respect "
              "to the probability?", softmax_not_yhat_minus_y),
    Signature("overwrite_not_accumulate", "= instead of += at a node used twice",
              "{node} is used {count} times, but its gradient holds only one use's contribution: a node "
              "used more than once adds up every contribution (+=, never =)", overwrite_not_accumulate),
    Signature("out_of_order", "nodes visited out of topological order",
              "{node} received {child}'s gradient before all of {child}'s contributions had arrived: "
              "visit nodes in reverse topological order, so each passes its gradient on only once it "
              "is complete", out_of_order),
    Signature("upstream_not_multiplied", "the upstream gradient not multiplied in",
              "{node}.grad is the local derivative alone: multiply it by the gradient arriving from "
              "{child} (the chain rule: local × upstream)", upstream_not_multiplied),
    Signature("bias_gradient", "the bias gradient missing or equal to a weight's",
              "{node} is a bias: its gradient is the neuron's upstream gradient times 1, neither zero nor "
              "a weight's (a weight's is the upstream gradient times its input)", bias_gradient),
    Signature("sign_flip", "a sign flipped",
              "{node}.grad has the right size but the wrong sign: check each minus sign on the way "
              "back from the output (d(a − b)/db = −1, and the loss's own derivative)", sign_flip),
    Signature("update_wrong_sign", "the update with the wrong sign (w := w + α ∂J/∂w)",
              "{node} moved uphill: gradient descent subtracts, w ← w − α ∂J/∂w; adding the "
              "gradient (w + α ∂J/∂w) makes the loss grow", update_wrong_sign),
)
BY_NAME = {s.name: s for s in SIGNATURES}


def signature(name: str) -> Signature:
    """The signature called `name`, or a clear error listing them."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"no misconception is called {name!r}; the catalogue has: "
                         f"{', '.join(BY_NAME)}") from None
