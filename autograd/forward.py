"""Forward mode on the recorded graph: tangents carried from the leaves to the outputs in one sweep
in topological order, each node's from its op's own ``local_grads`` (the rules backward uses)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import Any, NamedTuple

from .checks import is_real
from .grad_mode import enable_grad
from .graph import topological_order
from .value import Value


class JVP(NamedTuple):
    """What `jvp` returns: the outputs' directional derivatives (one number, or a list for a list of
    outputs) and every node's tangent ({node: v̇}; nodes the tangents never reach are left out)."""

    derivative: Any
    tangents: dict


def jvp(outputs: Value | Sequence[Value], tangents: Mapping[Value, float], *,
        create_graph: bool = False, allow_unused: bool = False) -> JVP:
    """The directional derivative of `outputs` along `tangents` ({leaf: ẋ}), by forward mode.

    One sweep over the graph in topological order: a leaf's tangent is the number given for it;
    every other node's is  v̇ = Σ_k ∂v/∂parent_k · v̇_parent_k,  with ∂v/∂parent_k the node's own
    ``local_grads``. A leaf not in `tangents` carries none (as in PyTorch's forward mode, it adds
    no term, so an infinite local derivative beside it gives no 0 · inf). One sweep gives one
    column of the Jacobian: the gradient of a function of n inputs takes n sweeps, where reverse
    mode takes one. With ``create_graph=True`` the tangents are `Value`s with a graph of their
    own (each rule re-run on the nodes), so they can be differentiated again. A leaf in `tangents`
    that the outputs do not use is an error, unless ``allow_unused=True`` (as in `grad`).
    """
    if isinstance(outputs, Value):
        roots = [outputs]
    elif isinstance(outputs, Sequence):
        roots = list(outputs)
    else:
        raise TypeError(f"jvp outputs must be Values (one, or a list), got {type(outputs).__name__} {outputs!r}")
    order = _order(roots)
    seeds = _seeds(tangents)
    tangent = _sweep(order, seeds, create_graph)
    unused = [leaf for leaf in seeds if leaf not in tangent]  # the sweep met every leaf behind the outputs
    if unused and not allow_unused:
        raise ValueError(f"{unused[0]!r} is not in the graph behind the outputs, so its tangent would go "
                         "nowhere; pass allow_unused=True if that is meant")
    derivatives = [_zero_if_none(tangent.get(root), create_graph) for root in roots]
    return JVP(derivatives[0] if isinstance(outputs, Value) else derivatives, tangent)


def hvp(output: Value, inputs: Sequence[Value], vector: Sequence[float]) -> list:
    """The Hessian of `output` times `vector`, forward over reverse: the gradient as a graph
    (``grad(..., create_graph=True)``), then one forward sweep along `vector` over that graph."""
    from .backward import grad

    inputs = list(inputs)
    if len(vector) != len(inputs):
        raise ValueError(f"hvp needs one number of the vector per input: got {len(vector)} for {len(inputs)} inputs")
    gradient = [Value.constant(0.0) if g is None else g  # an input the output does not use
                for g in grad(output, inputs, create_graph=True, allow_unused=True)]
    return jvp(gradient, dict(zip(inputs, vector)), allow_unused=True).derivative


def _order(roots: list) -> list:
    """One topological order for all the outputs, in one walk (so shared nodes are visited once)."""
    if not roots:
        raise ValueError("jvp needs at least one output Value")
    for root in roots:
        if not isinstance(root, Value):
            raise TypeError(f"jvp outputs must be Values, got {type(root).__name__} {root!r}")
    if len(roots) == 1:
        return topological_order(roots[0])
    # A node that is never part of any graph, with the outputs as its parents: the one shared walk
    # from it visits everything behind them once. It comes last in the order and is dropped.
    joint = Value(0.0)
    joint._prev = tuple(roots)
    return topological_order(joint)[:-1]


def _seeds(tangents: Any) -> dict:
    if not isinstance(tangents, Mapping):
        raise TypeError(f"jvp tangents must map leaves to numbers, e.g. {{x1: 1.0}}; got {type(tangents).__name__}")
    seeds = {}
    for leaf, t in tangents.items():
        if not isinstance(leaf, Value):
            raise TypeError(f"jvp tangents are keyed by Values (the leaves), got {type(leaf).__name__} {leaf!r}")
        if leaf._op is not None:
            raise ValueError(f"tangents are given to leaves (inputs), but {leaf!r} was produced by "
                             f"{leaf.op!r}; its tangent follows from its inputs' tangents")
        if isinstance(t, Value) or not is_real(t):
            raise TypeError(f"the tangent of {leaf!r} must be a real number, got {type(t).__name__} {t!r}")
        seeds[leaf] = float(t)
    return seeds


def _sweep(order: list, seeds: dict, create_graph: bool) -> dict:
    """v̇ of every node the seeds reach, parents first; the chain rule, one node at a time."""
    tangent: dict = {}
    with enable_grad() if create_graph else nullcontext():
        for node in order:
            if node._op is None:
                if node in seeds:
                    tangent[node] = seeds[node]
                continue
            # The same local derivatives backward multiplies by: as floats, or re-run on the nodes
            # themselves when the tangent is to be differentiated again.
            partials = (node._op.local_grads(node, *node._prev, *node._params) if create_graph
                        else node._partials)
            total = None
            for parent, d in zip(node._prev, partials):
                t = tangent.get(parent)
                if t is None:
                    continue  # a parent with no tangent adds no term
                term = t if type(d) is float and d == 1.0 else d * t
                total = term if total is None else total + term
            if total is not None:
                tangent[node] = total
    return tangent


def _zero_if_none(t: Any, create_graph: bool) -> Any:
    if t is None:
        return Value.constant(0.0) if create_graph else 0.0
    if create_graph and not isinstance(t, Value):
        return Value.constant(t)
    return t

