"""Max written out for the tables replay: `Max.forward` and `Max.local_grads` loop over their
inputs, so the inliner cannot copy them and the replay would call both for every node (a max-pool
window is one node: they were a third of the glyph CNN's step). These templates compute the same
numbers without a call:

    forward:   nan if any x_i is nan, else max(x_1, ..., x_n)   (builtin max: the first of equal ones)
    d/dx_k:    1/h if x_k is one of the h inputs equal to the max, else 0;
               with a nan max, the nan inputs share it instead (Max.local_grads' two cases)

The count h is a sum of booleans, as ``sum(hits)`` is in Max.local_grads, and 1.0 / h is the same
division, so the replay's numbers are the engine's to the last bit (tests: ties, nan, -0.0).
"""

from __future__ import annotations

from ..ops import Max


class MaxRule:
    """A _Rule's face (forward, partials, modules, op_name) for a Max of n >= 2 inputs, as format
    strings over {0} = the node, {1}..{n} = its inputs, {n+1} = its gradient."""

    def __init__(self, n: int, rule: object) -> None:
        xs = [f"{{{k}}}" for k in range(1, n + 1)]
        self.op_name = rule.op_name
        self.call_partials = rule.call_partials
        self.modules = {"math"}
        any_nan = " or ".join(f"{x} != {x}" for x in xs)
        self.forward = f"(math.nan if {any_nan} else max({', '.join(xs)}))"
        at_max = " + ".join(f"({x} == {{0}})" for x in xs)
        nans = " + ".join(f"({x} != {x})" for x in xs)
        self.partials = [f"((1.0 / ({at_max}) if {x} == {{0}} else 0.0) if {{0}} == {{0}} else "
                         f"(1.0 / ({nans}) if {x} != {x} else 0.0)) * {{{n + 1}}}" for x in xs]


def written_out(node: object, rule: object) -> object:
    """The rule the tables replay uses for this node: Max's written out, any other op's as it is."""
    if node._op is Max and len(node._prev) >= 2:
        return MaxRule(len(node._prev), rule)
    return rule
