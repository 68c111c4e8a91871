"""Deck 000's softmax table: the scores Dog -3.44, Cat 1.16, Boat -0.81, Airplane 3.91, their unnormalised
probabilities e^z and normalised ones e^z / sum e^z; and the sigmoid (multi-label) reading of the same scores."""

from __future__ import annotations

from autograd import Value
from autograd.formatting import Table
from nn import softmax

from .printed import comparison

SCORES = {"Dog": -3.44, "Cat": 1.16, "Boat": -0.81, "Airplane": 3.91}
DECK_UNNORMALISED = {"Dog": "0.0321", "Cat": "3.1899", "Boat": "0.4449", "Airplane": "49.8990"}
DECK_NORMALISED = {"Dog": "0.0006", "Cat": "0.0596", "Boat": "0.0083", "Airplane": "0.9315"}


def scores() -> dict[str, Value]:
    return {name: Value(z, name) for name, z in SCORES.items()}


def unnormalised(z: dict[str, Value]) -> dict[str, Value]:
    """e^z for each class: the deck's 'unnormalized probabilities'."""
    return {name: v.exp() for name, v in z.items()}


def normalised(z: dict[str, Value]) -> dict[str, Value]:
    """The deck's normalisation e^z_i / sum_j e^z_j (computed as nn.softmax does: shifted by the max)."""
    return dict(zip(z, softmax(list(z.values()))))


def sigmoid_reading(z: dict[str, Value]) -> dict[str, Value]:
    """sigmoid(z) for each class on its own: the multi-label reading (a label is present when >= 0.5)."""
    return {name: v.sigmoid() for name, v in z.items()}


def tables() -> list[Table]:
    z = scores()
    exps, probs = unnormalised(z), normalised(z)
    total = Value.sum(list(exps.values()))
    rows = [(f"e^z {name}", DECK_UNNORMALISED[name], exps[name].data) for name in SCORES]
    rows += [(f"softmax {name}", DECK_NORMALISED[name], probs[name].data) for name in SCORES]
    check = comparison(rows, title="Softmax (deck 000): scores Dog -3.44, Cat 1.16, Boat -0.81, Airplane 3.91",
                       note=f"sum of e^z = {total.data:.4f}; the probabilities sum to "
                            f"{sum(p.data for p in probs.values()):.12f}; softmax picks "
                            f"{max(probs, key=lambda n: probs[n].data)}.")
    sig = sigmoid_reading(z)
    present = [name for name in SCORES if sig[name].data >= 0.5]
    reading = Table(["class", "score z", "sigmoid(z)", "label present (>= 0.5)"],
                    [[name, f"{SCORES[name]:g}", f"{sig[name].data:.4f}", "yes" if sig[name].data >= 0.5 else "no"]
                     for name in SCORES],
                    title="The same scores read with a sigmoid per class (multi-label)",
                    note=f"Each label is decided on its own, so several can be present (here {' and '.join(present)}); "
                         f"the sigmoids sum to {sum(s.data for s in sig.values()):.4f}, not 1.")
    return [check, reading]


def main() -> None:
    print("\n\n".join(str(t) for t in tables()))


if __name__ == "__main__":
    main()
