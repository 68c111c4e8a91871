"""fit(compile=True) trains to the same numbers as the eager loop, epoch after epoch."""

import math
import random

import pytest

import nn
from autograd import GraphDependsOnData, Value
from nn import MLP, Layer, Sequential, fit, losses
from nn.functional import log_softmax
from nn.losses import kl_div
from nn.metrics import _LOSSES
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


@pytest.mark.parametrize("name", sorted({fn.__name__ for fn in losses.TARGETS_AS_INPUTS}))
def test_shuffled_mini_batches_train_to_the_same_weights_compiled(name):
    """One trace per batch size (the last batch is smaller), the targets fed per batch."""
    results = []
    for compile in (False, True):
        model, X, y, loss = _setup(name)
        history = fit(model, X, y, loss=loss, optimizer=SGD(model.parameters(), lr=0.02, momentum=0.5),
                      epochs=4, batch_size=5, seed=7, progress=False, compile=compile)
        results.append((history.loss, history.accuracy, [p.data for p in model.parameters()]))
    assert results[1] == results[0]


def test_shuffled_batches_with_a_loss_that_builds_in_its_targets_are_refused_with_the_fix():
    model, X, y, loss = _setup("kl_div")
    with pytest.raises(ValueError, match="shuffle=False, or batch_size=None"):
        fit(model, X, y, loss=loss, optimizer=SGD(model.parameters(), lr=0.1), batch_size=4,
            progress=False, compile=True)


@pytest.mark.parametrize("shuffle", [False, True])
def test_dropout_draws_the_same_masks_compiled(shuffle):
    """The masks are inputs of the replay, drawn from the layers' generators in the eager order."""
    X, y = moons(24)
    results = []
    for compile in (False, True):
        random.seed(5)  # the second Dropout draws from Python's global generator
        model = Sequential(MLP(2, [6], seed=0), Dropout(0.3, seed=1), MLP(6, [6], seed=2), Dropout(0.5),
                           MLP(6, [1], seed=3))
        history = fit(model, X, y, loss="mse", optimizer=Adam(model.parameters(), lr=0.02), epochs=5,
                      batch_size=8, shuffle=shuffle, progress=False, compile=compile)
        results.append((history.loss, [p.data for p in model.parameters()], random.random()))
    assert results[1] == results[0]


@pytest.mark.parametrize("shuffle, dropout", [(False, False), (True, False), (True, True)])
def test_batch_norm_trains_compiled_with_the_same_running_statistics(shuffle, dropout):
    """Batch statistics are in the graph; the running estimates move after each replayed step with
    the replay's batch mean and var, which equals what the eager forward does."""
    X, y = moons(26, seed=3)  # batches of 8, 8, 8 and 2: two traces
    results = []
    for compile in (False, True):
        layers = [MLP(2, [5], seed=0), nn.BatchNorm1d(5, momentum=0.2), MLP(5, [4], seed=1),
                  nn.BatchNorm1d(4), MLP(4, [1], seed=2)]
        if dropout:
            layers.insert(2, Dropout(0.25, seed=4))
        model = Sequential(*layers)
        history = fit(model, X, y, loss="mse", optimizer=SGD(model.parameters(), lr=0.05, momentum=0.9),
                      epochs=4, batch_size=8, shuffle=shuffle, validation_data=moons(6, seed=5),
                      progress=False, compile=compile)
        norms = [m for m in layers if isinstance(m, nn.BatchNorm1d)]
        results.append((history.loss, history.val_loss, [p.data for p in model.parameters()],
                        [(m.running_mean, m.running_var) for m in norms]))
    assert results[1] == results[0]
    assert results[0][3][0][0] != [0.0] * 5  # the estimates moved


def test_a_loss_that_branches_in_python_is_refused():
    def clipped(preds, targets):  # decides on .data in Python: another batch could build another graph
        return sum(((p - t) ** 2 if abs(p.data - t) < 1 else abs(p - t)) for p, t in zip(preds, targets))

    model = MLP(2, [3, 1], seed=0)
    with pytest.raises(GraphDependsOnData, match="test_fit_compiled.py"):
        fit(model, *moons(), loss=clipped, optimizer=SGD(model.parameters(), lr=0.1), progress=False,
            compile=True)


def _kl_to_soft_targets(preds, targets):
    return kl_div([log_softmax(p) for p in preds], targets, reduction="batchmean")


def _classes(n=24, k=3, seed=0):
    rng = random.Random(seed)
    X = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(n)]
    return X, [int((x[0] > 0) + (x[1] > 0.5)) % k for x in X]


def _setup(name):
    """(model, X, y, loss) for one loss: outputs and targets of the kind that loss takes."""
    X, y = moons(24)
    if name in ("cross_entropy", "kl_div"):
        Xc, classes = _classes()
        if name == "kl_div":  # soft targets, and predictions as log-probabilities
            soft = [[0.8 if k == c else 0.1 for k in range(3)] for c in classes]
            return MLP(2, [5, 3], seed=2), Xc, soft, _kl_to_soft_targets
        return MLP(2, [5, 3], seed=2), Xc, classes, name
    if name in ("binary_cross_entropy", "binary_cross_entropy_with_logits"):
        labels = [max(t, 0.0) for t in y]
        if name == "binary_cross_entropy":  # probabilities out
            return Sequential(MLP(2, [5, 1], seed=2), nn.Sigmoid()), X, labels, name
        return MLP(2, [5, 1], seed=2), X, labels, name
    return MLP(2, [5, 1], seed=2), X, [1.7 * t for t in y] if name == "huber_loss" else y, name


@pytest.mark.parametrize("name", sorted({fn.__name__ for fn in _LOSSES.values()}))
def test_every_loss_trains_to_the_same_weights_compiled(name):
    """Every loss fit knows compiles, and replays the eager numbers to the last bit."""
    results = []
    for compile in (False, True):
        model, X, y, loss = _setup(name)
        history = fit(model, X, y, loss=loss, optimizer=Adam(model.parameters(), lr=0.05), epochs=8,
                      progress=False, compile=compile)
        results.append((history.loss, [p.data for p in model.parameters()]))
    assert results[1] == results[0]


def test_a_softmax_output_layer_compiles():
    Xc, classes = _classes()
    onehot = [[1.0 if k == c else 0.0 for k in range(3)] for c in classes]
    results = []
    for compile in (False, True):
        model = Sequential(Layer(2, 4, nonlin="tanh", seed=1), Layer(4, 3, nonlin="softmax", seed=2))
        fit(model, Xc, onehot, loss="mse", optimizer=SGD(model.parameters(), lr=0.5), epochs=6,
            progress=False, compile=compile)
        results.append([p.data for p in model.parameters()])
    assert results[1] == results[0]




def test_the_glyph_cnn_trains_to_the_same_weights_compiled():
    """Convolution, max pooling, cross-entropy, shuffled batches and Adam, as notebook 12 trains."""
    X, y = nn.datasets.make_glyphs(12, noise=0.15, seed=0, flat=True)
    results = []
    for compile in (False, True):
        model = Sequential(nn.Unflatten(1, (1, 8, 8)), nn.Conv2d(1, 2, 3, activation="relu", seed=0),
                           nn.MaxPool2d(2), nn.Flatten(), Layer(18, 5, nonlin=False, seed=1))
        history = fit(model, X, y, loss="cross_entropy", optimizer=Adam(model.parameters(), lr=0.02),
                      epochs=2, batch_size=6, progress=False, compile=compile)
        results.append((history.loss, [p.data for p in model.parameters()]))
    assert results[1] == results[0]


@pytest.mark.parametrize("make", [
    lambda ps: SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3),  # fused into the replay
    lambda ps: Adam(ps, lr=0.02, betas=(0.85, 0.99)),  # fused
    lambda ps: nn.RMSprop(ps, lr=0.01, momentum=0.5),  # no fused form: steps in Python after the replay
], ids=["sgd-nesterov", "adam", "rmsprop"])
def test_the_optimiser_state_matches_eager_fused_or_not(make):
    X, y = moons(24, seed=4)
    states = []
    for compile in (False, True):
        model = MLP(2, [5, 1], seed=2)
        opt = make(model.parameters())
        fit(model, X, y, "mse", opt, epochs=4, batch_size=6, seed=1, progress=False, compile=compile,
            scheduler=nn.StepLR(opt, step_size=2, gamma=0.5))
        states.append(([p.data for p in model.parameters()], [dict(opt.state[p]) for p in model.parameters()]))
    assert states[0] == states[1]


def test_batch_norm_in_training_mode_is_refused_by_a_bare_compile():
    """Outside fit nobody moves the running estimates after a replay: compile says so up front."""
    import autograd

    model = Sequential(MLP(2, [3], seed=0), nn.BatchNorm1d(3), MLP(3, [1], seed=1))
    X, _ = moons(4)
    with pytest.raises(ValueError, match="BatchNorm1d in training mode inside autograd.compile"):
        autograd.compile(lambda xs: sum(model.forward_batch(xs)), model.parameters(), X)
    assert model.layers[1].running_mean == [0.0] * 3  # not moved by the refused trace
    model.eval()  # eval mode: the running estimates are numbers in the graph
    step = autograd.compile(lambda xs: sum(o for o in model.forward_batch(xs)), model.parameters(), X)
    assert step(X) == sum(model.forward_batch([[Value(a) for a in x] for x in X])).data
