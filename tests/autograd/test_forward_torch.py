"""Forward mode against PyTorch's: `jvp` and `hvp` on random graphs over every op, replayed node by
node on float64 tensors and differentiated by torch.func.jvp (and jvp over torch.func.grad)."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograd import hvp, jvp, ops
from autograd.graph import topological_order

from .random_graphs import smooth_case
from .test_ops import OPS

torch = pytest.importorskip("torch")
F = torch.nn.functional

# Each op class as the same function of tensors (its inputs, then its constant parameters).
TORCH = {
    ops.Add: lambda a, b: a + b, ops.Sub: lambda a, b: a - b, ops.Mul: lambda a, b: a * b,
    ops.Div: lambda a, b: a / b, ops.Neg: lambda a: -a, ops.PowConst: lambda x, n: x**n,
    ops.Pow: lambda a, b: a**b, ops.Exp: torch.exp, ops.Log: torch.log, ops.Sqrt: torch.sqrt,
    ops.Abs: torch.abs, ops.Arctan: torch.atan, ops.Sin: torch.sin, ops.Cos: torch.cos,
    ops.Tanh: torch.tanh, ops.Sigmoid: torch.sigmoid, ops.ReLU: torch.relu,
    ops.LeakyReLU: lambda x, s: F.leaky_relu(x, s), ops.PReLU: lambda x, a: torch.where(x > 0, x, a * x),
    ops.ELU: lambda x, alpha: F.elu(x, alpha), ops.GELU: lambda x: F.gelu(x, approximate="tanh"),
    ops.Swish: F.silu, ops.Softplus: F.softplus, ops.Softsign: F.softsign,
    ops.Step: lambda x: torch.where(x >= 0, torch.ones_like(x), torch.zeros_like(x)),
    ops.Max: lambda *xs: torch.stack(xs).max(), ops.Sum: lambda *xs: torch.stack(xs).sum(),
    ops.Dot: lambda *a: (a[-1] if len(a) % 2 else 0.0) + sum(a[k] * a[len(a) // 2 + k] for k in range(len(a) // 2)),
    # The shifts are constants (detached); the clamp as PyTorch's BCELoss, Huber as its huber_loss formula.
    ops.MaxShift: lambda *xs: torch.stack(xs).max().detach(),
    ops.FiniteMaxShift: lambda *xs: torch.nan_to_num(torch.stack(xs).max().detach(), nan=0.0, posinf=0.0, neginf=0.0),
    ops.ClampedLog: lambda x: torch.clamp(torch.log(x), min=-100.0),
    ops.Huber: lambda d, delta: torch.where(d.abs() < delta, 0.5 * d**2, delta * (d.abs() - 0.5 * delta)),
    ops.Pick: lambda *a: torch.stack(a[:-1])[a[-1].detach().long()],
}


def test_every_op_has_a_torch_twin():
    missing = {op for op, _, _ in OPS.values()} - set(TORCH)
    assert not missing, f"add {sorted(op.__name__ for op in missing)} to TORCH"


def as_torch(recipe):
    """The recipe's graph as a function of one tensor of leaf values, replayed node by node."""
    leaves, root = recipe.build()
    order = topological_order(root)

    def f(x):
        value = {}
        for node in order:
            if node._op is None:
                value[node] = x[leaves.index(node)] if node in leaves else torch.tensor(node.data, dtype=torch.float64)
            else:
                value[node] = TORCH[node._op](*(value[p] for p in node._prev), *node._params)
        return value[root]

    return leaves, root, f


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_jvp_matches_torch_func_jvp(name, data):
    recipe, direction, _ = smooth_case(data, must_use=name)
    leaves, root, f = as_torch(recipe)
    x = torch.tensor(recipe.leaves, dtype=torch.float64)
    value, theirs = torch.func.jvp(f, (x,), (torch.tensor(direction, dtype=torch.float64),))
    ours = jvp(root, dict(zip(leaves, direction)), allow_unused=True).derivative
    assert root.data == pytest.approx(value.item(), rel=1e-12, abs=1e-12)
    assert ours == pytest.approx(theirs.item(), rel=1e-9, abs=1e-9), recipe


@pytest.mark.parametrize("name", sorted(OPS))
@settings(max_examples=4, deadline=None)
@given(data=st.data())
def test_hvp_matches_torch_forward_over_reverse(name, data):
    recipe, direction, _ = smooth_case(data, must_use=name, n_steps=(0, 2))
    leaves, root, f = as_torch(recipe)
    x = torch.tensor(recipe.leaves, dtype=torch.float64)
    _, theirs = torch.func.jvp(torch.func.grad(f), (x,), (torch.tensor(direction, dtype=torch.float64),))
    ours = hvp(root, leaves, direction)
    for a, b in zip(ours, theirs.tolist()):
        assume(math.isfinite(b))
        assert a == pytest.approx(b, rel=1e-8, abs=1e-8), recipe
