"""`make bench`: chalkgrad against micrograd 0.1.0 (and PyTorch 2.13.0 with --torch) in one run.

Engines alternate inside every repetition; the table shows medians and ratios, and the raw samples
go to bench/results.json with the machine and versions.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from the repo root: make `bench`, `autograd` importable
    sys.path.insert(0, str(ROOT))

from bench import compiled as compiled_bench  # noqa: E402
from bench import modes as modes_bench  # noqa: E402
from bench import peers, report, training, workloads  # noqa: E402
from bench import playground as playground_bench  # noqa: E402
from bench import walkthrough as walkthrough_bench  # noqa: E402
from bench.cnn import cnn_rows, run_cnn_step  # noqa: E402
from bench.moons import make_moons  # noqa: E402
from bench.purefloat import FloatMLP  # noqa: E402
from bench.timing import clock, rotated  # noqa: E402

FULL = {"points": 100, "chain": 1_000_000, "wide": 100_000, "memory": 100_000, "render": 250}
QUICK = {"points": 100, "chain": 20_000, "wide": 5_000, "memory": 5_000, "render": 250}


def interpreter_state() -> dict:
    """What a library must not change behind its user's back."""
    state = {"gc_enabled": gc.isenabled(), "gc_threshold": gc.get_threshold(),
             "recursion_limit": sys.getrecursionlimit(), "switch_interval": sys.getswitchinterval()}  # fmt: skip
    if "autograd" in sys.modules:
        state["grad_enabled"] = sys.modules["autograd"].is_grad_enabled()
    return state


class Watch:
    """Checks after each chalkgrad workload that the interpreter is as it was before the import."""

    def __init__(self) -> None:
        self.before = interpreter_state()
        self.changes: list[str] = []

    def check(self, where: str) -> None:
        now = interpreter_state()
        for key, value in now.items():
            expected = True if key == "grad_enabled" else self.before.get(key)
            if value != expected:
                self.changes.append(f"{key} became {value!r} after {where} (was {expected!r})")

    def result(self) -> dict:
        return {"unchanged": not self.changes, "before": self.before, "changes": self.changes}


def run_demo(engines, X, y, weights, reps, slow_reps, results, watch) -> None:
    """The demo step, every engine once per repetition, in rotating order."""
    chalk = engines["chalkgrad"]
    models = {label: workloads.demo_model(engines[label.split(" ")[0]], weights)
              for label in ("chalkgrad", "micrograd (gc on)", "micrograd (gc off)")}  # fmt: skip
    floats = FloatMLP.from_values(workloads.SIZES, weights)
    racers = [
        ("chalkgrad", lambda: workloads.demo_step(chalk, models["chalkgrad"], X, y), False),
        ("micrograd (gc on)", lambda: workloads.demo_step(engines["micrograd"],
                                                          models["micrograd (gc on)"], X, y), False),
        ("micrograd (gc off)", lambda: workloads.demo_step(engines["micrograd"],
                                                           models["micrograd (gc off)"], X, y), True),
        ("pure float", lambda: workloads.float_step(floats, X, y), False),
    ]  # fmt: skip
    racers.append((compiled_bench.LABEL, compiled_bench.demo_racer(chalk, weights, X, y), False))
    if "torch" in engines:
        models["torch"] = workloads.demo_model(engines["torch"], weights)
        racers.append(("torch", lambda: workloads.demo_step(engines["torch"], models["torch"], X, y),
                       False))  # fmt: skip
    samples = results["demo_step"] = {label: [] for label, _, _ in racers}
    cheap = {"chalkgrad", "pure float"}  # a few ms each: three samples a repetition steady the median
    cheap.add(compiled_bench.LABEL)
    for rep in range(reps):
        for label, step, gc_off in rotated(racers, rep):
            if label == "micrograd (gc on)" and rep >= slow_reps:
                continue
            for _ in range(3 if label in cheap else 1):
                samples[label].append(clock(step, gc_off=gc_off, warmup=True))
            if label == "chalkgrad":
                watch.check("the demo step")
        print(f"  demo step: repetition {rep + 1}/{reps} done", flush=True)


def run_inference(engines, X, weights, reps, slow_reps, results, watch) -> None:
    """The demo MLP's forward on every point, under each engine's no_grad."""
    racers = [(name, engine, workloads.demo_model(engine, weights)) for name, engine in engines.items()]
    floats = FloatMLP.from_values(workloads.SIZES, weights)
    samples = results["inference"] = {name: [] for name, _, _ in racers} | {"pure float": []}
    jobs = [(name, lambda e=e, m=m: workloads.inference(e, m, X)) for name, e, m in racers]
    jobs.append(("pure float", lambda: [floats(x) for x in X]))
    for rep in range(reps):
        for name, job in rotated(jobs, rep):
            if name == "micrograd" and rep >= slow_reps:
                continue  # its collector makes each sample take seconds
            samples[name].append(clock(job, warmup=True))
    watch.check("no_grad inference")


def run_graphs(engines, sizes, reps, results, watch) -> None:
    """Deep chain, wide sum, memory and rendering: chalkgrad repeated, micrograd once where slow."""
    chalk, micro = engines["chalkgrad"], engines["micrograd"]
    results["deep_chain"] = {"chalkgrad": {"forward_s": [], "backward_s": []}}
    for rep in range(3):
        got = workloads.deep_chain(chalk, sizes["chain"])
        watch.check("the deep chain")
        for key in ("forward_s", "backward_s"):
            results["deep_chain"]["chalkgrad"][key].append(got[key])
        if rep == 0:  # micrograd with gc on spends ~20 s building a million nodes; once is enough
            got = workloads.deep_chain(micro, sizes["chain"])
            results["deep_chain"]["micrograd"] = {k: [v] if k != "error" else v for k, v in got.items()}
        print(f"  deep chain: repetition {rep + 1}/3 done", flush=True)
    results["wide_sum"] = {"chalkgrad": {"forward_s": [], "backward_s": []}}
    for rep in range(reps):
        got = workloads.wide_sum(chalk, sizes["wide"])
        for key in ("forward_s", "backward_s"):
            results["wide_sum"]["chalkgrad"][key].append(got[key])
        if rep == 0:
            got = workloads.wide_sum(micro, sizes["wide"])
            results["wide_sum"]["micrograd"] = {k: [v] if k != "error" else v for k, v in got.items()}
    watch.check("the wide sum")
    results["memory"] = {e.name: workloads.bytes_per_node(e, sizes["memory"]) for e in (chalk, micro)}
    watch.check("the memory workload")
    roots = {e.name: workloads.render_graph(e, sizes["render"]) for e in (chalk, micro)}
    results["render"] = {"chalkgrad": [], "micrograd": [],
                         "nodes": {n: engines[n].count_nodes(r) for n, r in roots.items()}}  # fmt: skip
    jobs = [(n, lambda n=n: workloads.render(engines[n], roots[n])) for n in roots]
    for rep in range(reps):
        for name, job in rotated(jobs, rep):
            results["render"][name].append(clock(job, warmup=True))
    watch.check("rendering")


NOTES = [
    "Medians; engines alternate in an order that rotates every repetition. Demo step: each timed",
    "step follows one untimed step, as in a training loop; garbage left by earlier samples (of any",
    "engine) is collected outside the timing; chalkgrad and pure floats give 3 samples a repetition.",
    "micrograd (gc off): the collector is off only inside its timed region and switched back on.",
    "Deep chain: y = x * 1.0000001, 3 repetitions for chalkgrad, micrograd once (gc on, ~20 s).",
    "Memory: the same chain, tracemalloc bytes per multiplication (op node + the constant it wraps).",
    "Rendering: chalkgrad's styled DOT (HTML labels, roles) vs micrograd's notebook draw_dot.",
]


def measure(engines: dict, sizes: dict, reps: int, slow_reps: int, watch: Watch) -> dict:
    """Every workload, chalkgrad's interpreter state checked after each; the raw samples."""
    results: dict = {"skipped": {}}
    X, y = make_moons(sizes["points"], noise=0.1, seed=1337)
    weights = workloads.initial_weights(seed=1337)
    results["gradients"] = workloads.gradient_check(list(engines.values()), X, y, weights)
    watch.check("the gradient check")
    run_demo(engines, X, y, weights, reps, slow_reps, results, watch)
    run_inference(engines, X, weights, reps, slow_reps, results, watch)
    run_cnn_step(reps, results, watch)
    compiled_bench.measure(engines["chalkgrad"], X, y, weights, sizes, results, watch)
    training.run(reps, results, watch)
    run_graphs(engines, sizes, reps, results, watch)
    results["global_state"] = watch.result()
    return results


def measure_eager(engines: dict, sizes: dict, reps: int, watch: Watch) -> dict:
    """`--only eager`: the eager engine's targets alone (the demo step against pure floats, the CNN
    step), for A/B runs while working on the engine; the other engines and workloads are left out."""
    X, y = make_moons(sizes["points"], noise=0.1, seed=1337)
    weights = workloads.initial_weights(seed=1337)
    chalk = engines["chalkgrad"]
    model, floats = workloads.demo_model(chalk, weights), FloatMLP.from_values(workloads.SIZES, weights)
    racers = [("chalkgrad", lambda: workloads.demo_step(chalk, model, X, y)),
              ("pure float", lambda: workloads.float_step(floats, X, y))]  # fmt: skip
    results: dict = {"skipped": {}, "demo_step": {label: [] for label, _ in racers}}
    for rep in range(reps):
        for label, step in rotated(racers, rep):
            for _ in range(3):
                results["demo_step"][label].append(clock(step, warmup=True))
        watch.check("the demo step")
    run_cnn_step(reps, results, watch)
    results["global_state"] = watch.result()
    return results


def git_commit() -> str | None:
    """The commit measured, so a figure can be traced to the code that produced it."""
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--torch", action="store_true", help="also race PyTorch (installs torch==2.13.0)")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per workload (default 5)")
    parser.add_argument("--quick", action="store_true", help="small graphs, 2 repetitions: a smoke run")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--only", choices=["eager"], help="eager: only the eager engine's rows (demo step vs "
                        "pure floats, CNN step), chalkgrad alone, for A/B runs")  # fmt: skip
    args = parser.parse_args(argv)
    reps = 2 if args.quick else args.reps
    if reps < 1:
        parser.error("--reps must be at least 1")
    sizes = QUICK if args.quick else FULL
    slow_reps = min(reps, 3)  # micrograd with gc on takes ~2 s a step with its warm-up

    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) * 0.75:
        print(f"Note: the machine is busy (load {load_before:.1f} on {os.cpu_count()} cores): expect"
              " slower, noisier figures; ratios suffer less than absolute times.", flush=True)
    peers.ensure_installed(peers.MICROGRAD_PIN)
    if args.torch:
        peers.ensure_installed(peers.TORCH_PIN)
    watch = Watch()
    try:
        engines = {"chalkgrad": peers.chalkgrad(), "micrograd": peers.micrograd()}
    except ImportError as error:
        print(f"chalkgrad's engine cannot be imported yet ({error}); nothing to measure.")
        return 1
    watch.check("import autograd")
    if args.torch:
        engines["torch"] = peers.torch_scalar()
    if args.only == "eager":
        results = measure_eager(engines, sizes, reps, watch)
        table, verdicts = report.eager_rows(results)
        more_rows, more_verdicts = cnn_rows(results)
        table, verdicts = table + more_rows, verdicts + more_verdicts
    else:
        results = measure(engines, sizes, reps, slow_reps, watch)
        table, verdicts = report.rows(results, sizes)
        more_rows, more_verdicts = cnn_rows(results)
        table, verdicts = table + more_rows, verdicts + more_verdicts
        walkthrough_bench.run(results, table, verdicts, reps)
        modes_bench.run(results, table, verdicts, reps)
        playground_bench.run(results, table, verdicts, reps)
        compiled_rows, compiled_verdicts = compiled_bench.rows(results, sizes["points"])
        table, verdicts = table + compiled_rows, verdicts + compiled_verdicts
        training_rows, training_verdicts = training.rows(results)
        table, verdicts = table + training_rows, verdicts + training_verdicts
    print("\n" + report.markdown(table) + "\n")
    if args.only:
        print(f"{reps} repetitions; chalkgrad only.")
        print("\n".join(NOTES[:3]))  # how the demo step is timed
    else:
        print(f"{reps} repetitions (micrograd with gc on: {slow_reps} on the demo step and forward).")
        print("\n".join(NOTES))
    for change in watch.changes:
        print("Interpreter state changed:", change)
    for name, reason in results["skipped"].items():
        print(f"Skipped {name}: {reason}")
    versions = {e.name: e.version for e in engines.values()}
    versions["chalkgrad_commit"] = git_commit()
    versions["graphviz"] = peers.installed_version("graphviz")
    load = {"before": load_before, "after": os.getloadavg()[0]}  # 1-minute load average
    payload = {"machine": report.machine() | {"load_average": load}, "versions": versions,
               "sizes": sizes, "repetitions": {"default": reps, "micrograd_gc_on_demo": slow_reps},
               "targets": verdicts, "results": results}  # fmt: skip
    report.write_json(args.json, payload)
    print(f"Raw samples, machine and versions: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
