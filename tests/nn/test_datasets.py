"""Toy data sets: deterministic from the seed, shaped right, labelled right, bad sizes rejected."""

import math

import pytest

from nn import datasets
from nn.datasets import (
    make_and,
    make_blobs,
    make_circles,
    make_moons,
    make_or,
    make_regression_1d,
    make_spirals,
    make_xor,
)

SEEDED = [
    lambda seed: make_moons(60, noise=0.1, seed=seed),
    lambda seed: make_circles(60, noise=0.05, seed=seed),
    lambda seed: make_spirals(60, n_classes=3, seed=seed),
    lambda seed: make_blobs(60, centers=4, seed=seed),
    lambda seed: make_regression_1d(60, noise=0.2, seed=seed),
]


def test_logic_gates_truth_tables():
    inputs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    assert make_and() == (inputs, [0, 0, 0, 1])
    assert make_or() == (inputs, [0, 1, 1, 1])
    assert make_xor() == (inputs, [0, 1, 1, 0])
    assert make_xor(signed=True) == (inputs, [-1, 1, 1, -1])
    X, _ = make_xor()
    X[0][0] = 5.0  # each call returns fresh lists
    assert make_xor()[0][0] == [0.0, 0.0]


@pytest.mark.parametrize("make", SEEDED)
def test_same_seed_same_data_other_seed_other_data(make):
    assert make(3) == make(3)
    assert make(3) != make(4)


@pytest.mark.parametrize("make", SEEDED)
def test_shapes_and_types(make):
    X, y = make(0)
    assert len(X) == len(y) == 60
    width = len(X[0])
    assert all(isinstance(row, list) and len(row) == width for row in X)
    assert all(isinstance(v, float) for row in X for v in row)


def test_moons_without_noise_lie_on_two_half_circles():
    X, y = make_moons(10, seed=1)
    assert sorted(y) == [0] * 5 + [1] * 5 and y != sorted(y)  # shuffled
    for (a, b), label in zip(X, y, strict=True):
        cx, cy = (0.0, 0.0) if label == 0 else (1.0, 0.5)
        assert math.hypot(a - cx, b - cy) == pytest.approx(1.0)
        assert (b >= -1e-12) if label == 0 else (b <= 0.5 + 1e-12)
    X0, y0 = make_moons(4, shuffle=False)
    assert X0[0] == pytest.approx([1.0, 0.0]) and X0[1] == pytest.approx([-1.0, 0.0], abs=1e-15)
    assert y0 == [0, 0, 1, 1]


def test_moons_signed_labels_and_odd_count():
    X, y = make_moons(101, noise=0.1, seed=2, signed=True)
    assert sorted(set(y)) == [-1, 1] and y.count(-1) == 50 and y.count(1) == 51
    assert make_moons(101, noise=0.1, seed=2)[1] == [(t + 1) // 2 for t in y]


def test_circles_radii():
    X, y = make_circles(20, factor=0.5, seed=0)
    radii = {label: {round(math.hypot(*x), 12) for x, t in zip(X, y, strict=True) if t == label}
             for label in (0, 1)}
    assert radii == {0: {1.0}, 1: {0.5}}
    with pytest.raises(ValueError, match="factor"):
        make_circles(10, factor=1.0)


def test_spirals_classes_and_radius():
    X, y = make_spirals(31, n_classes=3, seed=0)
    assert [y.count(k) for k in range(3)] == [11, 10, 10]
    assert max(math.hypot(*x) for x in X) == pytest.approx(1.0)
    assert sorted(set(make_spirals(10, signed=True)[1])) == [-1, 1]
    with pytest.raises(ValueError, match="n_classes == 2"):
        make_spirals(30, n_classes=3, signed=True)


def test_blobs_are_centred_on_their_centres():
    centres = [[-5.0, 0.0], [5.0, 5.0]]
    X, y = make_blobs(400, centers=centres, cluster_std=0.5, seed=0)
    for k, centre in enumerate(centres):
        points = [x for x, t in zip(X, y, strict=True) if t == k]
        assert len(points) == 200
        mean = [sum(p[i] for p in points) / len(points) for i in range(2)]
        assert mean == pytest.approx(centre, abs=0.15)
    X3, y3 = make_blobs(30, centers=3, n_features=5, seed=1)
    assert len(X3[0]) == 5 and sorted(set(y3)) == [0, 1, 2]


def test_regression_1d_follows_the_function():
    X, y = make_regression_1d(5, noise=0, x_range=(0.0, 2.0), fn=lambda x: 3 * x + 1)
    assert X == [[0.0], [0.5], [1.0], [1.5], [2.0]]
    assert y == [1.0, 2.5, 4.0, 5.5, 7.0]
    X, y = make_regression_1d(200, noise=0.1, seed=0)
    residuals = [t - math.sin(x[0]) for x, t in zip(X, y, strict=True)]
    assert 0.07 < math.sqrt(sum(r * r for r in residuals) / 200) < 0.13


@pytest.mark.parametrize("call,error,word", [
    (lambda: make_moons(0), ValueError, "n_samples"),
    (lambda: make_moons(10.0), TypeError, "n_samples"),
    (lambda: make_moons(True), TypeError, "n_samples"),
    (lambda: make_moons(10, noise=-0.1), ValueError, "noise"),
    (lambda: make_moons(10, noise="lots"), TypeError, "noise"),
    (lambda: make_spirals(10, n_classes=1), ValueError, "n_classes"),
    (lambda: make_blobs(10, centers=0), ValueError, "centers"),
    (lambda: make_blobs(10, centers=[]), ValueError, "centers"),
    (lambda: make_blobs(10, cluster_std=-1.0), ValueError, "cluster_std"),
    (lambda: make_regression_1d(-5), ValueError, "n_samples"),
])
def test_bad_arguments(call, error, word):
    with pytest.raises(error, match=word):
        call()


def test_public_names():
    assert set(datasets.__all__) == {"make_and", "make_or", "make_xor", "make_moons",
                                     "make_circles", "make_spirals", "make_blobs",
                                     "make_regression_1d",
                                     "make_glyphs", "GLYPHS", "SHAPES", "DIGITS"}
