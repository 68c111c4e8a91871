"""How the walkthrough's text writes what it shows: a number after an operator in brackets when it
is negative, values in reading order (inputs, then parameters layer by layer), an op's own parameters,
and whether an unnamed root is the loss or the output."""

from __future__ import annotations

from ..value import Value


def operand(number: str) -> str:
    """A number written after an operator: in brackets when negative, so no two signs meet ('- (-0.13)')."""
    return f"({number})" if number.startswith("-") else number


def op_params(v: Value) -> tuple:
    """The op's own parameters (the 2 of x**2, the slope of leaky_relu): the one place that reads them."""
    params = getattr(v, "params", None)
    return tuple(params) if params is not None else tuple(v._params or ())


def reading_place(order: list[Value]) -> dict[Value, tuple]:
    """Where each value comes in reading order: inputs first, then parameters, each in the order the
    ops first read them (layer by layer, neuron by neuron, w1 before b), then the rest in topological
    order."""
    first_use: dict[Value, tuple[int, int]] = {}
    for i, v in enumerate(order):
        for k, p in enumerate(v.parents):
            first_use.setdefault(p, (i, k))
    kinds = {"input": 0, "parameter": 1}
    return {v: (kinds.get(v.role, 2) if not v.parents else 3, *first_use.get(v, (i, 0)))
            for i, v in enumerate(order)}


def compares_with_a_target(order: list[Value]) -> bool:
    """Whether a number from outside (a target, a constant) enters after the model's parameters have
    been used: then the root is a loss computed from the model's output, else the output itself."""
    model_seen = False
    for v in order:
        leaves = [p for p in v.parents if not p.parents]
        if any(p.role == "parameter" for p in leaves):
            model_seen = True
        elif model_seen and any(p.role in ("constant", "input") for p in leaves):
            return True
    return False
