"""The walkthrough's `make bench` row on a tiny graph: it runs, reports, and judges against 2 s.

No timing is asserted here: the figure itself is `make bench`'s business."""

from __future__ import annotations

import shutil

import pytest

from autograd import topological_order
from bench import walkthrough as walkthrough_bench
from bench.report import COLUMNS


def test_training_graph_reaches_the_size_asked_for():
    _, loss = walkthrough_bench.training_graph(values=60, seed=1)
    assert len(topological_order(loss)) >= 60
    _, again = walkthrough_bench.training_graph(values=60, seed=1)
    assert loss.data == again.data  # seeded


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_row_is_measured_and_added_in_the_reports_columns():
    results: dict = {"skipped": {}}
    rows: list = []
    verdicts: list = []
    walkthrough_bench.run(results, rows, verdicts, reps=1, values=40)
    got = results["walkthrough"]
    assert got["values"] >= 40 and len(got["seconds"]) == 1 and got["html_bytes"] > 1000
    assert len(rows) == 1 and len(rows[0]) == len(COLUMNS)
    assert rows[0][COLUMNS.index("met?")] in ("yes", "NO")
    assert verdicts[0]["met"] == (got["seconds"][0] < walkthrough_bench.TARGET_S)
