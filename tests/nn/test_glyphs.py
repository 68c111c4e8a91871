"""The glyph images: seeded, balanced, shaped for Conv2d (or flat for an MLP), templates moved and noised."""

import pytest

import nn
from nn.glyphs import DIGITS, GLYPHS, SHAPES


def test_same_seed_same_images_other_seed_other_images():
    assert nn.datasets.make_glyphs(20, seed=3) == nn.datasets.make_glyphs(20, seed=3)
    assert nn.datasets.make_glyphs(20, seed=3)[0] != nn.datasets.make_glyphs(20, seed=4)[0]


def test_shape_is_one_channel_of_size_by_size_and_classes_are_balanced():
    X, y = nn.datasets.make_glyphs(52, size=8)
    assert len(X) == len(y) == 52
    assert all(len(x) == 1 and len(x[0]) == 8 and all(len(row) == 8 for row in x[0]) for x in X)
    assert sorted(set(y)) == list(range(len(SHAPES)))
    assert max(y.count(k) for k in set(y)) - min(y.count(k) for k in set(y)) <= 1
    flat, y_flat = nn.datasets.make_glyphs(52, size=8, flat=True)
    assert y_flat == y and all(len(x) == 64 for x in flat)
    assert flat[0] == [v for row in X[0][0] for v in row]


def test_without_noise_or_shift_each_image_is_its_template_at_the_centre():
    X, y = nn.datasets.make_glyphs(10, noise=0.0, shift=0, size=7)
    for x, label in zip(X, y):
        template = GLYPHS[SHAPES[label]]
        inner = [row[1:6] for row in x[0][1:6]]  # a 5 x 5 shape centred on a 7 x 7 canvas
        assert [list(r) for r in template] == inner
        assert sum(map(sum, x[0])) == sum(map(sum, template))  # nothing else is inked


def test_shifts_move_the_glyph_but_keep_it_whole():
    X, y = nn.datasets.make_glyphs(200, noise=0.0, shift=2, classes=DIGITS, size=8)
    places = set()
    for x, label in zip(X, y):
        ink = [(r, c) for r, row in enumerate(x[0]) for c, v in enumerate(row) if v]
        assert len(ink) == sum(map(sum, GLYPHS[DIGITS[label]]))  # never cut off at the edge
        places.add((min(r for r, _ in ink), min(c for _, c in ink)))
    assert len(places) > 4


def test_noise_is_gaussian_around_the_ink():
    X, _ = nn.datasets.make_glyphs(40, noise=0.2, shift=0, size=8, seed=1)
    clean, _ = nn.datasets.make_glyphs(40, noise=0.0, shift=0, size=8, seed=1)
    diffs = [a - b for x, c in zip(X, clean) for ra, rb in zip(x[0], c[0]) for a, b in zip(ra, rb)]
    mean = sum(diffs) / len(diffs)
    std = (sum((d - mean) ** 2 for d in diffs) / len(diffs)) ** 0.5
    assert abs(mean) < 0.02 and 0.18 < std < 0.22


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(n_samples=0), ValueError, "n_samples"),
    (dict(classes=["plus"]), TypeError, "at least two"),
    (dict(classes="plus"), TypeError, "list"),
    (dict(classes=["plus", "star"]), ValueError, "unknown glyphs"),
    (dict(size=4), ValueError, "do not fit"),
    (dict(noise=-1.0), ValueError, "noise"),
    (dict(shift=1.5), TypeError, "shift"),
])
def test_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        nn.datasets.make_glyphs(**kwargs)
