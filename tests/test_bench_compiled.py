"""bench/compiled.py on tiny sizes: the compiled step agrees with the eager one and gets its rows.

No timing is asserted here: the figures are `make bench`'s business.
"""

from bench import compiled, peers, workloads
from bench.moons import make_moons


class _Watch:
    def check(self, where: str) -> None:
        pass


def test_compiled_demo_step_equals_the_eager_step_and_fills_its_rows():
    engine = peers.chalkgrad()
    X, y = make_moons(6, noise=0.1, seed=3)
    weights = workloads.initial_weights(seed=3)
    assert compiled.gradient_check(engine, X, y, weights)["identical"]
    results = {"demo_step": {who: [0.01] for who in ("chalkgrad", "micrograd (gc on)", "micrograd (gc off)",
                                                     "pure float")}}
    results["demo_step"][compiled.LABEL] = [0.002]
    compiled.measure(engine, X, y, weights, {"wide": 2_000}, results, _Watch())
    rows, verdicts = compiled.rows(results, 6)
    assert rows[0][0] == "demo step compiled, 6 points" and rows[0][6] == "0.20x"
    assert {v["target"] for v in verdicts} >= {
        "within 1.0x of pure floats (ratio = compiled/pure; fused update)", "<= 5x (ratio = eager/pure)",
        "<= 3 eager demo steps (ratio = compile/eager step)", ">= 3x faster than eager, compile included",
        ">= 8x faster than eager, compile included"}
    assert all(len(results["compiled"][f"fit_{n}"]["eager"]) >= 2 for n in compiled.FIT_EPOCHS)
    assert results["compiled"]["big_graph"]["nodes"] > 1_000
