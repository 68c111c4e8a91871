"""gradcheck: a readable report of analytic vs numeric gradients."""

import pytest

from autograd import Value, gradcheck


def test_smooth_function_passes_with_small_errors():
    report = gradcheck(lambda a, b: (a * b).tanh() + a.exp(), [Value(0.3, "a"), -0.7])
    assert report.passed and bool(report)
    assert [r.name for r in report.rows] == ["a", "x1"]
    assert all(r.abs_error < 1e-7 and not r.on_kink for r in report.rows)
    text = str(report)
    assert "analytic" in text and "all passed" in text


def test_a_kink_is_flagged():
    report = gradcheck(lambda x: x.relu(), [0.0])
    (row,) = report.rows
    assert row.on_kink and not row.passed
    assert "kink" in str(report)


def test_a_wrong_derivative_fails():
    # step's derivative is defined as 0; near its jump central differences see a huge slope.
    report = gradcheck(lambda x: x.step(), [1e-7])
    assert not report.passed


def test_bad_arguments():
    with pytest.raises(TypeError, match="function"):
        gradcheck(3, [1.0])
    with pytest.raises(TypeError, match="real numbers"):
        gradcheck(lambda x: x, ["1"])
    with pytest.raises(TypeError, match="return a Value"):
        gradcheck(lambda x: 3.0, [1.0])
