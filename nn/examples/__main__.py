"""`python -m nn.examples [NAME ...]`: print the decks' worked examples (all of them, or those named);
`--list` or `--help` lists them. Han & Kamber has options of its own: `python -m nn.examples.han_kamber --help`."""

from __future__ import annotations

import argparse
import importlib
import textwrap
from collections.abc import Sequence

from . import EXAMPLES

STANDALONE = "han_kamber"  # the long report `make demo` prints; run only when named
WIDTH = 100  # --help is read in an 80-100 column terminal: longer descriptions wrap, never cut
# What each example shows, and from which course's deck (the decks are numbered 000-004 in the course).
SHOWS = {
    "single_neuron": "one sigmoid neuron's forward pass, z = 13.6 and y = 0.999 (Seattle U deck)",
    "logic_gates": "AND and OR as single logistic units with fixed weights (Unicamp deck)",
    "xor": "XOR with a 2-2-1 ReLU network: the hand-set weights, then learned (UT Austin deck)",
    "softmax_table": "the Dog/Cat/Boat/Airplane softmax table, and its sigmoid reading (UT Austin deck)",
    "block_view": "backprop as a chain of blocks, each local gradient with numbers (UVA deck)",
    "tiny_network": "a 1-1-1 network's MSE gradient, next to the deck's formula (Lecture 11 deck)",
    "han_kamber": "Han & Kamber's backprop, number by number against the book (what make demo runs)",
    "architecture": "parameter counts (26, 41); why stacked linear layers collapse (UT Austin deck)",
    "house_price": "a two-layer ReLU house-price network that is not fully connected (Seattle U deck)",
    "delta_rule": "backprop with accumulators and 1/m averaging, against backward() (Unicamp deck)",
    "errata": "slips in the decks, each next to what chalkgrad computes",
    "penalties_and_ensembles": "L1/L2, bagging, MC dropout, minima and saddles, as experiments (Lecture 11 deck)",
}


def summary(name: str) -> str:
    """What the example shows, in one sentence (SHOWS above)."""
    return SHOWS[name]


def listing() -> str:
    width = max(map(len, EXAMPLES))
    lines = [textwrap.fill(summary(name), WIDTH, initial_indent=f"  {name:<{width}}  ",
                           subsequent_indent=" " * (width + 4)) for name in EXAMPLES]
    return ("examples (each also runs on its own: python -m nn.examples.NAME):\n" + "\n".join(lines) + "\n\n"
            f"{STANDALONE} runs only when named, and has options of its own:\n"
            f"  python -m nn.examples.{STANDALONE} --help   (e.g. --epochs 20 --tuple 0,1,1:0)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nn.examples", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Print the course decks' worked examples, each checked against the deck's printed numbers.",
        epilog=listing())
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"examples to run (default: all but {STANDALONE})")
    parser.add_argument("--list", action="store_true", help="list the examples and stop")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in EXAMPLES]
    if unknown:
        parser.error(f"no example named {', '.join(unknown)}; choose from: {', '.join(EXAMPLES)}")
    if args.list:
        print(listing())
        return 0
    for name in args.names or [n for n in EXAMPLES if n != STANDALONE]:
        print(f"==== python -m nn.examples.{name}\n")
        module = importlib.import_module(f"{__package__}.{name}")
        if name == STANDALONE:
            module.main([])  # its defaults, not our command line
        else:
            module.main()
        print()
    if not args.names:
        print(f"==== Han & Kamber: python -m nn.examples.{STANDALONE}  (or make demo)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
