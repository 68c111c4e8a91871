"""The benchmark's harness on tiny sizes: workloads run, gradient check catches a different answer.

No timing is asserted here: the figures themselves are `make bench`'s business.
"""

from __future__ import annotations

import gc

import pytest

from bench import peers, report, workloads
from bench.moons import make_moons
from bench.purefloat import FloatMLP
from bench.timing import clock, gc_disabled, median, rotated


@pytest.fixture(scope="module")
def engines() -> dict[str, peers.Engine]:
    return {"chalkgrad": peers.chalkgrad(), "micrograd": peers.micrograd()}


@pytest.fixture(scope="module")
def data() -> tuple[list, list, list[float]]:
    X, y = make_moons(6, noise=0.1, seed=3)
    return X, y, workloads.initial_weights(seed=3)


def test_moons_are_seeded_and_labelled_plus_minus_one():
    X, y = make_moons(100, noise=0.1, seed=1337)
    assert len(X) == len(y) == 100 and all(len(x) == 2 for x in X)
    assert sorted(set(y)) == [-1.0, 1.0] and y.count(1.0) == 50
    assert (X, y) == make_moons(100, noise=0.1, seed=1337)
    assert X != make_moons(100, noise=0.1, seed=1)[0]
    with pytest.raises(ValueError, match="n_samples"):
        make_moons(1)


def test_initial_weights_leave_the_global_random_stream_alone():
    import random

    random.seed(5)
    expected = random.random()
    random.seed(5)
    workloads.initial_weights(seed=1337)
    assert random.random() == expected
    assert len(workloads.initial_weights()) == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1


def test_chalkgrad_micrograd_and_floats_compute_the_same_step(engines, data):
    X, y, weights = data
    found = workloads.gradient_check(list(engines.values()), X, y, weights)
    assert set(found) == {"chalkgrad", "pure float"}
    for name, entry in found.items():
        assert entry["agree"], (name, entry)
        assert entry["parameters"] == len(weights)


def test_gradient_check_catches_an_engine_that_computes_something_else(engines, data):
    X, y, weights = data
    micro = engines["micrograd"]

    def nudged(p, x):  # a 1e-6 change in one weight must already fail a 1e-12 check
        p.data = x + 1e-6 if x == weights[0] else x

    liar = peers.Engine("liar", "0", micro.Value, micro.MLP, nudged)
    found = workloads.gradient_check([micro, liar], X, y, weights)
    assert not found["liar"]["agree"]
    assert found["liar"]["max_abs_diff"] > 1e-12
    assert found["pure float"]["agree"]


def test_float_mlp_forward_matches_micrograd(engines, data):
    X, _, weights = data
    model = workloads.demo_model(engines["micrograd"], weights)
    floats = FloatMLP.from_values(workloads.SIZES, weights)
    assert floats.parameters() == weights
    for x in X:
        assert floats(x) == pytest.approx(model(x).data, rel=1e-12, abs=1e-12)
    with pytest.raises(ValueError, match="more parameter values"):
        FloatMLP.from_values(workloads.SIZES, weights + [0.0])


def test_demo_model_rejects_a_differently_shaped_model(engines):
    with pytest.raises(ValueError, match="parameters"):
        workloads.demo_model(engines["micrograd"], [0.5] * 3)


def test_inference_returns_one_score_per_point(engines, data):
    X, _, weights = data
    for engine in engines.values():
        model = workloads.demo_model(engine, weights)
        scores = workloads.inference(engine, model, X)
        assert len(scores) == len(X)
    chalk = engines["chalkgrad"]
    chalk_scores = workloads.inference(chalk, workloads.demo_model(chalk, weights), X)
    assert all(s.parents == () for s in chalk_scores)  # no_grad recorded nothing


def test_deep_chain_runs_on_chalkgrad_and_micrograd_fails_past_its_recursion_limit(engines):
    ok = workloads.deep_chain(engines["chalkgrad"], 1_500)
    assert ok["forward_s"] > 0 and ok["backward_s"] > 0
    failed = workloads.deep_chain(engines["micrograd"], 1_500)
    assert failed["error"] == "RecursionError" and "backward_s" not in failed


def test_wide_sum_is_one_node_for_chalkgrad_and_a_chain_for_micrograd(engines):
    ok = workloads.wide_sum(engines["chalkgrad"], 1_500)
    assert "backward_s" in ok
    assert workloads.wide_sum(engines["micrograd"], 1_500)["error"] == "RecursionError"


def test_memory_counts_the_same_graph_for_both_engines(engines):
    sizes = {name: workloads.bytes_per_node(e, 300) for name, e in engines.items()}
    for entry in sizes.values():
        assert entry["values"] == 2 * 300 + 1  # each multiplication: op node + wrapped constant
        assert 0 < entry["per_value"] < entry["per_op"]


def test_rendering_builds_dot_text_for_both_engines(engines):
    for engine in engines.values():
        root = workloads.render_graph(engine, n_terms=5)
        assert engine.count_nodes(root) == 4 * 5 + 1
        text = workloads.render(engine, root)
        assert text.lstrip().startswith("digraph") and "->" in text


def test_clock_leaves_the_garbage_collector_as_it_found_it():
    assert gc.isenabled()
    seen = []
    clock(lambda: seen.append(gc.isenabled()), gc_off=True, warmup=True)
    assert seen == [False, False] and gc.isenabled()
    with pytest.raises(RuntimeError), gc_disabled():
        raise RuntimeError("a failing workload")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_disabled():
            pass
        assert not gc.isenabled()  # it was off before, so it stays off
    finally:
        gc.enable()


def test_small_helpers():
    assert median([3.0, 1.0, 2.0]) == 2.0 and rotated([1, 2, 3], 4) == [2, 3, 1]
    with pytest.raises(ValueError):
        median([])
    with pytest.raises(ValueError, match="exact version"):
        peers.ensure_installed("torch")
    assert peers._matches("2.13.0+cpu", "2.13.0") and not peers._matches("2.1.0", "2.13.0")


def test_report_judges_each_target_from_the_medians():
    results = {
        "demo_step": {"chalkgrad": [0.01], "micrograd (gc on)": [1.5], "micrograd (gc off)": [0.015],
                      "torch": [], "pure float": [0.005]},  # fmt: skip
        "memory": {"chalkgrad": {"per_op": 500.0}, "micrograd": {"per_op": 1170.0}},
    }
    table, verdicts = report.rows(results, {"points": 100, "memory": 100_000})
    met = {v["target"].split(" (")[0]: v["met"] for v in verdicts}
    assert met[">= 20x faster than micrograd"] is True  # 150x
    assert met[">= 2x faster than micrograd"] is False  # 1.5x
    assert met["faster than PyTorch scalar autograd"] is None  # not run
    assert met["stretch: within 5x of pure floats"] is True  # 2x
    assert met["<= half of micrograd"] is True  # 500 B vs 1170 B
    assert "150.0x" in report.markdown(table)
