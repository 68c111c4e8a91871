"""Neuron and Layer: micrograd's structure and results, the decks' parameter
counts and forward passes, activations by name, set_weights, textbook labels, bad input."""

import math

import pytest

from autograd import Value
from nn import MLP, Layer, Neuron


def micrograd():
    """micrograd itself, as the reference for compatibility (in the dev environment, not a dependency)."""
    return pytest.importorskip("micrograd.nn")


# ---- structure and counts ---------------------------------------------------------------------------


def test_output_equals_a_hand_computation():
    model = MLP(2, [3, 3, 1], seed=5)
    x = [0.4, -0.9]
    h = x
    for i, layer in enumerate(model.layers):
        z = [n.b.data + sum(w.data * xi for w, xi in zip(n.w, h)) for n in layer.neurons]
        h = [max(0.0, v) for v in z] if i < 2 else z
    assert model(x).data == pytest.approx(h[0], rel=1e-14)


def test_layer_returns_a_value_for_one_unit_and_a_list_otherwise():
    assert isinstance(Layer(2, 1)([1, 2]), Value)
    out = Layer(2, 3)([1, 2])
    assert isinstance(out, list) and len(out) == 3
    # a one-unit hidden layer feeds the next layer as one feature
    assert isinstance(MLP(2, [1, 2])([1.0, 2.0]), list)


def test_a_unit_is_one_fused_dot_node_then_the_activation():
    n = Neuron(3, seed=0)
    x = [Value(1.0), Value(2.0), Value(3.0)]
    out = n(x)
    assert out.op == "relu"
    (net,) = out.parents
    assert net.op == "dot"
    assert net.parents == (*n.w, *x, n.b)
    linear = Neuron(3, nonlin=False, seed=0)(x)
    assert linear.op == "dot"


def test_number_inputs_become_one_input_node_per_feature_shared_by_the_units():
    outs = Layer(2, 3, seed=0)([1.0, 2.0])
    inputs = [o.parents[0].parents[2:4] for o in outs]  # dot parents: w1, w2, x1, x2, b
    assert inputs[0] == inputs[1] == inputs[2]
    assert [x.data for x in inputs[0]] == [1.0, 2.0] and all(x.role == "input" for x in inputs[0])


# ---- deck examples ----------------------------------------------------------------------------------


def han_kamber():
    model = MLP(3, [2, 1], activation="sigmoid", output_activation="sigmoid", labels="textbook")
    model.set_weights([[[0.2, 0.4, -0.5], [-0.3, 0.1, 0.2]], [[-0.3, -0.2]]], biases=[[-0.4, 0.2], [0.1]])
    return model


def test_han_kamber_forward_pass_and_labels():
    model = han_kamber()
    o6 = model([1, 0, 1])
    assert o6.label == "O6" and round(o6.data, 3) == 0.474
    i6 = o6.parents[0]
    assert i6.label == "I6" and round(i6.data, 3) == -0.105
    o4, o5 = i6.parents[2], i6.parents[3]  # dot parents: w46, w56, O4, O5, θ6
    assert (o4.label, round(o4.data, 3)) == ("O4", 0.332)
    assert (o5.label, round(o5.data, 3)) == ("O5", 0.525)
    i4 = o4.parents[0]
    assert (i4.label, round(i4.data, 10)) == ("I4", -0.7)
    assert [v.label for v in i4.parents] == ["w14", "w24", "w34", "x1", "x2", "x3", "θ4"]
    assert [p.label for p in model.parameters()] == [
        "w14", "w24", "w34", "θ4", "w15", "w25", "w35", "θ5", "w46", "w56", "θ6"]


def test_single_neuron_from_the_seattle_deck():
    n = Neuron(3, activation="sigmoid")
    n.set_weights([0.5, 0.2, 10], 2)
    y = n([2, 3, 1])
    assert y.parents[0].data == pytest.approx(13.6)
    assert math.floor(y.data * 1000) / 1000 == 0.999


# ---- activations by name ----------------------------------------------------------------------------

ELEMENTWISE = {
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)),
    "tanh": math.tanh,
    "relu": lambda z: max(0.0, z),
    "leaky_relu": lambda z: z if z > 0 else 0.01 * z,
    "elu": lambda z: z if z > 0 else math.expm1(z),
    "gelu": lambda z: 0.5 * z * (1 + math.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z ** 3))),
    "swish": lambda z: z / (1 + math.exp(-z)),
    "softplus": lambda z: math.log1p(math.exp(z)),
    "arctan": math.atan,
    "step": lambda z: 1.0 if z >= 0 else 0.0,
    "identity": lambda z: z,
}


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@pytest.mark.parametrize("z_sign", [1, -1])
def test_each_activation_by_name(name, z_sign):
    layer = Layer(2, 2, activation=name, seed=3)
    x = [0.6 * z_sign, -0.8 * z_sign]
    outs = layer(x)
    for n, out in zip(layer.neurons, outs):
        z = n.b.data + sum(w.data * xi for w, xi in zip(n.w, x))
        assert out.data == pytest.approx(ELEMENTWISE[name](z), rel=1e-12, abs=1e-15)
        assert out.op == ("dot" if name == "identity" else name)


def test_prelu_has_a_learnable_slope_per_unit():
    layer = Layer(2, 3, activation="prelu", seed=0)
    assert len(layer.parameters()) == 3 * (2 + 1 + 1)
    n = layer.neurons[0]
    n.set_weights([1.0, 1.0], -5.0)
    out = n([1.0, 1.0])  # net input -3, slope 0.25
    assert out.op == "prelu" and out.data == pytest.approx(-0.75)
    out.backward()
    assert n.slope.grad == pytest.approx(-3.0)


def test_softmax_output_layer():
    model = MLP(2, [3, 4], output_activation="softmax", seed=1)
    probs = model([0.3, 0.8])
    assert len(probs) == 4 and sum(p.data for p in probs) == pytest.approx(1.0)
    logits = [n.b.data + sum(w.data * h for w, h in zip(n.w, [v.data for v in model.layers[0]([0.3, 0.8])]))
              for n in model.layers[1].neurons]
    expected = [math.exp(v) / sum(math.exp(u) for u in logits) for v in logits]
    assert [p.data for p in probs] == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match="at least 2 units"):
        Layer(3, 1, activation="softmax")


def test_callable_activation_and_per_layer_list():
    model = MLP(2, [2, 1], activation=[lambda v: v.leaky_relu(0.1), "tanh"], seed=0)
    assert model.layers[0].activation == "custom" and model.layers[1].activation == "tanh"
    out = model([1.0, -1.0])
    assert out.op == "tanh" and out.parents[0].parents[2].op == "leaky_relu"


# ---- set_weights ----------------------------------------------------------------------------------


def test_set_and_get_weights():
    layer = Layer(3, 2)
    layer.set_weights([[1, 2, 3], [4, 5, 6]], biases=[7, 8])
    assert layer.get_weights() == ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [7.0, 8.0])
    model = han_kamber()
    assert model.get_weights()[1] == [[-0.4, 0.2], [0.1]]


def test_set_weights_shape_errors_change_nothing():
    model = MLP(3, [2, 1], seed=0)
    before = [p.data for p in model.parameters()]
    with pytest.raises(ValueError, match="expected 2 entries"):
        model.set_weights([[[1, 2, 3], [1, 2, 3]]])
    with pytest.raises(ValueError, match="layer 2, unit 1 weights: expected 2 numbers, got 3"):
        model.set_weights([[[1, 2, 3], [1, 2, 3]], [[1, 2, 3]]])
    with pytest.raises(ValueError, match="layer 1: weights .* expected 2 entries, got 3"):
        model.set_weights([[[1, 2, 3]] * 3, [[1, 2]]])
    with pytest.raises(ValueError, match="biases"):
        model.set_weights([[[1, 2, 3], [1, 2, 3]], [[1, 2]]], biases=[[1, 2], [1, 2]])
    with pytest.raises(TypeError, match="expected a number"):
        model.set_weights([[[1, 2, "3"], [1, 2, 3]], [[1, 2]]])
    assert [p.data for p in model.parameters()] == before


# ---- bad input ---------------------------------------------------------------------------------------


def test_wrong_number_of_features_is_a_clear_error():
    with pytest.raises(ValueError, match=r"MLP\(3 -> 4 -> 1\) expects 3 input features per sample, got 2"):
        MLP(3, [4, 1])([1.0, 2.0])
    with pytest.raises(ValueError, match="expects 2 input features"):
        Layer(2, 2)([1.0])
    with pytest.raises(TypeError, match="expects a sample"):
        Neuron(2)("ab")
    with pytest.raises(TypeError, match=r"one sample at a time: \[model\(x\) for x in X\]"):
        MLP(2, [3, 1])([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(TypeError, match="a feature must be a number or a Value, got str"):
        Layer(2, 1)([1.0, "2"])


def test_bad_construction_arguments():
    with pytest.raises(ValueError, match="unknown activation 'sigmoidd'"):
        MLP(2, [2, 1], activation="sigmoidd")
    with pytest.raises(TypeError, match="list of layer sizes"):
        MLP(2, 3)
    with pytest.raises(ValueError, match="positive whole number"):
        Layer(0, 2)
    with pytest.raises(ValueError, match="2 activations for 3 layers"):
        MLP(2, [2, 2, 1], activation=["relu", "relu"])
    with pytest.raises(ValueError, match="labels"):
        MLP(2, [1], labels="book")
    with pytest.raises(ValueError, match="whole layer"):
        Neuron(2, activation="softmax")
