"""Deck 000 (UT Austin) on architecture: how many parameters a network has (3-4-2: 26, 3-4-4-1: 41),
and why hidden layers alone are not enough: a chain of linear layers is one linear map,
y = (w1 w5 + w2 w6) x1 + (w3 w5 + w4 w6) x2 + (w5 b1 + w6 b2 + b3)."""

from __future__ import annotations

from autograd import Value
from autograd.formatting import Table
from nn import MLP

from .printed import mark

# The deck's two counting exercises: (inputs, layer sizes) -> the printed total.
COUNTS = {"3-4-2": (3, [4, 2], 26), "3-4-4-1": (3, [4, 4, 1], 41)}
# The deck gives h1, h2 and y as formulas only; these weights are ours.
PARAMS = {"w1": 0.5, "w2": -1.0, "w3": 2.0, "w4": 0.25, "w5": 1.5, "w6": -0.5, "b1": 0.1, "b2": -0.2, "b3": 0.3}


def by_hand(nin: int, sizes: list[int]) -> tuple[int, int]:
    """(weights, biases) counted as the deck does: n_in x n_out per layer, one bias per unit."""
    widths = [nin, *sizes]
    return sum(a * b for a, b in zip(widths, widths[1:])), sum(sizes)


def count_table() -> Table:
    rows = []
    for name, (nin, sizes, printed) in COUNTS.items():
        weights, biases = by_hand(nin, sizes)
        model = MLP(nin, sizes)
        rows.append([name, str(weights), str(biases), str(printed), str(len(model.parameters())),
                     mark(len(model.parameters()) == printed == weights + biases)])
    return Table(["network", "weights", "biases", "deck's total", "len(model.parameters())", "ok"], rows,
                 title="Parameter counts (deck 000)")


def linear_network(params: dict[str, float] = PARAMS, activation: str = "identity") -> MLP:
    """The deck's 2-2-1 network: h1 = w1 x1 + w3 x2 + b1, h2 = w2 x1 + w4 x2 + b2, y = h1 w5 + h2 w6 + b3."""
    p = params
    model = MLP(2, [2, 1], activation=activation)
    model.set_weights([[[p["w1"], p["w3"]], [p["w2"], p["w4"]]], [[p["w5"], p["w6"]]]],
                      [[p["b1"], p["b2"]], [p["b3"]]])
    return model


def collapsed(params: dict[str, float] = PARAMS) -> tuple[float, float, float]:
    """(a1, a2, c) of the single linear map y = a1 x1 + a2 x2 + c, by the deck's expansion."""
    p = params
    return (p["w1"] * p["w5"] + p["w2"] * p["w6"], p["w3"] * p["w5"] + p["w4"] * p["w6"],
            p["w5"] * p["b1"] + p["w6"] * p["b2"] + p["b3"])


def slopes(model: MLP, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(dy/dx1, dy/dx2) at each point, from backward(): constant everywhere for a linear network."""
    out = []
    for a, b in points:
        x1, x2 = Value(a, "x1"), Value(b, "x2")
        model([x1, x2]).backward()
        out.append((x1.grad, x2.grad))
    return out


POINTS = [(0.0, 0.0), (1.0, -2.0), (-3.0, 0.5), (2.5, 4.0)]


def collapse_table() -> Table:
    a1, a2, c = collapsed()
    model = linear_network()
    rows = []
    for (x1, x2), (s1, s2) in zip(POINTS, slopes(model, POINTS)):
        y = model([x1, x2]).data
        line = a1 * x1 + a2 * x2 + c
        rows.append([f"({x1:g}, {x2:g})", f"{y:.6f}", f"{line:.6f}", f"{s1:g}, {s2:g}", mark(abs(y - line) < 1e-12)])
    return Table(["x", "network y", f"{a1:g} x1 + {a2:g} x2 + {c:g}", "dy/dx1, dy/dx2", "ok"], rows,
                 title="Two linear layers are one linear map (deck 000's expansion)")


def main() -> None:
    print(count_table(), collapse_table(), sep="\n\n")


if __name__ == "__main__":
    main()
