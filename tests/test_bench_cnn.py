"""The CNN step of `make bench` on its real sizes: it trains, counts its graph and fills its table row.

No timing is asserted here: the figures themselves are `make bench`'s business.
"""

from bench import cnn, report, training
from bench.run import Watch
from bench.timing import median


def test_the_cnn_step_is_a_training_step_on_notebook_11s_network():
    model, (X, y) = cnn.make_model(), cnn.make_batch()
    assert len(model.parameters()) == 4 * (3 * 3 + 1) + 36 * 5 + 5
    assert len(X) == cnn.BATCH and len(X[0][0]) == 8
    losses = [cnn.step(model, X, y, learning_rate=0.1).data for _ in range(5)]
    assert losses[-1] < losses[0]  # SGD on one batch lowers its loss
    assert cnn.count_nodes(cnn.step(model, X, y)) > cnn.BATCH * (4 * 36)  # at least every conv output


def test_run_records_samples_and_the_row_reports_them():
    results: dict = {}
    watch = Watch()
    cnn.run_cnn_step(1, results, watch)
    entry = results["cnn_step"]
    assert len(entry["chalkgrad"]) == 3 and all(s > 0 for s in entry["chalkgrad"])
    assert not watch.changes
    results["demo_step"] = {"pure float": [median(entry["chalkgrad"]) / 20]}  # a CNN step of 20 pure-float steps
    rows, verdicts = cnn.cnn_rows(results)
    assert len(rows) == 1 and len(rows[0]) == len(report.COLUMNS)
    assert rows[0][0].startswith("CNN step, 20 glyphs") and "µs/node" in rows[0][1]
    assert verdicts[0]["ratio"] == cnn.BASELINE_OVER_PURE_FLOAT / 20 and verdicts[0]["met"] is False
    assert cnn.cnn_rows({}) == ([], [])


def test_training_rows_compare_compiled_with_eager_and_the_weights():
    results = {"training": {"spirals": {"eager": [2.0, 2.2, 1.8], "compiled": [0.4, 0.25, 0.2],
                                        "max_abs_diff": 0.0}}}
    rows, verdicts = training.rows(results)
    assert rows[0][6] == "8.00x" and verdicts[0]["met"] is True  # medians: 2.0 s / 0.25 s
    assert "first run 400" in rows[0][1]  # the first compiled sample, nothing cached yet, shown too
    assert rows[1][6] == "bit for bit" and verdicts[1]["met"] is True


def test_only_eager_runs_the_eager_rows_alone(tmp_path, capsys):
    # `run.py --only eager`: the demo step against pure floats and the CNN step, nothing else.
    import json

    from bench import run

    out = tmp_path / "results.json"
    assert run.main(["--only", "eager", "--reps", "1", "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "| demo step eager vs pure floats" in table and "| CNN step, 20 glyphs" in table
    assert "micrograd" not in json.loads(out.read_text())["results"]["demo_step"]
    verdicts = json.loads(out.read_text())["targets"]
    assert [v["target"].split(" (")[0] for v in verdicts] == ["<= 5x", ">= 2x faster than the engine of 3daca37"]
    assert all(v["ratio"] > 0 for v in verdicts)
