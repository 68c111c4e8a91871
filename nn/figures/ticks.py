"""Axis limits and ticks as matplotlib chooses them: 5% margins around the data, ticks at nice numbers
(steps of 1, 2, 2.5 or 5 times a power of ten), decades on a log scale, labels with a true minus sign."""

from __future__ import annotations

import math

MARGIN = 0.05  # matplotlib's axes.xmargin / axes.ymargin
STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)  # the steps of matplotlib's default (axis) tick locator
FINE_STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)  # MaxNLocator's own default: contour levels
MINUS = "\u2212"


def bins_for(length_pt: float, font_size: float, vertical: bool) -> int:
    """How many tick intervals fit along an axis `length_pt` long: labels take 3 font sizes across (x) or
    2 (y), at most 9, as matplotlib's 'auto' MaxNLocator."""
    space = int(length_pt // (font_size * (2 if vertical else 3)))
    return min(max(space, 1), 9)


def padded(lo: float, hi: float, log: bool, margin: float = MARGIN) -> tuple[float, float]:
    """[lo, hi] widened by `margin` of its span each side (in log10 space on a log axis)."""
    if log:
        a, b = padded(math.log10(lo), math.log10(hi), False, margin)
        return 10 ** a, 10 ** b
    if hi == lo:  # a single value: matplotlib widens it to a visible range
        delta = abs(lo) * 0.05 if lo else 0.05
        return lo - delta, hi + delta
    span = hi - lo
    return lo - margin * span, hi + margin * span


def linear_ticks(lo: float, hi: float, bins: int, steps: tuple[float, ...] = STEPS) -> list[float]:
    """Ticks at multiples of the smallest nice step at least (hi - lo) / bins, as matplotlib's MaxNLocator
    (a smaller step if that leaves fewer than two ticks inside [lo, hi])."""
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / bins
    scale = 10 ** math.floor(math.log10(raw))
    candidates = [s * scale for s in steps]
    larger = [step for step in candidates if step >= raw * (1 - 1e-9)]
    tolerance = (hi - lo) * 1e-9
    for step in [larger[0]] + candidates[:candidates.index(larger[0])][::-1]:
        first, last = math.ceil((lo - tolerance) / step), math.floor((hi + tolerance) / step)
        ticks = [round(k * step, 12) + 0.0 for k in range(first, last + 1)]  # + 0.0: no -0.0
        if len(ticks) >= 2:
            break
    return ticks


def log_ticks(lo: float, hi: float, bins: int) -> tuple[list[float], list[float]]:
    """(major, minor) ticks of a log axis: decades (every n-th if there are too many), and 2..9 times them."""
    first, last = math.floor(math.log10(lo) + 1e-9), math.ceil(math.log10(hi) - 1e-9)
    every = max(1, math.ceil((last - first) / max(bins, 1)))
    major = [10.0 ** k for k in range(first, last + 1) if k % every == 0 and lo <= 10.0 ** k * (1 + 1e-9)
             and 10.0 ** k <= hi * (1 + 1e-9)]
    minor = [m * 10.0 ** k for k in range(first - 1, last + 1) for m in range(2, 10)
             if lo <= m * 10.0 ** k <= hi] if every == 1 else []
    return major, minor


def label_linear(ticks: list[float]) -> list[str]:
    """Labels with as many decimals as the step needs (0, 0.5, 1.0 -> "0.0", "0.5", "1.0"), minus as U+2212."""
    if len(ticks) > 1:
        step = abs(ticks[1] - ticks[0])
        decimals = len(f"{step:.10f}".rstrip("0").split(".")[1])
    else:
        decimals = len(f"{abs(ticks[0]):.10f}".rstrip("0").split(".")[1]) if ticks else 0
    return [f"{t:.{decimals}f}".replace("-", MINUS) if t != 0 else f"{0:.{decimals}f}" for t in ticks]


def label_log(tick: float) -> str:
    """A decade as matplotlib writes it: $10^{k}$ (mathtext, drawn with a raised exponent)."""
    k = round(math.log10(tick))
    return f"$10^{{{k}}}$"


def fraction(value: float, lo: float, hi: float, log: bool) -> float:
    """Where `value` sits between the limits lo (0) and hi (1), on a linear or log axis."""
    if log:
        if value <= 0:
            return float("-inf")  # not drawable on a log axis: matplotlib masks it
        return (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    return (value - lo) / (hi - lo)
