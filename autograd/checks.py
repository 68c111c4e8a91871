"""Argument checks shared by `autograd` and `nn`, with one rule: TypeError for a wrong type,
ValueError for a value out of range. Each returns the checked value, converted (int or float)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection
from typing import Any

__all__ = ["is_real", "is_integer", "real", "integer", "flag", "one_of", "items", "reals"]


def is_real(x: Any) -> bool:
    """A real number that is not a bool: True and False are almost always a mistake here.
    (float and int are tested first: they are nearly every call, and isinstance on an ABC is slow.)"""
    return type(x) is float or type(x) is int or (isinstance(x, numbers.Real) and not isinstance(x, bool))


def is_integer(x: Any) -> bool:
    """A whole number (int, numpy's integers) that is not a bool."""
    return type(x) is int or (isinstance(x, numbers.Integral) and not isinstance(x, bool))


def _bounds_text(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None and not (low_open or high_open):
        return f"between {low} and {high}"
    parts = []
    if low is not None:
        parts.append(f"{'>' if low_open else '>='} {low}")
    if high is not None:
        parts.append(f"{'<' if high_open else '<='} {high}")
    return " and ".join(parts)


def real(name: str, value: Any, *, low: float | None = None, high: float | None = None,
         low_open: bool = False, high_open: bool = False, finite: bool = True,
         none_ok: bool = False) -> float | None:
    """value as a float, between low and high (inclusive unless *_open); nan is always refused,
    inf unless finite=False; None passes through when none_ok."""
    if value is None and none_ok:
        return None
    if not is_real(value):
        kind = "a number or None" if none_ok else "a number"
        raise TypeError(f"{name} must be {kind}, got {type(value).__name__} {value!r}")
    x = float(value)
    too_low = low is not None and (x <= low if low_open else x < low)
    too_high = high is not None and (x >= high if high_open else x > high)
    if math.isnan(x) or (finite and math.isinf(x)) or too_low or too_high:
        bounds = _bounds_text(low, high, low_open, high_open)
        kind = "a finite number" if finite else "a number"
        raise ValueError(f"{name} must be {kind}{' ' + bounds if bounds else ''}, got {value!r}")
    return x


def integer(name: str, value: Any, *, low: int | None = None, high: int | None = None,
            none_ok: bool = False) -> int | None:
    """value as an int between low and high (inclusive); a float such as 3.0 is a TypeError,
    so a size computed by `/` instead of `//` is caught where it comes in."""
    if value is None and none_ok:
        return None
    if not is_integer(value):
        kind = "a whole number (int) or None" if none_ok else "a whole number (int)"
        raise TypeError(f"{name} must be {kind}, got {type(value).__name__} {value!r}")
    n = int(value)
    if (low is not None and n < low) or (high is not None and n > high):
        if high is None:
            wanted = "a positive whole number" if low == 1 else f"a whole number >= {low}"
        else:
            wanted = f"a whole number from {low} to {high}" if low is not None else f"a whole number <= {high}"
        raise ValueError(f"{name} must be {wanted}, got {n}")
    return n


def flag(name: str, value: Any) -> bool:
    """value itself, when it is True or False (1, 0 and 'yes' are a TypeError)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


def one_of(name: str, value: Any, allowed: Collection[Any]) -> Any:
    """value itself, when it is one of `allowed`; otherwise a ValueError listing them.
    True and False match only themselves: 1 == True in Python, but 1 is not a choice of True."""
    try:
        ok = value in allowed and any(a == value and isinstance(a, bool) == isinstance(value, bool)
                                      for a in allowed)
    except TypeError:  # an unhashable value cannot be in a set of names
        ok = False
    if not ok:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")
    return value


def items(name: str, values: Any, n: int, unit: str = "entries") -> list:
    """values as a list of exactly n items (from a list, tuple or array); a string or a lone number is a
    TypeError, a wrong count a ValueError."""
    if isinstance(values, (str, bytes)) or not (hasattr(values, "__len__") and hasattr(values, "__iter__")):
        raise TypeError(f"{name}: expected a list of {n} {unit}, got {type(values).__name__} {values!r}")
    if len(values) != n:
        raise ValueError(f"{name}: expected {n} {unit}, got {len(values)}")
    return list(values)


def reals(name: str, values: Any, n: int) -> list[float]:
    """values as a list of exactly n floats (nan and inf pass, as they would in a Value)."""
    floats = []
    for v in items(name, values, n, "numbers" if n != 1 else "number"):
        if not is_real(v):
            raise TypeError(f"{name}: expected a number, got {type(v).__name__} {v!r}")
        floats.append(float(v))
    return floats
