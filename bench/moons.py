"""Two interleaving half-moons in pure Python: the data set of micrograd's demo notebook.

Follows scikit-learn's make_moons (outer arc, inner arc shifted by (1, -0.5), Gaussian noise), so
the benchmark needs neither numpy nor scikit-learn.
"""

from __future__ import annotations

import math
import random


def make_moons(
    n_samples: int = 100, noise: float = 0.1, seed: int = 1337
) -> tuple[list[list[float]], list[float]]:
    """Return (X, y): n_samples points [x1, x2] and labels y in {-1.0, +1.0} (the hinge loss wants +-1).

    Outer moon: (cos t, sin t); inner moon: (1 - cos t, 1 - sin t - 0.5), t evenly spaced on [0, pi];
    then the points are shuffled and N(0, noise^2) is added to every coordinate.
    """
    if not isinstance(n_samples, int) or n_samples < 2:
        raise ValueError(f"make_moons needs an integer n_samples >= 2, got {n_samples!r}")
    if noise < 0:
        raise ValueError(f"make_moons needs noise >= 0, got {noise!r}")
    rng = random.Random(seed)
    n_out = n_samples // 2
    n_in = n_samples - n_out

    def arc(n: int) -> list[float]:
        # same spacing as numpy.linspace(0, pi, n)
        return [math.pi * i / (n - 1) if n > 1 else 0.0 for i in range(n)]

    points = [([math.cos(t), math.sin(t)], -1.0) for t in arc(n_out)]
    points += [([1.0 - math.cos(t), 1.0 - math.sin(t) - 0.5], 1.0) for t in arc(n_in)]
    rng.shuffle(points)
    X = [[x1 + rng.gauss(0.0, noise), x2 + rng.gauss(0.0, noise)] for (x1, x2), _ in points]
    y = [label for _, label in points]
    return X, y
