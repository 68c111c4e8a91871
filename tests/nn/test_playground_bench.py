"""bench/playground.py on a tiny budget: its loops run and its rows print (the rates are make bench's)."""

from __future__ import annotations

import pytest

from bench import playground as bench


@pytest.mark.slow  # traces and compiles the 100-point demo graph
def test_the_playground_bench_measures_and_reports():
    state = bench.demo_state()
    assert state.model.extra_repr() == "2 -> 16 -> 16 -> 1" and len(state.split(False)[0]) == 100
    assert bench.live_rate(state, window=0.05) > 0 and state.epoch >= 1
    assert bench.dashboard(state) > 2500  # the 50 x 50 map at least
    results = {"playground": {"live_steps_per_s": [12.0], "steps_with_a_redraw_each_per_s": [3.0],
                              "redraws_per_s": [4.0]}}
    rows, verdicts = [], []
    bench.add_rows(rows, verdicts, results)
    assert [v["met"] for v in verdicts] == [True, False] and len(rows) == 3
    assert rows[0][1] == "12.0/s" and "NO" in rows[2]
