"""IEEE-754 float maths as PyTorch does it: inf and nan instead of Python's exceptions or complex numbers."""

from __future__ import annotations

import math

INF = math.inf
NAN = math.nan


def _is_odd_integer(y: float) -> bool:
    return math.isfinite(y) and y == int(y) and int(y) % 2 == 1


def div(a: float, b: float) -> float:
    """a / b, with x/0 = +-inf and 0/0 = nan (Python raises ZeroDivisionError)."""
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return NAN
        # The sign of the infinity comes from both operands, including the sign of a zero divisor.
        return math.copysign(INF, a) * math.copysign(1.0, b)


def pow(a: float, b: float) -> float:  # noqa: A001 - mirrors the operator it makes safe
    """a ** b: nan for a negative base with a fractional exponent (never complex), inf on overflow."""
    try:
        result = a**b
    except ZeroDivisionError:  # 0.0 ** negative: IEEE says +inf, or -inf for -0.0 ** odd integer
        return -INF if math.copysign(1.0, a) < 0 and _is_odd_integer(b) else INF
    except OverflowError:
        return -INF if a < 0 and _is_odd_integer(b) else INF
    if isinstance(result, complex):
        return NAN
    return float(result)


def exp(x: float) -> float:
    """e ** x, inf on overflow (math.exp raises OverflowError past x ~ 709.8)."""
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def expm1(x: float) -> float:
    """e ** x - 1, accurate near 0, inf on overflow."""
    try:
        return math.expm1(x)
    except OverflowError:
        return INF


def log(x: float) -> float:
    """Natural log: log(0) = -inf, log(x < 0) = nan (math.log raises ValueError)."""
    if x > 0:
        return math.log(x)
    if x == 0:
        return -INF
    return NAN  # negative or nan


def sqrt(x: float) -> float:
    """Square root: nan for x < 0 (math.sqrt raises ValueError)."""
    if x >= 0:
        return math.sqrt(x)
    return NAN


def sigmoid(x: float) -> float:
    """1 / (1 + e^-x), evaluated so that e^(-x) never overflows: exact to the last bit at +-1000."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)  # x < 0: e <= 1, so no overflow; e / (1 + e) keeps tiny outputs accurate
    return e / (1.0 + e)


def softplus(x: float) -> float:
    """log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow at x = 1000, no lost digits at -1000."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x))) if x == x else x
