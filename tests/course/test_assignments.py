"""The graded assignments, as a lecturer runs them: `otter assign` makes the student copy and the autograder
bundle, `otter run` grades (no Docker). For every assignment: the solution scores full marks; the blank
student copy scores 0 and every question says "not attempted"; a copy with the planted mistakes scores
partly, and its feedback names the wrong node and gives the hint; no solution line reaches students."""

from __future__ import annotations

import concurrent.futures
import os
import tempfile
from pathlib import Path

import nbformat
import pytest

from .otter_runs import MASTERS, Built, Graded, assign, environment, grade, planted, solution_lines, with_mistakes

pytestmark = pytest.mark.slow
pytest.importorskip("otter", reason="graded assignments need otter-grader: `make course` installs it")


ROOT_DIR = Path(tempfile.mkdtemp(prefix="chalkgrad-assignments-"))
_GRADED: dict[str, tuple[Built, dict[str, Graded]]] = {}


def graded_run(master: Path) -> tuple[Built, dict[str, Graded]]:
    """One assignment built, and its three submissions graded two at a time (one per core); once per run."""
    if master.stem not in _GRADED:
        built = assign(master, ROOT_DIR / "build")
        submissions = {"solution": built.solution, "blank": built.student,
                       "planted": with_mistakes(built, ROOT_DIR / "planted" / built.name)}
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            jobs = {kind: pool.submit(grade, built, path, ROOT_DIR / "graded" / built.name / kind)
                    for kind, path in submissions.items()}
            _GRADED[master.stem] = built, {kind: job.result() for kind, job in jobs.items()}
    return _GRADED[master.stem]


@pytest.fixture
def graded(master):
    return graded_run(master)


def test_there_is_an_assignment_per_lecture():
    assert len(MASTERS) >= 6
    for master in MASTERS:
        assert planted(master), f"{master.name} plants no mistakes to check its feedback with"


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_the_solution_scores_full_marks(graded, master):
    _, runs = graded
    solution = runs["solution"]
    assert solution.out_of > 0
    assert solution.total == solution.out_of, solution.feedback


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_the_blank_copy_scores_zero_and_says_not_attempted(graded, master):
    _, runs = graded
    blank = runs["blank"]
    assert blank.total == 0, blank.scores
    for question, feedback in blank.feedback.items():
        assert "not attempted" in feedback, f"{question}: {feedback}"


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_planted_mistakes_score_partly_with_their_hints(graded, master):
    _, runs = graded
    wrong = runs["planted"]
    assert 0 < wrong.total < wrong.out_of, wrong.scores
    for mistake in planted(master):
        feedback = wrong.feedback[mistake["question"]]
        assert wrong.scores[mistake["question"]] < wrong.possible[mistake["question"]]
        for words in mistake["expect"]:
            assert words in feedback, f"{mistake['question']}: {words!r} not in {feedback}"


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_no_solution_line_reaches_students(graded, master):
    built, _ = graded
    student = nbformat.read(built.student, as_version=4)
    shown = "\n".join(cell.source for cell in student.cells)
    lines = solution_lines(master)
    assert lines, f"{master.name} has no solution lines"
    leaked = [line for line in lines if line in shown]
    assert not leaked, f"{master.name}: solution lines in the student copy: {leaked}"
    assert "BEGIN SOLUTION" not in shown and "# SOLUTION" not in shown


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_every_assignment_takes_a_seed(master):
    nb = nbformat.read(master, as_version=4)
    assert any(cell.cell_type == "code" and cell.source.startswith("ASSIGNMENT_SEED = ") for cell in nb.cells)


def test_a_students_own_check_says_public_checks_passed():
    # the solution, run where a student runs it: in the student folder, whose tests are only the public ones
    master = next(m for m in MASTERS if m.stem.startswith("A6"))
    built, _ = graded_run(master)
    filled = built.student.parent / f"filled-{built.student.name}"
    nb = nbformat.read(built.solution, as_version=4)
    nb.cells = [c for c in nb.cells if "nn.grading" not in c.source]
    init = nbformat.v4.new_code_cell(f'import nn.grading\ngrader = nn.grading.Notebook("{built.student.name}")')
    nb.cells.insert(0, init)
    nbformat.write(nb, filled)
    from nbclient import NotebookClient

    saved = dict(os.environ)
    os.environ.update(environment())
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(filled.parent)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    shown = [out.get("data", {}).get("text/plain", "") for cell in nb.cells if "grader.check" in cell.source
             for out in cell.get("outputs", [])]
    assert shown and all("public checks passed" in text for text in shown), shown
    assert not any("All test cases passed" in text for text in shown)
