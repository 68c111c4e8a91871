"""Initialisation: reproducible from a seed, micrograd's default, each scheme's range or spread, and
the symmetry problem of zero initialisation."""

import math
import random
import statistics

import pytest

from nn import MLP, Layer, Maxout, init


def weights(module):
    return [w.data for ws, _, _, _ in module.weight_groups() for w in ws]


def biases(module):
    return [b.data for _, b, _, _ in module.weight_groups()]


def test_same_seed_same_network_different_seed_different_network():
    for scheme in init.SCHEMES:
        if scheme == "zeros":
            continue
        a, b = MLP(3, [4, 2], init=scheme, seed=0), MLP(3, [4, 2], init=scheme, seed=0)
        assert weights(a) == weights(b)
        assert weights(a) != weights(MLP(3, [4, 2], init=scheme, seed=1))
    rng1, rng2 = random.Random(5), random.Random(5)
    assert weights(MLP(2, [3, 1], rng=rng1)) == weights(MLP(2, [3, 1], rng=rng2))


def test_default_is_micrographs_uniform_from_the_global_generator():
    random.seed(42)
    model = MLP(2, [3, 1])
    random.seed(42)
    expected = [random.uniform(-1, 1) for _ in range(2 * 3 + 3 * 1)]
    assert weights(model) == expected
    assert biases(model) == [0.0] * 4


def test_uniform_eps_and_biases():
    layer = Layer(10, 10, seed=0)
    init.uniform_(layer, eps=0.12, rng=random.Random(1), include_bias=True)
    values = weights(layer) + biases(layer)
    assert all(-0.12 <= v <= 0.12 for v in values) and max(map(abs, values)) > 0.1
    assert all(b != 0.0 for b in biases(layer))
    init.uniform_(layer, eps=0.5, rng=random.Random(1))
    assert biases(layer) == [0.0] * 10


# fan_in = 200, fan_out = 100: big enough for the sample spread to be within a few percent
FAN_IN, FAN_OUT = 200, 100


@pytest.mark.parametrize("scheme, bound, std", [
    ("xavier_uniform", math.sqrt(6 / (FAN_IN + FAN_OUT)), math.sqrt(2 / (FAN_IN + FAN_OUT))),
    ("xavier_normal", None, math.sqrt(2 / (FAN_IN + FAN_OUT))),
    ("he_uniform", math.sqrt(6 / FAN_IN), math.sqrt(2 / FAN_IN)),
    ("he_normal", None, math.sqrt(2 / FAN_IN)),
    ("lecun_normal", None, 1 / math.sqrt(FAN_IN)),
])
def test_scheme_spread(scheme, bound, std):
    layer = Layer(FAN_IN, FAN_OUT, init=scheme, seed=3)
    ws = weights(layer)
    assert statistics.pstdev(ws) == pytest.approx(std, rel=0.03)
    assert abs(statistics.fmean(ws)) < 0.05 * std
    if bound is not None:
        assert max(map(abs, ws)) <= bound and max(map(abs, ws)) > 0.99 * bound
    assert biases(layer) == [0.0] * FAN_OUT


def test_fans_follow_the_layer():
    maxout = Maxout(4, 3, pieces=2, seed=0)
    assert {(fi, fo) for _, _, fi, fo in maxout.weight_groups()} == {(4, 6)}
    model = MLP(3, [5, 2])
    assert [(fi, fo) for _, _, fi, fo in model.weight_groups()] == [(3, 5)] * 5 + [(5, 2)] * 2


def test_zero_init_symmetry_problem():
    """With all weights 0 every hidden unit computes, and learns, exactly the same thing."""
    model = MLP(2, [3, 1], activation="sigmoid", init="zeros")
    assert all(v == 0.0 for v in weights(model) + biases(model))
    data = [([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]
    hidden = model.layers[0].neurons
    for _ in range(5):
        model.zero_grad()
        loss = sum((model(x) - y) ** 2 for x, y in data)
        loss.backward()
        grads = [[w.grad for w in n.w] + [n.b.grad] for n in hidden]
        assert grads[0] == grads[1] == grads[2]  # identical gradients for every hidden unit
        for p in model.parameters():
            p.data -= 0.5 * p.grad
    rows = [[w.data for w in n.w] + [n.b.data] for n in hidden]
    assert rows[0] == rows[1] == rows[2] and any(v != 0.0 for v in rows[0])  # moved, but still identical


def test_random_init_breaks_the_symmetry():
    model = MLP(2, [3, 1], activation="sigmoid", init="uniform", seed=0)
    model([1.0, 1.0]).backward()
    grads = [n.w[0].grad for n in model.layers[0].neurons]
    assert len(set(grads)) == 3


def test_callable_scheme_and_errors():
    model = MLP(2, [2, 1], init=lambda m, rng: init.uniform_(m, eps=0.01, rng=rng), seed=0)
    assert all(abs(v) <= 0.01 for v in weights(model))
    with pytest.raises(ValueError, match="unknown init 'xavier'"):
        MLP(2, [1], init="xavier")
    with pytest.raises(ValueError, match="either seed or rng"):
        MLP(2, [1], seed=0, rng=random.Random(0))
    with pytest.raises(TypeError, match=r"seed must be a whole number \(int\)"):
        MLP(2, [1], seed=0.5)
    with pytest.raises(TypeError, match="rng must be a random.Random"):
        init.xavier_uniform_(MLP(2, [1]), rng=3)
    with pytest.raises(ValueError, match="eps must be a finite number > 0"):
        init.uniform_(MLP(2, [1]), eps=0)


def test_normal_init_has_the_requested_spread_and_zero_biases():
    from nn import MLP, init

    model = MLP(20, [50], seed=0)
    init.normal_(model, std=0.01, rng=__import__("random").Random(3))
    ws = [w.data for n in model.layers[0].neurons for w in n.w]
    mean = sum(ws) / len(ws)
    std = (sum((w - mean) ** 2 for w in ws) / len(ws)) ** 0.5
    assert abs(mean) < 0.002 and 0.009 < std < 0.011
    assert all(n.b.data == 0.0 for n in model.layers[0].neurons)


def test_constant_init_sets_every_weight_and_bias():
    from nn import MLP, init

    model = MLP(3, [4, 1], seed=0)
    init.constant_(model, 0.5)
    assert {p.data for p in model.parameters()} == {0.5}
