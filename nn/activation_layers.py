"""Activations as modules, so Sequential can put one anywhere, e.g. after BatchNorm1d:
Sequential(Layer(2, 8, activation='identity'), BatchNorm1d(8), Tanh(), Layer(8, 1, nonlin=False)).

Each applies its function from nn.activations to every value it is given: a Value, a sample (list)
or a batch (list of samples). It has no parameters; PReLU, softmax and maxout, which do, are layers.
One module per activation op of the engine (nn.Tanh for autograd.ops.Tanh, ...), made from the op
registry, so a new activation op has its module without a line here.
"""

from __future__ import annotations

from typing import Any

from autograd import Value, ops
from autograd.checks import is_real

from .activations import ACTIVATIONS
from .module import Module


class Activation(Module):
    """f applied to each value: Activation('tanh') is Tanh(). The name is one of nn.ACTIVATIONS."""

    def __init__(self, name: str) -> None:
        if not isinstance(name, str):
            raise TypeError(f"Activation takes the name of an activation, such as 'tanh', got {type(name).__name__} "
                            f"{name!r}")
        if name.lower() not in ACTIVATIONS:
            raise ValueError(f"unknown activation {name!r}; choose one of: {', '.join(sorted(ACTIVATIONS))}")
        self.name = name.lower()
        self._fn = ACTIVATIONS[self.name]

    def forward(self, x: Any) -> Any:
        if isinstance(x, (list, tuple)):
            return [self.forward(v) for v in x]
        if isinstance(x, Value):
            return self._fn(x)
        if is_real(x):
            return self._fn(Value(float(x)))
        raise TypeError(f"{type(self).__name__} expects a Value, a number, or a list of them, "
                        f"got {type(x).__name__} {x!r}")

    def forward_batch(self, batch: list) -> list:
        return self.forward(batch)

    def extra_repr(self) -> str:
        return "" if type(self) is not Activation else repr(self.name)


class Identity(Activation):
    """x unchanged"""

    def __init__(self) -> None:
        super().__init__("identity")


# PyTorch's module name where it differs from the op class's name (torch.nn.SiLU is swish).
PYTORCH_NAMES = {"Swish": "SiLU"}


def module_for(op: type[ops.Op]) -> type[Activation]:
    """The activation module of an op, named as the op class (nn.ReLU for autograd.ops.ReLU) or as PyTorch
    names it."""
    name = PYTORCH_NAMES.get(op.__name__, op.__name__)

    def __init__(self: Activation) -> None:
        Activation.__init__(self, op.name)

    doc = (op.__doc__ or op.name).strip().splitlines()[0]
    return type(name, (Activation,), {"__init__": __init__, "__module__": __name__, "__qualname__": name,
                                      "__doc__": f"{doc}, on each value"})


MODULES: dict[str, type[Activation]] = {m.__name__: m for m in map(module_for, ops.ACTIVATION_OPS)}
globals().update(MODULES)  # nn.activation_layers.Tanh, ... (and nn.Tanh): pickling finds each class here

__all__ = ["Activation", "Identity", *MODULES]
