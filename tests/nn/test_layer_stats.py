"""nn.layer_outputs and nn.layer_statistics: the UVA deck's per-layer activation statistics."""

import random
import statistics

import pytest

import nn

rng = random.Random(1)
X = [[rng.gauss(0, 1) for _ in range(20)] for _ in range(30)]


def deep(init, activation="tanh"):
    return nn.MLP(20, [20] * 5 + [1], activation=activation, init=init, seed=0)


def test_statistics_are_those_of_the_recorded_outputs():
    model = deep("lecun_normal")
    outputs = nn.layer_outputs(model, X)
    assert len(outputs) == 6 and len(outputs[0]) == 30
    first = [v.data for row in outputs[0] for v in row]
    stats = nn.layer_statistics(model, X)
    assert stats[0].mean == pytest.approx(statistics.fmean(first), rel=1e-12)
    assert stats[0].std == pytest.approx(statistics.pstdev(first), rel=1e-12)
    assert stats[0].saturated == sum(abs(a) >= 0.99 for a in first) / len(first)
    assert stats[-1].activation == "identity" and stats[-1].saturated is None


def test_large_weights_saturate_tanh_and_small_weights_shrink_gradients():
    big = nn.layer_statistics(deep(lambda m, rng=None: nn.init.normal_(m, std=1.0, rng=rng)), X)  # N(0, 1)
    assert big[-2].saturated > 0.5
    xavier = nn.layer_statistics(deep("lecun_normal"), X, [0.0] * 30, "mse")
    assert all(s.saturated < 0.1 for s in xavier[:-1])
    assert 0.55 < xavier[0].std < 0.7  # the deck's first layer: 0.628
    tiny = nn.layer_statistics(deep(lambda m, rng=None: nn.init.normal_(m, std=0.01, rng=rng)), X, [1.0] * 30, "mse")
    assert tiny[0].weight_grad < 1e-7 < 1e-3 < xavier[0].weight_grad  # with tiny weights, layer 1 gets ~0


def test_relu_counts_units_that_are_off_and_gradients_are_put_back():
    model = deep("he_normal", activation="relu")
    for p in model.parameters():
        p.grad = 3.0
    stats = nn.layer_statistics(model, X, [0.0] * 30, "mse")
    assert 0.3 < stats[0].saturated < 0.7  # about half the ReLUs are off
    assert all(p.grad == 3.0 for p in model.parameters())
    assert "std of dL/da" in str(stats) and "<table" in stats._repr_html_()


def test_models_without_layers_are_refused():
    with pytest.raises(TypeError, match=r"\.layers"):
        nn.layer_statistics(nn.Neuron(2), [[1.0, 2.0]])
