"""nn.to_torch / nn.from_torch: the same network in PyTorch, outputs and gradients equal to 1e-12."""

import random
import sys

import pytest

import nn
from autograd import Value
from nn.torch_bridge import TORCH_MODULES


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


ACTIVATIONS = sorted(name for name in TORCH_MODULES if name not in ("softmax",))


def _samples(n, nin, seed=1):
    rng = random.Random(seed)
    return [[rng.uniform(-3, 3) for _ in range(nin)] for _ in range(n)]


def _grads_by_layer(torch_model):
    """Each chalkgrad parameter's gradient, read from the torch model in chalkgrad's parameter order."""
    out, linears = [], [m for m in torch_model if type(m).__name__ == "Linear"]
    prelus = {i: m for i, m in enumerate(torch_model) if type(m).__name__ == "PReLU"}
    modules = list(torch_model)
    for linear in linears:
        idx = modules.index(linear)
        prelu = prelus.get(idx + 1)
        for j in range(linear.out_features):
            out += linear.weight.grad[j].tolist() + [linear.bias.grad[j].item()]
            if prelu is not None:
                out.append(prelu.weight.grad[j].item())
    return out


def _check_same(torch, model, X):
    tm = nn.to_torch(model)
    ours = [model(x) for x in X]
    ours = [o if isinstance(o, list) else [o] for o in ours]
    loss = sum(o * o for row in ours for o in row) * 0.5
    model.zero_grad()
    loss.backward()
    theirs = tm(torch.tensor(X, dtype=torch.float64))
    (0.5 * (theirs ** 2).sum()).backward()
    flat = [v for row in theirs.tolist() for v in row]
    assert [o.data for row in ours for o in row] == pytest.approx(flat, rel=1e-12, abs=1e-12)
    assert [p.grad for p in model.parameters()] == pytest.approx(_grads_by_layer(tm), rel=1e-12, abs=1e-12)
    return tm


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_activation_gives_the_same_outputs_and_gradients(torch, activation):
    model = nn.MLP(3, [4, 3, 2], activation=activation, seed=7)
    tm = _check_same(torch, model, _samples(5, 3))
    assert all(p.dtype == torch.float64 for p in tm.parameters())


def test_softmax_output_and_micrograd_default(torch):
    _check_same(torch, nn.MLP(2, [5, 3], activation=["tanh", "softmax"], seed=3), _samples(4, 2))
    _check_same(torch, nn.MLP(2, [16, 16, 1], seed=0), _samples(6, 2))  # micrograd's: ReLU, linear output


def test_softplus_agrees_beyond_torchs_default_threshold(torch):
    layer = nn.Layer(1, 1, activation="softplus")
    layer.set_weights([[1.0]], [0.0])
    _check_same(torch, layer, [[21.0], [-21.0], [800.0]])


def test_prelu_slopes_are_carried_over(torch):
    model = nn.MLP(2, [3, 1], activation="prelu", seed=2)
    for k, neuron in enumerate(model.layers[0].neurons):
        neuron.slope.data = 0.1 * (k + 1)
    tm = _check_same(torch, model, _samples(5, 2))
    assert tm[1].weight.tolist() == [n.slope.data for n in model.layers[0].neurons]


def test_round_trip_keeps_every_weight_bit_for_bit(torch):
    model = nn.MLP(3, [4, 2], activation=["prelu", "sigmoid"], seed=5)
    back = nn.from_torch(nn.to_torch(model))
    assert [p.data for p in back.parameters()] == [p.data for p in model.parameters()]
    assert [layer.activation for layer in back.layers] == ["prelu", "sigmoid"]


def test_from_torch_reads_a_model_written_in_pytorch(torch):
    torch.manual_seed(0)
    tm = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1), torch.nn.Sigmoid())
    model = nn.from_torch(tm)
    assert model.extra_repr() == "2 -> 8 -> 1" and [ly.activation for ly in model.layers] == ["tanh", "sigmoid"]
    X = _samples(4, 2)
    expected = tm.double()(torch.tensor(X, dtype=torch.float64)).squeeze(1).tolist()
    assert [model(x).data for x in X] == pytest.approx(expected, rel=1e-12)
    assert isinstance(nn.from_torch(torch.nn.Linear(3, 2)), nn.MLP)


def test_what_has_no_counterpart_is_refused_clearly(torch):
    with pytest.raises(ValueError, match="layer 1 \\('step'\\) has no torch.nn counterpart"):
        nn.to_torch(nn.MLP(2, [2, 1], activation="step"))
    with pytest.raises(ValueError, match="no torch.nn counterpart"):
        nn.to_torch(nn.MLP(2, [2, 1], activation="maxout"))
    with pytest.raises(ValueError, match="no torch.nn counterpart"):
        nn.to_torch(nn.MLP(2, [2, 1], activation=lambda v: v * 2))
    with pytest.raises(TypeError, match="nn.MLP or an nn.Layer"):
        nn.to_torch(nn.Neuron(2))
    with pytest.raises(ValueError, match="no bias"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 1, bias=False)))
    with pytest.raises(ValueError, match="approximate"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 1), torch.nn.GELU()))
    with pytest.raises(ValueError, match="has no chalkgrad counterpart"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 1), torch.nn.Hardtanh()))
    with pytest.raises(ValueError, match="must follow a Linear"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Tanh(), torch.nn.Linear(2, 1)))


def test_without_torch_the_error_says_how_to_get_the_cpu_build(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # as if not installed
    with pytest.raises(ImportError, match="download.pytorch.org/whl/cpu"):
        nn.to_torch(nn.MLP(2, [1]))
    assert Value(1.0).data == 1.0  # chalkgrad itself never needs torch


def test_a_function_of_your_own_named_like_a_library_activation_is_refused():
    pytest.importorskip("torch")

    def leaky_relu(x):  # the user's own slope: exporting it as LeakyReLU(0.01) would be wrong
        return x.leaky_relu(0.2)

    with pytest.raises(ValueError, match="function of your own named 'leaky_relu'.*activation='leaky_relu'"):
        nn.to_torch(nn.MLP(2, [3, 1], activation=leaky_relu, seed=0))
    assert nn.to_torch(nn.MLP(2, [3, 1], activation=nn.activations.leaky_relu, seed=0)) is not None
    assert nn.to_torch(nn.MLP(2, [3, 1], activation="leaky_relu", seed=0)) is not None
