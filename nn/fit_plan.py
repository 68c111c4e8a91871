"""What fit's eager loop (nn.train) and its compiled replay (nn.compiled_fit) share: the Plan (fit's
arguments, checked), the objective both minimise, and the model held in training or eval mode."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from autograd import Value

from .fit_options import Stopping

__all__ = ["Plan", "objective", "model_mode"]


@dataclass(frozen=True)
class Plan:
    """Everything fit needs, checked before any weight changes."""

    model: Any
    optimizer: Any
    params: list
    loss_fn: Callable
    extra: Callable | None  # penalty(model) + the weight-decay term, added to the loss; None for none
    accuracy_fn: Callable | None
    train: tuple[list, list]
    val: tuple[list, list]
    epochs: int
    batch_size: int
    shuffle: bool  # only when there are mini-batches to reorder
    rng: random.Random
    scheduler: Any
    stopping: Stopping
    restore_best_weights: bool
    progress: bool
    compile: bool


def objective(loss_fn: Callable, preds: list, targets: list, extra: Callable | None,
              model: Any) -> Value:
    """loss_fn(preds, targets) + extra(model): what fit minimises, and what it reports as the loss."""
    value = loss_fn(preds, targets)
    if not isinstance(value, Value):
        raise TypeError(f"the loss must return a Value, got {type(value).__name__} {value!r}")
    return value + extra(model) if extra is not None else value


@contextmanager
def model_mode(model: Any, training: bool) -> Iterator[None]:
    """The model in training (dropout on) or eval mode for a while, then in the mode it had, also
    after an error or an interrupt. A model without modes (``.training`` and ``train()``) is left alone."""
    was_training = getattr(model, "training", None)
    switch = getattr(model, "train", None)
    has_modes = was_training is not None and callable(switch)
    if has_modes:
        switch(training)
    try:
        yield
    finally:
        if has_modes:
            switch(was_training)
