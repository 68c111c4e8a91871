"""fit(compile=True) trains to the same numbers as the eager loop, epoch after epoch."""

import math
import random

import pytest

from autograd import GraphDependsOnData
from nn import MLP, Sequential, fit, huber_loss
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


@pytest.mark.parametrize("loss, name", [("huber", "huber_loss"), ("bce", "binary_cross_entropy"),
                                        ("cross_entropy", "cross_entropy"), (huber_loss, "huber_loss")])
def test_a_loss_that_branches_in_python_is_refused_up_front_by_name(loss, name):
    model = MLP(2, [3, 1], seed=0)
    with pytest.raises(ValueError, match=f"cannot replay the loss '{name}' yet.*compile=False"):
        fit(model, *moons(), loss=loss, optimizer=SGD(model.parameters(), lr=0.1), progress=False,
            compile=True)
    assert not any(p.grad for p in model.parameters())  # refused before a single step


def test_a_custom_loss_that_branches_still_points_at_its_own_line():
    model = MLP(2, [3, 1], seed=0)

    def clipped(preds, ys):
        return sum((p - t) ** 2 if p.data < 1 else p * 0.0 for p, t in zip(preds, ys))

    with pytest.raises(GraphDependsOnData, match="test_fit_compiled.py"):
        fit(model, *moons(), loss=clipped, optimizer=SGD(model.parameters(), lr=0.1), progress=False,
            compile=True)


def test_kl_div_compiles_and_gives_the_eager_numbers():
    X, y = moons()
    targets = [[(t + 1) / 2, (1 - t) / 2] for t in y]

    def run(compile_):
        model = MLP(2, [3, 2], seed=0)  # raw outputs stand in for log-probabilities
        return fit(model, X, targets, loss="kl_div", optimizer=SGD(model.parameters(), lr=0.1), epochs=3,
                   progress=False, compile=compile_).loss

    assert run(True) == run(False)
