"""Deck 002's AND and OR as single logistic units: h(x) = g(-30 + 20 x1 + 20 x2) and g(-10 + 20 x1 + 20 x2),
with the deck's truth tables g(-30) ≈ 0, g(-10) ≈ 0, g(10) ≈ 1, g(30) ≈ 1."""

from __future__ import annotations

from autograd.checks import one_of
from autograd.formatting import Table
from nn import Neuron

from .printed import mark

# (bias, w1, w2) for each gate, as the deck writes them: g(bias + w1 x1 + w2 x2)
GATES = {"AND": (-30.0, 20.0, 20.0), "OR": (-10.0, 20.0, 20.0)}
LOGIC = {"AND": lambda a, b: a and b, "OR": lambda a, b: a or b}
# The deck's truth tables: for each input (x1, x2), the argument of g it writes and its ≈ value.
DECK = {"AND": {(0, 0): (-30, 0), (0, 1): (-10, 0), (1, 0): (-10, 0), (1, 1): (10, 1)},
        "OR": {(0, 0): (-10, 0), (0, 1): (10, 1), (1, 0): (10, 1), (1, 1): (30, 1)}}


def gate(name: str) -> Neuron:
    """The logistic unit computing `name` ('AND' or 'OR') with the deck's fixed weights."""
    one_of("gate", name, sorted(GATES))
    bias, w1, w2 = GATES[name]
    unit = Neuron(2, activation="sigmoid")
    unit.set_weights([w1, w2], bias)
    return unit


def truth_table(name: str) -> Table:
    """x1, x2, the argument z of g, g(z) in full, g(z) rounded to 0 or 1, and the logic value."""
    unit = gate(name)
    rows = []
    for (x1, x2), (deck_z, deck_g) in DECK[name].items():
        out = unit([x1, x2])
        z = out.parents[0].data
        ok = z == deck_z and round(out.data) == deck_g == int(LOGIC[name](x1, x2))
        rows.append([str(x1), str(x2), f"g({z:g})", f"g({deck_z}) ≈ {deck_g}", f"{out.data:.16g}",
                     str(round(out.data)), str(int(LOGIC[name](x1, x2))), mark(ok)])
    bias, w1, w2 = GATES[name]
    return Table(["x1", "x2", "chalkgrad", "deck", "g(z) in full", "≈", f"x1 {name} x2", "ok"], rows,
                 title=f"{name} (deck 002): h(x) = g({bias:g} + {w1:g} x1 + {w2:g} x2)")


def main() -> None:
    print("\n\n".join(str(truth_table(name)) for name in GATES))


if __name__ == "__main__":
    main()
