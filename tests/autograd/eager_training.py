"""Short eager trainings whose every number is pinned: the demo MLP, the glyph CNN, a tanh/sigmoid
MLP with mse, and a second derivative. tests/autograd/test_eager_regression.py compares a fresh run
with tests/autograd/data/eager_training.json using ==, so a faster engine must give the same bits.

The JSON was written by this module (run from the repository root) with the engine as it was before
its hot paths were rewritten for speed:

    PYTHONPATH=$PWD .venv/bin/python -m tests.autograd.eager_training
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "data" / "eager_training.json"
STEPS = 3


def _weights(model: Any) -> list[float]:
    return [p.data for p in model.parameters()]


def _grads(model: Any) -> list[float]:
    return [p.grad for p in model.parameters()]


def demo() -> dict:
    """micrograd's demo step (bench/workloads.py): MLP 2-16-16-1, 100 moons, hinge + 1e-4 L2, SGD."""
    import nn
    from bench import peers, workloads
    from bench.moons import make_moons

    X, y = make_moons(100, noise=0.1, seed=1337)
    model = nn.MLP(2, [16, 16, 1], seed=7)
    losses = [workloads.demo_step(peers.chalkgrad(), model, X, y) for _ in range(STEPS)]
    return {"losses": losses, "grads": _grads(model), "weights": _weights(model)}


def cnn() -> dict:
    """The bench's CNN step (bench/cnn.py): conv + relu, max pool, flatten, layer, cross-entropy, SGD."""
    from bench import cnn as cnn_bench

    model = cnn_bench.make_model(seed=3)
    X, y = cnn_bench.make_batch(10, seed=4)
    losses = [cnn_bench.step(model, X, y).data for _ in range(STEPS)]
    return {"losses": losses, "grads": _grads(model), "weights": _weights(model)}


def smooth() -> dict:
    """tanh and sigmoid units, mse (subtraction, squares, a mean), plain SGD."""
    import nn

    X, y = nn.datasets.make_moons(40, noise=0.2, seed=5)
    model = nn.MLP(2, [8, 8, 1], activation=["tanh", "sigmoid", "identity"], seed=11)
    losses = []
    for _ in range(STEPS):
        loss = nn.mse_loss([model(x) for x in X], [float(t) for t in y])
        model.zero_grad()
        loss.backward()
        losses.append(loss.data)
        for p in model.parameters():
            p.data -= 0.1 * p.grad
    return {"losses": losses, "grads": _grads(model), "weights": _weights(model)}


def second_order() -> dict:
    """d/dw of |dL/dw|^2 (a gradient penalty) through backward(create_graph=True)."""
    import nn
    from autograd import Value, grad

    X, y = nn.datasets.make_moons(8, noise=0.1, seed=2)
    model = nn.MLP(2, [4, 1], activation=["tanh", "identity"], seed=13)
    params = model.parameters()
    loss = Value.sum([(model(x) - t) ** 2 for x, t in zip(X, y)]) / len(X)
    first = grad(loss, params, create_graph=True)
    penalty = Value.sum([g * g for g in first])
    penalty.backward()
    return {"losses": [loss.data, penalty.data], "grads": _grads(model), "first": [g.data for g in first]}


WORKLOADS = {"demo": demo, "cnn": cnn, "smooth": smooth, "second_order": second_order}


def run_all() -> dict:
    return {name: fn() for name, fn in WORKLOADS.items()}


if __name__ == "__main__":
    FIXTURE.parent.mkdir(exist_ok=True)
    # json writes a float as its shortest repr, which reads back as the same bits.
    FIXTURE.write_text(json.dumps(run_all(), indent=1) + "\n")
    print(f"wrote {FIXTURE}")
