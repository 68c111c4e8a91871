"""Learning-rate schedules: step decay, exponential decay, 1/t decay, and any function of the epoch.

Each wraps an optimiser, as ``torch.optim.lr_scheduler`` does: call ``scheduler.step()`` once per
epoch, after ``optimizer.step()``; it writes the new rate into every parameter group's ``'lr'``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from autograd.checks import integer, is_real, real

__all__ = ["LRScheduler", "StepLR", "ExponentialLR", "InverseTimeLR", "LambdaLR"]


class LRScheduler:
    """Base class: lr_t at t = ``last_epoch`` (0 before the first ``step()``) from each initial lr.

    The initial rate is remembered in each group as ``'initial_lr'`` (as PyTorch does), so a
    schedule always starts from the rate the optimiser had when the first schedule was made.
    """

    def __init__(self, optimizer: Any) -> None:
        if not hasattr(optimizer, "param_groups"):
            raise TypeError(f"a schedule needs an optimizer, got {type(optimizer).__name__}")
        self.optimizer = optimizer
        self.base_lrs: list[float] = []
        self.last_epoch = 0
        self._set_lrs()

    def _join_new_groups(self) -> None:
        """A group added to the optimiser after this schedule was made follows it from its own lr."""
        for group in self.optimizer.param_groups[len(self.base_lrs):]:
            group.setdefault("initial_lr", group["lr"])
            self.base_lrs.append(group["initial_lr"])

    def lr_at(self, base_lr: float, t: int) -> float:
        """The learning rate at epoch t for a group that started at base_lr."""
        raise NotImplementedError

    def _set_lrs(self) -> None:
        self._join_new_groups()
        lrs = [self._checked_lr(base_lr, self.last_epoch) for base_lr in self.base_lrs]  # all, before any is set
        for group, lr in zip(self.optimizer.param_groups, lrs, strict=True):
            group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]

    def _checked_lr(self, base_lr: float, t: int) -> float:
        """lr_at(base_lr, t), refused when it is negative or not a finite number: a negative rate climbs the loss."""
        lr = self.lr_at(base_lr, t)
        if not is_real(lr) or not (math.isfinite(lr) and lr >= 0):
            raise ValueError(f"{type(self).__name__} would set the learning rate to {lr!r} at epoch {t} "
                             f"(from {base_lr}); a learning rate must be a finite number >= 0 (a negative one "
                             "climbs the loss). Keep the schedule >= 0, e.g. "
                             "LambdaLR(opt, lambda k: max(0.1, 1 - 0.9 * k / 100)), or stop earlier")
        return float(lr)

    def check_ahead(self, steps: int) -> None:
        """Raise now if any of the next `steps` calls to step() would set an invalid rate (fit uses this)."""
        self._join_new_groups()
        for t in range(self.last_epoch + 1, self.last_epoch + steps + 1):
            for base_lr in self.base_lrs:
                self._checked_lr(base_lr, t)

    def step(self) -> None:
        """Advance one epoch and set each group's lr to lr_t."""
        self.last_epoch += 1
        self._set_lrs()

    def get_last_lr(self) -> list[float]:
        """The learning rate of each parameter group, as last set by this schedule."""
        return list(self._last_lr)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(last_epoch={self.last_epoch}, lr={self._last_lr})"


class StepLR(LRScheduler):
    """Step decay: multiply the rate by gamma every ``step_size`` epochs.

    lr_t = lr_0 * gamma ** floor(t / step_size)
    """

    def __init__(self, optimizer: Any, step_size: int, gamma: float = 0.1) -> None:
        self.step_size = integer("step_size", step_size, low=1)
        self.gamma = real("gamma", gamma, low=0, low_open=True)
        super().__init__(optimizer)

    def lr_at(self, base_lr: float, t: int) -> float:
        return base_lr * self.gamma ** (t // self.step_size)


class ExponentialLR(LRScheduler):
    """Exponential decay: multiply the rate by gamma every epoch.

    lr_t = lr_0 * gamma ** t
    """

    def __init__(self, optimizer: Any, gamma: float) -> None:
        self.gamma = real("gamma", gamma, low=0, low_open=True)
        super().__init__(optimizer)

    def lr_at(self, base_lr: float, t: int) -> float:
        return base_lr * self.gamma**t


class InverseTimeLR(LRScheduler):
    """1/t decay: the rate falls like the inverse of the epoch count.

    lr_t = lr_0 / (1 + decay * t)
    """

    def __init__(self, optimizer: Any, decay: float) -> None:
        self.decay = real("decay", decay, low=0)
        super().__init__(optimizer)

    def lr_at(self, base_lr: float, t: int) -> float:
        return base_lr / (1 + self.decay * t)


class LambdaLR(LRScheduler):
    """Any schedule: the initial rate times a function of the epoch.

    lr_t = lr_0 * lr_lambda(t)      e.g. micrograd's demo: lr_lambda = lambda t: 1.0 - 0.9 * t / 100
    """

    def __init__(self, optimizer: Any, lr_lambda: Callable[[int], float]) -> None:
        if not callable(lr_lambda):
            raise TypeError(f"lr_lambda must be a function of the epoch, "
                            f"got {type(lr_lambda).__name__}")
        self.lr_lambda = lr_lambda
        super().__init__(optimizer)

    def lr_at(self, base_lr: float, t: int) -> float:
        return base_lr * self.lr_lambda(t)
