"""Optional cross-checks against PyTorch's autograd (skipped when torch is not installed)."""

import math

import pytest

from autograd import Value

torch = pytest.importorskip("torch")
F = torch.nn.functional

CASES = [
    ("tanh", lambda v: v.tanh(), torch.tanh),
    ("sigmoid", lambda v: v.sigmoid(), torch.sigmoid),
    ("relu", lambda v: v.relu(), torch.relu),
    ("leaky_relu", lambda v: v.leaky_relu(0.01), lambda t: F.leaky_relu(t, 0.01)),
    ("elu", lambda v: v.elu(1.0), lambda t: F.elu(t, 1.0)),
    ("gelu", lambda v: v.gelu(), lambda t: F.gelu(t, approximate="tanh")),
    ("silu", lambda v: v.silu(), F.silu),
    ("softplus", lambda v: v.softplus(), F.softplus),
    ("softsign", lambda v: v.softsign(), F.softsign),
    ("arctan", lambda v: v.arctan(), torch.atan),
    ("sin", lambda v: v.sin(), torch.sin),
    ("cos", lambda v: v.cos(), torch.cos),
    ("exp", lambda v: v.exp(), torch.exp),
    ("log", lambda v: v.log(), torch.log),
    ("sqrt", lambda v: v.sqrt(), torch.sqrt),
    ("abs", lambda v: v.abs(), torch.abs),
    ("pow", lambda v: v**2.5, lambda t: t**2.5),
]
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
