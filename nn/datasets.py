"""Toy data sets made from a seed, no downloads: logic gates, moons, circles, spirals, blobs, 1-D.

Every generator is pure Python (``random.Random(seed)``) and returns ``(X, y)`` with ``X`` a list of
samples, each a list of float features, and ``y`` a list of labels (ints) or targets (floats).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from autograd.checks import integer, is_integer, real

__all__ = [
    "make_and", "make_or", "make_xor", "make_moons", "make_circles", "make_spirals", "make_blobs",
    "make_regression_1d",
]

_GATE_INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]


def _linspace(start: float, stop: float, n: int, endpoint: bool = True) -> list[float]:
    """Like numpy.linspace: n evenly spaced points from start to stop."""
    if n == 1:
        return [float(start)]
    step = (stop - start) / (n - 1 if endpoint else n)
    return [start + i * step for i in range(n)]


def _signed(labels: list[int], signed: bool) -> list[int]:
    # micrograd's demo trains a hinge loss on y*2 - 1, i.e. labels in {-1, +1}.
    return [2 * t - 1 for t in labels] if signed else labels


def _finish(X: list[list[float]], y: list, rng: random.Random, shuffle: bool, noise: float):
    """Shuffle samples (keeping X and y paired), then add noise N(0, noise^2) to every feature."""
    order = list(range(len(X)))
    if shuffle:
        rng.shuffle(order)
    X = [[v + rng.gauss(0.0, noise) if noise else v for v in X[i]] for i in order]
    return X, [y[i] for i in order]


def _gate(outputs: list[int], signed: bool) -> tuple[list[list[float]], list[int]]:
    return [row[:] for row in _GATE_INPUTS], _signed(list(outputs), signed)


def make_and(signed: bool = False) -> tuple[list[list[float]], list[int]]:
    """The AND truth table: (0,0), (0,1), (1,0), (1,1) -> 0, 0, 0, 1 (or -1/+1 when signed)."""
    return _gate([0, 0, 0, 1], signed)


def make_or(signed: bool = False) -> tuple[list[list[float]], list[int]]:
    """The OR truth table: (0,0), (0,1), (1,0), (1,1) -> 0, 1, 1, 1 (or -1/+1 when signed)."""
    return _gate([0, 1, 1, 1], signed)


def make_xor(signed: bool = False) -> tuple[list[list[float]], list[int]]:
    """The XOR truth table: (0,0), (0,1), (1,0), (1,1) -> 0, 1, 1, 0 (or -1/+1 when signed)."""
    return _gate([0, 1, 1, 0], signed)


def make_moons(n_samples: int = 100, noise: float | None = None, seed: int | None = 0,
               signed: bool = False, shuffle: bool = True) -> tuple[list[list[float]], list[int]]:
    """Two interleaving half circles, as sklearn.datasets.make_moons.

    Upper moon (label 0): (cos t, sin t); lower moon (label 1): (1 - cos t, 0.5 - sin t), with t
    evenly in [0, pi]; n_samples // 2 points in the upper moon, the rest in the lower.
    ``signed=True`` gives labels -1/+1 instead of 0/1.
    """
    integer("n_samples", n_samples, low=1)
    noise = real("noise", noise, low=0, none_ok=True) or 0.0
    n_out = n_samples // 2
    n_in = n_samples - n_out
    X = [[math.cos(t), math.sin(t)] for t in _linspace(0.0, math.pi, n_out)] if n_out else []
    X += [[1.0 - math.cos(t), 1.0 - math.sin(t) - 0.5] for t in _linspace(0.0, math.pi, n_in)]
    y = [0] * n_out + [1] * n_in
    X, y = _finish(X, y, random.Random(seed), shuffle, noise)
    return X, _signed(y, signed)


def make_circles(n_samples: int = 100, noise: float | None = None, factor: float = 0.8,
                 seed: int | None = 0, signed: bool = False,
                 shuffle: bool = True) -> tuple[list[list[float]], list[int]]:
    """A unit circle (label 0) around one of radius ``factor`` (label 1), like sklearn's."""
    integer("n_samples", n_samples, low=1)
    noise = real("noise", noise, low=0, none_ok=True) or 0.0
    factor = real("factor", factor, low=0, high=1, high_open=True)
    n_out = n_samples // 2
    n_in = n_samples - n_out
    X = [[math.cos(t), math.sin(t)] for t in _linspace(0, 2 * math.pi, n_out, endpoint=False)]
    X += [[factor * math.cos(t), factor * math.sin(t)]
          for t in _linspace(0, 2 * math.pi, n_in, endpoint=False)]
    y = [0] * n_out + [1] * n_in
    X, y = _finish(X, y, random.Random(seed), shuffle, noise)
    return X, _signed(y, signed)


def _class_sizes(n_samples: int, n_classes: int) -> list[int]:
    # As sklearn: split evenly, the first n_samples % n_classes classes get one extra sample.
    return [n_samples // n_classes + (k < n_samples % n_classes) for k in range(n_classes)]


def make_spirals(n_samples: int = 100, n_classes: int = 2, noise: float | None = 0.2,
                 seed: int | None = 0, signed: bool = False,
                 shuffle: bool = True) -> tuple[list[list[float]], list[int]]:
    """Interleaved spiral arms, one per class (the CS231n spiral data).

    Arm k: radius r evenly in [0, 1], angle t = 4k + 4r + N(0, noise^2); point (r sin t, r cos t).
    The noise goes on the angle, so it scales with the radius. ``signed`` needs ``n_classes == 2``.
    """
    integer("n_samples", n_samples, low=1)
    integer("n_classes", n_classes, low=2)
    noise = real("noise", noise, low=0, none_ok=True) or 0.0
    if signed and n_classes != 2:
        raise ValueError(f"signed=True needs n_classes == 2, got {n_classes}")
    rng = random.Random(seed)
    X: list[list[float]] = []
    y: list[int] = []
    for k, size in enumerate(_class_sizes(n_samples, n_classes)):
        for r in _linspace(0.0, 1.0, size):
            t = 4.0 * k + 4.0 * r + (rng.gauss(0.0, noise) if noise else 0.0)
            X.append([r * math.sin(t), r * math.cos(t)])
            y.append(k)
    X, y = _finish(X, y, rng, shuffle, 0.0)
    return X, _signed(y, signed)


def make_blobs(n_samples: int = 100, centers: int | Sequence[Sequence[float]] = 3,
               n_features: int = 2, cluster_std: float = 1.0,
               center_box: tuple[float, float] = (-10.0, 10.0), seed: int | None = 0,
               shuffle: bool = True) -> tuple[list[list[float]], list[int]]:
    """Isotropic Gaussian blobs for multi-class classification, as sklearn's make_blobs.

    ``centers`` is a count (drawn uniformly in ``center_box`` per feature) or a list of centre
    points; class k's samples are centre_k + N(0, cluster_std^2) per feature, labels 0..k-1.
    """
    integer("n_samples", n_samples, low=1)
    rng = random.Random(seed)
    if is_integer(centers):
        integer("centers", centers, low=1)
        integer("n_features", n_features, low=1)
        low, high = center_box
        points = [[rng.uniform(low, high) for _ in range(n_features)] for _ in range(centers)]
    else:
        points = [[float(v) for v in c] for c in centers]
        if not points or len({len(c) for c in points}) != 1 or not points[0]:
            raise ValueError("centers must be a count or a non-empty list of equal-length points")
    std = real("cluster_std", cluster_std, low=0, none_ok=True) or 0.0
    X: list[list[float]] = []
    y: list[int] = []
    for k, size in enumerate(_class_sizes(n_samples, len(points))):
        X += [[c + rng.gauss(0.0, std) for c in points[k]] for _ in range(size)]
        y += [k] * size
    return _finish(X, y, rng, shuffle, 0.0)


def make_regression_1d(n_samples: int = 50, noise: float | None = 0.1, seed: int | None = 0,
                       x_range: tuple[float, float] = (-3.0, 3.0),
                       fn: Callable[[float], float] = math.sin,
                       ) -> tuple[list[list[float]], list[float]]:
    """A 1-D regression set: x evenly spaced in ``x_range``, t = fn(x) + N(0, noise^2).

    The samples stay in order of x, which makes the curve easy to plot.

    Returns X = [[x1], [x2], ...] (one feature per sample) and y = [t1, t2, ...].
    """
    integer("n_samples", n_samples, low=1)
    noise = real("noise", noise, low=0, none_ok=True) or 0.0
    rng = random.Random(seed)
    xs = _linspace(float(x_range[0]), float(x_range[1]), n_samples)
    return [[x] for x in xs], [float(fn(x)) + (rng.gauss(0.0, noise) if noise else 0.0) for x in xs]


# Images for convolution: glyphs live in their own module (templates, shifts, noise).
from .glyphs import DIGITS, GLYPHS, SHAPES, make_glyphs  # noqa: E402

__all__ += ["make_glyphs", "GLYPHS", "SHAPES", "DIGITS"]
