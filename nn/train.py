"""The training loop: ``fit`` runs full-batch, mini-batch or per-sample gradient descent and returns a History.

An epoch is one pass over the training samples; an iteration is one optimiser step on one batch, so
an epoch has ceil(n / batch_size) iterations (1 for full batch, n for per-sample SGD).
"""

from __future__ import annotations

import math
import numbers
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tqdm.auto import tqdm

from autograd import Value, no_grad

from .fit_checks import (
    check_finite_features,
    check_finite_parameters,
    check_finite_targets,
    check_output_for_loss,
    check_recording,
    check_schedule,
    from_numpy,
    warn_not_finite,
)

__all__ = ["History", "fit", "evaluate"]

# fit(loss='mse') and friends: short names for the functions in nn.losses.
LOSS_NAMES = {
    "mse": "mse_loss", "sse": "sse_loss", "l1": "l1_loss", "mae": "l1_loss", "huber": "huber_loss",
    "hinge": "hinge_loss", "cross_entropy": "cross_entropy", "bce": "binary_cross_entropy",
    "bce_with_logits": "binary_cross_entropy_with_logits",
}
# Losses whose single output is a raw score (class = sign) or a probability (class = score > 0.5).
_SCORE_LOSSES = {"hinge_loss", "binary_cross_entropy_with_logits"}
_PROBABILITY_LOSSES = {"binary_cross_entropy"}


@dataclass
class History:
    """What ``fit`` saw, one entry per epoch (each measured after that epoch's updates).

    loss / accuracy: on the training samples (loss includes any penalty); val_loss / val_accuracy:
    on the validation samples (empty without validation); accuracy lists are empty for regression.
    lr: the learning rate used in the epoch; weight_change: the largest |change| of any parameter.
    stopped_because: 'max_epochs', 'loss_threshold', 'error_rate_threshold',
    'weight_change_threshold', 'early_stopping', 'loss_not_finite' or 'callback'.
    best_epoch: the epoch (counting from 1) with the lowest monitored loss ('val_loss' when there
    is validation data, else 'loss'); its value is ``history.val_loss[history.best_epoch - 1]``.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    lr: list[float] = field(default_factory=list)
    weight_change: list[float] = field(default_factory=list)
    epochs: int = 0
    iterations: int = 0
    stopped_because: str = ""
    best_epoch: int | None = None
    monitor: str = "loss"
    restored_best_weights: bool = False
    train_size: int = 0
    val_size: int = 0
    seconds: float = 0.0
    # Epoch 0: the same measures before any update, e.g. {'loss': 0.69, 'accuracy': 0.5}.
    start: dict[str, float] = field(default_factory=dict)

    def curve(self, name: str = "loss") -> tuple[list[int], list[float]]:
        """(epochs, values) of one measure from epoch 0 (before training) on, ready to plot."""
        values = getattr(self, name, None) if name in ("loss", "accuracy", "val_loss", "val_accuracy") else None
        if values is None:
            raise ValueError(f"no curve named {name!r}; choose loss, accuracy, val_loss or val_accuracy")
        first = [self.start[name]] if name in self.start else []
        return list(range(1 - len(first), len(values) + 1)), first + list(values)

    def __repr__(self) -> str:
        last = [f"{k}={v[-1]:.4g}" for k, v in (("loss", self.loss), ("accuracy", self.accuracy),
                                                 ("val_loss", self.val_loss),
                                                 ("val_accuracy", self.val_accuracy)) if v]
        return (f"History(epochs={self.epochs}, iterations={self.iterations}, "
                f"stopped_because={self.stopped_because!r}, best_epoch={self.best_epoch}"
                + "".join(", " + s for s in last) + ")")


# ---- checking what the student passed in -------------------------------------------------------


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive int, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive int, got {value}")
    return int(value)


def _threshold(name: str, value: Any, high: float = math.inf) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number or None, got {type(value).__name__} {value!r}")
    if not 0 <= value <= high:
        raise ValueError(f"{name} must be between 0 and {high}, got {value}")
    return float(value)


def _input_size(model: Any) -> int | None:
    """The number of input features the model takes, when it says (MLP.nin, Layer.nin, Neuron.w)."""
    for part in (model, *(getattr(model, "layers", None) or [])[:1]):
        if isinstance(getattr(part, "nin", None), int):
            return part.nin
    w = getattr(model, "w", None)
    return len(w) if isinstance(w, list) else None


def _check_data(X: Any, y: Any, nin: int | None, what: str = "X") -> tuple[list, list]:
    y = from_numpy(y)
    if isinstance(y, (str, bytes)) or not isinstance(y, Sequence):
        raise TypeError(f"y for {what} must be a list of targets, got {type(y).__name__}")
    X = _check_samples(X, nin, what)
    if len(X) != len(y):
        raise ValueError(f"{what} has {len(X)} samples but its y has {len(y)} targets")
    y = [from_numpy(t) for t in y]
    check_finite_targets(y, what)
    return X, y


def _check_samples(X: Any, nin: int | None, what: str = "X") -> list:
    X = from_numpy(X)
    if isinstance(X, (str, bytes)) or not isinstance(X, Sequence):
        raise TypeError(f"{what} must be a list of samples, got {type(X).__name__}")
    if len(X) == 0:
        raise ValueError(f"{what} is empty: there is nothing to train on")
    width = nin
    X = [from_numpy(x) for x in X]
    for i, x in enumerate(X):
        if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
            raise TypeError(f"sample {i} of {what} must be a list of features, got "
                            f"{type(x).__name__} {x!r} (for one feature write [[x1], [x2], ...])")
        if not all(isinstance(v, numbers.Real) for v in x):
            raise TypeError(f"sample {i} of {what} must hold numbers, got {list(x)!r}")
        check_finite_features(i, x, what)
        if width is None:
            width = len(x)
        if len(x) != width:
            source = "the model takes" if nin is not None else "sample 0 has"
            raise ValueError(f"sample {i} of {what} has {len(x)} features but {source} {width}")
    return list(X)


def _resolve_loss(loss: str | Callable) -> tuple[Callable, str]:
    if callable(loss):
        return loss, getattr(loss, "__name__", "")
    if not isinstance(loss, str):
        raise TypeError(f"loss must be a function or a name such as 'mse', got {type(loss).__name__}")
    from nn import losses  # imported here so nn.train has no import-time dependency on every loss

    name = LOSS_NAMES.get(loss, loss)
    fn = getattr(losses, name, None)
    if not callable(fn) or name.startswith("_"):
        raise ValueError(f"unknown loss {loss!r}; use a function or one of {sorted(LOSS_NAMES)}")
    return fn, name


# ---- accuracy ------------------------------------------------------------------------------------


def _number(v: Any) -> float:
    return float(v.data) if isinstance(v, Value) else float(v)


def _plain(prediction: Any) -> float | list[float]:
    """A prediction as floats; a one-element list counts as a single output."""
    if isinstance(prediction, (list, tuple)):
        values = [_number(v) for v in prediction]
        return values[0] if len(values) == 1 else values
    return _number(prediction)


def _argmax(values: Sequence[float]) -> int:
    return max(range(len(values)), key=lambda k: values[k])


def _pick_accuracy(loss_name: str, output: Any, y: list) -> Callable | None:
    """The accuracy that suits the task, or None for regression.

    Several outputs: the class is the argmax (targets are class indices or one-hot lists).
    One output with 0/1 or -1/+1 targets: the class is score > 0 for hinge and logit losses,
    score > 0.5 for probabilities, else the midpoint of the two labels. Other targets: regression.
    """
    targets = [t[0] if isinstance(t, (list, tuple)) and len(t) == 1 else t for t in y]
    if isinstance(output, list):
        def argmax_accuracy(preds: list, tgts: list) -> float:
            hits = [_argmax(p) == (_argmax(t) if isinstance(t, (list, tuple)) else int(t))
                    for p, t in zip(preds, tgts, strict=True)]
            return sum(hits) / len(hits)
        ok = all(isinstance(t, numbers.Integral) or isinstance(t, (list, tuple)) for t in targets)
        return argmax_accuracy if ok else None
    if not all(isinstance(t, numbers.Real) for t in targets):
        return None
    labels = {float(t) for t in targets}
    if not (labels <= {0.0, 1.0} or labels <= {-1.0, 1.0}):
        return None
    label_cut = 0.0 if -1.0 in labels else 0.5
    if loss_name in _SCORE_LOSSES:
        score_cut = 0.0
    elif loss_name in _PROBABILITY_LOSSES:
        score_cut = 0.5
    else:
        score_cut = label_cut

    def binary_accuracy(preds: list, tgts: list) -> float:
        tgts = [t[0] if isinstance(t, (list, tuple)) else t for t in tgts]
        hits = [(p > score_cut) == (t > label_cut) for p, t in zip(preds, tgts, strict=True)]
        return sum(hits) / len(hits)

    return binary_accuracy


# ---- evaluation and the loop ---------------------------------------------------------------------


def _objective(loss_fn: Callable, preds: list, targets: list, extra: Callable | None,
               model: Any) -> Value:
    value = loss_fn(preds, targets)
    if not isinstance(value, Value):
        raise TypeError(f"the loss must return a Value, got {type(value).__name__} {value!r}")
    return value + extra(model) if extra is not None else value


def _split(X: list, y: list, fraction: Any, validation_data: Any, rng: random.Random,
           nin: int | None) -> tuple[tuple[list, list], tuple[list, list]]:
    """(training, validation) samples: a seeded random fraction held out, or the data given."""
    if isinstance(fraction, bool) or not isinstance(fraction, numbers.Real) or not 0 <= fraction < 1:
        raise ValueError(f"validation_split must be a fraction in [0, 1), got {fraction!r}")
    if validation_data is not None:
        if fraction:
            raise ValueError("give validation_split or validation_data, not both")
        if not (isinstance(validation_data, (tuple, list)) and len(validation_data) == 2):
            raise TypeError("validation_data must be a pair (X_val, y_val)")
        return (X, y), _check_data(*validation_data, nin, what="validation X")
    if not fraction:
        return (X, y), ([], [])
    n_val = int(len(X) * fraction)
    if not 1 <= n_val < len(X):
        raise ValueError(f"validation_split={fraction} of {len(X)} samples leaves {n_val} for "
                         f"validation and {len(X) - n_val} for training")
    order = list(range(len(X)))
    rng.shuffle(order)  # hold out a random subset: data sets are often sorted by class
    val, train = sorted(order[:n_val]), sorted(order[n_val:])
    return ([X[i] for i in train], [y[i] for i in train]), ([X[i] for i in val], [y[i] for i in val])


@contextmanager
def _measuring(model: Any) -> Iterator[None]:
    """Eval mode (dropout off) and no graph while measuring; the model's mode is put back after."""
    was_training = getattr(model, "training", None)
    if was_training is not None and hasattr(model, "eval"):
        model.eval()
    try:
        with no_grad():
            yield
    finally:
        if was_training is not None and hasattr(model, "train"):
            model.train(was_training)


def _forward(model: Any, X: list) -> list:
    """The model's outputs for a batch (all at once when it is a Module, for batch normalisation)."""
    forward_batch = getattr(model, "forward_batch", None)
    return forward_batch(X) if forward_batch is not None else [model(x) for x in X]


def _first_output(model: Any, x: Any) -> Any:
    with _measuring(model):
        return _forward(model, [x])[0]


def predict(model: Any, X: Sequence) -> list:
    """The model's outputs for every sample as plain numbers (lists of numbers for several outputs),
    computed in eval mode without recording a graph; the model's mode is put back afterwards."""
    X = _check_samples(X, _input_size(model))
    with _measuring(model):
        return [_plain(p) for p in _forward(model, X)]


def _evaluate(model, X, y, loss_fn, accuracy_fn, extra) -> tuple[float, float | None]:
    with _measuring(model):
        preds = _forward(model, X)
        loss = _objective(loss_fn, preds, y, extra, model).data
    acc = accuracy_fn([_plain(p) for p in preds], y) if accuracy_fn else None
    return loss, acc


def _accuracy_for(accuracy: Any, loss_name: str, model: Any, x: Any, y: list) -> Callable | None:
    if accuracy != "auto":
        return accuracy
    with _measuring(model):
        return _pick_accuracy(loss_name, _plain(_forward(model, [x])[0]), y)


def evaluate(model: Any, X: Sequence, y: Sequence, loss: str | Callable,
             accuracy: str | Callable | None = "auto") -> dict[str, float | None]:
    """{'loss': ..., 'accuracy': ...} of the model on (X, y), in eval mode, without a graph.

    accuracy: 'auto' (as in ``fit``), None, or a function (predictions as floats, targets) -> float.
    """
    X, y = _check_data(X, y, _input_size(model))
    loss_fn, name = _resolve_loss(loss)
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
    accuracy: 'auto' (see _pick_accuracy), None, or f(predictions as floats, targets) -> fraction.

    Stops after ``epochs``, or as soon as one criterion holds after an epoch: loss <= loss_threshold,
    misclassification rate <= error_rate_threshold, largest weight change <= weight_change_threshold,
    or ``patience`` epochs without the monitored loss improving by more than min_delta (early
    stopping, which puts back the best epoch's weights unless restore_best_weights=False), or
    callback(epoch, history) returning True. progress: a tqdm bar (a widget in Jupyter).
    A loss that becomes inf or nan stops training with a RuntimeWarning and puts back the weights
    of the last epoch with a finite loss (unless restore_best_weights=False).
    compile: trace each batch's graph once and replay it as float code (``autograd.compile``): the
    same numbers, many times faster; needs batches that repeat (a full batch, or shuffle=False).
    """
    started = time.perf_counter()
    if not callable(model):
        raise TypeError(f"model must be callable (a Module), got {type(model).__name__}")
    for method in ("step", "zero_grad"):
        if not callable(getattr(optimizer, method, None)):
            raise TypeError(f"optimizer must have {method}() (e.g. nn.optim.SGD), "
                            f"got {type(optimizer).__name__}")
    epochs = _positive_int("epochs", epochs)
    nin = _input_size(model)
    X, y = _check_data(X, y, nin)
    loss_fn, loss_name = _resolve_loss(loss)
    params = list(model.parameters())
    check_finite_parameters(model)
    held = {id(p) for g in getattr(optimizer, "param_groups", []) for p in g["params"]}
    if held and not any(id(p) in held for p in params):
        raise ValueError("the optimizer holds none of the model's parameters; "
                         "make it with optimizer = SGD(model.parameters(), lr=...)")
    thresholds = dict(loss_threshold=_threshold("loss_threshold", loss_threshold),
                      error_rate_threshold=_threshold("error_rate_threshold", error_rate_threshold, 1),
                      weight_change_threshold=_threshold("weight_change_threshold",
                                                         weight_change_threshold))
    weight_decay = _threshold("weight_decay", weight_decay) or 0.0
    min_delta = _threshold("min_delta", min_delta) or 0.0
    if patience is not None:
        patience = _positive_int("patience", patience)

    if scheduler is not None and not callable(getattr(scheduler, "step", None)):
        raise TypeError(f"scheduler must have step(), got {type(scheduler).__name__}")
    if scheduler is not None:
        check_schedule(scheduler, epochs)
    check_recording()
    check_output_for_loss(model, loss_name, lambda: _first_output(model, X[0]))
    if not (accuracy == "auto" or accuracy is None or callable(accuracy)):
        raise TypeError(f"accuracy must be 'auto', None or a function, got {accuracy!r}")

    rng = random.Random(seed)
    (X_train, y_train), (X_val, y_val) = _split(X, y, validation_split, validation_data, rng, nin)
    n = len(X_train)
    if batch_size is None:
        batch_size = n
    elif _positive_int("batch_size", batch_size) > n:
        raise ValueError(f"batch_size must be between 1 and the {n} training samples, "
                         f"got {batch_size}")

    def penalties(m: Any) -> Value | float:  # the terms added to the loss
        total = penalty(m) if penalty is not None else 0.0
        if weight_decay:
            total = total + 0.5 * weight_decay * Value.dot(params, params)
        return total

    acc_fn = _accuracy_for(accuracy, loss_name, model, X_train[0], y)
    if error_rate_threshold is not None and acc_fn is None:
        raise ValueError("error_rate_threshold needs an accuracy, but these targets look like "
                         "regression; pass accuracy=f(predictions, targets)")

    extra = penalties if penalty is not None or weight_decay else None
    step, evaluate = (_compiled(model, loss_fn, extra, params, shuffle and batch_size < n,
                                epochs * math.ceil(n / batch_size)) if compile else (_step, _evaluate))
    history = History(monitor="val_loss" if X_val else "loss", train_size=n, val_size=len(X_val))
    was_training = getattr(model, "training", None)
    best, best_weights = math.inf, [p.data for p in params]
    for key, value in zip(("loss", "accuracy"), _evaluate(model, X_train, y_train, loss_fn, acc_fn, extra)):
        if value is not None:  # epoch 0, before any update
            history.start[key] = value
    if X_val:
        for key, value in zip(("val_loss", "val_accuracy"), _evaluate(model, X_val, y_val, loss_fn, acc_fn, extra)):
            if value is not None:
                history.start[key] = value
    bar = tqdm(total=epochs, disable=not progress, unit="epoch", desc="fit")
    if hasattr(model, "train"):
        model.train()  # dropout on while training; measuring switches to eval and back
    try:
        for epoch in range(1, epochs + 1):
            groups = getattr(optimizer, "param_groups", None)
            history.lr.append(groups[0]["lr"] if groups else math.nan)
            before = [p.data for p in params]
            order = list(range(n))
            if shuffle and batch_size < n:  # a full batch is the same sum in any order
                rng.shuffle(order)
            for start in range(0, n, batch_size):  # one iteration per batch
                batch = order[start:start + batch_size]
                step(model, optimizer, loss_fn, extra, [X_train[i] for i in batch],
                     [y_train[i] for i in batch])
                history.iterations += 1
            history.epochs = epoch
            history.weight_change.append(
                max((abs(p.data - b) for p, b in zip(params, before, strict=True)), default=0.0))
            loss_value, acc = evaluate(model, X_train, y_train, loss_fn, acc_fn, extra)
            _append(history.loss, history.accuracy, loss_value, acc)
            if X_val:
                _append(history.val_loss, history.val_accuracy,
                        *evaluate(model, X_val, y_val, loss_fn, acc_fn, extra))
            if scheduler is not None:
                scheduler.step()
            watched = history.val_loss[-1] if X_val else loss_value
            if watched < best - min_delta:
                best, history.best_epoch, best_weights = watched, epoch, [p.data for p in params]
            bar.update(1)
            bar.set_postfix({k: f"{v[-1]:.4g}" for k, v in (
                ("loss", history.loss), ("acc", history.accuracy), ("val_loss", history.val_loss))
                if v})
            reason = _stop_reason(history, thresholds, loss_value, acc, patience, epoch)
            if reason is None and callback is not None and callback(epoch, history):
                reason = "callback"
            if reason is None and epoch == epochs:
                reason = "max_epochs"
            if reason is not None:
                history.stopped_because = reason
                if reason == "loss_not_finite":
                    warn_not_finite(history, params, before, epoch, restore_best_weights)
                break
    finally:  # also when interrupted: close the bar and put the model's mode back
        bar.close()
        if was_training is not None and hasattr(model, "train"):
            model.train(was_training)
    if history.stopped_because == "early_stopping" and restore_best_weights:
        for p, value in zip(params, best_weights, strict=True):
            p.data = value
        history.restored_best_weights = True
    history.seconds = time.perf_counter() - started
    return history


def _step(model: Any, optimizer: Any, loss_fn: Callable, extra: Callable | None, X: list,
          y: list) -> None:
    """One iteration: forward the batch, backward the objective, update the parameters."""
    optimizer.zero_grad()
    preds = _forward(model, X)
    _objective(loss_fn, preds, y, extra, model).backward()
    optimizer.step()


def _compiled(model: Any, loss_fn: Callable, extra: Callable | None, params: list,
              shuffled: bool, steps: int) -> tuple[Callable, Callable]:
    """fit(compile=True)'s iteration and evaluation: each batch's graph is traced once
    (autograd.compile), then replayed as float code; the numbers are the eager path's.
    Straight lines replay fastest but take ~4x longer to compile than loops over tables, which
    win below ~500 steps (measured on the micrograd demo)."""
    from autograd import compile as trace
    from nn.regularization import BatchNorm1d, Dropout

    if shuffled:
        raise ValueError("compile=True replays the graph of each batch, but shuffled mini-batches "
                         "are new every epoch: pass shuffle=False, or batch_size=None (full batch)")
    if any(isinstance(m, (Dropout, BatchNorm1d)) for _, m in getattr(model, "named_modules", list)()):
        raise ValueError("compile=True cannot replay Dropout's random masks or BatchNorm1d's running "
                         "statistics; train this model with compile=False")
    replays: dict = {}

    def replay(X: list, y: list) -> Any:
        key = tuple(map(repr, y))  # the targets are built into the graph; the inputs are not
        if key not in replays:
            def objective(xs: list) -> tuple[Value, list]:
                preds = _forward(model, xs)
                return _objective(loss_fn, preds, y, extra, model), preds

            replays[key] = trace(objective, params, X, mode="lines" if steps >= 500 else "tables")
        return replays[key]

    def step(model: Any, optimizer: Any, loss_fn: Callable, extra: Callable | None, X: list,
             y: list) -> None:
        compiled = replay(X, y)
        optimizer.zero_grad()
        compiled(X)
        optimizer.step()

    def evaluate(model: Any, X: list, y: list, loss_fn: Callable, accuracy_fn: Callable | None,
                 extra: Callable | None) -> tuple[float, float | None]:
        loss, preds = replay(X, y).forward(X)
        return loss, accuracy_fn([_plain(p) for p in preds], y) if accuracy_fn else None

    return step, evaluate


def _append(losses: list, accuracies: list, loss: float, acc: float | None) -> None:
    losses.append(loss)
    if acc is not None:
        accuracies.append(acc)


def _stop_reason(history: History, thresholds: dict, loss_value: float, acc: float | None,
                 patience: int | None, epoch: int) -> str | None:
    """Which stopping criterion (from the decks) holds after this epoch, if any."""
    if not math.isfinite(loss_value):
        return "loss_not_finite"
    if thresholds["loss_threshold"] is not None and loss_value <= thresholds["loss_threshold"]:
        return "loss_threshold"
    limit = thresholds["error_rate_threshold"]
    if limit is not None and acc is not None and 1.0 - acc <= limit:
        return "error_rate_threshold"
    limit = thresholds["weight_change_threshold"]
    if limit is not None and history.weight_change[-1] <= limit:
        return "weight_change_threshold"
    if patience is not None and history.best_epoch is not None and epoch - history.best_epoch >= patience:
        return "early_stopping"
    return None
