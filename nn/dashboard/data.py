"""The playground's points: a named data set with noise, split into training and test points, that
a click can add to and a shift-click can delete from.

Classification points carry labels 0/1 (two classes); the 1-D regression carries float targets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from autograd.checks import integer, one_of, real

from .. import datasets

DATASETS = ("moons", "circles", "xor", "spirals", "blobs", "regression")


def generate(name: str, n: int, noise: float, seed: int) -> tuple[list[list[float]], list[float]]:
    """(points, labels or targets) of a named data set; `noise` is the spread added to the shape."""
    if name == "moons":
        return datasets.make_moons(n, noise=noise, seed=seed)
    if name == "circles":
        return datasets.make_circles(n, noise=noise, factor=0.5, seed=seed)
    if name == "spirals":
        return datasets.make_spirals(n, noise=noise, seed=seed)
    if name == "blobs":
        return datasets.make_blobs(n, centers=[[-1.0, -1.0], [1.0, 1.0]], cluster_std=0.3 + noise, seed=seed)
    if name == "regression":
        return datasets.make_regression_1d(n, noise=noise, seed=seed)
    # xor, as the playgrounds draw it: points anywhere in the square, the class is the quadrant's sign
    rng = random.Random(seed)
    points = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(n)]
    labels = [int((a > 0) != (b > 0)) for a, b in points]
    return [[a + rng.gauss(0, noise), b + rng.gauss(0, noise)] for a, b in points], labels


def _extent(points: list[list[float]], targets: list[float], dims: int) -> list[float]:
    """[x_lo, x_hi, y_lo, y_hi] of the plot: the points with a margin (regression: x and target)."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points] if dims == 2 else list(targets)
    box = []
    for values in (xs, ys):
        lo, hi = min(values), max(values)
        pad = 0.15 * max(hi - lo, 1e-6)
        box += [round(lo - pad, 3), round(hi + pad, 3)]
    return box


@dataclass
class PointSet:
    """The points on the plot. ``test[i]`` says whether point i is held out (not trained on)."""

    name: str = "moons"
    n: int = 100
    noise: float = 0.1
    test_fraction: float = 0.3
    seed: int = 0
    points: list[list[float]] = field(default_factory=list)
    targets: list[float] = field(default_factory=list)
    test: list[bool] = field(default_factory=list)
    extent: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.regenerate()

    @property
    def task(self) -> str:
        return "regression" if self.name == "regression" else "classification"

    @property
    def dims(self) -> int:
        return 1 if self.name == "regression" else 2

    def regenerate(self) -> None:
        """New points from the settings; a seeded shuffle holds out `test_fraction` of them."""
        one_of("data", self.name, DATASETS)
        integer("n (the number of points)", self.n, low=4)
        real("noise", self.noise, low=0)
        real("test_fraction", self.test_fraction, low=0, high=0.9)
        X, y = generate(self.name, self.n, self.noise, self.seed)
        self.points, self.targets = [list(map(float, p)) for p in X], [float(t) for t in y]
        held = set(random.Random(self.seed + 1).sample(range(len(X)), int(len(X) * self.test_fraction)))
        self.test = [i in held for i in range(len(X))]
        self.extent = _extent(self.points, self.targets, self.dims)

    def split(self, held_out: bool) -> tuple[list[list[float]], list[float], list[int]]:
        """(points, targets, their indices) of the training (False) or test (True) points."""
        idx = [i for i, t in enumerate(self.test) if t == held_out]
        return [self.points[i] for i in idx], [self.targets[i] for i in idx], idx

    def add(self, point: list[float], target: float) -> int:
        """A new training point (the regression's point is [x] with target y); returns its index."""
        point = [real("the point's coordinates", v) for v in point]
        if len(point) != self.dims:
            raise ValueError(f"a point of {self.name!r} has {self.dims} coordinate(s), got {len(point)}")
        if self.task == "classification" and target not in (0, 1):
            raise ValueError(f"a class is 0 or 1, got {target!r}")
        self.points.append(point)
        self.targets.append(float(target))
        self.test.append(False)
        return len(self.points) - 1

    def nearest(self, point: list[float], target: float | None = None) -> int | None:
        """The index of the point nearest to `point` (on the plot: x and, for regression, the target)."""
        if not self.points:
            return None
        where = point if self.dims == 2 else [point[0], target if target is not None else 0.0]

        def distance(i: int) -> float:
            p = self.points[i] if self.dims == 2 else [self.points[i][0], self.targets[i]]
            return (p[0] - where[0]) ** 2 + (p[1] - where[1]) ** 2

        return min(range(len(self.points)), key=distance)

    def delete(self, index: int) -> None:
        """Remove point `index`; the last training point stays (there must be something to fit)."""
        if not 0 <= index < len(self.points):
            raise IndexError(f"there is no point {index}; there are {len(self.points)}")
        if not self.test[index] and self.test.count(False) == 1:
            raise ValueError("this is the last training point; add another before deleting it")
        for column in (self.points, self.targets, self.test):
            del column[index]
