"""Timing helpers for the benchmark: one timed call at a time, medians, and the garbage collector
switched off only where a measurement asks for it (and always switched back)."""

from __future__ import annotations

import gc
import statistics
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from time import perf_counter


@contextmanager
def gc_disabled() -> Iterator[None]:
    """Switch Python's cyclic garbage collector off inside the block and restore the state found."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def clock(fn: Callable[[], object], *, gc_off: bool = False, warmup: bool = False) -> float:
    """Seconds taken by one call of fn().

    Garbage left by earlier measurements (possibly of another engine) is collected first, outside the
    timed region, so no engine pays for another's reference cycles. With warmup=True one untimed call
    runs just before the timed one: the timed call then finds the previous call's garbage still
    alive, as every step of a training loop does.
    """
    gc.collect()
    with gc_disabled() if gc_off else nullcontext():
        if warmup:
            fn()
        start = perf_counter()
        fn()
        return perf_counter() - start


def median(samples: list[float]) -> float:
    """Median of the repetitions: robust to the odd slow run on a noisy machine."""
    if not samples:
        raise ValueError("median of no samples")
    return statistics.median(samples)


def rotated(items: list, shift: int) -> list:
    """items rotated left by shift, so each engine takes each position in turn across repetitions."""
    if not items:
        return []
    k = shift % len(items)
    return items[k:] + items[:k]
