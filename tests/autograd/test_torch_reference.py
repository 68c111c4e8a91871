"""Optional cross-checks against PyTorch's autograd (skipped when torch is not installed)."""

import math

import pytest

from autograd import Value

from .test_ieee_table import ROWS

torch = pytest.importorskip("torch")
F = torch.nn.functional

# Every one-input op with a PyTorch counterpart in the IEEE table (its first row per expression),
# so an op added there is compared here too, at ordinary points besides the table's special ones.
FROM_TABLE = list({row.expr: (row.expr, row.fn, row.torch) for row in reversed(ROWS)
                   if len(row.inputs) == 1 and callable(row.torch)}.values())
# ... and what the table does not spell out: a non-integer power, PyTorch's name silu.
EXTRA = [
    ("pow2.5", lambda v: v**2.5, lambda t: t**2.5),
    ("silu", lambda v: v.silu(), F.silu),
]
CASES = FROM_TABLE + EXTRA
POINTS = [-1000.0, -3.0, -0.5, 0.0, 0.5, 3.0, 1000.0]


def _same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("name, ours, theirs", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("x", POINTS)
def test_value_and_gradient_match_pytorch(name, ours, theirs, x):
    v = Value(x)
    out = ours(v)
    out.backward()
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    tout = theirs(t)
    tout.backward()
    assert _same(out.data, tout.item()), (name, x, out.data, tout.item())
    assert _same(v.grad, t.grad.item()), (name, x, v.grad, t.grad.item())
