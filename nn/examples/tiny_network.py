"""Deck 004's tiny network: h = w1 x + b1, g = w2 h + b2, loss = MSE over N examples. autograd's gradient
vector [dL/dw1, dL/db1, dL/dw2, dL/db2] equals the deck's -(2/N) sum_i [e_i w2 x_i, e_i w2, e_i h_i, e_i],
e_i = y_i - g_i."""

from __future__ import annotations

from autograd.formatting import Table
from nn import MLP, mse_loss

from .printed import mark

# The deck gives the formulas only; this small data set and these starting weights are ours.
XS = [1.0, 2.0, 3.0, 4.0]
YS = [3.0, 5.0, 7.0, 9.0]  # y = 2x + 1
START = {"w1": 0.5, "b1": 0.1, "w2": -0.3, "b2": 0.2}
NAMES = ("w1", "b1", "w2", "b2")


def tiny_network(start: dict[str, float] = START) -> MLP:
    """1 input -> 1 linear unit (h) -> 1 linear unit (g), parameters labelled w1, b1, w2, b2."""
    model = MLP(1, [1, 1], activation="identity")
    model.set_weights([[[start["w1"]]], [[start["w2"]]]], [[start["b1"]], [start["b2"]]])
    for p, name in zip(model.parameters(), NAMES):  # parameters() lists w1, b1, w2, b2 in this order
        p.label = name
    return model


def gradients(model: MLP, xs: list[float] = XS, ys: list[float] = YS) -> tuple[list[float], list[float]]:
    """(autograd's gradient vector, the deck's formula), both in the order w1, b1, w2, b2."""
    model.zero_grad()
    loss = mse_loss([model([x]) for x in xs], ys)
    loss.backward()
    w1, b1, w2, b2 = (p.data for p in model.parameters())
    total = [0.0, 0.0, 0.0, 0.0]
    for x, y in zip(xs, ys):
        h = w1 * x + b1
        e = y - (w2 * h + b2)
        for k, term in enumerate((e * w2 * x, e * w2, e * h, e)):
            total[k] += term
    return [p.grad for p in model.parameters()], [-2 / len(xs) * t for t in total]


def table(model: MLP | None = None) -> Table:
    autograd_grads, deck = gradients(model or tiny_network())
    rows = [[f"dL/d{name}", formula, f"{d:.12f}", f"{g:.12f}", mark(abs(d - g) <= 1e-12 * max(1.0, abs(d)))]
            for name, formula, d, g in zip(NAMES, ("e w2 x", "e w2", "e h", "e"), deck, autograd_grads)]
    return Table(["", "-(2/N) sum of", "the deck's formula", "autograd .grad", "ok"], rows,
                 title=f"1-1-1 network with MSE (deck 004): x = {_seq(XS)}, y = {_seq(YS)}, "
                       + ", ".join(f"{k} = {v:g}" for k, v in START.items()))


def _seq(values: list[float]) -> str:
    return "(" + ", ".join(f"{v:g}" for v in values) + ")"


def main() -> None:
    print(table())


if __name__ == "__main__":
    main()
