"""Han & Kamber's backpropagation example, checked number by number against the book, as a report:
`python -m nn.examples.han_kamber` (what `make demo` runs). The network and training step are in
han_kamber_model.py, the book's numbers and its hand calculation in han_kamber_book.py."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from autograd.formatting import Table
from autograd.teach import explain

from .han_kamber_book import BOOK_TABLES, INPUT, LEARNING_RATE, SOURCES, TARGET, HandStep, book_arithmetic
from .han_kamber_model import Step, build_network, continue_training, save_picture, train_step
from .printed import agrees, as_printed, decimals_of, mark
from .units import unit_table

__all__ = ["Check", "checks", "check_tables", "bridge_table", "differences", "report", "main",
           "build_network", "train_step", "continue_training", "save_picture", "book_arithmetic"]


@dataclass
class Check:
    """One printed number of the book next to chalkgrad's: by the book's arithmetic and at full precision."""

    table: str
    name: str
    book: str
    hand: HandStep
    full: float
    hand_ok: bool = field(init=False)
    full_ok: bool = field(init=False)

    def __post_init__(self) -> None:
        self.hand_ok, self.full_ok = agrees(self.hand.value, self.book), agrees(self.full, self.book)


def checks(step: Step | None = None) -> list[Check]:
    """Every number of the book's three tables, checked both ways (a fresh network's step by default)."""
    step = step or train_step(build_network())
    hand = book_arithmetic()
    return [Check(table, name, printed, hand[name], step.values[name])
            for table, numbers in BOOK_TABLES.items() for name, printed in numbers.items()]


def check_tables(found: list[Check]) -> list[Table]:
    """The book's tables with chalkgrad's numbers beside them (print them, or show them in Jupyter)."""
    out = []
    for k, title in enumerate(BOOK_TABLES, start=1):
        rows = [[c.name, c.book, as_printed(c.hand.value, decimals_of(c.book)), mark(c.hand_ok),
                 f"{c.full:.9f}", as_printed(c.full, decimals_of(c.book)), mark(c.full_ok)]
                for c in found if c.table == title]
        out.append(Table(["", "book", "book's arithmetic", "ok", "full precision", "at book's digits", "ok"], rows,
                         title=f"Table {k}. {title}"))
    return out


def bridge_table(step: Step, target: float = TARGET) -> Table:
    """Err_j by the book's formula (at full precision) beside -dE/dI_j from autograd, unit by unit."""
    v, w = step.values, step.before
    rows = []
    for j in sorted(SOURCES, reverse=True):
        o = v[f"O{j}"]
        if not any(j in src for src in SOURCES.values()):  # output unit: O_j (1 - O_j)(T - O_j)
            formula = o * (1 - o) * (target - o)
        else:  # hidden unit: O_j (1 - O_j) sum_k Err_k w_jk
            formula = o * (1 - o) * sum(v[f"Err{k}"] * w[f"w{j}{k}"] for k, src in SOURCES.items() if j in src)
        gap = abs(formula - v[f"Err{j}"])
        rows.append([f"Err{j}", f"{formula:.12f}", f"{v[f'Err{j}']:.12f}", f"{gap:.1e}" if gap else "0"])
    return Table(["", "book's formula", "-dE/dI_j (autograd)", "difference"], rows)


def differences(found: list[Check]) -> list[str]:
    """Each printed digit that full precision does not reproduce, with the reason."""
    hand = {c.name: c.hand for c in found}
    lines = []
    for c in found:
        if c.full_ok:
            continue
        used = ", ".join(f"{u} = {hand[u].value:g} (exact {_full(found, u):.6f})" for u in c.hand.uses)
        lines.append(f"{c.name}: the book prints {c.book}; at full precision it is {c.full:.9f}, which rounds to "
                     f"{as_printed(c.full, decimals_of(c.book))}. The book computed it from {used}, rounded "
                     f"before use: {c.hand.formula} = {c.hand.exact:.6f}, which rounds to {c.book}.")
        later = [d.name for d in found if c.name in d.hand.uses and d.full_ok]
        if later:
            lines.append(f"  The numbers computed from {c.name} ({', '.join(later)}) still agree at the book's digits.")
    for c in found:
        if not c.hand_ok:
            lines.append(f"{c.name}: the book's arithmetic, redone, gives {c.hand.formula} = {c.hand.exact:.6f}, "
                         f"not the printed {c.book}.")
    return lines


def _full(found: list[Check], name: str) -> float:
    return next(c.full for c in found if c.name == name)


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    return textwrap.fill(text, width=104, initial_indent=first, subsequent_indent=rest)


def _tuple(text: str) -> tuple[tuple[float, ...], float]:
    """'0,1,1:0' -> ((0.0, 1.0, 1.0), 0.0), for --tuple."""
    try:
        x, t = text.split(":")
        xs = tuple(float(v) for v in x.split(","))
        if len(xs) != len(INPUT):
            raise ValueError
        return xs, float(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a tuple is written x1,x2,x3:T, e.g. 0,1,1:0; got {text!r}") from None


def report(epochs: int = 1, extra: Sequence[tuple[Sequence[float], float]] = (), out_dir: str | None = "out",
           ) -> tuple[str, bool]:
    """The whole demo as text, and whether the book's arithmetic reproduced every printed number."""
    model = build_network()
    step = train_step(model, INPUT, TARGET, draw=out_dir is not None)
    found = checks(step)
    hand_ok = sum(c.hand_ok for c in found)
    full_ok = sum(c.full_ok for c in found)
    w14 = next(p for p in model.parameters() if p.label == "w14")
    g14 = step.gradients["w14"]
    out = [
        "Han & Kamber, Data Mining: Concepts and Techniques -- the backpropagation worked example",
        "  network    inputs 1, 2, 3 -> sigmoid hidden units 4, 5 -> sigmoid output unit 6",
        f"  tuple      x = (1, 0, 1), class label T = {TARGET:g}, learning rate l = {LEARNING_RATE:g}, "
        "loss E = ½(T - O6)²",
        "  chalkgrad  MLP(3, [2, 1], activation='sigmoid', output_activation='sigmoid', labels='textbook'),",
        "             weights from the book, E.backward(), SGD(model.parameters(), lr=0.9).step()",
        "",
        "book's arithmetic: chalkgrad redoing the book's hand calculation, which rounds each net input and",
        "                   output to 3 decimals before using it, each error to 4 and each update to 3.",
        "full precision:    the MLP's forward pass, backward() and SGD step, no rounding; then rounded to the",
        "                   digits the book prints. ✓ = the same digits as the book.",
    ]
    for table in check_tables(found):
        out += ["", str(table)]
    out += ["", f"Book's arithmetic: {hand_ok} of {len(found)} printed numbers reproduced digit for digit.",
            f"Full precision: {full_ok} of {len(found)} agree at the book's printed precision"
            + ("." if full_ok == len(found) else "; where not, and why:")]
    out += [_wrap(line, "  ", "    ") for line in differences(found)]
    out += ["", "Why the book's errors are autograd's gradients",
            _wrap("Err_j = -dE/dI_j: the book's error at unit j is minus the gradient of E with respect to the "
                  "unit's net input, so the update w_ij += l·Err_j·O_i is exactly gradient descent, "
                  "w_ij -= l·dE/dw_ij. Side by side, at full precision:"),
            "", str(bridge_table(step)), "",
            f"For example w14: dE/dw14 = dE/dI4 · dI4/dw14 = -Err4 · x1 = -({step.values['Err4']:.9f}) × "
            f"{INPUT[0]:g} = {g14:.9f} = w14.grad,",
            f"and the SGD step w14 - l·dE/dw14 = {step.before['w14']:g} - {LEARNING_RATE:g} × {g14:.9f} = "
            f"{w14.data:.9f} is the book's w14 + l·Err4·x1.",
            "", "explain(w14, E): the same gradient as the chain rule along its path, with the numbers",
            str(explain(w14, step.loss)),
            "", str(unit_table(step.loss))]
    if out_dir is not None:
        out += ["", "Picture: " + save_picture(step, out_dir)]
    if epochs > 1 or extra:
        tuples = [(INPUT, TARGET), *extra]
        fresh = build_network()  # from the book's initial weights again: its first row is the book's step
        table = continue_training(fresh, tuples, epochs)
        out += ["", _wrap(f"Past the book: {epochs} epoch(s) over {len(tuples)} tuple(s) from the book's initial "
                          "weights, updating after each tuple (the first row is the book's step)"), str(table),
                _wrap("weights and biases now: " + ", ".join(f"{p.label} = {p.data:.4f}" for p in fresh.parameters()),
                      "", "  ")]
    else:
        out += ["", "Go on past the book: python -m nn.examples.han_kamber --epochs 20 --tuple 0,1,1:0"]
    return "\n".join(out), hand_ok == len(found)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nn.examples.han_kamber", description=__doc__)
    parser.add_argument("--epochs", type=int, default=1, help="passes over the training tuples (default 1: the book)")
    parser.add_argument("--tuple", dest="extra", type=_tuple, action="append", default=[], metavar="X1,X2,X3:T",
                        help="another training tuple after the book's, e.g. 0,1,1:0 (repeat for more)")
    parser.add_argument("--out", default="out", help="folder for the picture (default: out)")
    parser.add_argument("--no-picture", action="store_true", help="do not draw the computation graph")
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")
    text, ok = report(args.epochs, args.extra, None if args.no_picture else args.out)
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
