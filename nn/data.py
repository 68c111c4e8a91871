"""Samples as fit, evaluate, predict and gradcheck take them: checked (a clear error for a string, a
ragged sample, a nan), split into training and validation, and run through a model as one batch."""

from __future__ import annotations

import numbers
import random
from collections.abc import Sequence
from typing import Any

from autograd.checks import real

from .fit_checks import check_finite_features, check_finite_targets, from_numpy

__all__ = ["input_size", "check_samples", "check_data", "split_validation", "batch_outputs"]


def input_size(model: Any) -> int | None:
    """The number of input features the model takes, when it says (MLP.nin, Layer.nin, Neuron.w)."""
    for part in (model, *(getattr(model, "layers", None) or [])[:1]):
        if isinstance(getattr(part, "nin", None), int):
            return part.nin
    w = getattr(model, "w", None)
    return len(w) if isinstance(w, list) else None


def check_samples(X: Any, nin: int | None, what: str = "X") -> list:
    """X as a list of samples, each a list of `nin` finite numbers (any width, the same for all, when nin is None)."""
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


def check_data(X: Any, y: Any, nin: int | None, what: str = "X") -> tuple[list, list]:
    """(samples, targets), checked: one finite target per sample."""
    y = from_numpy(y)
    if isinstance(y, (str, bytes)) or not isinstance(y, Sequence):
        raise TypeError(f"y for {what} must be a list of targets, got {type(y).__name__}")
    X = check_samples(X, nin, what)
    if len(X) != len(y):
        raise ValueError(f"{what} has {len(X)} samples but its y has {len(y)} targets")
    y = [from_numpy(t) for t in y]
    check_finite_targets(y, what)
    return X, y


def split_validation(X: list, y: list, fraction: Any, validation_data: Any, rng: random.Random,
                     nin: int | None) -> tuple[tuple[list, list], tuple[list, list]]:
    """(training, validation) samples: a seeded random fraction held out, or the data given."""
    fraction = real("validation_split", fraction, low=0, high=1, high_open=True)
    if validation_data is not None:
        if fraction:
            raise ValueError("give validation_split or validation_data, not both")
        if not (isinstance(validation_data, (tuple, list)) and len(validation_data) == 2):
            raise TypeError("validation_data must be a pair (X_val, y_val)")
        return (X, y), check_data(*validation_data, nin, what="validation X")
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


def batch_outputs(model: Any, X: list) -> list:
    """The model's outputs for a batch (all at once when it is a Module, for batch normalisation)."""
    forward_batch = getattr(model, "forward_batch", None)
    return forward_batch(X) if forward_batch is not None else [model(x) for x in X]
