"""`Diagnosis`: the result of checking a student's numbers -- easy to assert on (``assert diag, diag.message``),
and able to draw the graph with the first wrong node highlighted or open the walkthrough where it went wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("correct", "incorrect", "not attempted")


@dataclass
class Diagnosis:
    """outcome: 'correct', 'incorrect' or 'not attempted';
    first_wrong: the node (or the name, off a graph) whose error is the root cause, walking back from the output;
    signature: the name of the misconception that explains it (see SIGNATURES), or None;
    message: what is wrong and where, never the expected number;
    wrong: every wrong answer's node or name; missing: those still unanswered."""

    outcome: str
    message: str
    first_wrong: Any = None
    signature: str | None = None
    wrong: tuple = ()
    missing: tuple = ()
    root: Any = field(default=None, repr=False)  # the graph's output, when there is a graph
    kind: str = field(default="gradient", repr=False)  # 'gradient' or 'update': which step to open
    walk_options: dict = field(default_factory=dict, repr=False)  # e.g. the update's lr

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, got {self.outcome!r}")

    @property
    def passed(self) -> bool:
        """True when correct, so a grading cell can ``assert diag.passed, diag.message``."""
        return self.outcome == "correct"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return f"{self.outcome}: {self.message}"

    def _repr_markdown_(self) -> str:
        mark = {"correct": "✅", "incorrect": "❌", "not attempted": "✏️"}[self.outcome]
        return f"{mark} **{self.outcome}**: {self.message}"

    def assert_passed(self) -> None:
        """Raise AssertionError with the message (and no expected number) unless correct."""
        if not self.passed:
            raise AssertionError(str(self))

    # ---- pictures -------------------------------------------------------------------------------
    def _graph(self, what: str) -> Any:
        if self.root is None:
            raise ValueError(f"{what}: this check was not made on a graph (check_gradients makes one)")
        return self.root

    def draw(self, **options: Any) -> Any:
        """The graph with the first wrong node and its paths to the output highlighted."""
        root = self._graph("draw()")
        if self.first_wrong is not None and "highlight" not in options:
            options["highlight"] = self.first_wrong
        return root.draw(**options)

    def walkthrough(self, **options: Any) -> Any:
        """The walkthrough of the graph, opening at the step where the student's numbers went wrong:
        the first backward step adding into the first wrong node (its update step, for an update)."""
        from ..player.steps import walkthrough

        wt = walkthrough(self._graph("walkthrough()"), **{**self.walk_options, **options})
        wt.start = self.step(wt)
        return wt

    def step(self, wt: Any) -> int:
        """The index of the step in `wt` where the first wrong number is made (0 when all is right)."""
        if self.first_wrong is None or self.first_wrong not in wt.ids:
            return 0
        node = wt.ids[self.first_wrong]
        for s in wt.steps:
            if self.kind == "update" and s.phase == "update" and s.node == node:
                return s.index
            if self.kind == "gradient" and s.phase == "backward" and any(e.parent == node for e in s.edges):
                return s.index
        return next((s.index for s in wt.steps if s.phase == "seed"), 0)
