"""Figures a lecture projects: no figure in the training-practice notebooks is drawn wider than a
projected cell can show without shrinking its text below a readable size."""

from __future__ import annotations

import re

import pytest

from . import venvs

nbformat = pytest.importorskip("nbformat")

# A cell's output is about 1,100 px wide at 1920 x 1080. A figure W inches wide, shown that wide,
# scales its 14 pt text (projector_style) to 14 / 72 * 1100 / W px: 12 px at W = 18 (too small to
# read from the back of a room), 16 px at W = 13.
WIDEST = 13.0
NOTEBOOKS = ["04_activation_functions", "06_optimisers_and_learning_rates",
             "07_initialisation_batch_norm_and_batches", "08_overfitting_and_regularisation"]
FIGSIZE = re.compile(r"figsize=\(\s*([0-9.]+)\s*,\s*([0-9.]+)\s*\)")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_figures_fit_a_projected_cell(name):
    nb = nbformat.read(venvs.ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    sizes = [(float(w), i) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             for w, _ in FIGSIZE.findall(cell.source)]
    assert sizes, f"{name}: no figsize found; the check would pass vacuously"
    too_wide = [(w, i) for w, i in sizes if w > WIDEST]
    assert not too_wide, f"{name}: figures wider than {WIDEST} in (width, cell): {too_wide}; split the panels"
