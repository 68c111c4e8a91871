"""Activations as modules, so Sequential can put one anywhere, e.g. after BatchNorm1d:
Sequential(Layer(2, 8, activation='identity'), BatchNorm1d(8), Tanh(), Layer(8, 1, nonlin=False)).

Each applies its function from nn.activations to every value it is given: a Value, a sample (list)
or a batch (list of samples). It has no parameters; PReLU, softmax and maxout, which do, are layers.
"""

from __future__ import annotations

from typing import Any

from autograd import Value
from autograd.checks import is_real

from .activations import ACTIVATIONS
from .module import Module

__all__ = ["Activation", "Identity", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "GELU", "SiLU",
           "Softplus"]


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


class Sigmoid(Activation):
    """1 / (1 + e^-x) on each value"""

    def __init__(self) -> None:
        super().__init__("sigmoid")


class Tanh(Activation):
    """tanh(x) on each value"""

    def __init__(self) -> None:
        super().__init__("tanh")


class ReLU(Activation):
    """max(0, x) on each value"""

    def __init__(self) -> None:
        super().__init__("relu")


class LeakyReLU(Activation):
    """max(0.01 x, x) on each value"""

    def __init__(self) -> None:
        super().__init__("leaky_relu")


class ELU(Activation):
    """x if x > 0 else e^x - 1, on each value"""

    def __init__(self) -> None:
        super().__init__("elu")


class GELU(Activation):
    """the tanh form of x Φ(x), on each value"""

    def __init__(self) -> None:
        super().__init__("gelu")


class SiLU(Activation):
    """swish, x sigmoid(x), on each value"""

    def __init__(self) -> None:
        super().__init__("swish")


class Softplus(Activation):
    """log(1 + e^x) on each value"""

    def __init__(self) -> None:
        super().__init__("softplus")
