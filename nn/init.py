"""Weight initialisation: fill a model's weights (and biases) in place from a seeded random generator.

Every function takes `rng`, a `random.Random`; with None it uses Python's global `random` functions,
exactly as micrograd does, so `random.seed(1337)` followed by `MLP(2, [16, 16, 1])` gives micrograd's
weights. Units are filled in order (layer by layer, unit by unit, weight by weight), so a seed always
gives the same network. fan_in = inputs of a unit, fan_out = units in its layer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from autograd.checks import integer, real

from .module import Module

Draw = Callable[[Any, int, int], float]  # (rng, fan_in, fan_out) -> one weight


def make_rng(seed: int | None = None, rng: random.Random | None = None) -> Any:
    """The generator to use: Random(seed), the given rng, or (neither given) the global `random`."""
    if seed is not None and rng is not None:
        raise ValueError("pass either seed or rng, not both")
    if seed is not None:
        return random.Random(integer("seed", seed))
    if rng is None:
        return random  # the module's functions share one global generator, as micrograd's do
    if not (hasattr(rng, "uniform") and hasattr(rng, "gauss")):
        raise TypeError(f"rng must be a random.Random, got {type(rng).__name__} {rng!r} (use seed= for an int)")
    return rng


def _fill(module: Module, draw: Draw, rng: Any, include_bias: bool = False) -> Module:
    for weights, bias, fan_in, fan_out in module.weight_groups():
        for w in weights:
            w.data = draw(rng, fan_in, fan_out)
        if bias is not None:
            bias.data = draw(rng, fan_in, fan_out) if include_bias else 0.0
    return module


def _uniform(bound: Callable[[int, int], float]) -> Draw:
    """A draw from U(-bound, bound), the bound depending on the unit's fan-in and fan-out."""
    def draw(r: Any, fan_in: int, fan_out: int) -> float:
        b = bound(fan_in, fan_out)
        return r.uniform(-b, b)
    return draw


def uniform_(module: Module, eps: float = 1.0, *, rng: random.Random | None = None,
             include_bias: bool = False) -> Module:
    """w ~ U(-eps, eps); biases 0, or also U(-eps, eps) with include_bias (the course's Theta, bias column included).

    The default (eps = 1, biases 0) is micrograd's initialisation.
    """
    eps = real("eps", eps, low=0, low_open=True)
    return _fill(module, _uniform(lambda fi, fo: eps), make_rng(rng=rng), include_bias)


def xavier_uniform_(module: Module, gain: float = 1.0, *, rng: random.Random | None = None) -> Module:
    """Glorot/Xavier uniform: w ~ U(-a, a),  a = gain * sqrt(6 / (fan_in + fan_out)); biases 0."""
    return _fill(module, _uniform(lambda fi, fo: gain * math.sqrt(6.0 / (fi + fo))), make_rng(rng=rng))


def xavier_normal_(module: Module, gain: float = 1.0, *, rng: random.Random | None = None) -> Module:
    """Glorot/Xavier normal: w ~ N(0, std^2),  std = gain * sqrt(2 / (fan_in + fan_out)); biases 0."""
    return _fill(module, lambda r, fi, fo: r.gauss(0.0, gain * math.sqrt(2.0 / (fi + fo))), make_rng(rng=rng))


def kaiming_uniform_(module: Module, gain: float = math.sqrt(2.0), *,
                     rng: random.Random | None = None) -> Module:
    """He/Kaiming uniform (for ReLU): w ~ U(-b, b),  b = gain * sqrt(3 / fan_in) = sqrt(6 / fan_in); biases 0."""
    return _fill(module, _uniform(lambda fi, fo: gain * math.sqrt(3.0 / fi)), make_rng(rng=rng))


def kaiming_normal_(module: Module, gain: float = math.sqrt(2.0), *,
                    rng: random.Random | None = None) -> Module:
    """He/Kaiming normal (for ReLU): w ~ N(0, std^2),  std = gain / sqrt(fan_in) = sqrt(2 / fan_in); biases 0."""
    return _fill(module, lambda r, fi, fo: r.gauss(0.0, gain / math.sqrt(fi)), make_rng(rng=rng))


def lecun_normal_(module: Module, *, rng: random.Random | None = None) -> Module:
    """w ~ N(0, 1 / fan_in); biases 0. The UVA deck's "Xavier" code, W = randn(fan_in, fan_out) / sqrt(fan_in)."""
    return _fill(module, lambda r, fi, fo: r.gauss(0.0, 1.0 / math.sqrt(fi)), make_rng(rng=rng))


def normal_(module: Module, std: float = 0.01, *, rng: random.Random | None = None) -> Module:
    """w ~ N(0, std^2), biases 0: the decks' small random start, W = 0.01 * randn(...)."""
    std = real("std", std, low=0, low_open=True)
    return _fill(module, lambda r, fi, fo: r.gauss(0.0, std), make_rng(rng=rng))


def constant_(module: Module, value: float, *, rng: random.Random | None = None) -> Module:
    """Every weight and bias the same number: like zeros_, every hidden unit stays the same.

    Nothing is drawn: `rng` is accepted, and unused, so that every scheme takes (module, rng=...) as
    initialize_ and an init=... function call it."""
    value = real("value", value)
    return _fill(module, lambda r, fi, fo: value, None, include_bias=True)


def zeros_(module: Module, *, rng: random.Random | None = None) -> Module:
    """Every weight and bias 0: the symmetry problem (all hidden units compute and learn the same).
    `rng` is unused, as in constant_."""
    return constant_(module, 0.0)


he_uniform_ = kaiming_uniform_
he_normal_ = kaiming_normal_

SCHEMES: dict[str, Callable[..., Module]] = {
    "uniform": uniform_,
    "xavier_uniform": xavier_uniform_, "glorot_uniform": xavier_uniform_,
    "xavier_normal": xavier_normal_, "glorot_normal": xavier_normal_,
    "kaiming_uniform": kaiming_uniform_, "he_uniform": kaiming_uniform_,
    "kaiming_normal": kaiming_normal_, "he_normal": kaiming_normal_,
    "lecun_normal": lecun_normal_,
    "normal": normal_,
    "zeros": zeros_,
}


def initialize_(module: Module, scheme: str | Callable[..., Module] | None = None, *,
                rng: random.Random | None = None) -> Module:
    """Apply a scheme by name (see SCHEMES; None means 'uniform', micrograd's) or a function(module, rng=...)."""
    if scheme is None:
        scheme = "uniform"
    if isinstance(scheme, str):
        if scheme not in SCHEMES:
            raise ValueError(f"unknown init {scheme!r}; choose one of: {', '.join(SCHEMES)}, or pass a function")
        scheme = SCHEMES[scheme]
    elif not callable(scheme):
        raise TypeError(f"init must be a scheme name or a function, got {type(scheme).__name__}")
    return scheme(module, rng=rng)
