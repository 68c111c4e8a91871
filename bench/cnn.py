"""The CNN step: notebook 12's network on one mini-batch of glyphs, timed as a training step.

Conv2d(1, 4, 3) + ReLU, MaxPool2d(2), Flatten, Layer(36, 5); 20 images of 8 x 8 pixels; forward,
softmax cross-entropy, backward, SGD. chalkgrad only: no peer builds a convolution out of scalars.
The table shows the median step, the graph's size and the time per node, so the figure can be set
against the demo step and against faster paths of the same engine.
"""

from __future__ import annotations

from typing import Any

from bench.report import Table, seconds
from bench.timing import clock, median

BATCH = 20


def make_model(seed: int = 0) -> Any:
    import nn

    return nn.Sequential(nn.Conv2d(1, 4, 3, activation="relu", init="he_uniform", seed=seed, name="conv1"),
                         nn.MaxPool2d(2, name="pool1"), nn.Flatten(),
                         nn.Layer(36, 5, nonlin=False, init="xavier_uniform", seed=seed + 1))


def make_batch(n: int = BATCH, seed: int = 0) -> tuple[list, list[int]]:
    import nn

    return nn.datasets.make_glyphs(n, noise=0.15, seed=seed)


def step(model: Any, X: list, y: list, learning_rate: float = 0.05) -> Any:
    """One SGD step on the batch; returns the loss node (its graph is the step's graph)."""
    import nn

    loss = nn.cross_entropy([model(x) for x in X], y)
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    return loss


def count_nodes(root: Any) -> int:
    from autograd import topological_order

    return len(topological_order(root))


def run_cnn_step(reps: int, results: dict, watch: Any) -> None:
    """results['cnn_step'] = {'chalkgrad': [seconds per step, ...], 'nodes': graph size}."""
    model, (X, y) = make_model(), make_batch()
    samples = []
    for _ in range(reps):
        for _ in range(3):  # ~50 ms each: three samples a repetition steady the median
            samples.append(clock(lambda: step(model, X, y), warmup=True))
    watch.check("the CNN step")
    results["cnn_step"] = {"chalkgrad": samples, "nodes": count_nodes(step(model, X, y)), "batch": BATCH}
    print(f"  CNN step: {len(samples)} samples done", flush=True)


# The CNN step over the pure-float demo step, measured in one run on commit 3daca37 (the engine before
# the work on its speed; 42.0 ms against 3.60 ms, 2 cores, load ~1): the figure the target halves.
BASELINE_OVER_PURE_FLOAT = 11.7


def cnn_rows(results: dict) -> tuple[list[list[str]], list[dict]]:
    """The CNN row for the printed table (and its verdict entry for the JSON), against the pure-float
    demo step of the same run, so the ratio to the baseline does not depend on the machine."""
    table = Table()
    entry = results.get("cnn_step")
    pure = results.get("demo_step", {}).get("pure float")
    if entry and pure:
        s = median(entry["chalkgrad"])
        ratio = s / median(pure)
        speedup = BASELINE_OVER_PURE_FLOAT / ratio
        table.add(f"CNN step, {entry['batch']} glyphs 8x8 ({entry['nodes']:,} nodes)",
                  {"chalkgrad": f"{seconds(s)} ({s / entry['nodes'] * 1e6:.2f} µs/node)"}, speedup,
                  f">= 2x faster than the engine of 3daca37 (then {BASELINE_OVER_PURE_FLOAT}x a pure-float "
                  f"demo step, now {ratio:.1f}x)", speedup >= 2)  # fmt: skip
    return table.rows, table.verdicts
