"""Hypothesis strategies shared by the engine's tests: inputs kept inside each op's domain and off its kinks."""

from hypothesis import strategies as st


def reals(lo: float = -5.0, hi: float = 5.0, avoid: tuple = (), margin: float = 1e-2):
    """Finite floats in [lo, hi], at least `margin` away from every point in `avoid` (the kinks)."""
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False).filter(
        lambda x: all(abs(x - k) > margin for k in avoid)
    )


positive = reals(0.05, 5.0)
