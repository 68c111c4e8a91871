"""MLP and Sequential: micrograd's structure and results, the decks' parameter counts, textbook numbering."""

import random

import pytest

from autograd import Value
from nn import MLP, Dropout, Layer, Neuron, Sequential


def micrograd():
    """micrograd itself, as the reference for compatibility (in the dev environment, not a dependency)."""
    return pytest.importorskip("micrograd.nn")


@pytest.mark.parametrize("nin, nouts, count", [(3, [4, 2], 26), (3, [4, 4, 1], 41)])
def test_parameter_counts_match_the_deck(nin, nouts, count):
    model = MLP(nin, nouts)
    assert len(model.parameters()) == count
    assert f"parameters={count}" in repr(model).splitlines()[0]


def test_micrograd_structure():
    model = MLP(2, [16, 16, 1])
    assert [len(layer.neurons) for layer in model.layers] == [16, 16, 1]
    assert all(len(n.w) == 2 for n in model.layers[0].neurons)
    assert isinstance(model.layers[0].neurons[0].b, Value)
    assert [layer.neurons[0].activation for layer in model.layers] == ["relu", "relu", "identity"]
    assert Neuron(3, nonlin=False).activation == "identity"
    assert Layer(3, 2, nonlin=False).neurons[1].nonlin is False
    assert all(p.role == "parameter" for p in model.parameters())


def test_same_weights_and_outputs_as_micrograd_from_the_same_seed():
    micrograd_nn = micrograd()
    random.seed(1337)
    ours = MLP(2, [16, 16, 1])
    random.seed(1337)
    theirs = micrograd_nn.MLP(2, [16, 16, 1])
    assert [p.data for p in ours.parameters()] == [p.data for p in theirs.parameters()]
    x = [0.7, -1.3]
    assert ours(x).data == theirs(x).data  # same summation order (b first), so bit-identical


def test_micrograd_training_loop_runs_unchanged():
    """The demo notebook's loop (SVM loss + L2, plain SGD), run with both libraries."""
    micrograd_nn = micrograd()
    xs = [[0.5, 1.0], [-1.0, 0.3], [1.5, -0.5], [-0.2, -1.2]]
    ys = [1, -1, 1, -1]

    def train(mlp_cls, value_cls):
        random.seed(7)
        model = mlp_cls(2, [4, 4, 1])
        losses = []
        for k in range(3):
            inputs = [list(map(value_cls, xrow)) for xrow in xs]
            scores = list(map(model, inputs))
            data_loss = sum((1 + -yi * scorei).relu() for yi, scorei in zip(ys, scores)) * (1.0 / len(ys))
            reg_loss = 1e-4 * sum(p * p for p in model.parameters())
            total = data_loss + reg_loss
            model.zero_grad()
            total.backward()
            for p in model.parameters():
                p.data -= (1.0 - 0.9 * k / 100) * p.grad
            losses.append(total.data)
        return losses

    from micrograd.engine import Value as MicrogradValue

    assert train(MLP, Value) == pytest.approx(train(micrograd_nn.MLP, MicrogradValue), rel=1e-12)


def test_textbook_numbering_continues_across_layers():
    model = MLP(3, [4, 4, 1], labels="textbook")
    units = [[n.unit for n in layer.neurons] for layer in model.layers]
    assert units == [[4, 5, 6, 7], [8, 9, 10, 11], [12]]
    assert model.layers[1].neurons[0].w[0].label == "w48"
    assert model.layers[2].neurons[0].w[3].label == "w11,12"
    assert model.layers[2].neurons[0].b.label == "θ12"


def test_sequential_with_dropout():
    model = Sequential(Layer(2, 4, seed=0), Dropout(0.5, seed=0), Layer(4, 1, nonlin=False, seed=1))
    assert len(model) == 3 and len(model.parameters()) == 12 + 5
    model.eval()
    x = [0.2, 0.4]
    assert model(x).data == model[2](model[0](x)).data
