"""Maxout: each unit is the max of its linear pieces, in a layer or inside an MLP."""

import pytest

from nn import MLP, Maxout


def test_maxout_layer():
    layer = Maxout(2, 3, pieces=2, seed=0)
    assert len(layer.parameters()) == 3 * 2 * 3
    x = [0.5, -1.5]
    outs = layer(x)
    for unit, out in zip(layer.neurons, outs):
        nets = [p.b.data + sum(w.data * xi for w, xi in zip(p.w, x)) for p in unit.pieces]
        assert out.op == "max" and out.data == max(nets)
    model = MLP(2, [3, 1], activation="maxout", seed=0)
    assert isinstance(model.layers[0], Maxout) and len(model.parameters()) == 18 + 4
    model.set_weights([[[[1, 0], [0, 1]]] * 3, [[1, 1, 1]]])
    assert model([2.0, 5.0]).data == pytest.approx(15.0)
