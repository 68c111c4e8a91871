"""`python -m nn.examples [NAME ...]`: print the decks' worked examples (all of them, or those named);
`--list` or `--help` lists them. Han & Kamber has options of its own: `python -m nn.examples.han_kamber --help`."""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Sequence

from . import EXAMPLES

STANDALONE = "han_kamber"  # the long report `make demo` prints; run only when named


def summary(name: str) -> str:
    """An example's one-line description: the first clause of its module docstring."""
    doc = (importlib.import_module(f"{__package__}.{name}").__doc__ or "").strip()
    first = " ".join(doc.split("\n\n")[0].split())
    return re.split(r":(?:\s|$)", first)[0]


def listing() -> str:
    width = max(map(len, EXAMPLES))
    lines = [f"  {name:<{width}}  {summary(name)}" for name in EXAMPLES]
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
