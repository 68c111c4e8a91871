"""`python -m nn.examples`: print every deck example in turn (Han & Kamber has its own command, `make demo`)."""

from __future__ import annotations

import importlib

from . import EXAMPLES


def main() -> None:
    for name in EXAMPLES:
        if name == "han_kamber":
            continue
        print(f"==== python -m nn.examples.{name}\n")
        importlib.import_module(f"{__package__}.{name}").main()
        print()
    print("==== Han & Kamber: python -m nn.examples.han_kamber  (or make demo)")


if __name__ == "__main__":
    main()
