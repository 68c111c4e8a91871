"""Notebook 16's exercise: the check accepts the tangent trace worked by hand to three decimals and
names the first wrong line of a wrong one (the notebook itself runs under nbmake with blanks)."""

from __future__ import annotations

import ast

import pytest

from . import venvs

nbformat = pytest.importorskip("nbformat")
NOTEBOOK = venvs.ROOT / "notebooks" / "16_forward_and_reverse.ipynb"
BY_HAND = {"v-1": 0, "v0": 1, "v1": 0, "v2": 2, "v3": 0.284, "v4": 2, "v5": 1.716}  # ẋ2 = 1, by hand


def run_with(answers: dict):
    """Every code cell but the hosted first one, with the answers cell replaced; the check's result."""
    cells = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"][1:]
    scope: dict = {}
    for source in cells:
        if source.startswith("answers = {"):
            source = f"answers = {answers!r}"
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "<cell>", "exec"), scope)  # noqa: S102 - the notebook's own cells
        result = eval(compile(ast.Expression(last.value), "<cell>", "eval"), scope) if last else None  # noqa: S307
    return result


def test_the_exercise_accepts_the_hand_worked_trace_and_finds_a_wrong_line():
    assert run_with(BY_HAND).outcome == "correct"
    wrong = run_with({**BY_HAND, "v2": 5})  # v̇2 with x1 × ẋ1 in place of x1 × ẋ2
    assert wrong.outcome == "incorrect" and wrong.first_wrong == "v2"
