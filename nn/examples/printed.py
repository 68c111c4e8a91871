"""Numbers as a book prints them: rounding by hand (half up, on the decimal digits a calculator shows),
a printed value's precision, whether a computed number agrees with a printed one, and a table of both."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from autograd.trace import Table

OK, DIFFERS = "✓", "✗"


def decimals_of(printed: str) -> int:
    """How many digits a printed number has after the point: '0.1311' -> 4, '-0.7' -> 1, '2' -> 0."""
    try:
        Decimal(printed)
    except ArithmeticError:
        raise ValueError(f"not a printed number: {printed!r}") from None
    return len(printed.split(".")[1]) if "." in printed else 0


def _decimal(x: float) -> Decimal:
    # repr() is the shortest text that reads back as the same float: the digits a calculator shows.
    # Rounding those (not the float's exact binary value) is what a hand calculation does.
    return Decimal(repr(float(x)))


def round_half_up(x: float, decimals: int) -> float:
    """x rounded to `decimals` places as by hand: 0.19415 -> 0.194, 0.1245 -> 0.125 (half away from zero)."""
    return float(_decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def as_printed(x: float, decimals: int) -> str:
    """x written with `decimals` places after rounding by hand; -0.000 is written 0.000."""
    text = f"{round_half_up(x, decimals):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def truncated(x: float, decimals: int) -> str:
    """x cut off after `decimals` places (no rounding): 0.99999876 -> '0.999'."""
    return f"{_decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN):.{decimals}f}"


def agrees(x: float, printed: str) -> bool:
    """True when x, rounded by hand to the printed number's precision, is that number."""
    return Decimal(as_printed(x, decimals_of(printed))) == Decimal(printed)


def mark(ok: bool) -> str:
    return OK if ok else DIFFERS


def comparison(rows: Sequence[tuple[str, str, float]], title: str = "", note: str = "",
               source: str = "deck") -> Table:
    """A table of printed numbers beside chalkgrad's: (name, printed text, computed value) per row."""
    cells = [[name, printed, f"{value:.9f}", as_printed(value, decimals_of(printed)), mark(agrees(value, printed))]
             for name, printed, value in rows]
    return Table(["", source, "chalkgrad", f"at {source}'s digits", "ok"], cells, title=title, note=note)
