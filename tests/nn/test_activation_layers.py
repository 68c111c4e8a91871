"""Activation modules (nn.Tanh(), nn.ReLU(), ...), so Sequential can put an activation after BatchNorm1d."""

import math

import pytest

import nn
from autograd import Value, ops
from nn.activation_layers import MODULES as BY_NAME
from nn.activations import ACTIVATIONS

# One module per activation op (from the registry), plus Identity.
MODULES = [nn.Identity, *BY_NAME.values()]


def test_one_module_per_activation_op_reachable_as_nn_name():
    assert sorted(m().name for m in BY_NAME.values()) == sorted(op.name for op in ops.ACTIVATION_OPS)
    assert all(getattr(nn, name) is module for name, module in BY_NAME.items())


def test_the_modules_of_the_course_and_pytorch_are_there():
    for name in ("Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "GELU", "SiLU", "Softplus"):
        assert issubclass(getattr(nn, name), nn.Activation)
    assert nn.SiLU().name == "swish" and repr(nn.SiLU()) == "SiLU(parameters=0)"  # PyTorch's name


@pytest.mark.parametrize("cls", MODULES)
def test_each_module_applies_its_named_function_to_values_samples_and_batches(cls):
    module = cls()
    fn = ACTIVATIONS[module.name]
    assert module.parameters() == []
    x = Value(-0.7)
    assert module(x).data == fn(Value(-0.7)).data
    assert [v.data for v in module([0.5, -2.0])] == [fn(Value(0.5)).data, fn(Value(-2.0)).data]
    batch = module.forward_batch([[0.5, -2.0], [1.5, 0.0]])
    expected = [[fn(Value(a)).data for a in r] for r in ([0.5, -2.0], [1.5, 0.0])]
    assert [[v.data for v in row] for row in batch] == expected


def test_batch_norm_then_tanh_in_sequential_trains():
    model = nn.Sequential(nn.Layer(2, 4, activation="identity", seed=0), nn.BatchNorm1d(4), nn.Tanh(),
                          nn.Layer(4, 1, nonlin=False, seed=1))
    X, y = nn.datasets.make_moons(20, noise=0.1, seed=0)
    outputs = model.forward_batch(X)
    hidden = nn.layer_outputs(model, X)[2]
    assert all(-1 < v.data < 1 for row in hidden for v in row)  # tanh came after batch norm
    assert len(outputs) == 20
    h = nn.fit(model, X, y, "bce_with_logits", nn.Adam(model.parameters(), lr=0.05), epochs=30, batch_size=10,
               progress=False)
    assert h.loss[-1] < h.start["loss"]


def test_gradient_flows_through_the_module():
    x = Value(0.3)
    nn.Tanh()(x).backward()
    assert x.grad == pytest.approx(1 - math.tanh(0.3) ** 2)


def test_clear_errors():
    with pytest.raises(ValueError, match="unknown activation"):
        nn.Activation("softmax")
    with pytest.raises(TypeError, match="expects a Value"):
        nn.ReLU()("x")
    assert repr(nn.Activation("tanh")) == "Activation('tanh', parameters=0)"
    assert repr(nn.Tanh()) == "Tanh(parameters=0)"
