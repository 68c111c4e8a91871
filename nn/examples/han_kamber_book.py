"""Han & Kamber's worked example as the book prints it (network, initial values, its three tables) and
its hand calculation redone with chalkgrad Values, rounding where the book rounds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from autograd import Value

from .printed import round_half_up

INPUT = (1.0, 0.0, 1.0)  # the training tuple x = (x1, x2, x3)
TARGET = 1.0  # its class label T
LEARNING_RATE = 0.9  # l
INITIAL = {"w14": 0.2, "w15": -0.3, "w24": 0.4, "w25": 0.1, "w34": -0.5, "w35": 0.2,
           "w46": -0.3, "w56": -0.2, "θ4": -0.4, "θ5": 0.2, "θ6": 0.1}
LAYERS = ((4, 5), (6,))  # unit numbers, layer by layer (inputs are units 1-3)
# Unit j and the units feeding it: inputs 1-3 feed hidden units 4 and 5, which feed output unit 6.
SOURCES = {4: (1, 2, 3), 5: (1, 2, 3), 6: (4, 5)}
OUTPUT_UNIT = 6

# The book's tables, as printed: the text keeps each number's printed precision.
BOOK_FORWARD = {"I4": "-0.7", "O4": "0.332", "I5": "0.1", "O5": "0.525", "I6": "-0.105", "O6": "0.474"}
BOOK_ERRORS = {"Err6": "0.1311", "Err5": "-0.0065", "Err4": "-0.0087"}
BOOK_UPDATES = {"w46": "-0.261", "w56": "-0.138", "w14": "0.192", "w15": "-0.306", "w24": "0.4", "w25": "0.1",
                "w34": "-0.508", "w35": "0.194", "θ6": "0.218", "θ5": "0.194", "θ4": "-0.408"}
BOOK_TABLES = {"Net input and output of each unit": BOOK_FORWARD, "Error at each unit": BOOK_ERRORS,
               "Updated weights and biases": BOOK_UPDATES}

# Where the hand calculation rounds: each net input and output to 3 decimals (then used rounded),
# each error to 4, each updated weight or bias to 3.
DECIMALS = {"I": 3, "O": 3, "Err": 4, "new": 3}


@dataclass
class HandStep:
    """One number of the hand calculation: its formula with the numbers used, the exact result of that
    arithmetic, the result rounded as the book rounds it, and the rounded quantities it used."""

    name: str
    formula: str
    exact: float
    value: float
    uses: tuple[str, ...]


def _num(x: float) -> str:
    return f"{x:g}"


def _plus(x: float) -> str:
    """'+ 0.2' or '- 0.4', as a hand calculation writes a signed last term."""
    return f"- {_num(-x)}" if x < 0 else f"+ {_num(x)}"


def book_arithmetic(x: Sequence[float] = INPUT, target: float = TARGET, lr: float = LEARNING_RATE,
                    weights: Mapping[str, float] = INITIAL) -> dict[str, HandStep]:
    """The book's hand calculation for one tuple, every step a chalkgrad expression.

    Rounding is not an operation on the graph: as on paper, each rounded number enters the next step as
    a new leaf Value (O4 = 0.332, not sigmoid(-0.7) = 0.33181...), so every later number is computed
    from exactly the digits the book wrote down.
    """
    steps: dict[str, HandStep] = {}
    w = {name: Value(v, name) for name, v in weights.items()}
    out = {i: Value(xi, f"x{i}") for i, xi in enumerate(x, start=1)}  # an input unit's output is x_i
    rounded: set[str] = set()

    def record(name: str, value: Value, decimals: int, formula: str, uses: Sequence[str]) -> Value:
        kept = round_half_up(value.data, decimals)
        steps[name] = HandStep(name, formula, value.data, kept, tuple(u for u in uses if u in rounded))
        rounded.add(name)
        return Value(kept, name)  # the rounded number, as the next step reads it

    def o_name(i: int) -> str:
        return f"O{i}" if i in SOURCES else f"x{i}"

    for j, sources in SOURCES.items():  # forward: I_j = sum_i w_ij O_i + θ_j, then O_j = sigmoid(I_j)
        net = Value.dot([w[f"w{i}{j}"] for i in sources], [out[i] for i in sources], w[f"θ{j}"])
        terms = " + ".join(f"{_num(out[i].data)} × {_num(weights[f'w{i}{j}'])}" for i in sources)
        net = record(f"I{j}", net, DECIMALS["I"], f"({terms}) {_plus(weights[f'θ{j}'])}",
                     [o_name(i) for i in sources])
        out[j] = record(f"O{j}", net.sigmoid(), DECIMALS["O"], f"1 / (1 + e^-({_num(net.data)}))", [f"I{j}"])

    err: dict[int, Value] = {}
    o = out[OUTPUT_UNIT]  # output unit: Err_j = O_j (1 - O_j)(T - O_j)
    err[OUTPUT_UNIT] = record(f"Err{OUTPUT_UNIT}", o * (1 - o) * (target - o), DECIMALS["Err"],
                              f"{_num(o.data)} × (1 - {_num(o.data)}) × ({_num(target)} - {_num(o.data)})",
                              [f"O{OUTPUT_UNIT}"])
    for j in sorted((j for j in SOURCES if j != OUTPUT_UNIT), reverse=True):  # hidden: O_j (1 - O_j) sum_k Err_k w_jk
        o, ks = out[j], [k for k, src in SOURCES.items() if j in src]
        back = Value.sum([err[k] * w[f"w{j}{k}"] for k in ks])
        terms = " + ".join(f"{_num(err[k].data)} × {_num(weights[f'w{j}{k}'])}" for k in ks)
        err[j] = record(f"Err{j}", o * (1 - o) * back, DECIMALS["Err"],
                        f"{_num(o.data)} × (1 - {_num(o.data)}) × ({terms})", [f"O{j}", *(f"Err{k}" for k in ks)])

    for j in sorted(SOURCES, reverse=True):  # updates, output layer first as the book lists them
        for i in SOURCES[j]:  # w_ij += l Err_j O_i
            name = f"w{i}{j}"
            record(name, w[name] + lr * err[j] * out[i], DECIMALS["new"],
                   f"{_num(weights[name])} + {_num(lr)} × ({_num(err[j].data)}) × {_num(out[i].data)}",
                   [f"Err{j}", o_name(i)])
        name = f"θ{j}"  # θ_j += l Err_j
        record(name, w[name] + lr * err[j], DECIMALS["new"],
               f"{_num(weights[name])} + {_num(lr)} × ({_num(err[j].data)})", [f"Err{j}"])
    return steps
