"""The network the playground builds: input features, hidden layers with an activation each, one
output unit; edited by the buttons (add or remove a layer or a neuron) and written out as Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autograd.checks import integer, one_of

from ..models import MLP
from .features import SOURCE

# The activations offered per hidden layer (each is one engine op; see nn/activations.py).
ACTIVATIONS = ("tanh", "relu", "sigmoid", "identity", "leaky_relu", "elu", "gelu", "swish", "softplus")
MAX_LAYERS = 6
MAX_NEURONS = 16


@dataclass
class NetworkSpec:
    """What to build: ``MLP(len(features), hidden + [1])`` with ``activations[k]`` on hidden layer k.
    The output unit is linear: a score (a logit) for classification, the prediction for regression."""

    features: list[str] = field(default_factory=lambda: ["x1", "x2"])
    hidden: list[int] = field(default_factory=lambda: [4, 2])
    activations: list[str] = field(default_factory=lambda: ["tanh", "tanh"])
    seed: int = 0

    def build(self) -> MLP:
        """A fresh model with seeded Xavier weights (so tanh and sigmoid layers start unsaturated)."""
        return MLP(len(self.features), [*self.hidden, 1], activation=[*self.activations, "identity"],
                   init="xavier_uniform", seed=self.seed)

    def add_layer(self) -> None:
        """A new hidden layer before the output, as wide as the last one, with its activation."""
        if len(self.hidden) >= MAX_LAYERS:
            raise ValueError(f"the playground draws at most {MAX_LAYERS} hidden layers")
        self.hidden.append(self.hidden[-1] if self.hidden else 4)
        self.activations.append(self.activations[-1] if self.activations else "tanh")

    def remove_layer(self) -> None:
        """Drop the last hidden layer (none left is a linear model: logistic or linear regression)."""
        if not self.hidden:
            raise ValueError("there is no hidden layer left to remove")
        self.hidden.pop()
        self.activations.pop()

    def resize(self, layer: int, change: int) -> None:
        """One neuron more (+1) or fewer (-1) in hidden layer `layer` (counting from 0)."""
        self._layer(layer)
        size = self.hidden[layer] + integer("change", change, low=-1, high=1)
        if not 1 <= size <= MAX_NEURONS:
            raise ValueError(f"a hidden layer holds 1 to {MAX_NEURONS} neurons")
        self.hidden[layer] = size

    def set_activation(self, layer: int, name: str) -> None:
        self._layer(layer)
        self.activations[layer] = one_of("activation", name, ACTIVATIONS)

    def _layer(self, layer: int) -> None:
        integer("layer", layer, low=0)
        if layer >= len(self.hidden):
            raise ValueError(f"there are {len(self.hidden)} hidden layers; layer {layer} is not one of them")

    def to_python(self, optimizer: str, lr: float, loss: str, l1: float, l2: float, batch_size: int) -> str:
        """The Python that builds and trains this network with nn (pasted into a cell, it runs)."""
        needs_math = any("math." in SOURCE[f] for f in self.features)
        coords = "x1, x2" if any("x2" in f for f in self.features) else "x1"
        acts = [*self.activations, "identity"]
        penalty = " + ".join(part for part in (
            f"{l1!r} * nn.l1_penalty(m)" if l1 else "", f"{l2!r} / 2 * nn.l2_penalty(m)" if l2 else "") if part)
        lines = ["import math" if needs_math else "", "import nn", "",
                 f"def features({coords}):",
                 f"    return [{', '.join(SOURCE[f] for f in self.features)}]", "",
                 f"model = nn.MLP({len(self.features)}, {[*self.hidden, 1]}, activation={acts!r},",
                 f"               init='xavier_uniform', seed={self.seed})",
                 f"optimizer = {_OPTIMIZERS[optimizer].format(lr=lr)}",
                 "# X = [features(*point) for point in points]; y = the labels (0/1) or targets",
                 f"# nn.fit(model, X, y, loss={loss!r}, optimizer=optimizer, batch_size={batch_size}, "
                 f"shuffle=False, compile=True"
                 + (f",\n#        penalty=lambda m: {penalty})" if penalty else ")")]
        return "\n".join(lines).lstrip("\n") + "\n"


_OPTIMIZERS = {"sgd": "nn.SGD(model.parameters(), lr={lr!r})",
               "momentum": "nn.SGD(model.parameters(), lr={lr!r}, momentum=0.9)",
               "adam": "nn.Adam(model.parameters(), lr={lr!r})",
               "rmsprop": "nn.RMSprop(model.parameters(), lr={lr!r})"}
OPTIMIZERS = tuple(_OPTIMIZERS)
