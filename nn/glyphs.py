"""A small seeded image set that needs no download: glyphs (bars, crosses, a ring, digits) drawn from
pixel templates onto a small canvas, moved by a few pixels and blurred by Gaussian noise.

Shifts are what a convolution is for: the same stroke at another place is the same feature to a
shared kernel, but different input weights to a fully connected layer.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from autograd.checks import integer, real

__all__ = ["GLYPHS", "make_glyphs"]


def _template(*rows: str) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(1.0 if ch == "#" else 0.0 for ch in row) for row in rows)


# Each glyph: rows of '#' (ink) and '.' (paper). Shapes are 5 x 5; digits a 3-wide, 5-tall font.
GLYPHS: dict[str, tuple[tuple[float, ...], ...]] = {
    "vertical": _template("..#..", "..#..", "..#..", "..#..", "..#.."),
    "horizontal": _template(".....", ".....", "#####", ".....", "....."),
    "plus": _template("..#..", "..#..", "#####", "..#..", "..#.."),
    "cross": _template("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "ring": _template("#####", "#...#", "#...#", "#...#", "#####"),
    "0": _template("###", "#.#", "#.#", "#.#", "###"),
    "1": _template(".#.", "##.", ".#.", ".#.", "###"),
    "2": _template("###", "..#", "###", "#..", "###"),
    "3": _template("###", "..#", "###", "..#", "###"),
    "4": _template("#.#", "#.#", "###", "..#", "..#"),
    "5": _template("###", "#..", "###", "..#", "###"),
    "6": _template("###", "#..", "###", "#.#", "###"),
    "7": _template("###", "..#", ".#.", ".#.", ".#."),
    "8": _template("###", "#.#", "###", "#.#", "###"),
    "9": _template("###", "#.#", "###", "..#", "###"),
}
SHAPES = ("vertical", "horizontal", "plus", "cross", "ring")
DIGITS = tuple("0123456789")


def _offsets(canvas: int, extent: int, shift: int) -> range:
    """Where a template of `extent` pixels may start: the centre, moved by up to `shift` either way."""
    centre = (canvas - extent) // 2
    return range(max(0, centre - shift), min(canvas - extent, centre + shift) + 1)


def make_glyphs(n_samples: int = 200, classes: Sequence[str] = SHAPES, size: int = 8, shift: int = 1,
                noise: float = 0.1, seed: int | None = 0, flat: bool = False,
                ) -> tuple[list, list[int]]:
    """n_samples images of size x size pixels, the classes in turn (as even as n_samples allows), shuffled.

    classes: names from GLYPHS; label k is classes[k]. Defaults to the five shapes; DIGITS gives
    '0'..'9'. Each image is its glyph placed at the centre moved by up to `shift` pixels in each
    direction (staying on the canvas), ink 1 on paper 0, plus N(0, noise^2) on every pixel.

    Returns (X, y). A sample is [channel][row][col] with one channel, as Conv2d takes it; flat=True
    gives each image as one list of size*size numbers (row by row), as an MLP or fit() takes it.
    """
    integer("n_samples", n_samples, low=1)
    integer("size", size, low=1)
    integer("shift", shift, low=0)
    real("noise", noise, low=0)
    if isinstance(classes, str) or not isinstance(classes, Sequence) or len(classes) < 2:
        raise TypeError(f"classes must be a list of at least two glyph names, e.g. {list(SHAPES)}, got {classes!r}")
    unknown = [c for c in classes if c not in GLYPHS]
    if unknown:
        raise ValueError(f"unknown glyphs {unknown}; choose from {list(GLYPHS)}")
    too_big = [c for c in classes if max(len(GLYPHS[c]), len(GLYPHS[c][0])) > size]
    if too_big:
        raise ValueError(f"glyphs {too_big} do not fit a {size} x {size} canvas: use size >= 5")
    rng = random.Random(seed)
    X: list = []
    y = [k % len(classes) for k in range(n_samples)]
    rng.shuffle(y)
    for label in y:
        template = GLYPHS[classes[label]]
        top = rng.choice(_offsets(size, len(template), shift))
        left = rng.choice(_offsets(size, len(template[0]), shift))
        image = [[0.0] * size for _ in range(size)]
        for r, row in enumerate(template):
            image[top + r][left:left + len(row)] = row
        if noise:
            image = [[v + rng.gauss(0.0, noise) for v in row] for row in image]
        X.append([v for row in image for v in row] if flat else [image])
    return X, y
