"""Graded assignments: the check a student runs in an assignment notebook (otter-grader underneath).

A student's copy of an assignment holds only the public checks; the hidden ones run when the work is
graded. otter-grader says "All test cases passed!" after the public ones, which a student reads as a
full mark. `Notebook.check` here says "public checks passed" instead, and shows a failing check as the
message the exercise check wrote (which node is wrong, and the hint), not a doctest traceback.

    import nn.grading
    grader = nn.grading.Notebook("A1_values_and_the_chain_rule.ipynb")
    grader.check("q1")
"""

from __future__ import annotations

import html
import inspect
from typing import Any

try:
    import otter
except ImportError as error:  # an optional dependency: only assignments need it
    raise ImportError(
        "graded assignments need otter-grader: `make assignments` installs it into .venv, or run "
        "pip install 'otter-grader==7.0.0'") from error


def reason(message: str | None) -> str:
    """The sentence a failing check asserted with, cut out of otter's doctest report."""
    lines = [line.strip() for line in (message or "").strip().splitlines()]
    for line in reversed(lines):
        if line.startswith("AssertionError"):
            return line.partition(":")[2].strip() or "a check failed"
    return lines[-1] if lines else "a check failed"


class PublicChecks:
    """One question's public checks as the student sees them after `grader.check(...)`."""

    def __init__(self, result: Any):
        self.result = result  # otter's TestFile: every public test case with its outcome

    @property
    def passed(self) -> bool:
        return bool(self.result.passed_all_public)

    def lines(self) -> list[str]:
        """One line per public check that failed, with the exercise's own words."""
        failed = [r for r in self.result.test_case_results if not r.passed and not r.test_case.hidden]
        return [reason(r.message) for r in failed]

    def __repr__(self) -> str:
        name = self.result.name
        if self.passed:
            return f"{name}: public checks passed (more checks run when the assignment is graded)"
        return "\n".join([f"{name}: not yet"] + [f"  - {line}" for line in self.lines()])

    def _repr_html_(self) -> str:
        name = html.escape(self.result.name)
        if self.passed:
            return (f"<p><strong>{name}</strong>: public checks passed "
                    "<small>(more checks run when the assignment is graded)</small></p>")
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self.lines())
        return f"<p><strong style='color:#a63a00'>{name}</strong>: not yet</p><ul>{items}</ul>"


class Notebook(otter.Notebook):
    """otter's `Notebook`, whose `check` reports public checks as public checks (see the module)."""

    def check(self, question: str, global_env: dict[str, Any] | None = None) -> PublicChecks:
        if global_env is None:  # the caller's notebook globals, as otter itself would find them
            global_env = inspect.currentframe().f_back.f_globals
        return PublicChecks(super().check(question, global_env))
