"""MaskedLayer: units over chosen inputs (the Seattle U deck's house-price network)."""

import pytest

import nn

MASK = [[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1]]  # a1 sees x1, x2; a2 sees x3 only; a3 sees x3, x4


def test_each_unit_sees_only_its_inputs():
    layer = nn.MaskedLayer(4, MASK, activation="relu", seed=0)
    assert [len(n.w) for n in layer.neurons] == [2, 1, 2]
    assert [[w.label for w in n.w] for n in layer.neurons] == [["w1", "w2"], ["w3"], ["w3", "w4"]]
    assert len(layer.parameters()) == 8 and layer.mask == MASK
    layer.set_weights([[1.0, 2.0], [3.0], [4.0, -5.0]], [0.5, 0.0, 0.0])
    a1, a2, a3 = layer([1.0, 10.0, 2.0, 3.0])
    assert (a1.data, a2.data, a3.data) == (21.5, 6.0, 0.0)  # relu(4*2 - 5*3) = 0


def test_a_missing_connection_gets_no_gradient_path():
    layer = nn.MaskedLayer(4, MASK, activation="identity", seed=0)
    xs = [nn.Parameter(v, f"x{i + 1}") for i, v in enumerate([1.0, 2.0, 3.0, 4.0])]
    a2 = layer(xs)[1]
    a2.backward()
    assert [x.grad for x in xs] == [None, None, layer.neurons[1].w[0].data, None]


def test_masked_layer_in_a_network_trains_and_repr_shows_the_mask():
    net = nn.Sequential(nn.MaskedLayer(4, MASK, activation="relu", seed=0), nn.Layer(3, 1, nonlin=False, seed=1))
    assert len(net.parameters()) == 12 and "mask=[[1, 1, 0, 0]" in repr(net)
    X = [[1, 2, 0.5, 1], [2, 1, 1, 0.3], [0.2, 1, 2, 2]]  # off the ReLU kinks
    h = nn.fit(net, X, [1.0, 2.0, 3.0], "mse", nn.SGD(net.parameters(), lr=0.01), epochs=20, progress=False)
    assert h.loss[-1] < h.start["loss"]
    assert nn.gradcheck(net, "mse", X, [1.0, 2.0, 3.0]).passed


@pytest.mark.parametrize("mask, message", [
    ([[1, 1, 0]], "expected 4 0s and 1s"), ([[1, 2, 0, 0]], "only 0 and 1"), ([[0, 0, 0, 0]], "no input"),
    ([], "at least one"),
])
def test_bad_masks(mask, message):
    with pytest.raises((ValueError, TypeError), match=message):
        nn.MaskedLayer(4, mask)
