"""`make bench` row: the walkthrough of a 300-value training graph, built and written as HTML.

Target: under 2 s on this 2-core machine, the one `dot` layout included (the walkthrough runs dot once,
not once per frame). The graph is an MLP's loss over a few examples, as a class would walk through.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from bench.timing import clock, median

VALUES = 300
TARGET_S = 2.0


def training_graph(values: int = VALUES, seed: int = 1337):
    """A squared-error loss of MLP(3, [6, 6, 1]) summed over examples until it has >= `values` Values."""
    from autograd import Value, topological_order
    from nn import MLP, mse_loss

    rng = random.Random(seed)
    model = MLP(3, [6, 6, 1], activation="tanh", rng=rng)
    loss = Value(0.0, "E")
    while len(topological_order(loss)) < values:
        x = [rng.uniform(-1, 1) for _ in range(3)]
        loss = loss + mse_loss(model(x), rng.choice([-1.0, 1.0]))
    loss.label = "E"
    return model, loss


def build_and_write(loss, folder: Path) -> int:
    """Everything a teacher's `walkthrough(loss, lr=0.1).save('backprop.html')` does; returns the bytes."""
    from autograd import walkthrough

    page = folder / "backprop.html"
    walkthrough(loss, lr=0.1).save(page)
    return page.stat().st_size


def measure(results: dict, reps: int, values: int = VALUES) -> None:
    """Time `reps` fresh walkthroughs into results['walkthrough'] (skipped, with the reason, without dot)."""
    if shutil.which("dot") is None:
        results["skipped"]["walkthrough"] = "Graphviz's dot is not installed"
        return
    _, loss = training_graph(values)
    from autograd import topological_order

    with tempfile.TemporaryDirectory() as tmp:
        samples = [clock(lambda: build_and_write(loss, Path(tmp))) for _ in range(reps)]
        size = build_and_write(loss, Path(tmp))
    results["walkthrough"] = {"seconds": samples, "values": len(topological_order(loss)), "html_bytes": size}


def add_row(rows: list[list[str]], verdicts: list[dict], results: dict) -> None:
    """The printed row and its verdict, in report.py's columns."""
    from bench.report import COLUMNS, seconds

    got = results.get("walkthrough")
    if not got:
        return
    s = median(got["seconds"])
    name = f"walkthrough, {got['values']}-value graph: build + HTML ({got['html_bytes'] / 1e6:.1f} MB)"
    target = f"< {TARGET_S:g} s (one dot layout)"
    cells = {"workload": name, "chalkgrad": seconds(s), "target": target, "met?": "yes" if s < TARGET_S else "NO"}
    rows.append([cells.get(column, "") for column in COLUMNS])
    verdicts.append({"workload": name, "target": target, "ratio": None, "met": s < TARGET_S})


def run(results: dict, rows: list[list[str]], verdicts: list[dict], reps: int, values: int = VALUES) -> None:
    """Measure and add the row: the one call bench/run.py makes."""
    measure(results, reps, values)
    add_row(rows, verdicts, results)
    print("  walkthrough: done", flush=True)
