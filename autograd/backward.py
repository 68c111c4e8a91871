"""Reverse-mode accumulation: the one place where gradients are added into `.grad`."""

from __future__ import annotations

import math
from itertools import repeat
from typing import Any

from .checks import is_real
from .grad_mode import enable_grad
from .graph import topological_order
from .ops import Dot


class _Zero:
    """The additive identity for differentiable gradients: ``_ZERO + g`` is ``g`` itself,
    so a gradient's own graph has no ``0 + ...`` nodes in it."""

    __slots__ = ()

    def __add__(self, other: Any) -> Any:
        return other

    __radd__ = __add__


_ZERO = _Zero()


def run_backward(root: Any, gradient: float = 1.0, create_graph: bool = False,
                 order: list | None = None) -> list:
    """Fill ``.grad`` of every node behind `root` with d(root)/d(node); return the order visited.

    As PyTorch: the root is seeded with `gradient` (1 by default). Intermediate gradients are
    reset and recomputed on every call (they stay readable afterwards, e.g. for the textbook's
    Err_j); leaf gradients accumulate across calls until reset with ``zero_grad``.
    """
    gradient = _seed(gradient, root, create_graph)  # checked before any .grad changes
    if order is None:  # grad() passes the order it has already computed
        order = topological_order(root)
    if create_graph:
        _differentiable_pass(order, root, gradient)
        return order
    kept = []  # the leaves' gradients kept from before (they accumulate)
    for node in order:  # the slot _op, not the property op_class: once per node on every call
        if node._op is not None or node.grad is None:
            node.grad = 0.0  # intermediate: recomputed each call; leaf: first time reached
        else:
            kept.append(node.grad)
    skip_zeros = zeros_skippable(kept)  # see the loop below
    root.grad += gradient
    # This loop reads the slots (_partials, _prev, _op) rather than the properties local_grads,
    # parents and role: it runs once per node on every backward(), and a property call per read
    # would be a measurable share of its time.
    for node in reversed(order):
        local_grads = node._partials  # evaluated when the node was built (None for a leaf)
        if local_grads is None:
            continue
        g = node.grad
        parents = node._prev
        n = len(parents)
        # The chain rule, one edge at a time: parent.grad += d(node)/d(parent) * d(root)/d(node).
        # Most ops have one or two inputs; spelling those out is about three times faster than
        # the general loop, and this loop is where backward() spends its time.
        if n == 1:
            parents[0].grad += local_grads[0] * g
        elif n == 2:
            a, b = parents
            da, db = local_grads
            a.grad += da * g
            b.grad += db * g
        else:
            # A node with many inputs whose gradient is 0 (a ReLU that was off, the losers of a max,
            # a sample the hinge loss ignores) would add d * 0 = +-0.0 to each parent: that changes no
            # number as long as every d is finite (else d * 0 is nan) and no gradient is -0.0 (where
            # +0.0 would flip the sign), and gradients built up from +0.0 never are. So it is skipped:
            # up to half the edges of a training step. A sum is finite only if all its terms are; a
            # dot node's own number b + sum w_i x_i is finite only if every w_i and x_i (its d's) is.
            if g == 0.0 and skip_zeros and math.isfinite(node.data if node._op is Dot else sum(local_grads)):
                continue
            for parent, d in zip(parents, local_grads):
                parent.grad += d * g
    return order


def zeros_skippable(kept: list) -> bool:
    """Whether backward may skip a node whose gradient is 0 (adding d * 0.0 into its parents), given
    the gradients the leaves start from: only if every one is a float other than -0.0. Gradients that
    start at +0.0 never become -0.0 (+0.0 + -0.0 is +0.0), but a -0.0 turns +0.0 when d * 0.0 is added,
    and an int turns float: skipping would keep those as they were. The compiled replay asks the same."""
    # Asked at every backward() and replay, of every parameter: the common answers come from C loops.
    if not _FLOAT.issuperset(map(type, kept)):  # an int or a Value among them
        return False
    if min(map(math.copysign, repeat(1.0, len(kept)), kept), default=1.0) > 0:  # no sign bit set
        return True
    return not any(g == 0.0 and math.copysign(1.0, g) < 0 for g in kept)  # some negative: any -0.0?


_FLOAT = frozenset([float])


def _seed(gradient: Any, root: Any, create_graph: bool) -> Any:
    """The root's gradient as a float (or a Value with create_graph=True), or a clear error."""
    if isinstance(gradient, type(root)):
        if create_graph:
            return gradient
        raise TypeError("backward(gradient=...) got a Value; pass its number, gradient=g.data "
                        "(or create_graph=True to differentiate through it)")
    if is_real(gradient):
        return float(gradient)
    kind = type(gradient).__name__
    if type(gradient).__module__.split(".")[0] == "numpy":
        kind = f"numpy.{kind}"
    raise TypeError(f"backward(gradient=...) must be a real number, got {kind} {gradient!r}; it seeds "
                    "the root's gradient (1.0 by default), and a Value is a scalar, so pass float(g)")


def _differentiable_pass(order: list, root: Any, gradient: float) -> None:
    """The same accumulation with gradients as `Value`s, so they can be differentiated again.

    Each op's ``local_grads`` rule is re-run on the nodes themselves instead of their floats.
    """
    with enable_grad():
        for node in order:
            if node._op is not None or node.grad is None or (type(node.grad) is float and node.grad == 0.0):
                node.grad = _ZERO
        root.grad += gradient  # a plain number: the seed adds no node to the gradient's graph
        for node in reversed(order):  # slots, as in the float pass: once per node and edge
            op = node._op
            if op is None:
                continue
            g = node.grad
            local_grads = op.local_grads(node, *node._prev, *node._params)
            for parent, d in zip(node._prev, local_grads):
                # Multiplying by an exact 1 (the seed, or the local derivative of + and sum) would
                # only add `* 1` nodes to the gradient's graph, so it is skipped.
                if type(d) is float and d == 1.0:
                    parent.grad += g
                elif type(g) is float and g == 1.0:
                    parent.grad += d
                else:
                    parent.grad += d * g
        for node in order:  # what stayed a number (or was never reached) becomes a constant Value
            if node.grad is _ZERO:
                node.grad = type(root).constant(0.0)
            elif not isinstance(node.grad, type(root)):
                node.grad = type(root).constant(node.grad)


def grad(output: Any, inputs: Any, create_graph: bool = False, allow_unused: bool = False) -> list:
    """d(output)/d(input) for each input, like ``torch.autograd.grad``: no ``.grad`` is changed.

    With ``create_graph=True`` the results are `Value`s with their own graph, so they can be
    differentiated again (a second derivative is ``grad(grad(y, [x], create_graph=True)[0], [x])``).
    """
    inputs = list(inputs)
    for x in inputs:
        if not hasattr(x, "parents"):
            raise TypeError(f"grad() inputs must be Values, got {type(x).__name__} {x!r}")
    order = topological_order(output)
    saved = [(node, node.grad) for node in order]
    try:
        for node in order:
            node.grad = None  # start every leaf from zero, not from what it had accumulated
        run_backward(output, create_graph=create_graph, order=order)
        reached = set(order)
        results = []
        for x in inputs:
            if x in reached:
                results.append(x.grad)
            elif allow_unused:
                results.append(None)
            else:
                raise ValueError(
                    f"{x!r} is not used in the graph of the output; "
                    "pass allow_unused=True to get None for it"
                )
        return results
    finally:
        for node, g in saved:
            node.grad = g
