"""Whole networks: MLP (micrograd's structure, any activation per layer) and Sequential."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from autograd import Value
from autograd.checks import integer, items

from .activations import ActivationFn, resolve
from .init import initialize_, make_rng
from .layers import Init, Layer, features
from .maxout import Maxout
from .module import Module


class MLP(Module):
    """A multilayer perceptron. MLP(2, [16, 16, 1]) is micrograd's: ReLU hidden layers, linear output.

    activation: one choice for every hidden layer (the output layer gets output_activation, linear by
    default), or a list with one choice per layer. A choice is a name ('sigmoid', 'prelu', 'maxout',
    'softmax', ...), a function Value -> Value, or None (micrograd's ReLU / linear).
    init: 'uniform' (default, micrograd's U(-1, 1)), 'xavier_uniform', 'xavier_normal', 'he_uniform',
    'he_normal', 'lecun_normal', 'zeros', or a function; seed/rng make it reproducible.
    Default names are unique across the model: L1.n2.w1, L1.n2.b, net input L1.n2.z, output L1.n2.a
    (layer 1, unit 2); labels='textbook' names units and parameters as Han & Kamber do (w14, θ4, I4, O4).
    """

    def __init__(self, nin: int, nouts: Sequence[int], *, activation: Any = None,
                 output_activation: str | ActivationFn | None = None, init: Init = None,
                 seed: int | None = None, rng: random.Random | None = None, labels: str | None = None) -> None:
        nin = integer("nin (the number of inputs)", nin, low=1)
        if isinstance(nouts, (str, bytes)) or not isinstance(nouts, Sequence) or not nouts:
            raise TypeError(f"nouts must be a non-empty list of layer sizes, e.g. [16, 16, 1], got {nouts!r}")
        sizes = [nin] + [integer("each layer size in nouts", n, low=1) for n in nouts]
        last = len(nouts) - 1
        if isinstance(activation, (list, tuple)):
            if len(activation) != len(nouts):
                raise ValueError(f"got {len(activation)} activations for {len(nouts)} layers")
            if output_activation is not None:
                raise ValueError("give the output layer's activation in the activation list, not as output_activation")
            choices = list(activation)
        else:
            choices = [activation] * last + [output_activation if output_activation is not None else "identity"]
        self.layers: list[Layer] = []
        for i, choice in enumerate(choices):
            if resolve(choice, i != last)[0] == "maxout":
                self.layers.append(Maxout(sizes[i], sizes[i + 1], _defer_init=True))
            else:
                self.layers.append(Layer(sizes[i], sizes[i + 1], activation=choice, nonlin=i != last,
                                         _defer_init=True))
        initialize_(self, init, rng=make_rng(seed, rng))  # one pass, in micrograd's order
        for i, layer in enumerate(self.layers, start=1):
            layer.label_names(f"L{i}")  # L1.n2.w1: no two parameters of the model share a name
        if labels == "textbook":
            self.label_textbook()
        elif labels is not None:
            raise ValueError(f"labels must be None or 'textbook', got {labels!r}")

    @property
    def nin(self) -> int:
        return self.layers[0].nin

    def forward(self, x: Any) -> Value | list[Value]:
        x = features(x, self.nin, lambda: f"MLP({self.extra_repr()})")
        for layer in self.layers:
            x = layer(x)
        return x

    def set_weights(self, weights: Sequence[Any], biases: Sequence[Any] | None = None) -> None:
        """One entry per layer, each in Layer.set_weights' layout. Nothing changes when a shape is wrong."""
        n = len(self.layers)
        items(f"MLP({self.extra_repr()}): weights (one entry per layer)", weights, n)
        if biases is not None:
            items(f"MLP({self.extra_repr()}): biases (one entry per layer)", biases, n)
        checked = [layer._checked(weights[i], None if biases is None else biases[i], f"layer {i + 1}")
                   for i, layer in enumerate(self.layers)]
        for layer, (rows, bs) in zip(self.layers, checked):
            layer._assign(rows, bs)

    def get_weights(self) -> tuple[list[Any], list[Any]]:
        """(weights, biases), one entry per layer, in set_weights' layout."""
        pairs = [layer.get_weights() for layer in self.layers]
        return [w for w, _ in pairs], [b for _, b in pairs]

    def label_textbook(self) -> MLP:
        """Han & Kamber's numbering: inputs 1..n, then units numbered on across the layers."""
        first_input, unit = 1, self.nin + 1
        for i, layer in enumerate(self.layers):
            first_input, unit = unit, layer.label_textbook(first_input, unit, label_inputs=i == 0)
        return self

    def extra_repr(self) -> str:
        return " -> ".join(str(n) for n in [self.nin, *(layer.nout for layer in self.layers)])


class Sequential(Module):
    """Modules applied in order, e.g. Sequential(Layer(2, 16), Dropout(0.2), Layer(16, 1, nonlin=False))."""

    def __init__(self, *modules: Module) -> None:
        for m in modules:
            if not isinstance(m, Module):
                raise TypeError(f"Sequential takes modules, got {type(m).__name__} {m!r}")
        self.layers = list(modules)
        layers = [m for m in modules if isinstance(m, Layer)]  # Dropout and the like hold no units
        for i, layer in enumerate(layers, start=1):
            if all(getattr(n, "unit", None) is None for n in layer.neurons):  # keep textbook names
                layer.label_names(f"L{i}")  # L1.n2.w1, as in an MLP: unique across the model

    def forward(self, x: Any) -> Any:
        for module in self.layers:
            x = module(x)
        return x

    def forward_batch(self, batch: list) -> list:
        """The batch goes through each module in turn, so a BatchNorm1d inside sees all of it."""
        for module in self.layers:
            batch = module.forward_batch(batch)
        return batch

    def __getitem__(self, index: int) -> Module:
        return self.layers[index]

    def __len__(self) -> int:
        return len(self.layers)
