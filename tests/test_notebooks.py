"""The course notebooks as committed: each starts with the README's first cell for hosted notebooks, word
for word (one source of truth: the README), and carries no outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import venvs

nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = sorted((venvs.ROOT / "notebooks").glob("*.ipynb"))

def _read(path: Path):
    return nbformat.read(path, as_version=4)


def test_the_readme_has_the_first_cell():
    cell = venvs.hosted_cell()
    assert "sys.path.insert(0, str(folder))" in cell
    assert cell.rstrip().endswith("import autograd, nn  # chalkgrad's engine and network library")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_first_code_cell_is_the_readmes_hosted_cell(path):
    cells = _read(path).cells
    first = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    assert cells[first].source + "\n" == venvs.hosted_cell(), (
        f"{path.name}: its first code cell must be the README's 'Hosted notebooks' cell, exactly")
    assert first > 0 and cells[first - 1].cell_type == "markdown"
    assert "Colab" in cells[first - 1].source  # one line saying what the cell is for


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_committed_valid_and_without_outputs(path):
    nb = _read(path)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_links_to_other_notebooks_name_real_files(path):
    import re

    text = "\n".join(cell.source for cell in _read(path).cells if cell.cell_type == "markdown")
    for target in re.findall(r"\]\(\.?/?([^)#\s]+\.ipynb)", text):
        assert (path.parent / target).exists(), f"{path.name} links to {target}, which does not exist"


def test_notebook_numbers_are_unique():
    numbers = [p.name.split("_", 1)[0] for p in NOTEBOOKS]
    assert len(numbers) == len(set(numbers)), numbers
