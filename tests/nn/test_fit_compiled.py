"""fit(compile=True) trains to the same numbers as the eager loop, epoch after epoch."""

import math
import random

import pytest

from autograd import GraphDependsOnData
from nn import MLP, Sequential, fit
from nn.optim import SGD, Adam
from nn.regularization import Dropout


def moons(n: int = 30, seed: int = 0) -> tuple[list, list]:
    rng = random.Random(seed)
    X, y = [], []
    for i in range(n):
        t = rng.uniform(0, math.pi)
        upper = i % 2 == 0
        X.append([math.cos(t) if upper else 1 - math.cos(t), math.sin(t) if upper else 0.5 - math.sin(t)])
        y.append(1.0 if upper else -1.0)
    return X, y


def both(make_optimizer, **options):
    """Train two identical models, eager and compiled; return (histories, parameter values)."""
    results = []
    X, y = options.pop("data", None) or moons()
    for compile in (False, True):
        model = MLP(2, [6, 6, 1], seed=3)
        history = fit(model, X, y, optimizer=make_optimizer(model), progress=False, compile=compile,
                      **options)
        results.append((history, [p.data for p in model.parameters()]))
    return results


@pytest.mark.parametrize("epochs", [15, 500])  # a short run replays loops, a long one straight lines
def test_full_batch_hinge_with_weight_decay_matches_eager(epochs):
    (eager, w_eager), (fast, w_fast) = both(lambda m: SGD(m.parameters(), lr=0.1), loss="hinge",
                                            epochs=epochs, weight_decay=2e-4)
    assert fast.loss == eager.loss and fast.accuracy == eager.accuracy
    assert w_fast == w_eager and fast.epochs == epochs


def test_fixed_mini_batches_with_validation_and_a_penalty_match_eager():
    X, y = moons(40, seed=1)
    options = dict(loss="mse", epochs=6, batch_size=8, shuffle=False, validation_data=moons(10, seed=2),
                   penalty=lambda m: 1e-3 * sum(abs(p) for p in m.parameters()))
    (eager, w_eager), (fast, w_fast) = both(lambda m: Adam(m.parameters(), lr=0.01), data=(X, y), **options)
    assert fast.loss == eager.loss and fast.val_loss == eager.val_loss
    assert fast.val_accuracy == eager.val_accuracy and fast.iterations == eager.iterations == 30
    assert w_fast == w_eager


def test_shuffled_mini_batches_are_refused_with_the_fix():
    model = MLP(2, [3, 1], seed=0)
    with pytest.raises(ValueError, match="shuffle=False, or batch_size=None"):
        fit(model, *moons(), loss="mse", optimizer=SGD(model.parameters(), lr=0.1), batch_size=4,
            progress=False, compile=True)


def test_dropout_is_refused():
    model = Sequential(MLP(2, [4], seed=0), Dropout(0.5, seed=0), MLP(4, [1], seed=1))
    with pytest.raises(ValueError, match="Dropout"):
        fit(model, *moons(), loss="mse", optimizer=SGD(model.parameters(), lr=0.1), progress=False,
            compile=True)


def test_a_loss_that_branches_in_python_is_refused():
    model = MLP(2, [3, 1], seed=0)
    with pytest.raises(GraphDependsOnData, match="losses.py"):
        fit(model, *moons(), loss="huber", optimizer=SGD(model.parameters(), lr=0.1), progress=False,
            compile=True)
