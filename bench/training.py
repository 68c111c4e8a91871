"""Training races in `make bench`: the course's glyph CNN and a softmax classifier on spirals, trained
for 5 epochs by fit, eagerly and with compile=True (compile time included), and their weights compared.

Both use shuffled mini-batches and softmax cross-entropy: the features compiled training gained last
(the max shift inside the graph, targets fed per batch). The weights must agree to 1e-12 (they agree
bit for bit when the replay is right).
"""

from __future__ import annotations

from time import perf_counter
from typing import Any

from bench.report import Table, seconds

EPOCHS = 5


def _cnn() -> tuple[Any, list, list, Any]:
    import nn

    X, y = nn.datasets.make_glyphs(100, noise=0.15, seed=0, flat=True)
    model = nn.Sequential(nn.Unflatten(1, (1, 8, 8)),
                          nn.Conv2d(1, 4, 3, activation="relu", init="he_uniform", seed=0, name="conv1"),
                          nn.MaxPool2d(2, name="pool1"), nn.Flatten(),
                          nn.Layer(36, 5, nonlin=False, init="xavier_uniform", seed=1))
    return model, X, y, lambda m: nn.Adam(m.parameters(), lr=0.02)


def _spirals() -> tuple[Any, list, list, Any]:
    import nn

    X, y = nn.datasets.make_spirals(150, n_classes=3, noise=0.2, seed=0)
    model = nn.MLP(2, [16, 16, 3], seed=0)
    return model, X, y, lambda m: nn.Adam(m.parameters(), lr=0.05)


RACES = {"glyph CNN (notebook 12), 100 images, batches of 20": _cnn,
         "softmax MLP 2-16-16-3 on 150 spiral points, batches of 15": _spirals}


def _train(make: Any, compile: bool) -> tuple[float, list[float]]:
    import nn

    model, X, y, optimizer = make()
    batch = 20 if len(X) == 100 else 15
    started = perf_counter()
    nn.fit(model, X, y, "cross_entropy", optimizer(model), epochs=EPOCHS, batch_size=batch, seed=0,
           progress=False, compile=compile)
    return perf_counter() - started, [p.data for p in model.parameters()]


def run(reps: int, results: dict, watch: Any) -> None:
    """results['training'][name] = {'eager': [s, ...], 'compiled': [s, ...], 'max_abs_diff': d}."""
    out = results["training"] = {}
    for name, make in RACES.items():
        entry = out[name] = {"eager": [], "compiled": [], "max_abs_diff": 0.0}
        for _ in range(reps):  # ~1 s a sample: a median of reps, as the other rows have
            eager_s, eager_w = _train(make, False)
            fast_s, fast_w = _train(make, True)
            entry["eager"].append(eager_s)
            entry["compiled"].append(fast_s)
            entry["max_abs_diff"] = max([entry["max_abs_diff"], *(abs(a - b) for a, b in zip(eager_w, fast_w))])
        watch.check(f"training the {name.split(',')[0]}")
    print("  training races: done", flush=True)


def rows(results: dict) -> tuple[list[list[str]], list[dict]]:
    from bench.timing import median

    table = Table()
    for name, entry in results.get("training", {}).items():
        eager, fast = median(entry["eager"]), median(entry["compiled"])
        first = entry["compiled"][0]  # its code not yet cached by an earlier sample: what one fit() call costs
        table.add(f"fit {EPOCHS} epochs compiled, {name}",
                  {"chalkgrad": f"{seconds(fast)} (eager {seconds(eager)}; first run {seconds(first)})"}, eager / fast,
                  ">= 5x faster than eager, compile included", eager / fast >= 5)  # fmt: skip
        diff = entry["max_abs_diff"]
        table.add("  weights after training, compiled vs eager", {"chalkgrad": f"max |diff| {diff:.1e}"}, None,
                  "equal to 1e-12", diff <= 1e-12, "bit for bit" if diff == 0 else "within 1e-12")  # fmt: skip
    return table.rows, table.verdicts
