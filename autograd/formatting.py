"""How numbers are written in pictures and tables: significant figures by default (so a tiny
gradient reads 3.1e-5, never 0.0000), fixed decimals on request, rounding by hand as a book prints
numbers, and the aligned text/HTML `Table`."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from html import escape
from typing import Any

from .checks import integer

# Control characters (C0, DEL, C1) and lone surrogates: a terminal would act on them, dot fails on
# them, and a surrogate cannot even be encoded. Each is written out as Python writes it ('\x1b').
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNPRINTABLE_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: Any, newlines: bool = False) -> str:
    """text with every control character and lone surrogate written out as Python does ('\\n',
    '\\x1b', '\\udcff'), so a label prints as one safe line; newlines=True keeps line breaks (pictures)."""
    pattern = _UNPRINTABLE_BUT_NEWLINE if newlines else _UNPRINTABLE
    return pattern.sub(lambda m: repr(m.group())[1:-1], str(text))


# Outside [SCIENTIFIC_BELOW, 10**digits) a number is written in scientific notation.
SCIENTIFIC_BELOW = 1e-3


def _float(x: Any) -> float:
    return float(getattr(x, "data", x))  # a gradient from backward(create_graph=True) is a Value


def significant(x: Any, digits: int = 4) -> str:
    """x to `digits` significant figures ('' for None): 0.5261, -0.008700, 3.142e-5, 1.235e+6, 0.

    Trailing zeros are kept (they say how many digits are shown); an exact zero is written '0', so a
    printed 0 always means zero; no nonzero number is ever rounded to 0.
    """
    if x is None:
        return ""
    x = _float(x)
    if not math.isfinite(x):
        return str(x)
    if x == 0.0:
        return "0"  # also -0.0: a sign on zero means nothing to a student
    if SCIENTIFIC_BELOW <= abs(x) < 10.0 ** digits:
        text = f"{x:#.{digits}g}"
        if "e" not in text:  # 'g' can still pick exponent form when rounding reaches 10**digits
            return text.rstrip(".")
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa}e{int(exponent):+d}"


def fixed(x: Any, decimals: int) -> str:
    """x with `decimals` digits after the point ('' for None); a tiny negative shows as 0.0000, not -0.0000."""
    if x is None:
        return ""
    x = _float(x)
    if not math.isfinite(x):
        return str(x)
    text = f"{x:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0.0 else text


# Numbers as a book prints them: rounded by hand (half up, on the digits a calculator shows).

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
    return fixed(round_half_up(x, decimals), decimals)


def truncated(x: float, decimals: int) -> str:
    """x cut off after `decimals` places (no rounding): 0.99999876 -> '0.999'."""
    return f"{_decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN):.{decimals}f}"


def agrees(x: float, printed: str) -> bool:
    """True when x, rounded by hand to the printed number's precision, is that number."""
    return Decimal(as_printed(x, decimals_of(printed))) == Decimal(printed)


@dataclass(frozen=True)
class NumberFormat:
    """digits significant figures (the default, 4), or, when `decimals` is given, that many digits
    after the point (as a textbook prints them: 0.0087)."""

    digits: int = 4
    decimals: int | None = None

    def __post_init__(self) -> None:
        integer("digits (significant figures)", self.digits, low=1, high=17)
        integer("decimals (None: significant figures)", self.decimals, low=0, high=17, none_ok=True)

    def __call__(self, x: Any) -> str:
        return significant(x, self.digits) if self.decimals is None else fixed(x, self.decimals)


def _reads_as_number(text: str) -> bool:
    """A cell that reads as a number (or is empty): its column is right-aligned."""
    try:
        float(text)
    except ValueError:
        return text == ""
    return True


class Table:
    """Rows of text cells under column names: aligned text in a terminal (`print(table)`), an HTML
    table in Jupyter. Columns holding numbers are right-aligned, so the decimal points line up."""

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "",
                 note: str = "") -> None:
        self.columns = [str(c) for c in columns]
        self.rows = [[str(cell) for cell in row] for row in rows]
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a table row has {len(row)} cells for {len(self.columns)} columns: {row}")
        self.title, self.note = title, note
        self.right = [all(_reads_as_number(row[k]) for row in self.rows) for k in range(len(self.columns))]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[str]:
        """The cells of one column, e.g. table.column('grad')."""
        if self.columns.count(name) != 1:
            what = "no column" if name not in self.columns else "more than one column named"
            raise KeyError(f"{what} {name!r}; the columns are {self.columns}")
        k = self.columns.index(name)
        return [row[k] for row in self.rows]

    def __str__(self) -> str:
        widths = [max([len(c)] + [len(row[k]) for row in self.rows]) for k, c in enumerate(self.columns)]

        def line(cells: Sequence[str]) -> str:
            return "  ".join(c.rjust(w) if r else c.ljust(w)
                             for c, w, r in zip(cells, widths, self.right)).rstrip()

        out = [self.title] if self.title else []
        out += [line(self.columns), "  ".join("-" * w for w in widths)]
        out += [line(row) for row in self.rows]
        if self.note:  # prose: wrapped to a terminal's width, paragraph by paragraph
            out += [textwrap.fill(part, width=100) for part in self.note.split("\n")]
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)  # a terminal or a plain Python prompt shows the table itself

    def _repr_html_(self) -> str:
        def cells(tag: str, row: Sequence[str]) -> str:
            return "".join(f'<{tag} style="text-align:{"right" if r else "left"}">{escape(c)}</{tag}>'
                           for c, r in zip(row, self.right))

        caption = f"<caption>{escape(self.title)}</caption>" if self.title else ""
        body = "".join(f"<tr>{cells('td', row)}</tr>" for row in self.rows)
        note = f"<p>{escape(self.note)}</p>" if self.note else ""
        return (f'<table style="font-family:monospace">{caption}<thead><tr>{cells("th", self.columns)}'
                f"</tr></thead><tbody>{body}</tbody></table>{note}")
