"""The checks that make `fit` fail loudly instead of quietly: data, model and optimiser, weights, batch
size, schedule, weight decay given twice, loss, divergence.

Each raises (or warns) with a message that names the problem and the fix; `fit` calls them before
training starts, except `warn_not_finite`, which runs when the loss becomes inf or nan.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

from autograd import Value, is_grad_enabled
from autograd.checks import integer, is_real


def from_numpy(data: Any) -> Any:
    """A numpy array as nested Python lists (numbers as Python ints and floats); anything else as is."""
    if type(data).__module__.split(".")[0] == "numpy" and callable(getattr(data, "tolist", None)):
        return data.tolist()
    return data


def check_finite_targets(y: list, what: str) -> None:
    for i, t in enumerate(y):
        for k, v in enumerate(t if isinstance(t, (list, tuple)) else [t]):
            if is_real(v) and not math.isfinite(v):
                where = f"target {i}" + (f", entry {k}" if isinstance(t, (list, tuple)) else "")
                raise ValueError(f"{where} of the y for {what} is {v}: targets must be finite numbers; "
                                 "drop or fill in that sample")


def check_finite_features(i: int, x: list, what: str) -> None:
    for k, v in enumerate(x):
        if isinstance(v, bool):  # True would silently train as 1: say so where it is
            raise TypeError(f"sample {i} of {what}, feature {k}, is {v}: features must be numbers; "
                            "turn yes/no columns into numbers first, e.g. [float(b) for b in column]")
        try:
            finite = math.isfinite(v)
        except OverflowError:  # an int past the largest float
            raise ValueError(f"sample {i} of {what}, feature {k}, is an integer too large for a float "
                             f"(about 10**{len(str(abs(int(v)))) - 1}); scale that feature down") from None
        if not finite:
            raise ValueError(f"sample {i} of {what}, feature {k}, is {v}: features must be finite numbers "
                             "(nan would silently spread through training); drop or fill in that sample")


def check_output_for_loss(model: Any, loss_name: str, first_output: Callable[[], Any]) -> None:
    """Refuse a loss the model's output cannot feed; warn when an activation would be applied twice.

    first_output() gives the model's output for the first sample (computed only when needed).
    """
    activation = _output_activation(model)
    if loss_name == "cross_entropy":
        output = first_output()
        if not isinstance(output, (list, tuple)) or len(output) < 2:
            raise ValueError("cross_entropy needs one score per class (K >= 2 outputs), but this model has "
                             "one output; make the last layer K units wide for K classes, or use "
                             "loss='bce_with_logits' (or 'hinge') for two classes with one output")
        if activation == "softmax":
            warnings.warn("the model's output layer applies softmax and cross_entropy applies it again "
                          "(it takes raw scores), which trains slowly toward wrong probabilities; use a "
                          "linear output layer (output_activation=None) and apply nn.functional.softmax "
                          "to its outputs when you want probabilities", UserWarning, stacklevel=4)
    if loss_name == "binary_cross_entropy_with_logits" and activation == "sigmoid":
        warnings.warn("the model's output layer applies sigmoid and bce_with_logits applies it again "
                      "(it takes raw scores); use a linear output layer with 'bce_with_logits', or keep "
                      "the sigmoid and use loss='bce'", UserWarning, stacklevel=4)


def _output_activation(model: Any) -> str | None:
    """The activation name of the model's last layer, when it says (MLP, Sequential, Layer)."""
    layers = getattr(model, "layers", None)
    last = layers[-1] if isinstance(layers, (list, tuple)) and layers else model
    activation = getattr(last, "activation", None)
    return activation if isinstance(activation, str) else None


def check_finite_parameters(model: Any) -> None:
    """nan or inf in a weight would spread through every prediction: refuse it before training."""
    named = model.named_parameters() if callable(getattr(model, "named_parameters", None)) else \
        [(str(i), p) for i, p in enumerate(model.parameters())]
    for name, p in named:
        if isinstance(p, Value) and not math.isfinite(p.data):
            raise ValueError(f"parameter {name} of the model is {p.data}; re-create or re-initialise the "
                             "model (or load saved weights) before training")


def check_recording() -> None:
    """Inside no_grad nothing is recorded, so no gradient would reach the weights: refuse to train."""
    if not is_grad_enabled():
        raise RuntimeError("fit was called inside no_grad(), where nothing is recorded: no gradient "
                           "would reach the weights and training would silently do nothing; call fit "
                           "outside the no_grad block")


def check_schedule(scheduler: Any, epochs: int) -> Any:
    """Refuse, before training, a schedule that would make the learning rate negative or not finite."""
    if scheduler is None:
        return None
    if not callable(getattr(scheduler, "step", None)):
        raise TypeError(f"scheduler must have step(), got {type(scheduler).__name__}")
    check_ahead = getattr(scheduler, "check_ahead", None)  # nn.schedules have it; others check themselves
    if callable(check_ahead):
        check_ahead(epochs)
    return scheduler


def check_model_and_optimizer(model: Any, optimizer: Any) -> None:
    if not callable(model):
        raise TypeError(f"model must be callable (a Module), got {type(model).__name__}")
    for method in ("step", "zero_grad"):
        if not callable(getattr(optimizer, method, None)):
            raise TypeError(f"optimizer must have {method}() (e.g. nn.optim.SGD), "
                            f"got {type(optimizer).__name__}")


def check_optimizer_holds(optimizer: Any, params: list) -> None:
    """An optimiser made for another model would train nothing: refuse it."""
    held = {id(p) for g in getattr(optimizer, "param_groups", []) for p in g["params"]}
    if held and not any(id(p) in held for p in params):
        raise ValueError("the optimizer holds none of the model's parameters; "
                         "make it with optimizer = SGD(model.parameters(), lr=...)")


def check_weight_decay_once(weight_decay: float, optimizer: Any) -> None:
    """L2 given to fit and to the optimiser would shrink the weights twice as fast as either says."""
    if weight_decay and any(g.get("weight_decay") for g in getattr(optimizer, "param_groups", [])):
        raise ValueError("weight_decay is given to both fit and the optimizer, which would apply it twice; "
                         "keep one: fit(weight_decay=...) shows it in the loss, the optimizer's does not")


def check_accuracy_option(accuracy: Any) -> Any:
    if not (accuracy == "auto" or accuracy is None or callable(accuracy)):
        raise TypeError(f"accuracy must be 'auto', None or a function, got {accuracy!r}")
    return accuracy


def check_batch_size(batch_size: Any, n: int) -> int:
    """The batch size as an int: n for None (full batch), else between 1 and the n training samples."""
    if batch_size is None:
        return n
    if integer("batch_size", batch_size, low=1) > n:
        raise ValueError(f"batch_size must be between 1 and the {n} training samples, got {batch_size}")
    return int(batch_size)


def warn_not_finite(history: Any, params: list, last_finite: list[float], epoch: int,
                     restore: bool) -> None:
    """The loss became inf or nan: say so, with a hint, and (by default) put back the last finite weights."""
    if restore:
        for p, value in zip(params, last_finite, strict=True):
            p.data = value
        kept = (f"the model keeps its weights from before epoch {epoch}, the last with a finite loss"
                if epoch > 1 else "the model keeps its initial weights")
    else:
        kept = "the model keeps that epoch's weights, whose loss is not finite (restore_best_weights=False)"
    warnings.warn(f"fit stopped: the loss became {history.loss[-1]} in epoch {epoch}; {kept}. The "
                  "learning rate is probably too high: lower it (e.g. lr / 10) and train again with a new "
                  "optimizer (its state holds the non-finite values too)", RuntimeWarning, stacklevel=4)


def check_compilable(plan: Any, targets_fed: bool) -> None:
    """What fit(compile=True) cannot replay, refused before training with the reason and the fix.
    targets_fed: whether the targets are inputs of the compiled graph (else constants in it)."""
    if plan.shuffle and not targets_fed:
        raise ValueError("compile=True feeds each batch's targets into one graph only for fit's own losses "
                         "(and cross_entropy with class indices); this loss builds the targets into the "
                         "graph, so shuffled batches would each need a new trace: pass shuffle=False, or "
                         "batch_size=None (full batch)")

