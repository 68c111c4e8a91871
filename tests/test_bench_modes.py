"""The forward-vs-reverse bench rows on tiny sizes: sweeps counted, both modes agree, rows printed.
No timing is asserted here: the figures themselves are `make bench`'s business."""

import pytest

from bench import modes
from bench.report import COLUMNS


def test_the_table_counts_sweeps_for_both_shapes():
    results: dict = {}
    modes.measure(results, reps=1, sizes=(1, 3))
    sweeps = {(e["shape"], e["size"]): (e["forward_sweeps"], e["reverse_sweeps"]) for e in results["modes"]}
    assert sweeps == {("n inputs -> 1 output", 1): (1, 1), ("n inputs -> 1 output", 3): (3, 1),
                      ("1 input -> m outputs", 1): (1, 1), ("1 input -> m outputs", 3): (1, 3)}
    rows, verdicts = [], []
    modes.add_rows(rows, verdicts, results)
    assert len(rows) == 2 and all(len(row) == len(COLUMNS) for row in rows)
    assert "3 inputs -> 1 output: forward 3 sweeps" in rows[0][0]
    assert [v["target"] for v in verdicts] == ["reverse (1 sweep) faster", "forward (1 sweep) faster"]


def test_both_modes_give_the_same_derivatives():
    for ways in (modes.gradient_ways(4), modes.jacobian_column_ways(4)):
        (forward, _), (reverse, _) = ways["forward"], ways["reverse"]
        assert forward() == pytest.approx(reverse(), rel=1e-12)
