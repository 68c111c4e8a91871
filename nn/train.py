"""The training loop: ``fit`` runs full-batch, mini-batch or per-sample gradient descent and returns a
History; ``evaluate`` and ``predict`` run a model on samples without training it.

An epoch is one pass over the training samples; an iteration is one optimiser step on one batch, so
an epoch has ceil(n / batch_size) iterations (1 for full batch, n for per-sample SGD).
fit(compile=True) runs the same iterations replayed as float code (nn.compiled_fit).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tqdm.auto import tqdm as _tqdm

from autograd import Value, no_grad
from autograd.checks import integer, real

from . import losses
from .compiled_fit import replayed
from .data import batch_outputs, check_data, check_samples, input_size, split_validation
from .fit_checks import (
    check_accuracy_option,
    check_batch_size,
    check_finite_parameters,
    check_model_and_optimizer,
    check_optimizer_holds,
    check_output_for_loss,
    check_recording,
    check_schedule,
    check_weight_decay_once,
    warn_not_finite,
)
from .fit_options import FitOptions
from .fit_plan import Plan, model_mode, objective
from .history import History
from .metrics import as_floats, loss_by_name, pick_accuracy

__all__ = ["History", "FitOptions", "fit", "evaluate", "predict"]


class _ProgressBar(_tqdm):
    """fit's progress bar: tqdm's, without its monitor thread. The bar moves once per epoch, so the
    monitor (which wakes every 10 s to check on slow bars) has nothing to do, and where no thread can
    start (Python in the browser) tqdm would print a warning at every fit."""

    monitor_interval = 0


# ---- evaluation and the loop ---------------------------------------------------------------------


@contextmanager
def _measuring(model: Any) -> Iterator[None]:
    """Eval mode (dropout off) and no graph while measuring; the model's mode is put back after."""
    with model_mode(model, training=False), no_grad():
        yield


def _first_output(model: Any, x: Any) -> Any:
    with _measuring(model):
        return batch_outputs(model, [x])[0]


def predict(model: Any, X: Sequence) -> list:
    """The model's outputs for every sample as plain numbers (lists of numbers for several outputs),
    computed in eval mode without recording a graph; the model's mode is put back afterwards."""
    X = check_samples(X, input_size(model))
    with _measuring(model):
        return [as_floats(p) for p in batch_outputs(model, X)]


def _evaluate(model, X, y, loss_fn, accuracy_fn, extra) -> tuple[float, float | None]:
    """The objective's number (loss plus penalties) and the accuracy on X, y: eval mode, no graph."""
    with _measuring(model):
        preds = batch_outputs(model, X)
        loss = objective(loss_fn, preds, y, extra, model).data
    acc = accuracy_fn([as_floats(p) for p in preds], y) if accuracy_fn else None
    return loss, acc


def _accuracy_for(accuracy: Any, loss_name: str, model: Any, x: Any, y: list) -> Callable | None:
    if accuracy != "auto":
        return accuracy
    with _measuring(model):
        return pick_accuracy(loss_name, as_floats(batch_outputs(model, [x])[0]), y)


def evaluate(model: Any, X: Sequence, y: Sequence, loss: str | Callable,
             accuracy: str | Callable | None = "auto") -> dict[str, float | None]:
    """{'loss': ..., 'accuracy': ...} of the model on (X, y), in eval mode, without a graph.

    accuracy: 'auto' (as in ``fit``), None, or a function (predictions as floats, targets) -> float.
    """
    X, y = check_data(X, y, input_size(model))
    loss_fn, name = loss_by_name(loss)
    loss_value, acc = _evaluate(model, X, y, loss_fn, _accuracy_for(accuracy, name, model, X[0], y),
                                None)
    return {"loss": loss_value, "accuracy": acc}


def fit(model: Any, X: Sequence, y: Sequence, loss: str | Callable, optimizer: Any,
        epochs: int = 100, batch_size: int | None = None, *, shuffle: bool = True,
        seed: int | None = 0, validation_split: float = 0.0,
        validation_data: tuple[Sequence, Sequence] | None = None,
        penalty: Callable[[Any], Value | float] | None = None, weight_decay: float = 0.0,
        scheduler: Any = None, accuracy: str | Callable | None = "auto",
        loss_threshold: float | None = None, error_rate_threshold: float | None = None,
        weight_change_threshold: float | None = None, patience: int | None = None,
        min_delta: float = 0.0, restore_best_weights: bool = True, progress: bool = True,
        callback: Callable[[int, History], bool | None] | None = None,
        compile: bool = False) -> History:
    """Train ``model`` on (X, y) and return a History. Each iteration minimises, on one batch,

        objective = loss(predictions, targets) + penalty(model) + weight_decay / 2 * sum_p p^2

    batch_size: None = full batch (1 iteration per epoch), 1 = per-sample SGD, k = mini-batches of k
    (the last one smaller). shuffle reorders mini-batches every epoch from ``seed``; a full batch
    keeps the given order. validation_split: the fraction of samples (chosen with ``seed``) held
    out for validation, or pass validation_data=(X_val, y_val). scheduler: stepped once per epoch.
    accuracy: 'auto' (see nn.metrics.pick_accuracy), None, or f(predictions as floats, targets) -> fraction.
    weight_decay: L2 with the optimisers' convention (the gradient gains weight_decay * p), written
    into the objective so the loss curve shows it; give it here or to the optimiser, not both.

    Stops after ``epochs``, or as soon as one criterion holds after an epoch: loss <= loss_threshold,
    misclassification rate <= error_rate_threshold, largest weight change <= weight_change_threshold,
    or ``patience`` epochs without the monitored loss improving by more than min_delta (early
    stopping, which puts back the best epoch's weights unless restore_best_weights=False), or
    callback(epoch, history) returning True. progress: a tqdm bar (a widget in Jupyter).
    A loss that becomes inf or nan stops training with a RuntimeWarning and puts back the weights
    of the last epoch with a finite loss (unless restore_best_weights=False).
    compile: trace each batch's graph once and replay it as float code (``autograd.compile``): the
    same numbers, many times faster. Dropout, BatchNorm1d (its running estimates too) and shuffled
    batches replay; SGD's and Adam's step runs inside the replay (``nn.fused``), other optimisers
    step in Python after it.
    """
    started = time.perf_counter()
    options = FitOptions(epochs=epochs, batch_size=batch_size, shuffle=shuffle, seed=seed,
                         validation_split=validation_split, validation_data=validation_data, penalty=penalty,
                         weight_decay=weight_decay, scheduler=scheduler, accuracy=accuracy,
                         loss_threshold=loss_threshold, error_rate_threshold=error_rate_threshold,
                         weight_change_threshold=weight_change_threshold, patience=patience,
                         min_delta=min_delta, restore_best_weights=restore_best_weights, progress=progress,
                         callback=callback, compile=compile)
    plan = _plan(model, X, y, loss, optimizer, options)
    history = _train(plan)
    history.seconds = time.perf_counter() - started
    return history


# ---- step 1: check the arguments into a plan ----------------------------------------------------


def _plan(model: Any, X: Any, y: Any, loss: Any, optimizer: Any, options: FitOptions) -> Plan:
    """fit's arguments checked, in the order a student meets them, each with a message saying how to fix it."""
    check_model_and_optimizer(model, optimizer)
    epochs = integer("epochs", options.epochs, low=1)
    nin = input_size(model)
    X, y = check_data(X, y, nin)
    loss_fn, loss_name = loss_by_name(loss)
    params = list(model.parameters())
    check_finite_parameters(model)
    check_optimizer_holds(optimizer, params)
    stopping = options.stopping()
    weight_decay = real("weight_decay", options.weight_decay, low=0, finite=False, none_ok=True) or 0.0
    check_weight_decay_once(weight_decay, optimizer)
    scheduler = check_schedule(options.scheduler, epochs)
    check_recording()
    check_output_for_loss(model, loss_name, lambda: _first_output(model, X[0]))
    accuracy = check_accuracy_option(options.accuracy)
    rng = random.Random(options.seed)
    train, val = split_validation(X, y, options.validation_split, options.validation_data, rng, nin)
    batch_size = check_batch_size(options.batch_size, len(train[0]))
    accuracy_fn = _accuracy_for(accuracy, loss_name, model, train[0][0], y)
    if stopping.error_rate_threshold is not None and accuracy_fn is None:
        raise ValueError("error_rate_threshold needs an accuracy, but these targets look like "
                         "regression; pass accuracy=f(predictions, targets)")
    return Plan(model=model, optimizer=optimizer, params=params, loss_fn=loss_fn,
                 extra=_penalties(options.penalty, weight_decay, params), accuracy_fn=accuracy_fn,
                 train=train, val=val, epochs=epochs, batch_size=batch_size,
                 shuffle=options.shuffle and batch_size < len(train[0]), rng=rng, scheduler=scheduler,
                 stopping=stopping, restore_best_weights=options.restore_best_weights,
                 progress=options.progress, compile=options.compile)


def _penalties(penalty: Callable | None, weight_decay: float, params: list) -> Callable | None:
    """The terms added to the loss, as a function of the model (None when there are none)."""
    if penalty is None and not weight_decay:
        return None

    def penalties(model: Any) -> Value | float:
        total = penalty(model) if penalty is not None else 0.0
        if weight_decay:  # lam / 2 * sum p^2, whose gradient lam * p is the optimisers' weight_decay
            total = total + 0.5 * weight_decay * losses.l2_penalty(params)
        return total

    return penalties


# ---- steps 2 to 4: run an epoch, record it, decide whether to stop -------------------------------


def _train(plan: Plan) -> History:
    """The epochs; the model in training mode throughout, and in its own mode again afterwards."""
    train_steps, measure = replayed(plan, _measure) if plan.compile else (_steps, _measure)
    history = _first_history(plan, measure)
    best_weights = [p.data for p in plan.params]
    with _ProgressBar(total=plan.epochs, disable=not plan.progress, unit="epoch", desc="fit") as bar, \
            model_mode(plan.model, training=True):  # dropout on; measuring switches to eval and back
        for _ in range(plan.epochs):
            before = _run_epoch(plan, train_steps, history)
            if _record(plan, measure, history, before):
                best_weights = [p.data for p in plan.params]
            bar.update(1)
            bar.set_postfix({k: f"{v[-1]:.4g}" for k, v in (
                ("loss", history.loss), ("acc", history.accuracy), ("val_loss", history.val_loss)) if v})
            history.stopped_because = _stop_reason(plan, history) or ""
            if history.stopped_because:
                break
    if history.stopped_because == "loss_not_finite":
        warn_not_finite(history, plan.params, before, history.epochs, plan.restore_best_weights)
    if history.stopped_because == "early_stopping" and plan.restore_best_weights:
        for p, value in zip(plan.params, best_weights, strict=True):
            p.data = value
        history.restored_best_weights = True
    return history


def _first_history(plan: Plan, measure: Callable) -> History:
    """A History holding epoch 0: the measures before any update."""
    history = History(monitor="val_loss" if plan.val[0] else "loss", train_size=len(plan.train[0]),
                      val_size=len(plan.val[0]))
    for names, (X, y) in ((("loss", "accuracy"), plan.train), (("val_loss", "val_accuracy"), plan.val)):
        if X:
            for key, value in zip(names, measure(plan, X, y)):
                if value is not None:
                    history.start[key] = value
    return history


def _run_epoch(plan: Plan, train_steps: Callable, history: History) -> list[float]:
    """One pass over the training samples, one iteration per batch; returns the weights before it."""
    groups = getattr(plan.optimizer, "param_groups", None)
    history.lr.append(groups[0]["lr"] if groups else math.nan)
    before = [p.data for p in plan.params]
    X, y = plan.train
    order = list(range(len(X)))
    if plan.shuffle:  # a full batch is the same sum in any order
        plan.rng.shuffle(order)
    batches = [order[start:start + plan.batch_size] for start in range(0, len(X), plan.batch_size)]
    train_steps(plan, [([X[i] for i in batch], [y[i] for i in batch]) for batch in batches])
    history.iterations += len(batches)
    return before


def _record(plan: Plan, measure: Callable, history: History, before: list[float]) -> bool:
    """Measure the epoch just run into the history, step the scheduler; True for a new best epoch."""
    history.epochs += 1
    history.weight_change.append(
        max((abs(p.data - b) for p, b in zip(plan.params, before, strict=True)), default=0.0))
    _append(history.loss, history.accuracy, *measure(plan, *plan.train))
    if plan.val[0]:
        _append(history.val_loss, history.val_accuracy, *measure(plan, *plan.val))
    if plan.scheduler is not None:
        plan.scheduler.step()
    watched = history.val_loss if plan.val[0] else history.loss
    best = watched[history.best_epoch - 1] if history.best_epoch is not None else math.inf
    if watched[-1] < best - plan.stopping.min_delta:
        history.best_epoch = history.epochs
        return True
    return False


def _stop_reason(plan: Plan, history: History) -> str | None:
    """Which stopping criterion (from the decks) holds after this epoch, if any."""
    rules, epoch, loss_value = plan.stopping, history.epochs, history.loss[-1]
    if not math.isfinite(loss_value):
        return "loss_not_finite"
    if rules.loss_threshold is not None and loss_value <= rules.loss_threshold:
        return "loss_threshold"
    measured = len(history.accuracy) == epoch  # this epoch has an accuracy
    if rules.error_rate_threshold is not None and measured and \
            1.0 - history.accuracy[-1] <= rules.error_rate_threshold:
        return "error_rate_threshold"
    if rules.weight_change_threshold is not None and history.weight_change[-1] <= rules.weight_change_threshold:
        return "weight_change_threshold"
    if rules.patience is not None and history.best_epoch is not None and \
            epoch - history.best_epoch >= rules.patience:
        return "early_stopping"
    if rules.callback is not None and rules.callback(epoch, history):
        return "callback"
    return "max_epochs" if epoch == plan.epochs else None


def _measure(plan: Plan, X: list, y: list) -> tuple[float, float | None]:
    """_evaluate with the plan's model, loss and penalties: what the history records for X, y."""
    return _evaluate(plan.model, X, y, plan.loss_fn, plan.accuracy_fn, plan.extra)


def _steps(plan: Plan, batches: list[tuple[list, list]]) -> None:
    """One iteration per batch: forward the batch, backward the objective, update the parameters."""
    for X, y in batches:
        plan.optimizer.zero_grad()
        preds = batch_outputs(plan.model, X)
        objective(plan.loss_fn, preds, y, plan.extra, plan.model).backward()
        plan.optimizer.step()


def _append(loss_values: list, accuracies: list, loss: float, acc: float | None) -> None:
    """One measurement into the history's lists (no accuracy for a loss that has none)."""
    loss_values.append(loss)
    if acc is not None:
        accuracies.append(acc)
