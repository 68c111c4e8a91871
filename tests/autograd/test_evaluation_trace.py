"""Baydin et al. (JMLR 2018) tables 2 and 3 printed by trace(..., tangents=...) and
trace(..., adjoints=True), digit for digit: the evaluation (primal) trace, the forward tangent trace
and the reverse adjoint trace of f(x1, x2) = ln(x1) + x1·x2 − sin(x2) at (2, 5)."""

import unicodedata

from autograd import Value, trace

# Each line of the paper: (what it prints, the number that line's quantity has as printed there,
# the printed arithmetic our line must contain, if any). "ln 2" is 0.693 and "sin 5" is -0.959 as the
# paper prints them two lines further down; "1/2" is 0.5.
PRIMAL = [
    ("v−1 = x1 = 2", "2", None),
    ("v0 = x2 = 5", "5", None),
    ("v1 = ln v−1 = ln 2", "0.693", "log(2)"),
    ("v2 = v−1 × v0 = 2 × 5", "10", "2 * 5"),
    ("v3 = sin v0 = sin 5", "-0.959", "sin(5)"),
    ("v4 = v1 + v2 = 0.693 + 10", "10.693", "0.693 + 10"),
    ("v5 = v4 − v3 = 10.693 + 0.959", "11.652", "10.693 - (-0.959)"),
    ("y = v5 = 11.652", "11.652", None),
]
TANGENT = [  # table 2, ẋ1 = 1
    ("v̇−1 = ẋ1 = 1", "1", None),
    ("v̇0 = ẋ2 = 0", "0", None),
    ("v̇1 = v̇−1/v−1 = 1/2", "0.5", None),
    ("v̇2 = v̇−1×v0 + v̇0×v−1 = 1 × 5 + 0 × 2", "5", "1 × 5 + 0 × 2"),
    ("v̇3 = v̇0 × cos v0 = 0 × cos 5", "0", "0 × 0.284"),
    ("v̇4 = v̇1 + v̇2 = 0.5 + 5", "5.5", "0.5 + 5"),
    ("v̇5 = v̇4 − v̇3 = 5.5 − 0", "5.5", "5.5 - 0"),
    ("ẏ = v̇5 = 5.5", "5.5", None),
]
ADJOINT = [  # table 3
    ("v̄5 = ȳ = 1", "1", None),
    ("v̄4 = v̄5 ∂v5/∂v4 = v̄5 × 1 = 1", "1", "1 × 1"),
    ("v̄3 = v̄5 ∂v5/∂v3 = v̄5 × (−1) = −1", "-1", "1 × (-1)"),
    ("v̄1 = v̄4 ∂v4/∂v1 = v̄4 × 1 = 1", "1", "1 × 1"),
    ("v̄2 = v̄4 ∂v4/∂v2 = v̄4 × 1 = 1", "1", "1 × 1"),
    ("v̄0 = v̄3 ∂v3/∂v0 = v̄3 × cos v0 = −0.284", "-0.284", "-1 × 0.284"),
    ("v̄−1 = v̄2 ∂v2/∂v−1 = v̄2 × v0 = 5", "5", "1 × 5"),
    ("v̄0 = v̄0 + v̄2 ∂v2/∂v0 = v̄0 + v̄2 × v−1 = 1.716", "1.716", "-0.284 + 1 × 2"),
    ("v̄−1 = v̄−1 + v̄1 ∂v1/∂v−1 = v̄−1 + v̄1/v−1 = 5.5", "5.5", "5 + 1 × 0.5"),
    ("x̄1 = v̄−1 = 5.5", "5.5", None),
    ("x̄2 = v̄0 = 1.716", "1.716", None),
]


def baydin():
    x1, x2 = Value(2.0, "x1"), Value(5.0, "x2")
    return x1, x2, x1.log() + x1 * x2 - x2.sin()


def _lines(table, column):
    return [line for line in table.column(column) if line]


def _agree(ours, paper):
    for line, (printed, number, arithmetic) in zip(ours, paper, strict=True):
        assert line.rsplit(" = ", 1)[1] == number, (line, printed)
        name = line.split(" = ")[0].replace("₋₁", "−1").translate(str.maketrans("₀₁₂₃₄₅", "012345"))
        assert name == unicodedata.normalize("NFC", printed.split(" = ")[0]), (line, printed)
        if arithmetic is not None:
            assert arithmetic in line, (line, printed)


def test_table_2_primal_and_tangent_traces_digit_for_digit():
    x1, x2, f = baydin()
    table = trace(f, tangents={x1: 1.0})
    _agree(_lines(table, "forward primal trace (v)"), PRIMAL)
    _agree(_lines(table, "forward tangent trace (v̇)"), TANGENT)


def test_table_3_reverse_adjoint_trace_digit_for_digit():
    x1, x2, f = baydin()
    table = trace(f, adjoints=True)
    _agree(_lines(table, "forward primal trace (v)"), PRIMAL)
    _agree(_lines(table, "reverse adjoint trace (v̄)"), ADJOINT)
    f.backward()  # the adjoints end where backward() does
    assert f"{x1.grad:.3f}" == "5.500" and f"{x2.grad:.3f}" == "1.716"


def test_all_three_columns_and_more_decimals():
    x1, x2, f = baydin()
    table = trace(f, decimals=6, tangents={x2: 1.0}, adjoints=True)
    assert len(table.columns) == 3
    assert _lines(table, "forward tangent trace (v̇)")[-1] == "ẏ = v̇₅ = 1.716338"


def test_constants_are_numbers_and_unlabelled_nodes_get_names():
    x = Value(3.0)
    y = 2 * x.cos()
    lines = _lines(trace(y, tangents={x: 1.0}), "forward tangent trace (v̇)")
    assert lines[0] == "v̇₀ = ẋ1 = 1"
    assert lines[-2] == "v̇₂ = v̇₁ × ∂v₂/∂v₁ = -0.141 × 2 = -0.282"
    assert lines[-1] == "ẏ = v̇₂ = -0.282"


def test_the_node_table_is_unchanged_without_tangents():
    x1, x2, f = baydin()
    assert trace(f).columns == ["id", "label", "role", "op", "inputs", "data", "grad"]
