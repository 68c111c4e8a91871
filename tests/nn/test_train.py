"""fit(): XOR and micrograd's two-moons demo learned, batches vs epochs, seeds, splits, stopping, errors."""

import math
import warnings

import pytest

import nn
from autograd import Value, is_grad_enabled
from nn.datasets import make_blobs, make_moons, make_xor
from nn.layers import Neuron
from nn.losses import l2_penalty, mse_loss
from nn.models import MLP
from nn.module import Module, Parameter
from nn.optim import SGD
from nn.schedules import LambdaLR, StepLR
from nn.train import History, evaluate, fit

LINE_X = [[1.0], [2.0], [3.0], [4.0]]
LINE_Y = [2.0, 4.0, 6.0, 8.0]  # y = 2x


def line_model():
    """y_hat = w x + b, starting from w = b = 0."""
    return Neuron(1, activation="identity", init="zeros")


def line_fit(model=None, lr=0.01, **kwargs):
    model = model or line_model()
    kwargs.setdefault("progress", False)
    kwargs.setdefault("epochs", 200)
    return model, fit(model, LINE_X, LINE_Y, "mse", SGD(model.parameters(), lr=lr), **kwargs)


class Recorder:
    """A loss that records the targets of every training batch (the targets are sample ids).

    fit also calls the loss to measure each epoch, under no_grad; those calls are not recorded.
    """

    def __init__(self):
        self.batches = []

    def __call__(self, preds, targets):
        if is_grad_enabled():
            self.batches.append(list(targets))
        return mse_loss(preds, targets)


def ids_fit(n=10, **kwargs):
    X = [[float(i), 1.0] for i in range(n)]
    y = [float(i) for i in range(n)]  # target i marks sample i
    model = MLP(2, [1], seed=0)
    rec = Recorder()
    kwargs.setdefault("progress", False)
    history = fit(model, X, y, rec, SGD(model.parameters(), lr=1e-3), **kwargs)
    return history, rec.batches, model


# ---- the two workloads from the issue ------------------------------------------------------------


def test_xor_learned_by_a_2_2_1_network():
    X, y = make_xor()
    model = MLP(2, [2, 1], activation="tanh", output_activation="sigmoid", seed=0)
    opt = SGD(model.parameters(), lr=0.5, momentum=0.9)
    history = fit(model, X, y, "bce", opt, epochs=500, loss_threshold=0.02, progress=False)
    assert history.stopped_because == "loss_threshold"
    assert history.accuracy[-1] == 1.0
    assert [round(model(x).data) for x in X] == [0, 1, 1, 0]
    assert history.iterations == history.epochs < 500  # full batch: one iteration per epoch


@pytest.mark.slow
def test_micrograd_demo_two_moons_reaches_100_percent():
    # micrograd's demo.ipynb: 100 moons with noise 0.1, labels -1/+1, MLP(2, [16, 16, 1]), SVM loss
    # mean(relu(1 - y * score)) + 1e-4 * sum(p * p), SGD with lr = 1.0 - 0.9 * k / 100, 100 steps.
    X, y = make_moons(100, noise=0.1, seed=1, signed=True)
    model = MLP(2, [16, 16, 1], seed=0)
    opt = SGD(model.parameters(), lr=1.0)
    schedule = LambdaLR(opt, lambda k: 1.0 - 0.9 * k / 100)
    history = fit(model, X, y, "hinge", opt, epochs=100, scheduler=schedule, progress=False,
                  penalty=lambda m: 1e-4 * l2_penalty(m))
    assert history.stopped_because == "max_epochs" and history.iterations == 100
    assert history.lr == pytest.approx([1.0 - 0.9 * k / 100 for k in range(100)])
    assert history.accuracy[-1] == 1.0
    assert all((model(x).data > 0) == (t > 0) for x, t in zip(X, y, strict=True))
    assert history.loss[-1] < history.loss[0] / 10


# ---- epochs, iterations, batches -----------------------------------------------------------------


@pytest.mark.parametrize("batch_size,per_epoch,sizes", [
    (None, 1, [10]), (10, 1, [10]), (3, 4, [3, 3, 3, 1]), (1, 10, [1] * 10)])
def test_iterations_per_epoch(batch_size, per_epoch, sizes):
    history, batches, _ = ids_fit(10, epochs=3, batch_size=batch_size)
    assert history.epochs == 3 and history.iterations == 3 * per_epoch
    assert [len(b) for b in batches[:per_epoch]] == sizes
    for epoch in range(3):  # every epoch sees every sample exactly once
        seen = sum(batches[epoch * per_epoch:(epoch + 1) * per_epoch], [])
        assert sorted(seen) == [float(i) for i in range(10)]


def test_optimizer_steps_once_per_iteration():
    class CountingSGD(SGD):
        steps = 0

        def step(self):
            CountingSGD.steps += 1
            super().step()

    model = line_model()
    history = fit(model, LINE_X, LINE_Y, "mse", CountingSGD(model.parameters(), lr=0.01),
                  epochs=5, batch_size=3, progress=False)
    assert CountingSGD.steps == history.iterations == 5 * 2


def test_per_sample_sgd_is_the_decks_double_loop():
    model, _ = line_fit(epochs=3, batch_size=1, shuffle=False, lr=0.01)
    w, b = 0.0, 0.0
    for _ in range(3):  # for a in range(epoch): for b in range(training samples): update
        for (x,), t in zip(LINE_X, LINE_Y, strict=True):
            err = (w * x + b) - t  # d/dw (w x + b - t)^2 = 2 err x
            w, b = w - 0.01 * 2 * err * x, b - 0.01 * 2 * err
    assert [p.data for p in model.parameters()] == pytest.approx([w, b], rel=1e-12)


def test_full_batch_is_plain_gradient_descent():
    model, history = line_fit(epochs=4, lr=0.01)
    w, b = 0.0, 0.0
    for _ in range(4):
        errs = [(w * x + b) - t for (x,), t in zip(LINE_X, LINE_Y, strict=True)]
        gw = sum(2 * e * x for e, (x,) in zip(errs, LINE_X, strict=True)) / 4
        gb = sum(2 * e for e in errs) / 4
        w, b = w - 0.01 * gw, b - 0.01 * gb
    assert [p.data for p in model.parameters()] == pytest.approx([w, b], rel=1e-12)
    final = sum(((w * x + b) - t) ** 2 for (x,), t in zip(LINE_X, LINE_Y, strict=True)) / 4
    assert history.loss[-1] == pytest.approx(final, rel=1e-12)  # measured after the epoch


# ---- shuffling and validation split --------------------------------------------------------------


def test_shuffling_is_determined_by_the_seed():
    _, a, model_a = ids_fit(12, epochs=3, batch_size=4, seed=7)
    _, b, model_b = ids_fit(12, epochs=3, batch_size=4, seed=7)
    _, c, _ = ids_fit(12, epochs=3, batch_size=4, seed=8)
    assert a == b and a != c
    assert [p.data for p in model_a.parameters()] == [p.data for p in model_b.parameters()]
    assert a[:3] != a[3:6]  # a new order every epoch


def test_no_shuffle_and_full_batch_keep_the_given_order():
    _, batches, _ = ids_fit(6, epochs=2, batch_size=4, shuffle=False)
    assert batches[:2] == [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0]]
    _, batches, _ = ids_fit(6, epochs=2, seed=3)
    assert batches[0] == [float(i) for i in range(6)]


def test_validation_split_sizes_and_seeded_choice():
    history, batches, _ = ids_fit(20, epochs=2, validation_split=0.25, seed=1)
    assert (history.train_size, history.val_size) == (15, 5)
    assert len(history.val_loss) == len(history.loss) == 2
    trained_on = set(batches[0])
    assert len(trained_on) == 15 and trained_on <= {float(i) for i in range(20)}
    assert trained_on != set(range(15))  # a random subset, not the tail
    _, again, _ = ids_fit(20, epochs=1, validation_split=0.25, seed=1)
    _, other, _ = ids_fit(20, epochs=1, validation_split=0.25, seed=2)
    assert set(again[0]) == trained_on != set(other[0])
    assert history.monitor == "val_loss"


def test_validation_data_is_evaluated_after_each_epoch():
    model, history = line_fit(epochs=3, validation_data=([[5.0], [6.0]], [10.0, 12.0]))
    assert history.val_size == 2 and len(history.val_loss) == 3
    assert history.val_loss[-1] == pytest.approx(
        evaluate(model, [[5.0], [6.0]], [10.0, 12.0], "mse")["loss"], rel=1e-12)


# ---- stopping criteria ---------------------------------------------------------------------------


def test_max_epochs():
    _, history = line_fit(epochs=3)
    assert (history.stopped_because, history.epochs, len(history.loss)) == ("max_epochs", 3, 3)


def test_loss_threshold():
    _, history = line_fit(lr=0.08, epochs=500, loss_threshold=1e-3)
    assert history.stopped_because == "loss_threshold" and history.epochs < 500
    assert history.loss[-1] <= 1e-3 < min(history.loss[:-1])


def test_weight_change_threshold():
    _, history = line_fit(lr=0.08, epochs=500, weight_change_threshold=1e-4)
    assert history.stopped_because == "weight_change_threshold" and history.epochs < 500
    assert history.weight_change[-1] <= 1e-4 < min(history.weight_change[:-1])


def test_error_rate_threshold():
    X, y = make_xor()
    model = MLP(2, [2, 1], activation="tanh", output_activation="sigmoid", seed=0)
    history = fit(model, X, y, "bce", SGD(model.parameters(), lr=0.5, momentum=0.9), epochs=500,
                  error_rate_threshold=0.0, progress=False)
    assert history.stopped_because == "error_rate_threshold"
    assert history.accuracy[-1] == 1.0 and max(history.accuracy[:-1]) < 1.0


def test_early_stopping_restores_the_best_weights():
    # Train on y = 2x but validate on y = x: the validation loss falls while w < 1, then rises.
    val = ([[1.0], [2.0], [3.0]], [1.0, 2.0, 3.0])
    model, history = line_fit(validation_data=val, patience=3, lr=0.005)
    assert history.stopped_because == "early_stopping" and history.restored_best_weights
    best = history.best_epoch
    assert history.epochs == best + 3
    assert history.val_loss[best - 1] == min(history.val_loss)
    assert min(history.val_loss[best:]) >= history.val_loss[best - 1]
    assert evaluate(model, *val, "mse")["loss"] == pytest.approx(history.val_loss[best - 1])
    kept, history_kept = line_fit(validation_data=val, patience=3, lr=0.005,
                                  restore_best_weights=False)
    assert not history_kept.restored_best_weights
    assert evaluate(kept, *val, "mse")["loss"] == pytest.approx(history_kept.val_loss[-1])


def test_early_stopping_min_delta_and_training_loss_monitor():
    _, strict = line_fit(patience=2, min_delta=0.5)
    assert strict.monitor == "loss" and strict.stopped_because == "early_stopping"
    best_loss = strict.loss[strict.best_epoch - 1]
    assert 0 < best_loss - min(strict.loss[strict.best_epoch:]) <= 0.5  # fell, but by < min_delta
    assert strict.epochs == strict.best_epoch + 2


def test_diverging_loss_stops_warns_and_puts_back_the_last_finite_weights():
    with pytest.warns(RuntimeWarning, match=r"loss became inf in epoch (\d+); the model keeps its weights "
                      r"from before epoch \1.*lower it"):
        model, history = line_fit(lr=10.0, epochs=500)
    assert history.stopped_because == "loss_not_finite" and history.epochs < 500
    assert all(math.isfinite(p.data) for p in model.parameters())
    assert math.isfinite(history.loss[-2]) and not math.isfinite(history.loss[-1])
    # those weights are the ones whose loss was last measured finite
    assert evaluate(model, LINE_X, LINE_Y, "mse")["loss"] == pytest.approx(history.loss[-2], rel=1e-12)


def test_diverging_loss_can_keep_the_non_finite_weights():
    with pytest.warns(RuntimeWarning, match="keeps that epoch's weights, whose loss is not finite"):
        model, history = line_fit(lr=10.0, epochs=500, restore_best_weights=False)
    assert not math.isfinite(evaluate(model, LINE_X, LINE_Y, "mse")["loss"])


def test_callback_can_stop_training():
    seen = []

    def callback(epoch, history):
        seen.append((epoch, len(history.loss)))
        return epoch == 2

    _, history = line_fit(callback=callback)
    assert history.stopped_because == "callback" and seen == [(1, 1), (2, 2)]


# ---- learning rate, penalties, accuracy ----------------------------------------------------------


def test_scheduler_is_stepped_once_per_epoch():
    model = line_model()
    opt = SGD(model.parameters(), lr=0.01)
    history = fit(model, LINE_X, LINE_Y, "mse", opt, epochs=5, batch_size=2, progress=False,
                  scheduler=StepLR(opt, step_size=2, gamma=0.5))
    assert history.lr == [0.01, 0.01, 0.005, 0.005, 0.0025]


def test_weight_decay_penalty_and_optimizer_weight_decay_agree():
    X, y = make_xor()
    runs = []
    for how in ("fit", "penalty", "optimizer"):
        model = MLP(2, [3, 1], seed=4)
        opt = SGD(model.parameters(), lr=0.1, weight_decay=0.1 if how == "optimizer" else 0.0)
        fit(model, X, y, "mse", opt, epochs=5, progress=False,
            weight_decay=0.1 if how == "fit" else 0.0,
            penalty=(lambda m: 0.05 * l2_penalty(m)) if how == "penalty" else None)
        runs.append([p.data for p in model.parameters()])
    assert runs[0] == pytest.approx(runs[1], rel=1e-12) and runs[0] == pytest.approx(runs[2], rel=1e-12)


@pytest.mark.parametrize("loss,outputs,targets,expected", [
    ("hinge", [0.3, -0.2, 0.7], [1, -1, -1], 2 / 3),  # class = sign of the score
    ("bce_with_logits", [0.3, -0.2, 0.2], [1, 0, 0], 2 / 3),  # a logit > 0 is class 1
    ("bce", [0.3, 0.6, 0.9], [0, 0, 1], 2 / 3),  # a probability > 0.5 is class 1
    ("mse", [0.3, 0.6, 0.9], [0, 0, 1], 2 / 3),  # 0/1 targets: cut at 0.5
    ("mse", [0.3, -0.6, -0.1], [1, -1, 1], 2 / 3),  # -1/+1 targets: cut at 0
    ("mse", [0.3, 0.6, 0.9], [0.2, 0.5, 2.5], None),  # regression: no accuracy
])
def test_automatic_accuracy_for_one_output(loss, outputs, targets, expected):
    model = lambda x: Value(x[0])  # noqa: E731 - the "model" returns its input as its score
    result = evaluate(model, [[v] for v in outputs], targets, loss)
    assert result["accuracy"] == (pytest.approx(expected) if expected is not None else None)


def test_automatic_accuracy_for_several_outputs_is_argmax():
    model = lambda x: [Value(v) for v in x]  # noqa: E731
    X = [[2.0, 1.0, 0.0], [0.0, 1.0, 3.0], [0.5, 0.4, 0.1]]
    assert evaluate(model, X, [0, 2, 1], "cross_entropy")["accuracy"] == pytest.approx(2 / 3)
    one_hot = [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert evaluate(model, X, one_hot, "cross_entropy")["accuracy"] == pytest.approx(2 / 3)


def test_multiclass_fit_records_accuracy_and_custom_accuracy_overrides():
    X, y = make_blobs(30, centers=[[-2, 0], [2, 0], [0, 2.5]], cluster_std=0.4, seed=2)
    model = MLP(2, [8, 3], seed=1)
    history = fit(model, X, y, "cross_entropy", SGD(model.parameters(), lr=0.1), epochs=15,
                  batch_size=10, progress=False)
    assert history.accuracy[-1] == 1.0 and len(history.accuracy) == 15
    calls = []
    fit(model, X, y, "cross_entropy", SGD(model.parameters(), lr=0.05), epochs=1, progress=False,
        accuracy=lambda preds, targets: calls.append((preds[0], targets)) or 0.25)
    assert isinstance(calls[0][0], list) and isinstance(calls[0][0][0], float)


def test_regression_has_no_accuracy():
    _, history = line_fit(epochs=2)
    assert history.accuracy == [] and len(history.loss) == 2


# ---- progress bar, mode, history -----------------------------------------------------------------


def test_progress_off_prints_nothing(capsys):
    line_fit(epochs=3, progress=False)
    assert capsys.readouterr() == ("", "")


def test_progress_on_draws_a_bar(capsys):
    line_fit(epochs=3, progress=True)
    err = capsys.readouterr().err
    assert "fit" in err and "3/3" in err


def test_model_mode_is_put_back():
    model = line_model().eval()
    line_fit(model, epochs=2)
    assert model.training is False
    model.train()
    line_fit(model, epochs=2)
    assert model.training is True


def test_model_mode_is_put_back_when_training_is_interrupted():
    def interrupt(epoch, history):
        raise KeyboardInterrupt

    model = line_model().eval()
    with pytest.raises(KeyboardInterrupt):
        line_fit(model, epochs=3, callback=interrupt)
    assert model.training is False


def test_training_runs_in_train_mode_and_measuring_in_eval_mode_without_a_graph():
    class Spy(Module):
        def __init__(self):
            self.w = Parameter(0.5)
            self.calls = []

        def forward(self, x):
            self.calls.append((self.training, is_grad_enabled()))
            return self.w * x[0]

    spy = Spy()
    fit(spy, LINE_X, LINE_Y, "mse", SGD(spy.parameters(), lr=0.01), epochs=1, progress=False)
    # one probe for the kind of accuracy, 4 measured at epoch 0, 4 training samples, 4 measured after
    assert spy.calls == [(False, False)] * 5 + [(True, True)] * 4 + [(False, False)] * 4
    spy.calls.clear()
    evaluate(spy, LINE_X, LINE_Y, "mse")
    assert spy.training and set(spy.calls) == {(False, False)}


def test_history_repr_and_defaults():
    _, history = line_fit(epochs=2)
    assert isinstance(history, History)
    assert repr(history).startswith("History(epochs=2, iterations=2, stopped_because='max_epochs'")
    assert history.best_epoch == 2 and history.val_loss == [] and history.seconds > 0


# ---- bad input -------------------------------------------------------------------------------------


def call(**changes):
    model = MLP(2, [1], seed=0)
    args = dict(model=model, X=[[0.0, 1.0], [1.0, 0.0]], y=[0.0, 1.0], loss="mse",
                optimizer=SGD(model.parameters(), lr=0.1), epochs=2, progress=False)
    args.update(changes)
    return fit(**args)


@pytest.mark.parametrize("changes,error,words", [
    (dict(y=[0.0]), ValueError, "2 samples but its y has 1"),
    (dict(X=[], y=[]), ValueError, "empty"),
    (dict(X=[[0.0, 1.0], [1.0, 0.0, 2.0]]), ValueError, "sample 1 of X has 3 features but the model takes 2"),
    (dict(X=[[0.0, 1.0], 3.0]), TypeError, "sample 1"),
    (dict(X=[[0.0, "a"], [1.0, 0.0]]), TypeError, "numbers"),
    (dict(X="ab"), TypeError, "list of samples"),
    (dict(epochs=0), ValueError, "epochs"),
    (dict(epochs=2.5), TypeError, "epochs"),
    (dict(epochs=True), TypeError, "epochs"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(batch_size=3), ValueError, "batch_size"),
    (dict(batch_size="all"), TypeError, "batch_size"),
    (dict(loss="mystery"), ValueError, "unknown loss"),
    (dict(loss=3), TypeError, "loss"),
    (dict(optimizer=SGD([Value(0.0)], lr=0.1)), ValueError, "none of the model's parameters"),
    (dict(optimizer="sgd"), TypeError, "optimizer"),
    (dict(validation_split=1.0), ValueError, "validation_split"),
    (dict(validation_split=0.2), ValueError, "leaves 0 for validation"),
    (dict(validation_split=0.5, validation_data=([[0.0, 0.0]], [0.0])), ValueError, "not both"),
    (dict(validation_data=([[0.0, 0.0]], [0.0, 1.0])), ValueError, "validation X"),
    (dict(patience=0), ValueError, "patience"),
    (dict(loss_threshold=-1), ValueError, "loss_threshold"),
    (dict(error_rate_threshold=1.5), ValueError, "error_rate_threshold"),
    (dict(y=[0.5, 2.0], error_rate_threshold=0.1), ValueError, "regression"),
    (dict(accuracy="yes"), TypeError, "accuracy"),
    (dict(scheduler=3), TypeError, "scheduler"),
    (dict(loss=lambda p, t: 1.0), TypeError, "must return a Value"),
    (dict(validation_split="0.2"), TypeError, "validation_split"),
    (dict(loss_threshold="low"), TypeError, "loss_threshold"),
    (dict(weight_decay=-0.1), ValueError, "weight_decay"),
])
def test_bad_input_gets_a_clear_error(changes, error, words):
    with pytest.raises(error, match=words):
        call(**changes)


def test_predict_returns_plain_numbers_without_recording_and_keeps_the_mode():
    model = nn.MLP(2, [3, 1], seed=0)
    model.train()
    out = nn.predict(model, [[0.0, 1.0], [1.0, 0.0]])
    assert all(type(v) is float for v in out) and len(out) == 2
    assert model.training
    assert out[0] == model([0.0, 1.0]).data
    with pytest.raises(ValueError, match="features"):
        nn.predict(model, [[1.0, 2.0, 3.0]])


def test_fit_trains_a_network_with_batch_normalisation_on_whole_batches():
    X, y = nn.datasets.make_xor()
    X, y = X * 4, y * 4
    model = nn.Sequential(nn.Layer(2, 4, activation="tanh", seed=1), nn.BatchNorm1d(4),
                          nn.Layer(4, 1, nonlin=False, seed=2))
    bn = model[1]
    before = list(bn.running_mean)
    history = nn.fit(model, X, y, "bce_with_logits", nn.Adam(model.parameters(), lr=0.05), epochs=150,
                     batch_size=8, progress=False, seed=0)
    assert bn.running_mean != before  # statistics came from real batches
    assert history.accuracy[-1] == 1.0
    assert len(nn.predict(model, X)) == 16  # eval mode: the running statistics, any batch size


def test_weight_decay_given_to_fit_and_to_the_optimizer_is_refused():
    model = MLP(2, [1], seed=0)
    with pytest.raises(ValueError, match="apply it twice"):
        call(model=model, optimizer=SGD(model.parameters(), lr=0.1, weight_decay=0.1), weight_decay=0.1)


def test_loss_names_map_to_the_functions_in_nn_losses():
    from nn import losses
    from nn.metrics import LOSS_NAMES, loss_by_name

    assert all(fn is getattr(losses, fn.__name__) for fn in LOSS_NAMES.values())
    assert loss_by_name("bce") == (losses.binary_cross_entropy, "binary_cross_entropy")
    assert loss_by_name("mse_loss") == (losses.mse_loss, "mse_loss")  # a loss's own name works too
    assert call(loss="half_squared_error").epochs == 2


def test_fit_options_are_one_frozen_dataclass_matching_fits_keywords():
    import dataclasses
    import inspect

    from nn.train import FitOptions

    keywords = dict(list(inspect.signature(fit).parameters.items())[5:])  # after model, X, y, loss, optimizer
    fields = {f.name: f.default for f in dataclasses.fields(FitOptions)}
    assert fields == {name: p.default for name, p in keywords.items()}  # same names, same defaults
    options = FitOptions(epochs=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.epochs = 4
    with pytest.raises(TypeError, match="epoch"):
        FitOptions(epoch=3)  # a misspelt option fails where it is written


@pytest.mark.parametrize("progress", [False, True])
def test_fit_starts_no_thread_so_it_runs_where_none_can_start(monkeypatch, progress):
    # In the browser (Pyodide) no thread can start; tqdm's monitor thread then printed a warning at
    # every fit. The bar moves once per epoch, so fit's bar has no monitor.
    import threading

    def refuse(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    model = MLP(2, [3, 1], seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = fit(model, [[0.0, 1.0], [1.0, 0.0]], [1.0, 0.0], "mse", SGD(model.parameters(), lr=0.1),
                      epochs=3, progress=progress)
    assert history.epochs == 3
