"""Activations by name: every name and alias resolves, each is one node with the course's formula and
a derivative that matches central differences; special names and bad names."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, ops
from nn import activations
from nn.activations import ACTIVATIONS, SPECIAL, resolve

FORMULAS = {
    "identity": lambda x: x,
    "sigmoid": lambda x: 1 / (1 + math.exp(-x)),
    "tanh": math.tanh,
    "relu": lambda x: max(0.0, x),
    "leaky_relu": lambda x: max(0.01 * x, x),
    "elu": lambda x: x if x > 0 else math.exp(x) - 1,
    "gelu": lambda x: 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3))),
    "swish": lambda x: x * (1 / (1 + math.exp(-x))),
    "softplus": lambda x: math.log(1 + math.exp(x)),
    "arctan": math.atan,
    "step": lambda x: 1.0 if x >= 0 else 0.0,
}
ALIASES = {"linear": "identity", "logistic": "sigmoid", "silu": "swish", "binary_step": "step"}


def test_every_engine_activation_has_a_name():
    """The table is the op registry's: each activation op under its name and aliases, nothing else."""
    from_registry = {name for op in ops.ACTIVATION_OPS for name in (op.name, *op.aliases)}
    assert set(ACTIVATIONS) == from_registry | {"identity", "linear"}
    assert set(FORMULAS) | set(ALIASES) <= set(ACTIVATIONS)  # the course's activations are all there
    assert set(SPECIAL) == {"prelu", "softmax", "maxout"}
    for alias, name in ALIASES.items():
        assert ACTIVATIONS[alias] is ACTIVATIONS[name]
    for op in ops.ACTIVATION_OPS:  # each name makes one node of its own op
        out = ACTIVATIONS[op.name](Value(0.3))
        assert out.op_class is op and out.params == op.defaults


@pytest.mark.parametrize("name", sorted(FORMULAS))
@settings(max_examples=20, deadline=None)
@given(x=st.floats(-6, 6))
def test_value_and_derivative(name, x):
    if abs(x) < 1e-3:  # the kinks of relu, leaky relu, elu and step sit at 0
        return
    v = Value(x)
    out = ACTIVATIONS[name](v)
    assert out.data == pytest.approx(FORMULAS[name](x), rel=1e-12, abs=1e-15)
    assert out is v if name == "identity" else out.parents == (v,)  # one node, or none for identity
    out.backward()
    h = 1e-6
    numeric = (FORMULAS[name](x + h) - FORMULAS[name](x - h)) / (2 * h)
    assert v.grad == pytest.approx(numeric, abs=1e-6)


def test_resolve():
    assert resolve(None, nonlin=True) == ("relu", Value.relu)  # micrograd's rule
    assert resolve(None, nonlin=False) == ("identity", activations.identity)
    assert resolve("Sigmoid") == ("sigmoid", Value.sigmoid)
    assert resolve("softmax") == ("softmax", None)
    assert resolve(Value.tanh)[0] == "tanh"
    assert resolve(lambda v: v)[0] == "custom"
    with pytest.raises(ValueError, match="unknown activation 'sigmod'.*sigmoid"):
        resolve("sigmod")
    with pytest.raises(TypeError, match="activation must be"):
        resolve(3)
