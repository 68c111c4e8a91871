"""Answer keys for the graded assignments, one per student seed, from the master notebooks themselves.

    .venv/bin/python notebooks/tools/answer_keys.py [--seeds 0 1 2] [--out build/answer_keys]

For each assignment and seed: the set-up cells run with ASSIGNMENT_SEED set to the seed; then each
question's key is its exercise's own `solution()` where the question is an exercise (seeded, so it
differs per student), or else the values its solution cells compute for that seed. Written as one
Markdown file per assignment: the expected outputs, seed by seed, for whoever grades by hand.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import os
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
MASTERS = ROOT / "notebooks" / "assignments"


def assigned_names(source: str) -> list[str]:
    """The names a cell binds at top level: `x = ...`, `def f`, `class C`, `for` targets excluded."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return list(dict.fromkeys(names))


def blocks(nb: nbformat.NotebookNode) -> list[tuple[str, list[str], list[str]]]:
    """(question name, its set-up cells before it, its solution cells), in order."""
    out, setup, solution, name, inside = [], [], [], None, False
    for cell in nb.cells:
        text = cell.source.strip()
        if cell.cell_type == "raw" and text.startswith("# BEGIN QUESTION"):
            name = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("name:"))
        elif cell.cell_type == "raw" and text.startswith("# BEGIN SOLUTION"):
            inside = True
        elif cell.cell_type == "raw" and text.startswith("# END SOLUTION"):
            inside = False
        elif cell.cell_type == "raw" and text.startswith("# END QUESTION"):
            out.append((name, setup, solution))
            setup, solution, name = [], [], None
        elif cell.cell_type == "code" and inside:
            solution.append(cell.source)
        elif cell.cell_type == "code" and name is None and "nn.grading" not in cell.source:
            setup.append(cell.source)
    return out


def key(master: Path, seed: int) -> str:
    """The Markdown key of one assignment for one seed."""
    nb = nbformat.read(master, as_version=4)
    env: dict = {}
    lines = [f"## Seed {seed}", ""]
    with contextlib.chdir(master.parent), contextlib.redirect_stdout(io.StringIO()):  # the set-up cells' prints
        for name, setup, solution in blocks(nb):
            exercise = None
            for source in setup:
                if source.startswith("ASSIGNMENT_SEED = "):
                    source = f"ASSIGNMENT_SEED = {seed}"
                exec(compile(source, f"{master.name}:setup", "exec"), env)
                exercise = next((env[n] for n in assigned_names(source) if hasattr(env[n], "solution")), exercise)
            if exercise is not None:
                lines += [f"### {name}", "", "```", exercise.prompt, "", exercise.solution(), "```", ""]
                continue
            shown = []
            for source in solution:
                exec(compile(source, f"{master.name}:{name}", "exec"), env)
                shown += [n for n in assigned_names(source) if n not in shown]
            lines += [f"### {name}", "", "```"] + [f"{n} = {env[n]!r}" for n in shown] + ["```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "answer_keys")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("MPLBACKEND", "Agg")
    for master in sorted(MASTERS.glob("*.ipynb")):
        text = [f"# Answer key: {master.stem}", ""] + [key(master, seed) for seed in args.seeds]
        path = args.out / f"{master.stem}.md"
        path.write_text("\n".join(text), encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
