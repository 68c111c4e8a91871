"""What the assignment tests share: `otter assign` on every master notebook once, and `otter run` on a
submission, read back as one score and one feedback text per question.

Each master notebook lists its planted mistakes in its metadata (``chalkgrad.planted``): an edit to the
solution and the words the feedback must then contain, so a lecturer sees them beside the questions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
MASTERS = sorted((ROOT / "notebooks" / "assignments").glob("*.ipynb"))
OTTER = Path(sys.executable).with_name("otter")


def environment() -> dict[str, str]:
    """The grading kernel imports this checkout's chalkgrad, as the student's kernel would."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@dataclass(frozen=True)
class Built:
    """One assignment after `otter assign`: the master, the student copy, the solution and the bundle."""

    master: Path
    student: Path
    solution: Path
    bundle: Path

    @property
    def name(self) -> str:
        return self.master.stem


def assign(master: Path, into: Path) -> Built:
    """`otter assign` as `make assignments` runs it."""
    out = into / master.stem
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([str(OTTER), "assign", "--no-run-tests", "--no-pdfs", str(master), str(out)],
                   check=True, capture_output=True, text=True, env=environment(), timeout=300)
    (bundle,) = (out / "autograder").glob("*.zip")
    return Built(master, out / "student" / master.name, out / "autograder" / master.name, bundle)


@dataclass(frozen=True)
class Graded:
    """Scores and feedback per question, from otter's results.json."""

    scores: dict[str, float]
    possible: dict[str, float]
    feedback: dict[str, str]

    @property
    def total(self) -> float:
        return sum(self.scores.values())

    @property
    def out_of(self) -> float:
        return sum(self.possible.values())


def grade(built: Built, submission: Path, into: Path) -> Graded:
    """`otter run` on one submission, without Docker, in this environment."""
    into.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([str(OTTER), "run", "--no-logo", "-a", str(built.bundle), "-o", str(into), str(submission)],
                         capture_output=True, text=True, env=environment(), timeout=600)
    results = into / "results.json"
    assert results.exists(), f"otter run wrote no results for {submission}:\n{run.stdout}\n{run.stderr}"
    tests = [t for t in json.loads(results.read_text())["tests"] if "max_score" in t]
    return Graded({t["name"]: t["score"] for t in tests}, {t["name"]: t["max_score"] for t in tests},
                  {t["name"]: t.get("output", "") for t in tests})


def planted(master: Path) -> list[dict]:
    """The master's planted mistakes: [{"question", "replace": [old, new], "expect": [words, ...]}]."""
    return nbformat.read(master, as_version=4).metadata.get("chalkgrad", {}).get("planted", [])


def with_mistakes(built: Built, into: Path) -> Path:
    """The solution notebook with every planted mistake written in: a submission that is partly right."""
    nb = nbformat.read(built.solution, as_version=4)
    for mistake in planted(built.master):
        old, new = mistake["replace"]
        cells = [cell for cell in nb.cells if cell.cell_type == "code" and old in cell.source]
        assert len(cells) == 1, f"{built.name}: the planted edit {old!r} must match exactly one code cell"
        cells[0].source = cells[0].source.replace(old, new)
    path = into / built.master.name
    into.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def solution_lines(master: Path) -> list[str]:
    """Every line of the master that a student copy must not show: lines marked `# SOLUTION`, and the lines
    between `# BEGIN SOLUTION` and `# END SOLUTION` inside a cell."""
    lines, inside = [], False
    for cell in nbformat.read(master, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            text = line.strip()
            if text.startswith("# BEGIN SOLUTION"):
                inside = True
            elif text.startswith("# END SOLUTION"):
                inside = False
            elif inside or text.endswith("# SOLUTION"):
                lines.append(text.removesuffix("# SOLUTION").strip())
    return [line for line in lines if line and not line.startswith("#")]
