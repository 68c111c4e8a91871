"""Activation functions by name: the course's tables (and micrograd's ReLU), each one graph node.

The table is read from the engine's op registry: every op marked as an activation in autograd/ops
is here under its name and aliases, so a new activation op needs no line in nn.
A layer takes its activation as a name from ACTIVATIONS ('sigmoid', 'relu', ...) or as any callable
Value -> Value. Three choices are not per-unit functions and are handled by the layers themselves:
'prelu' (each unit learns its own slope), 'softmax' (normalises a whole layer) and 'maxout'.
"""

from __future__ import annotations

from collections.abc import Callable

from autograd import Value, ops

# A function from one Value to one Value (the type of a layer's `activation=`; nn.Activation is the module).
ActivationFn = Callable[[Value], Value]


def identity(x: Value) -> Value:
    """identity(x) = x;  d/dx = 1. Adds no node: a linear unit's output is its net input."""
    return x


def function_of(op: type[ops.Op]) -> ActivationFn:
    """The activation an op stands for: its Value method (one call fewer per unit on the hot path),
    with the op's default parameters filled in when it has any (leaky_relu's slope 0.01)."""
    method = getattr(Value, op.name)
    if not op.defaults:
        return method
    defaults = op.defaults

    def activation(x: Value) -> Value:
        return method(x, *defaults)

    activation.__name__ = activation.__qualname__ = op.name
    activation.__doc__ = f"{op.name}(x) with {', '.join(f'{d:g}' for d in defaults)} (pass a function for others)"
    return activation


ACTIVATIONS: dict[str, ActivationFn] = {"identity": identity, "linear": identity}
# The op (and its parameters) behind each activation that is one op: a layer builds that node itself,
# together with the unit's net input (Value._dot_node), rather than through the function.
ACTIVATION_OPS: dict[ActivationFn, tuple[type[ops.Op], tuple]] = {}
for _op in ops.ACTIVATION_OPS:
    _fn = function_of(_op)
    ACTIVATIONS.update(dict.fromkeys((_op.name, *_op.aliases), _fn))  # aliases: the same function
    ACTIVATION_OPS[_fn] = (_op, _op.defaults)
# Each also under its own name in this module (nn.activations.leaky_relu), as before the table was derived.
globals().update({name: fn for name, fn in ACTIVATIONS.items() if name.isidentifier()})

# Handled by the layers: PReLU needs a parameter per unit, softmax and maxout act on several values.
SPECIAL = ("prelu", "softmax", "maxout")


def resolve(activation: str | ActivationFn | None, nonlin: bool = True) -> tuple[str, ActivationFn | None]:
    """(display name, function) for a layer's activation.

    None keeps micrograd's rule: ReLU when `nonlin` is true, otherwise linear. For the special names
    the function is None and the layer does the work.
    """
    if activation is None:
        activation = "relu" if nonlin else "identity"
    if isinstance(activation, str):
        name = activation.lower()
        if name in ACTIVATIONS:
            return name, ACTIVATIONS[name]
        if name in SPECIAL:
            return name, None
        known = ", ".join(sorted([*ACTIVATIONS, *SPECIAL]))
        raise ValueError(f"unknown activation {activation!r}; choose one of: {known}, or pass a function")
    if callable(activation):
        name = getattr(activation, "__name__", "") or type(activation).__name__
        return ("custom" if name == "<lambda>" else name), activation
    raise TypeError(f"activation must be a name or a function Value -> Value, got {type(activation).__name__}")
