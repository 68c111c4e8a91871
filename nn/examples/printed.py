"""A table of a deck's printed numbers beside chalkgrad's, with a mark for each. Rounding by hand, a printed
value's precision and whether a computed number agrees with it live in autograd.formatting (imported here)."""

from __future__ import annotations

from collections.abc import Sequence

from autograd.formatting import Table, agrees, as_printed, decimals_of, round_half_up, truncated

__all__ = ["OK", "DIFFERS", "decimals_of", "round_half_up", "as_printed", "truncated", "agrees", "mark", "comparison"]

OK, DIFFERS = "✓", "✗"


def mark(ok: bool) -> str:
    return OK if ok else DIFFERS


def comparison(rows: Sequence[tuple[str, str, float]], title: str = "", note: str = "",
               source: str = "deck") -> Table:
    """A table of printed numbers beside chalkgrad's: (name, printed text, computed value) per row."""
    cells = [[name, printed, f"{value:.9f}", as_printed(value, decimals_of(printed)), mark(agrees(value, printed))]
             for name, printed, value in rows]
    return Table(["", source, "chalkgrad", f"at {source}'s digits", "ok"], cells, title=title, note=note)
