"""`make bench` rows: the playground's rates on micrograd's demo network (2-16-16-1, ReLU) and 100 moons.

Targets (on this 2-core machine): at least 10 training steps a second while the dashboard updates,
and the 50 x 50 decision heat map (with every neuron's small map) at least 5 redraws a second. A step
is one optimiser step on all 100 points (full batch, as micrograd's demo). "While the dashboard
updates" is play's own loop: train for a tick (at least as long as the last redraw), then compute
and serialise everything the widget draws; the stricter row redraws after every single step.
"""

from __future__ import annotations

import json
import time

from bench.timing import clock, median

STEPS_TARGET = 10.0
REDRAWS_TARGET = 5.0
WINDOW_S = 2.0  # one live sample: play for this long


def demo_state():
    """The playground on micrograd's network: 100 training points, full batch, first step done."""
    from nn import MLP
    from nn.dashboard import PlaygroundState

    state = PlaygroundState(MLP(2, [16, 16, 1], seed=1337), "moons", n=100, noise=0.1, test_fraction=0.0,
                            batch_size=100, optimizer="sgd", lr=0.1)
    return state


def dashboard(state) -> int:
    """Everything one redraw sends to the widget, serialised as the widget does; returns its bytes."""
    from nn.dashboard.view import controls, heat_maps

    return len(json.dumps(heat_maps(state))) + len(json.dumps(controls(state)))


def live_rate(state, window: float = WINDOW_S) -> float:
    """Steps a second of play: ticks of training, a dashboard redraw after each tick."""
    from nn.dashboard.widget import tick_length, train_for

    started, steps, draw = time.perf_counter(), 0, 0.0
    while time.perf_counter() - started < window:
        steps += train_for(state, tick_length(draw))
        draw = clock(lambda: dashboard(state))
    return steps / (time.perf_counter() - started)


def cpu_rate(fn, n: int) -> float:
    """Calls a second of this process's CPU time: what the rate would be on an idle machine (the
    wall-clock rates above also count the time spent waiting for a core on a busy one)."""
    started = time.process_time()
    for _ in range(n):
        fn()
    return n / (time.process_time() - started)


def measure(results: dict, reps: int) -> None:
    state = demo_state()
    first = clock(state.step)  # tracing and compiling the batch's graph, then the step
    strict = [1.0 / clock(lambda: (state.step(), dashboard(state))) for _ in range(3 * reps)]
    redraws = [1.0 / clock(lambda: dashboard(state)) for _ in range(3 * reps)]
    live = [live_rate(state) for _ in range(reps)]
    results["playground"] = {"first_step_seconds": first, "live_steps_per_s": live,
                             "steps_with_a_redraw_each_per_s": strict, "redraws_per_s": redraws,
                             "redraws_per_cpu_s": cpu_rate(lambda: dashboard(state), 3 * reps),
                             "steps_per_cpu_s": cpu_rate(state.step, 3 * reps),
                             "dashboard_bytes": dashboard(state), "epochs": state.epoch}


def add_rows(rows: list[list[str]], verdicts: list[dict], results: dict) -> None:
    from bench.report import COLUMNS

    got = results.get("playground")
    if not got:
        return
    for name, key, cpu_key, target in (
            ("playground: training steps/s while the dashboard updates (2-16-16-1, 100 points)",
             "live_steps_per_s", "steps_per_cpu_s", STEPS_TARGET),
            ("playground: steps/s with a full redraw after every step", "steps_with_a_redraw_each_per_s", None, None),
            ("playground: 50x50 heat map + neuron maps, redraws/s", "redraws_per_s", "redraws_per_cpu_s",
             REDRAWS_TARGET)):
        rate = median(got[key])
        met = None if target is None else rate >= target
        cpu = f" ({got[cpu_key]:.1f}/CPU-s{', no redraw' if 'steps' in cpu_key else ''})" if cpu_key in got else ""
        cells = {"workload": name, "chalkgrad": f"{rate:.1f}/s{cpu}", "target": f">= {target:g}/s" if target else "",
                 "met?": "" if met is None else ("yes" if met else "NO")}
        rows.append([cells.get(column, "") for column in COLUMNS])
        if target is not None:
            verdicts.append({"workload": name, "target": f">= {target:g}/s", "ratio": None, "met": met})


def run(results: dict, rows: list[list[str]], verdicts: list[dict], reps: int) -> None:
    """Measure and add the rows: the one call bench/run.py makes."""
    measure(results, reps)
    add_rows(rows, verdicts, results)
    print("  playground: done", flush=True)
