"""IEEE float helpers: no OverflowError, ValueError, ZeroDivisionError or complex results."""

import math

import pytest

from autograd import floatmath as fm


@pytest.mark.parametrize(
    "fn, args, expected",
    [
        (fm.div, (1.0, 0.0), math.inf),
        (fm.div, (-1.0, 0.0), -math.inf),
        (fm.div, (1.0, -0.0), -math.inf),
        (fm.pow, (0.0, -1.0), math.inf),
        (fm.pow, (-0.0, -1.0), -math.inf),
        (fm.pow, (1e308, 2.0), math.inf),
        (fm.pow, (-1e308, 3.0), -math.inf),
        (fm.pow, (2.0, 0.5), math.sqrt(2.0)),
        (fm.exp, (1000.0,), math.inf),
        (fm.expm1, (1000.0,), math.inf),
        (fm.log, (0.0,), -math.inf),
        (fm.sigmoid, (-1000.0,), 0.0),
        (fm.softplus, (1000.0,), 1000.0),
    ],
)
def test_values(fn, args, expected):
    assert fn(*args) == expected


@pytest.mark.parametrize(
    "fn, args",
    [(fm.div, (0.0, 0.0)), (fm.pow, (-8.0, 1 / 3)), (fm.log, (-1.0,)), (fm.sqrt, (-1.0,)),
     (fm.softplus, (math.nan,)), (fm.div, (math.nan, 0.0))],
)
def test_nan_results(fn, args):
    result = fn(*args)
    assert isinstance(result, float) and math.isnan(result)
