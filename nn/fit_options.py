"""fit's options as one frozen dataclass: every option is a named, typed field read as an attribute,
so a misspelt name fails where it is written (fit's keywords, FitOptions(...)), never deep in the loop."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from autograd import Value
from autograd.checks import integer, real

from .history import History

__all__ = ["FitOptions", "Stopping"]


@dataclass(frozen=True)
class Stopping:
    """When to stop, besides running out of epochs (see fit's docstring); checked by FitOptions.stopping()."""

    loss_threshold: float | None
    error_rate_threshold: float | None
    weight_change_threshold: float | None
    patience: int | None
    min_delta: float
    callback: Callable[[int, History], bool | None] | None


@dataclass(frozen=True)
class FitOptions:
    """Everything fit takes besides the model, the data, the loss and the optimiser (see fit's docstring).

    fit(model, X, y, loss, optimizer, epochs=50, shuffle=False) builds FitOptions(epochs=50, shuffle=False);
    fit checks each value, in the order a student meets them, before any weight changes."""

    epochs: int = 100
    batch_size: int | None = None  # None: full batch; 1: per-sample SGD; k: mini-batches of k
    shuffle: bool = True
    seed: int | None = 0
    validation_split: float = 0.0
    validation_data: tuple[Sequence, Sequence] | None = None
    penalty: Callable[[Any], Value | float] | None = None
    weight_decay: float = 0.0
    scheduler: Any = None
    accuracy: str | Callable | None = "auto"
    loss_threshold: float | None = None
    error_rate_threshold: float | None = None
    weight_change_threshold: float | None = None
    patience: int | None = None
    min_delta: float = 0.0
    restore_best_weights: bool = True
    progress: bool = True
    callback: Callable[[int, History], bool | None] | None = None
    compile: bool = False

    def stopping(self) -> Stopping:
        """The stopping criteria, checked."""
        return Stopping(
            loss_threshold=real("loss_threshold", self.loss_threshold, low=0, finite=False, none_ok=True),
            error_rate_threshold=real("error_rate_threshold", self.error_rate_threshold, low=0, high=1,
                                      none_ok=True),
            weight_change_threshold=real("weight_change_threshold", self.weight_change_threshold, low=0,
                                         finite=False, none_ok=True),
            patience=integer("patience", self.patience, low=1, none_ok=True),
            min_delta=real("min_delta", self.min_delta, low=0, finite=False, none_ok=True) or 0.0,
            callback=self.callback)
