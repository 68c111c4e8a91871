"""History: what ``fit`` saw, one entry per epoch, and its curves ready to plot."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["History"]


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

