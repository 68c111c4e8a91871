"""Activation functions by name: the course's tables (and micrograd's ReLU), each one graph node.

A layer takes its activation as a name from ACTIVATIONS ('sigmoid', 'relu', ...) or as any callable
Value -> Value. Three choices are not per-unit functions and are handled by the layers themselves:
'prelu' (each unit learns its own slope), 'softmax' (normalises a whole layer) and 'maxout'.
"""

from __future__ import annotations

from collections.abc import Callable

from autograd import Value

Activation = Callable[[Value], Value]


def identity(x: Value) -> Value:
    """identity(x) = x;  d/dx = 1. Adds no node: a linear unit's output is its net input."""
    return x


def leaky_relu(x: Value) -> Value:
    """leaky_relu(x) = max(0.01 x, x), PyTorch's default slope (pass a function for another slope)."""
    return x.leaky_relu(0.01)


def elu(x: Value) -> Value:
    """elu(x) with alpha = 1 (pass a function for another alpha)."""
    return x.elu(1.0)


# The rest are the engine's own methods: each op's formula and derivative live in autograd/ops,
# and a unit calls the method directly (one call fewer per unit on the hot path).
sigmoid, tanh, relu, gelu = Value.sigmoid, Value.tanh, Value.relu, Value.gelu
swish, softplus, arctan, step = Value.swish, Value.softplus, Value.arctan, Value.step

ACTIVATIONS: dict[str, Activation] = {
    "identity": identity, "linear": identity,
    "sigmoid": sigmoid, "logistic": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "elu": elu,
    "gelu": gelu,
    "swish": swish, "silu": swish,
    "softplus": softplus,
    "arctan": arctan,
    "step": step, "binary_step": step,
}
# Handled by the layers: PReLU needs a parameter per unit, softmax and maxout act on several values.
SPECIAL = ("prelu", "softmax", "maxout")


def resolve(activation: str | Activation | None, nonlin: bool = True) -> tuple[str, Activation | None]:
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
