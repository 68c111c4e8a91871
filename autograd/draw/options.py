"""Every option of draw_dot in one frozen dataclass, checked in one place: a new option is one field
here, the code that reads it, and a test."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from autograd.checks import flag, integer, one_of
from autograd.formatting import NumberFormat

RANKDIRS = ("auto", "LR", "TB", "RL", "BT")
LAYOUTS = ("auto", "plain", "wrap")
COMPACT = ("auto", True, False, "tables")
SHOW_ORDER = (False, True, "topological", "backward", "unlabelled")
GROUP_BY = ("auto", "neuron", "sample")


@dataclass(frozen=True)
class DrawOptions:
    """draw_dot's options (see its docstring); DrawOptions(**options) checks them all."""

    rankdir: str = "auto"  # 'LR' left to right, 'TB' top to bottom, 'auto': whichever fits 16:9 best
    layout: str = "auto"  # 'plain': dot's own layout; 'wrap': long chains in rows; 'auto': wrap if it fits better
    # True: each op inside its result's box; 'tables': also each neuron's parameters in one table;
    # 'auto': the first of False, True, 'tables' that fits a slide
    compact: bool | str = "auto"
    digits: int = 4  # significant figures of data and grad
    decimals: int | None = None  # fixed digits after the point instead (a textbook's 0.0087)
    fold_constants: bool = False  # write unnamed constants into their op: '* 2'
    # number the values: True/'topological' or 'backward'; 'unlabelled': topological, only where a value
    # has no label (the walkthrough's pictures)
    show_order: bool | str = False
    edge_labels: bool = False  # label input edges with the local derivative
    legend: bool = False  # a legend of the roles drawn
    input_grads: bool = True  # False hides the grads of inputs and constants (nothing to learn there)
    clusters: Any = None  # the neuron-level view: a model, or {parameter: ('Layer 1', 'Neuron 4')}
    # a graph over several samples: 'sample' draws one box per sample (parameters, shared, in their
    # neurons' boxes); 'neuron' puts every sample's copy in its neuron's box; 'auto': by sample when
    # clusters are given and the graph holds several samples
    group_by: str = "auto"
    highlight: Any = None  # a node, a path (list of nodes) or an explain() result: drawn strong, the rest dimmed
    only: Any = None  # draw part of the graph: a module (a neuron, a layer) or some of its parameters
    around: Any = None  # draw the neighbourhood of this node ...
    depth: int = 2  # ... up to this many steps away
    max_nodes: int = 2000  # warn (LargeGraphWarning) above this many values
    size: tuple[float, float] | None = None  # (width, height) in inches to shrink the picture into
    # 'auto' choices: True lets dot measure the few most promising layouts (one dot run each, ~20 ms);
    # False lets the size estimate alone decide, so drawing runs no dot (a walkthrough lays out once)
    measure: bool = True

    def __post_init__(self) -> None:
        one_of("rankdir", self.rankdir, RANKDIRS)
        one_of("layout", self.layout, LAYOUTS)
        one_of("compact", self.compact, COMPACT)
        one_of("show_order", self.show_order, SHOW_ORDER)
        one_of("group_by", self.group_by, GROUP_BY)
        NumberFormat(self.digits, self.decimals)  # raises for bad digits/decimals
        for name in ("fold_constants", "edge_labels", "legend", "input_grads", "measure"):
            flag(name, getattr(self, name))
        for name, least in (("max_nodes", 1), ("depth", 0)):
            integer(name, getattr(self, name), low=least)
        if self.size is not None:
            try:
                width, height = (float(x) for x in self.size)
            except (TypeError, ValueError):
                raise ValueError(f"size must be (width, height) in inches, got {self.size!r}") from None
            if not (width > 0 and height > 0):
                raise ValueError(f"size must be two positive numbers of inches, got {self.size!r}")
        if self.only is not None and self.around is not None:
            raise ValueError("give only= (a neuron or layer) or around= (a node), not both")

    @classmethod
    def from_keywords(cls, options: dict[str, Any]) -> DrawOptions:
        """DrawOptions(**options), with an unknown name reported with the list of known ones."""
        known = [f.name for f in fields(cls)]
        for name in options:
            if name not in known:
                raise TypeError(f"draw_dot() has no option {name!r}; the options are: {', '.join(known)}")
        return cls(**options)

    @property
    def number(self) -> NumberFormat:
        return NumberFormat(self.digits, self.decimals)

    @property
    def size_attr(self) -> str | None:
        if self.size is None:
            return None
        width, height = (float(x) for x in self.size)
        return f"{width:g},{height:g}"
