"""Deck 001's forward pass through one sigmoid neuron: x = (2, 3, 1), w = (0.5, 0.2, 10), b = 2
gives z = 13.6 and y = sigmoid(z), which the deck prints as 0.999."""

from __future__ import annotations

from autograd import Value
from autograd.formatting import Table
from nn import Neuron

from .printed import agrees, as_printed, comparison, truncated

X = (2.0, 3.0, 1.0)
WEIGHTS = (0.5, 0.2, 10.0)
BIAS = 2.0
DECK = {"z": "13.6", "y": "0.999"}


def single_neuron() -> tuple[Value, Value]:
    """(z, y): the neuron's net input z = w1 x1 + w2 x2 + w3 x3 + b and its output y = sigmoid(z)."""
    neuron = Neuron(3, activation="sigmoid")
    neuron.set_weights(WEIGHTS, BIAS)
    y = neuron(X)
    z = y.parents[0]  # the sigmoid's input: the fused net-input node
    z.label, y.label = "z", "y"
    return z, y


def how_the_deck_rounded(y: float, printed: str = DECK["y"]) -> str:
    """Which way of shortening y gives the deck's digits: rounding, or cutting off (truncating)."""
    decimals = len(printed.split(".")[1])
    if agrees(y, printed):
        return f"y rounds to the deck's {printed}."
    if truncated(y, decimals) == printed:
        return (f"The deck cut y off after {decimals} decimals (truncated): sigmoid(13.6) = {y:.8f} rounds to "
                f"{as_printed(y, decimals)}, and {printed} is what is left when the digits after the third are "
                "dropped. Either way the neuron fires: y is within 2e-6 of 1.")
    return f"The deck's {printed} is neither y rounded nor y truncated."


def table() -> Table:
    z, y = single_neuron()
    return comparison([("z", DECK["z"], z.data), ("y = sigmoid(z)", DECK["y"], y.data)],
                      title="Single neuron (deck 001): x = (2, 3, 1), w = (0.5, 0.2, 10), b = 2",
                      note=how_the_deck_rounded(y.data))


def main() -> None:
    print(table())


if __name__ == "__main__":
    main()
