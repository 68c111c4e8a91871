"""Random graphs over every op of the op table, for the forward-mode and Dual-number tests: a recipe
(which row of tests/autograd/test_ops.py's OPS, applied to which earlier nodes) that can be rebuilt
on other leaf values (for central differences) or replayed on PyTorch tensors."""

from __future__ import annotations

import math
from dataclasses import dataclass

from hypothesis import assume
from hypothesis import strategies as st

from autograd import Value, no_grad

from .strategies import positive, reals
from .test_ops import OPS


@dataclass(frozen=True)
class Recipe:
    leaves: tuple[float, ...]
    steps: tuple[tuple[str, tuple[int, ...]], ...]  # (OPS row, indices of the nodes it takes)

    def build(self, xs=None) -> tuple[list[Value], Value]:
        """The leaves and the root, rebuilt from `xs` (the recipe's own leaf values by default)."""
        leaves = [Value(x, f"x{i + 1}") for i, x in enumerate(self.leaves if xs is None else xs)]
        return leaves, self.apply(leaves)

    def apply(self, leaves: list):
        """The recipe's ops on any numbers with Value's methods (Values, or dual numbers)."""
        nodes = list(leaves)
        for name, picks in self.steps:
            _, fn, strategies = OPS[name]
            # An input the row wants positive (log, sqrt, ...) goes in as v*v + 0.25, inside the domain.
            args = [nodes[k] * nodes[k] + 0.25 if s is positive else nodes[k] for k, s in zip(picks, strategies)]
            nodes.append(fn(*args))
        return nodes[-1]

    def value(self, xs) -> float:
        with no_grad():
            return self.build(xs)[1].data


@st.composite
def recipes(draw, must_use: str | None = None, n_steps: tuple[int, int] = (1, 4),
            rows: tuple[str, ...] = tuple(sorted(OPS))) -> Recipe:
    """A random graph of 2-3 leaves and a few ops (from `rows`); `must_use` (an OPS row) is among them."""
    leaves = tuple(draw(st.lists(reals(-2.0, 2.0, avoid=(0.0,), margin=1e-3), min_size=2, max_size=3)))
    names = list(rows)
    count = draw(st.integers(*n_steps))
    chosen = [draw(st.sampled_from(names)) for _ in range(count)]
    if must_use is not None:
        chosen.insert(draw(st.integers(0, len(chosen))), must_use)
    steps, size = [], len(leaves)
    for name in chosen:
        arity = len(OPS[name][2])
        picks = tuple(draw(st.integers(0, size - 1)) for _ in range(arity))
        steps.append((name, picks))
        size += 1
    return Recipe(leaves, tuple(steps))


def central_difference(recipe: Recipe, direction, h: float) -> float:
    """(f(x + h·v) - f(x - h·v)) / 2h."""
    up = [x + h * v for x, v in zip(recipe.leaves, direction)]
    down = [x - h * v for x, v in zip(recipe.leaves, direction)]
    return (recipe.value(up) - recipe.value(down)) / (2 * h)


def smooth_directional_derivative(recipe: Recipe, direction) -> float | None:
    """The central difference along `direction`, or None where the graph is not smooth enough to
    trust one (a kink or a tie nearby: two step sizes, or the one-sided slopes, disagree), or its
    numbers are huge."""
    leaves, root = recipe.build()
    root.backward()
    if not all(math.isfinite(x) and abs(x) < 1e6 for x in [root.data] + [leaf.grad or 0.0 for leaf in leaves]):
        return None
    f = root.data
    coarse, fine = (central_difference(recipe, direction, h) for h in (1e-4, 1e-5))
    h = 1e-6
    ahead = (recipe.value([x + h * v for x, v in zip(recipe.leaves, direction)]) - f) / h
    behind = (f - recipe.value([x - h * v for x, v in zip(recipe.leaves, direction)])) / h
    slopes = (coarse, fine, ahead, behind)
    if not all(map(math.isfinite, slopes)) or abs(coarse - fine) > 1e-5 * (1 + abs(fine)) \
            or abs(ahead - behind) > 1e-3 * (1 + abs(fine)):
        return None
    return fine


def smooth_case(data, **recipe_options) -> tuple[Recipe, list[float], float]:
    """A random graph (recipes' options), a direction (a number per leaf) along which it is smooth
    there, and the central difference along it; examples on a kink are discarded."""
    recipe = data.draw(recipes(**recipe_options))
    n = len(recipe.leaves)
    direction = data.draw(st.lists(reals(-1.0, 1.0), min_size=n, max_size=n))
    numeric = smooth_directional_derivative(recipe, direction)
    assume(numeric is not None)
    return recipe, direction, numeric
