"""Losses by name ('mse', 'bce', ...) and the accuracy that suits a task, as fit, evaluate and the
diagnostics use them."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any

from autograd import Value

from . import losses

__all__ = ["LOSS_NAMES", "loss_by_name", "as_floats", "pick_accuracy"]

# fit(loss='mse') and friends: short names for the functions in nn.losses.
LOSS_NAMES = {
    "mse": losses.mse_loss, "sse": losses.sse_loss, "l1": losses.l1_loss, "mae": losses.l1_loss,
    "huber": losses.huber_loss, "hinge": losses.hinge_loss, "cross_entropy": losses.cross_entropy,
    "bce": losses.binary_cross_entropy, "bce_with_logits": losses.binary_cross_entropy_with_logits,
}
# Every loss also answers to its own name (fit(loss='mse_loss')).
_LOSSES = {fn.__name__: fn for fn in (*LOSS_NAMES.values(), losses.half_squared_error, losses.kl_div)}
_LOSSES.update(LOSS_NAMES)
# Losses whose single output is a raw score (class = sign) or a probability (class = score > 0.5).
_SCORE_LOSSES = {"hinge_loss", "binary_cross_entropy_with_logits"}
_PROBABILITY_LOSSES = {"binary_cross_entropy"}


def loss_by_name(loss: str | Callable) -> tuple[Callable, str]:
    """(the loss function, its name) for a name such as 'mse' or a function: the name decides the
    accuracy and the output checks."""
    if callable(loss):
        return loss, getattr(loss, "__name__", "")
    if not isinstance(loss, str):
        raise TypeError(f"loss must be a function or a name such as 'mse', got {type(loss).__name__}")
    if loss not in _LOSSES:
        raise ValueError(f"unknown loss {loss!r}; use a function or one of {sorted(LOSS_NAMES)}")
    return _LOSSES[loss], _LOSSES[loss].__name__


def _number(v: Any) -> float:
    return float(v.data) if isinstance(v, Value) else float(v)


def as_floats(prediction: Any) -> float | list[float]:
    """A prediction as floats; a one-element list counts as a single output."""
    if isinstance(prediction, (list, tuple)):
        values = [_number(v) for v in prediction]
        return values[0] if len(values) == 1 else values
    return _number(prediction)


def _argmax(values: Sequence[float]) -> int:
    return max(range(len(values)), key=lambda k: values[k])


def _argmax_accuracy(preds: list, tgts: list) -> float:
    hits = [_argmax(p) == (_argmax(t) if isinstance(t, (list, tuple)) else int(t))
            for p, t in zip(preds, tgts, strict=True)]
    return sum(hits) / len(hits)


def pick_accuracy(loss_name: str, output: Any, y: list) -> Callable | None:
    """The accuracy that suits the task, or None for regression; output: one prediction, as floats.

    Several outputs: the class is the argmax (targets are class indices or one-hot lists).
    One output with 0/1 or -1/+1 targets: the class is score > 0 for hinge and logit losses,
    score > 0.5 for probabilities, else the midpoint of the two labels. Other targets: regression.
    """
    targets = [t[0] if isinstance(t, (list, tuple)) and len(t) == 1 else t for t in y]
    if isinstance(output, list):
        ok = all(isinstance(t, numbers.Integral) or isinstance(t, (list, tuple)) for t in targets)
        return _argmax_accuracy if ok else None
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
