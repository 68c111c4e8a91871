"""Deck 001 (Seattle U): the two-layer ReLU house-price network, which is NOT fully connected.

Inputs x1..x4 = size, bedrooms, zip code, wealth; hidden units a1 = ReLU(w11 x1 + w12 x2 + b1)
(family size), a2 = ReLU(w23 x3 + b2) (walkable), a3 = ReLU(w33 x3 + w34 x4 + b3) (school quality);
a linear output y_hat = w11' a1 + w12' a2 + w13' a3 + b1' and J = (y_hat - y)^2. The deck derives
dJ/dw1j' = 2 a_j (y_hat - y) and dJ/dw11 = 2 w11' x1 (y_hat - y); autograd gives the same numbers.
Erratum: the deck's update w := w + alpha dJ/dw climbs the cost; gradient DEscent subtracts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autograd import Value
from autograd.formatting import Table
from nn import Layer, MaskedLayer, Sequential

from .printed import mark

MASK = [[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1]]
# The deck gives the formulas only; these numbers are ours (scaled features, price in $100k), chosen
# so every hidden unit is active (z > 0), as the deck's derivation assumes.
X = (1.8, 3.0, 0.6, 1.2)
Y = 5.0
HIDDEN = ([[0.8, 0.4], [1.5], [0.7, 0.9]], [0.2, -0.3, 0.1])   # [w11, w12], [w23], [w33, w34]; b1..b3
OUTPUT = ([[1.2, 0.6, 0.9]], [0.5])                              # w11', w12', w13'; b1'


@dataclass
class HousePrice:
    model: Sequential
    inputs: list[Value]
    hidden: list[Value]
    y_hat: Value
    loss: Value


def network() -> Sequential:
    hidden = MaskedLayer(4, MASK, activation="relu")
    hidden.set_weights(*HIDDEN)
    out = Layer(3, 1, nonlin=False)
    out.set_weights(*OUTPUT)
    model = Sequential(hidden, out)
    label_like_the_deck(hidden, out)  # after Sequential, which would name the output layer's weights L1.n1.w1
    return model


def label_like_the_deck(hidden: MaskedLayer, out: Layer) -> None:
    """The deck's names, each used once: w_ji from input i to hidden unit j, b_j, and the output's w1j', b1'.
    (The layers' own labels repeat: every unit's bias is 'b', and unit 2's 'w3' and unit 3's 'w3' differ.)"""
    for j, (unit, seen) in enumerate(zip(hidden.neurons, hidden.inputs), start=1):
        for w, i in zip(unit.w, seen):
            w.label = f"w{j}{i + 1}"
        unit.b.label = f"b{j}"
    for j, w in enumerate(out.neurons[0].w, start=1):
        w.label = f"w1{j}'"
    out.neurons[0].b.label = "b1'"


def forward_backward(model: Sequential | None = None, x: tuple = X, y: float = Y) -> HousePrice:
    model = model or network()
    inputs = [Value(v, f"x{i + 1}") for i, v in enumerate(x)]
    hidden = model[0](inputs)
    for j, a in enumerate(hidden, start=1):
        a.label = f"a{j}"
    y_hat = model[1](hidden)
    y_hat.label = "y_hat"
    loss = (y_hat - y) ** 2  # the deck's J(w) = (y_hat - y)^2
    loss.label = "J"
    loss.backward()
    return HousePrice(model, inputs, hidden, y_hat, loss)


def draw(run: HousePrice | None = None) -> Any:
    """The graph, grouped by layer and unit, drawn left to right: inputs x1..x4 and units 1, 2, 3 read
    from the top in the deck's order (drawn top to bottom, dot places unit 2 before unit 1)."""
    run = run or forward_backward()
    return run.loss.draw(clusters=run.model, rankdir="LR")


def deck_formulas(run: HousePrice, y: float = Y) -> dict[str, float]:
    """The deck's hand-derived gradients, from the forward values."""
    e = run.y_hat.data - y
    a = [h.data for h in run.hidden]
    w_out = run.model[1].neurons[0].w
    return {"w11'": 2 * a[0] * e, "w12'": 2 * a[1] * e, "w13'": 2 * a[2] * e,
            "w11": 2 * w_out[0].data * run.inputs[0].data * e}


def gradient_table(run: HousePrice | None = None) -> Table:
    run = run or forward_backward()
    formulas = deck_formulas(run)
    out, hidden = run.model[1].neurons[0], run.model[0].neurons[0]
    grads = {"w11'": out.w[0].grad, "w12'": out.w[1].grad, "w13'": out.w[2].grad, "w11": hidden.w[0].grad}
    text = {"w11'": "2 a1 (y_hat - y)", "w12'": "2 a2 (y_hat - y)", "w13'": "2 a3 (y_hat - y)",
            "w11": "2 w11' x1 (y_hat - y)"}
    rows = [[f"dJ/d{k}", text[k], f"{formulas[k]:.10f}", f"{grads[k]:.10f}", mark(abs(formulas[k] - grads[k]) < 1e-12)]
            for k in formulas]
    a = ", ".join(f"{h.data:g}" for h in run.hidden)
    return Table(["", "the deck's formula", "value", "autograd .grad", "ok"], rows,
                 title=f"House-price network (deck 001): a = ({a}), y_hat = {run.y_hat.data:g}, y = {Y:g}, "
                       f"J = {run.loss.data:g}")


def one_step(sign: int, lr: float = 0.01) -> float:
    """J after one update w := w + sign * lr * dJ/dw of every parameter (+1: the deck's slide, -1: descent)."""
    run = forward_backward()
    for p in run.model.parameters():
        p.data += sign * lr * p.grad
    return forward_backward(run.model).loss.data


def main() -> None:
    print(gradient_table())
    before = forward_backward().loss.data
    print(f"\nOne step with lr = 0.01: J = {before:.6f} before; w := w + lr dJ/dw (the slide) gives "
          f"J = {one_step(+1):.6f}; w := w - lr dJ/dw (descent) gives J = {one_step(-1):.6f}")


if __name__ == "__main__":
    main()
