"""Tables a teacher puts on a slide: the unit-level trace of a network (unit_table) and a printed
source's numbers beside chalkgrad's (book_vs_ours). Both return a Table: aligned text when printed,
an HTML table in Jupyter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from autograd import Value, topological_order
from autograd.formatting import Table, as_printed, decimals_of, fixed

__all__ = ["Unit", "find_units", "unit_table", "book_vs_ours"]

_UNIT_LABEL = re.compile(r"([IO])(\d+)")


@dataclass
class Unit:
    """Unit j of a network labelled as Han & Kamber do: its net-input node I_j and output node O_j."""

    number: int
    net: Value
    out: Value

    @property
    def err(self) -> float | None:
        """The book's Err_j = -dE/dI_j, once backward() has run from the loss E (else None)."""
        return None if self.net.grad is None else -float(self.net.grad)


def find_units(root: Value) -> list[Unit]:
    """The units behind `root` (an MLP's output or loss, built with labels='textbook'), by number."""
    if not isinstance(root, Value):
        raise TypeError(f"find_units expects a Value (a loss or an output), got {type(root).__name__}")
    nets: dict[int, Value] = {}
    outs: dict[int, Value] = {}
    for node in topological_order(root):
        match = _UNIT_LABEL.fullmatch(node.label)
        if match and node.parents:  # I_j and O_j are computed; an input labelled I1 is not a unit
            (nets if match[1] == "I" else outs)[int(match[2])] = node
    # A linear unit has one node, its net input and output at once: it is labelled O_j only.
    return [Unit(j, nets.get(j, outs[j]), outs[j]) for j in sorted(outs)]


def unit_table(root: Value, decimals: int = 4) -> Table:
    """One row per unit: j, net input I_j, output O_j, dE/dO_j and Err_j = -dE/dI_j (blank before backward).

    Call it on the loss after loss.backward(), for a model built with labels='textbook'.
    """
    units = find_units(root)
    if not units:
        raise ValueError("no units labelled I4/O4 ... in this graph: build the model with labels='textbook'")
    rows = [[str(u.number), fixed(u.net.data, decimals), fixed(u.out.data, decimals),
             fixed(u.out.grad, decimals), fixed(u.err, decimals)] for u in units]
    return Table(["unit j", "net input I_j", "output O_j", "dE/dO_j", "Err_j = -dE/dI_j"], rows,
                 title="units of the network, input to output")


def book_vs_ours(rows: Sequence[tuple[str, str, float]], title: str = "", source: str = "book",
                 note: str = "") -> Table:
    """A printed source's numbers beside chalkgrad's: one row (name, printed text, computed value) each.

    The computed value is shown at full precision and rounded half up to as many digits as the printed
    one; the last column says whether the two agree, e.g. book_vs_ours([("O6", "0.474", o6.data)]).
    """
    cells = []
    for name, printed, value in rows:
        if not isinstance(printed, str):
            raise TypeError(f"{name}: give the printed number as text, e.g. '0.474', got {printed!r}")
        try:
            book = Decimal(printed)
        except ArithmeticError:
            raise ValueError(f"{name}: {printed!r} is not a number") from None
        ours = as_printed(value, decimals_of(printed))
        cells.append([name, printed, f"{float(value):.9f}", ours, "✓" if Decimal(ours) == book else "✗ differs"])
    return Table(["", source, "chalkgrad", f"at the {source}'s digits", "agree"], cells, title=title, note=note)
