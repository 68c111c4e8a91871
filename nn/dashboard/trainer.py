"""Training in the playground: an epoch at a time over the training points, in fixed mini-batches,
each batch's graph traced once and replayed as float code (``autograd.compile``), the eager
``loss.backward()`` for models a replay cannot follow (dropout, batch norm, Python branches).
"""

from __future__ import annotations

import math
from typing import Any

from autograd import GraphDependsOnData, Value, no_grad
from autograd import compile as trace
from autograd.checks import integer, one_of, real

from .. import losses, optim
from ..regularization import BatchNorm1d, Dropout

OPTIMIZERS = {"sgd": lambda ps, lr: optim.SGD(ps, lr=lr),
              "momentum": lambda ps, lr: optim.SGD(ps, lr=lr, momentum=0.9),
              "adam": lambda ps, lr: optim.Adam(ps, lr=lr),
              "rmsprop": lambda ps, lr: optim.RMSprop(ps, lr=lr)}
# Classification trains the output as a logit (p = sigmoid(score)); regression as the prediction.
LOSSES = {"classification": losses.binary_cross_entropy_with_logits, "regression": losses.mse_loss}


def one_output(output: Any) -> Value:
    """A model's single output; a list of one (Sequential's last Layer(..., 1) gives a Value) too."""
    return output[0] if isinstance(output, (list, tuple)) else output


def replayable(model: Any) -> bool:
    """Whether a traced graph can stand for every forward: no random masks, no running statistics."""
    modules = getattr(model, "named_modules", None)
    return modules is None or not any(isinstance(m, (Dropout, BatchNorm1d)) for _, m in modules())


class Trainer:
    """One model, its optimiser and penalties; ``epoch(X, y)`` trains, ``measure(X, y)`` evaluates.

    objective = loss(outputs, targets) + l1 * sum |p| + l2 / 2 * sum p^2   (over all parameters)
    """

    def __init__(self, model: Any, task: str, optimizer: str = "sgd", lr: float = 0.03,
                 l1: float = 0.0, l2: float = 0.0, batch_size: int = 10) -> None:
        self.model, self.task = model, one_of("task", task, tuple(LOSSES))
        self.loss_fn = LOSSES[task]
        self.params = list(model.parameters())
        self.replay = replayable(model)  # False: eager forward and backward every time
        self._replays: dict[tuple, Any] = {}
        self.l1 = self.l2 = 0.0
        self.set_penalties(l1, l2)
        self.batch_size = integer("batch_size", batch_size, low=1)
        self.set_optimizer(optimizer, lr)

    def set_optimizer(self, name: str, lr: float) -> None:
        """A new optimiser (what it remembered, e.g. Adam's moments, starts again)."""
        self.optimizer_name = one_of("optimizer", name, tuple(OPTIMIZERS))
        self.lr = real("lr", lr, low=0, low_open=True)
        self.optimizer = OPTIMIZERS[name](self.params, self.lr)

    def set_lr(self, lr: float) -> None:
        """The learning rate for the next steps; the optimiser keeps its memory."""
        self.lr = real("lr", lr, low=0, low_open=True)
        for group in self.optimizer.param_groups:
            group["lr"] = self.lr

    def set_penalties(self, l1: float, l2: float) -> None:
        l1, l2 = real("l1", l1, low=0), real("l2", l2, low=0)
        if (l1, l2) != (self.l1, self.l2):
            self._replays.clear()  # the strengths are constants inside the traced graphs
        self.l1, self.l2 = l1, l2

    def objective(self, outputs: list, targets: list[float], penalised: bool = True) -> Value:
        loss = self.loss_fn(outputs, targets)
        if penalised and self.l1:
            loss = loss + self.l1 * losses.l1_penalty(self.params)
        if penalised and self.l2:
            loss = loss + self.l2 / 2 * losses.l2_penalty(self.params)
        return loss

    def _compiled(self, X: list, y: list[float], penalised: bool) -> Any:
        """The replay of this batch's loss (targets are constants in it; the inputs are not)."""
        key = (penalised, tuple(y))
        if key not in self._replays:
            def loss_of(xs: list) -> tuple[Value, list]:
                outputs = [one_output(self.model(x)) for x in xs]
                return self.objective(outputs, y, penalised), outputs
            try:
                self._replays[key] = trace(loss_of, self.params, X, mode="tables")
            except GraphDependsOnData:
                self.replay = False  # the model branches in Python: every forward builds its own graph
                return None
        return self._replays[key]

    def step(self, X: list, y: list[float]) -> None:
        """One optimiser step on one batch."""
        self.optimizer.zero_grad()
        compiled = self._compiled(X, y, True) if self.replay else None
        if compiled is not None:
            compiled(X)
        else:
            self.objective([one_output(self.model(x)) for x in X], y).backward()
        self.optimizer.step()

    def epoch(self, X: list, y: list[float]) -> int:
        """One pass over (X, y) in batches of batch_size, in order; returns the number of steps."""
        size = min(self.batch_size, len(X))
        for start in range(0, len(X), size):
            self.step(X[start:start + size], y[start:start + size])
        return math.ceil(len(X) / size)

    def measure(self, X: list, y: list[float]) -> tuple[float, float | None]:
        """(loss without the penalties, accuracy or None for regression) on (X, y)."""
        if not X:
            return math.nan, None
        compiled = self._compiled(X, y, False) if self.replay else None
        if compiled is not None:
            loss, outputs = compiled.forward(X)
        else:
            with no_grad():
                outputs = [one_output(self.model(x)) for x in X]
                loss = self.objective(outputs, y, False).data
            outputs = [o.data for o in outputs]
        if self.task == "regression":
            return loss, None
        return loss, sum((s > 0) == (t > 0.5) for s, t in zip(outputs, y)) / len(y)
