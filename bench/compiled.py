"""The compiled replay in `make bench`: autograd.compile on the demo step, its compile times, and
10 and 100 epochs of fit(..., compile=True) against eager fit; plus their rows in the report table.

The compiled step races inside run.py's demo rotation (as "chalkgrad compiled"), so its ratios to
pure floats and micrograd come from the same run and the same repetitions.
"""

from __future__ import annotations

from time import perf_counter
from typing import Any

from bench import report, workloads
from bench.moons import make_moons
from bench.peers import Engine
from bench.timing import median

LABEL = "chalkgrad compiled"
FIT_EPOCHS = (10, 100)


def demo_loss(model: Any, y: list) -> Any:
    """The demo step's loss (workloads.demo_step) as a function of the input Values, to trace."""
    def loss(inputs: list) -> Any:
        scores = list(map(model, inputs))
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        return data_loss + 1e-4 * sum(p * p for p in model.parameters())

    return loss


def compiled_step(engine: Engine, model: Any, X: list, y: list, learning_rate: float = 0.05) -> Any:
    """The demo step on the compiled path: the optimiser's zero_grad, then one call that replays forward
    + backward and the SGD update (nn.SGD's step fused into the code: p - lr * grad, the demo's update)."""
    import autograd
    from nn import SGD
    from nn.fused import fused_update

    params = model.parameters()
    optimizer = SGD(params, lr=learning_rate)
    replay = autograd.compile(demo_loss(model, y), params, X, update=fused_update(optimizer, params))

    def step() -> float:
        optimizer.zero_grad()
        return replay(X)

    return step


def demo_racer(engine: Engine, weights: list[float], X: list, y: list) -> Any:
    """The compiled demo step, for run.py's rotation (compiled once, before any timing)."""
    return compiled_step(engine, workloads.demo_model(engine, weights), X, y)


def gradient_check(engine: Engine, X: list, y: list, weights: list[float]) -> dict:
    """One compiled step against one eager step from the same weights: loss and every gradient."""
    eager = workloads.demo_model(engine, weights)
    eager_loss = workloads.demo_step(engine, eager, X, y)
    model = workloads.demo_model(engine, weights)
    step_loss = compiled_step(engine, model, X, y)()
    diffs = [abs(p.grad - q.grad) for p, q in zip(model.parameters(), eager.parameters(), strict=True)]
    diffs.append(abs(step_loss - eager_loss))
    identical = all(p.grad == q.grad and p.data == q.data
                    for p, q in zip(model.parameters(), eager.parameters()))  # fmt: skip
    return {"max_abs_diff": max(diffs), "identical": identical and step_loss == eager_loss}


def _timed(fn: Any) -> float:
    start = perf_counter()
    fn()
    return perf_counter() - start


def measure(engine: Engine, X: list, y: list, weights: list[float], sizes: dict, results: dict,
            watch: Any) -> None:
    """Compile time (demo graph, and ~sizes['wide'] nodes), fit 100 epochs, gradient check."""
    import autograd
    from nn import fit
    from nn.optim import SGD

    out = results["compiled"] = {"gradients": gradient_check(engine, X, y, weights)}
    model = workloads.demo_model(engine, weights)
    out["compile_s"] = [_timed(lambda: autograd.compile(demo_loss(model, y), model.parameters(), X,
                                                        mode="lines")) for _ in range(3)]  # fmt: skip
    out["compile_tables_s"] = [_timed(lambda: autograd.compile(demo_loss(model, y), model.parameters(), X,
                                                               mode="tables")) for _ in range(3)]  # fmt: skip
    watch.check("compiling the demo step")

    def train(epochs: int, compile: bool) -> None:
        m = workloads.demo_model(engine, weights)
        fit(m, X, y, "hinge", SGD(m.parameters(), lr=0.05), epochs=epochs, weight_decay=2e-4,
            progress=False, compile=compile)

    for epochs in FIT_EPOCHS:  # eager and compiled alternate; the eager 100 epochs take ~5 s, so 2 samples
        out[f"fit_{epochs}"] = {"eager": [], "compiled": []}
        for _ in range(3 if epochs < 100 else 2):
            for compile in (False, True):
                started = perf_counter()
                train(epochs, compile)
                out[f"fit_{epochs}"]["compiled" if compile else "eager"].append(perf_counter() - started)
    watch.check("fit(compile=True)")
    nodes_per_point = 73  # each point adds 73 nodes to the demo graph (8,318 for 100 points)
    big_X, big_y = make_moons(max(2, round(sizes["wide"] / nodes_per_point)), noise=0.1, seed=7)
    big = workloads.demo_model(engine, weights)
    start = perf_counter()
    replay = autograd.compile(demo_loss(big, big_y), big.parameters(), big_X)
    out["big_graph"] = {"nodes": replay.nodes, "compile_s": perf_counter() - start, "mode": replay.mode,
                        "codegen_s": replay.compile_seconds, "replay_s": _timed(lambda: replay(big_X))}  # fmt: skip
    watch.check("compiling a big graph")
    print("  compiled replay: compile times and fit(compile=True) done", flush=True)


def rows(results: dict, points: int) -> tuple[list[list[str]], list[dict]]:
    """The compiled path's rows: ratios from the shared demo rotation, then its own figures."""
    table = report.Table()
    demo = results.get("demo_step", {})
    if LABEL not in demo or "compiled" not in results:
        return table.rows, table.verdicts
    fast = median(demo[LABEL])
    d = {who: median(demo[who]) for who in ("chalkgrad", "micrograd (gc on)", "micrograd (gc off)",
                                            "pure float") if demo.get(who)}  # fmt: skip
    figures = {who: report.seconds(v) for who, v in d.items() if who != "chalkgrad"}
    figures["chalkgrad"] = f"{report.seconds(fast)} (eager {report.seconds(d['chalkgrad'])})"
    name = f"demo step compiled, {points} points"
    pure = fast / d["pure float"]
    table.add(name, figures, pure, "within 1.0x of pure floats (ratio = compiled/pure; fused update)",
              pure <= 1.0)  # fmt: skip
    on = d["micrograd (gc on)"] / fast
    table.add("", {}, on, ">= 150x faster than micrograd (gc on)", on >= 150)
    table.add("", {}, d["chalkgrad"] / fast, "(no target; ratio = eager/compiled)", None)
    eager = d["chalkgrad"] / d["pure float"]
    table.add("demo step eager vs pure floats", {"chalkgrad": report.seconds(d["chalkgrad"]),
              "pure float": report.seconds(d["pure float"])}, eager, "<= 5x (ratio = eager/pure)",
              eager <= 5)  # fmt: skip
    c = results["compiled"]
    grads = c["gradients"]
    table.add("compiled gradients vs eager, max |diff|", {"chalkgrad": f"{grads['max_abs_diff']:.1e}"},
              None, "identical to 1e-12", grads["max_abs_diff"] <= 1e-12,
              "bit for bit" if grads["identical"] else "within 1e-12")  # fmt: skip
    compile_s = median(c["compile_s"])
    table.add("compile the demo step, mode='lines' (trace + codegen)", {"chalkgrad": report.seconds(compile_s)},
              compile_s / d["chalkgrad"], "(no target; ratio = compile/eager step; fit uses lines from 500 steps)",
              None)  # fmt: skip
    tables_s = median(c["compile_tables_s"])
    steps = tables_s / d["chalkgrad"]
    table.add("  the same, mode='tables' (loops)", {"chalkgrad": report.seconds(tables_s)}, steps,
              "<= 3 eager demo steps (ratio = compile/eager step)", steps <= 3)  # fmt: skip
    for epochs, want in zip(FIT_EPOCHS, (3, 8)):
        fit_eager, fit_fast = median(c[f"fit_{epochs}"]["eager"]), median(c[f"fit_{epochs}"]["compiled"])
        table.add(f"fit(compile=True), demo, {epochs} epochs",
                  {"chalkgrad": f"{report.seconds(fit_fast)} (eager {report.seconds(fit_eager)})"},
                  fit_eager / fit_fast, f">= {want}x faster than eager, compile included",
                  fit_eager / fit_fast >= want)  # fmt: skip
    big = c["big_graph"]
    table.add(f"compile a {big['nodes']:,}-node graph ({big['mode']})",
              {"chalkgrad": f"{report.seconds(big['compile_s'])} (codegen {report.seconds(big['codegen_s'])})"},
              None, "(no target)", None, "")  # fmt: skip
    table.add("  one replay of it: forward + backward", {"chalkgrad": report.seconds(big["replay_s"])}, None,
              "(no target)", None, "")  # fmt: skip
    return table.rows, table.verdicts
