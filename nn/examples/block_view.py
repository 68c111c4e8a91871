"""Deck 003's "block view" of backpropagation, with numbers: z = xW + b (f1), sigmoid hidden units h (f2),
a linear output y_hat = h1 w5 + h2 w6 + b3 (f3) and E = (y - y_hat)^2 (f4). autograd's dE/dw5 is the
deck's -2(y - y_hat) h1, and dE/dw1 its product of local gradients -2(y - y_hat) w5 h1(1 - h1) x1."""

from __future__ import annotations

from dataclasses import dataclass

from autograd import Value
from autograd.formatting import Table
from autograd.teach import Explanation, explain
from nn import MLP

from .printed import mark

# The deck gives the formulas only; these numbers are ours, small and distinct so each is easy to follow.
X, Y = (0.5, -1.0), 1.0
# The deck's names: z1 = x1 w1 + x2 w3 + b1, z2 = x1 w2 + x2 w4 + b2, y_hat = h1 w5 + h2 w6 + b3.
PARAMS = {"w1": 0.1, "w2": -0.2, "w3": 0.3, "w4": 0.4, "w5": 0.5, "w6": -0.6, "b1": 0.1, "b2": 0.2, "b3": 0.3}


@dataclass
class BlockView:
    """The network's loss E after backward(), and its parameters and nodes by the deck's names."""

    loss: Value
    params: dict[str, Value]
    nodes: dict[str, Value]


def block_view(params: dict[str, float] = PARAMS, x: tuple[float, float] = X, y: float = Y) -> BlockView:
    """Build the deck's 2-2-1 network (sigmoid hidden layer, linear output), E = (y - y_hat)^2, backward()."""
    model = MLP(2, [2, 1], activation="sigmoid")  # the output layer is linear by default
    p = params
    model.set_weights([[[p["w1"], p["w3"]], [p["w2"], p["w4"]]], [[p["w5"], p["w6"]]]],
                      [[p["b1"], p["b2"]], [p["b3"]]])
    (unit1, unit2), (out,) = model.layers[0].neurons, model.layers[1].neurons
    named = {"w1": unit1.w[0], "w3": unit1.w[1], "b1": unit1.b, "w2": unit2.w[0], "w4": unit2.w[1],
             "b2": unit2.b, "w5": out.w[0], "w6": out.w[1], "b3": out.b}
    for name, value in named.items():
        value.label = name
    x1, x2 = Value(x[0], "x1"), Value(x[1], "x2")
    h1, h2 = model.layers[0]([x1, x2])
    y_hat = model.layers[1]([h1, h2])
    z1, z2 = h1.parents[0], h2.parents[0]
    for node, name in ((z1, "z1"), (z2, "z2"), (h1, "h1"), (h2, "h2"), (y_hat, "y_hat")):
        node.label = name
    loss = (y - y_hat) ** 2  # f4, as the deck writes it
    loss.label = "E"
    loss.backward()
    nodes = {"x1": x1, "x2": x2, "z1": z1, "z2": z2, "h1": h1, "h2": h2, "y_hat": y_hat}
    return BlockView(loss, named, nodes)


def deck_formulas(view: BlockView, y: float = Y) -> dict[str, float]:
    """dE/dw5 and dE/dw1 by the deck's formulas, from the forward values."""
    n, p = view.nodes, view.params
    e = y - n["y_hat"].data
    h1 = n["h1"].data
    return {"w5": -2 * e * h1, "w1": -2 * e * p["w5"].data * h1 * (1 - h1) * n["x1"].data}


def tables(view: BlockView | None = None) -> tuple[Table, Table, Explanation]:
    view = view or block_view()
    n, p = view.nodes, view.params
    e = Y - n["y_hat"].data
    local = Table(["block", "local gradient", "value"], [
        ["f1", "dz1/dw1 = x1", f"{n['x1'].data:.6f}"],
        ["f2", "dh1/dz1 = h1(1 - h1)", f"{n['h1'].data * (1 - n['h1'].data):.6f}"],
        ["f3", "dy_hat/dh1 = w5", f"{p['w5'].data:.6f}"],
        ["f4", "dE/dy_hat = -2(y - y_hat)", f"{-2 * e:.6f}"]],
        title=f"Block view (deck 003) at x = {X}, y = {Y:g}: y_hat = {n['y_hat'].data:.6f}, "
              f"E = {view.loss.data:.6f}")
    formulas = deck_formulas(view)
    rows = [["dE/dw5", "-2(y - y_hat) h1", f"{formulas['w5']:.12f}", f"{p['w5'].grad:.12f}"],
            ["dE/dw1", "-2(y - y_hat) w5 h1(1 - h1) x1", f"{formulas['w1']:.12f}", f"{p['w1'].grad:.12f}"]]
    for row, name in zip(rows, ("w5", "w1")):
        row.append(mark(abs(formulas[name] - p[name].grad) <= 1e-15))
    compare = Table(["", "the deck's formula", "value", "autograd .grad", "ok"], rows)
    return local, compare, explain(p["w1"], view.loss, digits=6)


def main() -> None:
    local, compare, why = tables()
    print(local, compare, "The chain rule along the path, as explain(w1, E) writes it:", why, sep="\n\n")


if __name__ == "__main__":
    main()
