"""XOR (deck 000) with a 2-2-1 ReLU network: the classic hand-set weights, then the same network
learned from the four examples with mean squared error and SGD."""

from __future__ import annotations

from autograd.formatting import Table, fixed
from nn import MLP, mse_loss
from nn.optim import SGD

from .printed import mark

INPUTS = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
TARGETS = [0.0, 1.0, 1.0, 0.0]  # A XOR B, the deck's truth table
# The deck's figure (lost in the text) shows the standard solution (Goodfellow, Bengio and Courville,
# Deep Learning, section 6.1): h = relu(W^T x + c) with W = [[1, 1], [1, 1]], c = (0, -1); y = w^T h + b
# with w = (1, -2), b = 0. Rows below are units: unit 1 sees x1 and x2 with weights 1 and 1, bias 0, ...
HIDDEN_WEIGHTS, HIDDEN_BIASES = [[1.0, 1.0], [1.0, 1.0]], [0.0, -1.0]
OUTPUT_WEIGHTS, OUTPUT_BIASES = [[1.0, -2.0]], [0.0]


def hand_set_network() -> MLP:
    """2 inputs -> 2 ReLU units -> 1 linear unit, with the weights above."""
    model = MLP(2, [2, 1], activation="relu")
    model.set_weights([HIDDEN_WEIGHTS, OUTPUT_WEIGHTS], [HIDDEN_BIASES, OUTPUT_BIASES])
    return model


def learned_network(seed: int = 1, epochs: int = 500, lr: float = 0.1) -> tuple[MLP, list[float]]:
    """The same 2-2-1 ReLU network trained from random weights (micrograd's U(-1, 1), reproducible from
    `seed`) on the four examples: full-batch SGD on the mean squared error. Returns (model, loss per epoch).

    With only two hidden ReLUs many starting points get stuck (a unit that never fires gets no gradient);
    seed 1 is one that learns XOR.
    """
    model = MLP(2, [2, 1], activation="relu", seed=seed)
    optimizer = SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        model.zero_grad()
        loss = mse_loss([model(x) for x in INPUTS], TARGETS)
        loss.backward()
        optimizer.step()
        losses.append(loss.data)
    return model, losses


def table(model: MLP, title: str) -> Table:
    """For each input: the hidden outputs h1, h2, the network's output y, and A XOR B."""
    rows = []
    for (a, b), t in zip(INPUTS, TARGETS):
        hidden = model.layers[0]([a, b])
        y = model([a, b]).data
        rows.append([f"{a:g}", f"{b:g}", f"{hidden[0].data:.4f}", f"{hidden[1].data:.4f}", f"{y:.4f}", f"{t:g}",
                     mark(abs(y - t) < 0.5)])
    return Table(["A", "B", "h1", "h2", "y", "A XOR B", "ok"], rows, title=title)


def main() -> None:
    print(table(hand_set_network(), "XOR (deck 000), hand-set weights: W = [[1, 1], [1, 1]], c = (0, -1), "
                                    "w = (1, -2), b = 0"))
    model, losses = learned_network()
    weights, biases = model.get_weights()
    print()
    print(table(model, f"XOR learned from the 4 examples (seed 1, 500 epochs of SGD, lr 0.1): "
                       f"MSE {losses[0]:.4f} -> {losses[-1]:.2e}"))
    print("learned weights, one row per unit:", _rounded(weights), " biases:", _rounded(biases))


def _rounded(nested: list) -> str:
    """Nested lists of floats written with 4 decimals (and 0 for -0)."""
    if isinstance(nested, list):
        return "[" + ", ".join(_rounded(x) for x in nested) + "]"
    return fixed(nested, 4)


if __name__ == "__main__":
    main()
