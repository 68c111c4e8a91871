"""The unit-level trace of a network: for each textbook-numbered unit j, its net input I_j, output O_j
and the book's error Err_j, read from autograd as Err_j = -dE/dI_j."""

from __future__ import annotations

import re
from dataclasses import dataclass

from autograd import Value, topological_order
from autograd.trace import Table, fixed

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
