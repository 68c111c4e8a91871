"""The playground's state in plain Python: points, network, training and history, changed by the
same commands the widget's buttons send. Nothing here needs Jupyter (tests drive it directly)."""

from __future__ import annotations

import math
from typing import Any

from autograd import no_grad
from autograd.checks import integer

from .data import PointSet
from .features import available, check, expand
from .network import NetworkSpec
from .trainer import Trainer


def _history() -> Any:
    from .. import History  # nn's own: curves a plot helper (nn.plot.plot_history) can draw

    return History(monitor="val_loss")


def _check_model(model: Any, features: list[str]) -> None:
    """A model of your own must take the chosen features and give one output (a score or a value)."""
    if not callable(model) or not hasattr(model, "parameters"):
        raise TypeError(f"model must be an nn model (a Module such as nn.MLP), got {type(model).__name__}")
    nin = getattr(model, "nin", None)
    if isinstance(nin, int) and nin != len(features):
        raise ValueError(f"the model takes {nin} inputs but the features {features} give {len(features)}; "
                         f"pass features=[...] with {nin} of {available(2)}")
    with no_grad():
        output = model([0.0] * len(features))
    if isinstance(output, (list, tuple)) and len(output) != 1:
        raise ValueError(f"the playground trains one output (a score, or the regression's value); "
                         f"this model gives {len(output)}")


def _short_name(model: Any) -> str:
    extra = getattr(model, "extra_repr", None)
    return f"{type(model).__name__}({extra()})" if callable(extra) else type(model).__name__


class PlaygroundState:
    """Everything the dashboard shows. With `model` given, its architecture is fixed (the network
    buttons do not apply) and reset puts back the weights it came with."""

    def __init__(self, model: Any = None, data: str = "moons", *, features: list[str] | None = None,
                 hidden: list[int] | None = None, activation: str = "tanh", n: int = 100,
                 noise: float = 0.1, test_fraction: float = 0.3, optimizer: str = "sgd",
                 lr: float = 0.1, l1: float = 0.0, l2: float = 0.0, batch_size: int = 10,
                 seed: int = 0) -> None:
        self.data = PointSet(data, n=n, noise=noise, test_fraction=test_fraction, seed=seed)
        self.settings = {"optimizer": optimizer, "lr": lr, "l1": l1, "l2": l2, "batch_size": batch_size}
        self.picked: int | None = None
        if model is None:
            chosen = features or available(self.data.dims)[:self.data.dims]
            hidden = [4, 2] if hidden is None else list(hidden)
            self.spec: NetworkSpec | None = NetworkSpec(check(chosen, self.data.dims), hidden,
                                                        [activation] * len(hidden), seed)
            self.features = self.spec.features
        else:
            self.spec = None
            self.features = check(features or available(self.data.dims)[:self.data.dims], self.data.dims)
            _check_model(model, self.features)
            self._given = (model, [p.data for p in model.parameters()])
        self.model_name = "" if model is None else _short_name(model)
        self.reset()

    # ---- training ----------------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to epoch 0: a fresh network from the spec (the same seeded start), or the given
        model's own starting weights; the optimiser and the curves start again."""
        if self.spec is not None:
            self.model = self.spec.build()
        else:
            self.model, weights = self._given
            for p, w in zip(self.model.parameters(), weights):
                p.data, p.grad = w, 0.0
        s = self.settings
        self.trainer = Trainer(self.model, self.data.task, s["optimizer"], s["lr"], s["l1"], s["l2"],
                               s["batch_size"])
        self.history = _history()
        self._record(start=True)

    def split(self, held_out: bool) -> tuple[list[list[float]], list[float]]:
        """The network's inputs (features of each point) and targets, training or test."""
        points, targets, _ = self.data.split(held_out)
        return expand(points, self.features), targets

    def step(self, epochs: int = 1) -> None:
        """Train `epochs` passes over the training points, recording both curves after each."""
        X, y = self.split(False)
        for _ in range(integer("epochs", epochs, low=1)):
            self.history.iterations += self.trainer.epoch(X, y)
            self.history.epochs += 1
            self._record()

    def _record(self, start: bool = False) -> None:
        h = self.history
        for held_out, (loss_key, acc_key) in ((False, ("loss", "accuracy")), (True, ("val_loss", "val_accuracy"))):
            X, y = self.split(held_out)
            if not X:
                continue
            loss, accuracy = self.trainer.measure(X, y)
            for key, value in ((loss_key, loss), (acc_key, accuracy)):
                if value is not None and start:
                    h.start[key] = value
                elif value is not None:
                    getattr(h, key).append(value)

    @property
    def epoch(self) -> int:
        return self.history.epochs

    def losses(self) -> tuple[float, float]:
        """(training loss, test loss) now: the last recorded values (nan when there are no test points)."""
        h = self.history

        def last(key: str) -> float:
            return getattr(h, key)[-1] if getattr(h, key) else h.start.get(key, math.nan)

        return last("loss"), last("val_loss")

    # ---- the controls --------------------------------------------------------------------------------

    def set_data(self, name: str | None = None, noise: float | None = None,
                 test_fraction: float | None = None) -> None:
        """New points (another data set, noise or split); the network starts again."""
        d = self.data
        old = (d.name, d.noise, d.test_fraction)
        d.name, d.noise, d.test_fraction = (name or d.name, d.noise if noise is None else noise,
                                            d.test_fraction if test_fraction is None else test_fraction)
        try:
            self._check_inputs_fit()
            d.regenerate()
        except (ValueError, TypeError):
            d.name, d.noise, d.test_fraction = old
            raise
        if self.spec is not None and not all(f in available(d.dims) for f in self.spec.features):
            self.spec.features = self.features = available(d.dims)[:d.dims]
        self.picked = None
        self.reset()

    def _check_inputs_fit(self) -> None:
        if self.spec is None and any(f not in available(self.data.dims) for f in self.features):
            raise ValueError(f"the model takes {self.features}; the {self.data.name!r} points cannot give them")

    def edit_network(self, action: str, layer: int = 0, value: Any = None) -> None:
        """'add_layer', 'remove_layer', 'add_neuron', 'remove_neuron', 'activation' (value: its
        name) or 'features' (value: the list): the network changes, so training starts again."""
        if self.spec is None:
            raise ValueError("this playground trains the model you passed in; its architecture is fixed")
        actions = {"add_layer": self.spec.add_layer, "remove_layer": self.spec.remove_layer,
                   "add_neuron": lambda: self.spec.resize(layer, +1),
                   "remove_neuron": lambda: self.spec.resize(layer, -1),
                   "activation": lambda: self.spec.set_activation(layer, value),
                   "features": lambda: setattr(self.spec, "features", check(value, self.data.dims))}
        if action not in actions:
            raise ValueError(f"unknown network action {action!r}; choose from {list(actions)}")
        actions[action]()
        self.features = self.spec.features
        self.reset()

    def set_training(self, **changes: Any) -> None:
        """optimizer, lr, l1, l2, batch_size: applied from the next step on (no reset)."""
        unknown = set(changes) - set(self.settings)
        if unknown:
            raise ValueError(f"unknown training settings {sorted(unknown)}; choose from {list(self.settings)}")
        s, t = {**self.settings, **changes}, self.trainer
        if s["optimizer"] != t.optimizer_name:
            t.set_optimizer(s["optimizer"], s["lr"])
        t.set_lr(s["lr"])
        t.set_penalties(s["l1"], s["l2"])
        t.batch_size = integer("batch_size", s["batch_size"], low=1)
        self.settings = s

    def add_point(self, point: list[float], target: float) -> int:
        """A training point where the plot was clicked; the curves go on from here."""
        return self.data.add(point, target)

    def delete_near(self, point: list[float], target: float | None = None) -> int | None:
        """Delete the point nearest to where the plot was shift-clicked; returns its index."""
        index = self.data.nearest(point, target)
        if index is not None:
            self.data.delete(index)
            if self.picked is not None:
                self.picked = None if self.picked == index else self.picked - (self.picked > index)
        return index

    def pick(self, index: int | None) -> None:
        """Choose the point whose path through the network is shown (None: no point)."""
        if index is not None and not 0 <= integer("index", index) < len(self.data.points):
            raise IndexError(f"there is no point {index}; there are {len(self.data.points)}")
        self.picked = index
