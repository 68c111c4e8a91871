"""Optional cross-checks of convolution and pooling against PyTorch (skipped without torch): values,
weight, bias and input gradients agree to 1e-12 on random shapes with stride and padding."""

import random

import pytest

import nn
from autograd import Value

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _random_shape(rng: random.Random, dims: int) -> dict:
    """A random convolution that fits its input: sizes, kernel, stride, padding, channels."""
    kernel = tuple(rng.randint(1, 4) for _ in range(dims))
    padding = tuple(rng.randint(0, k) for k in kernel)
    spatial = tuple(max(1, k - 2 * p) + rng.randint(0, 5) for k, p in zip(kernel, padding))
    stride = tuple(rng.randint(1, 3) for _ in range(dims))
    return dict(cin=rng.randint(1, 3), cout=rng.randint(1, 3), kernel=kernel, stride=stride,
                padding=padding, spatial=spatial, bias=rng.random() < 0.8)


def _tensor(nested, grad=True):
    return torch.tensor(nested, dtype=torch.float64, requires_grad=grad)


def _data(nested):
    return [_data(v) for v in nested] if isinstance(nested, list) else nested.data


def _grads(nested):
    return [_grads(v) for v in nested] if isinstance(nested, list) else (nested.grad or 0.0)


def _flat(nested):
    return [x for v in nested for x in _flat(v)] if isinstance(nested, list) else [nested]


def _assert_close(ours, theirs):
    ours, theirs = _flat(ours), torch.as_tensor(theirs).flatten().tolist()
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-12)


def _values(rng, shape):
    """Random Values in nested lists of `shape`."""
    if not shape:
        return Value(rng.uniform(-2, 2))
    return [_values(rng, shape[1:]) for _ in range(shape[0])]


def _weighted_sum(outputs, rng):
    """A scalar with a different weight per output, so every output's gradient is distinct."""
    flat = _flat(outputs)
    coefficients = [rng.uniform(-1, 1) for _ in flat]
    return Value.dot(coefficients, flat), coefficients


@pytest.mark.parametrize("dims", [1, 2])
@pytest.mark.parametrize("seed", range(12))
def test_convolution_matches_torch(dims, seed):
    rng = random.Random(seed * 10 + dims)
    s = _random_shape(rng, dims)
    layer = (nn.Conv1d if dims == 1 else nn.Conv2d)(s["cin"], s["cout"], s["kernel"], s["stride"], s["padding"],
                                                  bias=s["bias"], init="he_uniform", seed=seed)
    if s["bias"]:
        for b in layer.bias:
            b.data = rng.uniform(-1, 1)
    x = _values(rng, (s["cin"], *s["spatial"]))
    out = layer(x)
    loss, coefficients = _weighted_sum(out, rng)
    loss.backward()

    tx, tw = _tensor(_data(x)), _tensor(_data(layer.weight))
    tb = _tensor(_data(layer.bias)) if s["bias"] else None
    conv = F.conv1d if dims == 1 else F.conv2d
    tout = conv(tx.unsqueeze(0), tw, tb, stride=s["stride"], padding=s["padding"])[0]
    (tout.flatten() * torch.tensor(coefficients, dtype=torch.float64)).sum().backward()
    _assert_close(_data(out), tout)
    _assert_close(_grads(layer.weight), tw.grad)
    _assert_close(_grads(x), tx.grad)
    if s["bias"]:
        _assert_close(_grads(layer.bias), tb.grad)


@pytest.mark.parametrize("kind", ["max1d", "max2d", "avg2d"])
@pytest.mark.parametrize("seed", range(10))
def test_pooling_matches_torch(kind, seed):
    rng = random.Random(seed)
    dims = 1 if kind == "max1d" else 2
    kernel = tuple(rng.randint(1, 3) for _ in range(dims))
    stride = tuple(rng.randint(1, 3) for _ in range(dims))
    padding = tuple(rng.randint(0, k // 2) for k in kernel)
    spatial = tuple(k + rng.randint(0, 5) for k in kernel)
    x = _values(rng, (rng.randint(1, 3), *spatial))  # continuous random inputs: no ties in a window
    layer = {"max1d": nn.MaxPool1d, "max2d": nn.MaxPool2d, "avg2d": nn.AvgPool2d}[kind](kernel, stride, padding)
    out = layer(x)
    loss, coefficients = _weighted_sum(out, rng)
    loss.backward()

    tx = _tensor(_data(x))
    pool = {"max1d": F.max_pool1d, "max2d": F.max_pool2d, "avg2d": F.avg_pool2d}[kind]
    tout = pool(tx, kernel, stride, padding)
    (tout.flatten() * torch.tensor(coefficients, dtype=torch.float64)).sum().backward()
    _assert_close(_data(out), tout)
    _assert_close(_grads(x), tx.grad)


def test_a_small_cnn_step_matches_torch():
    """Conv2d -> ReLU -> MaxPool2d -> Flatten -> Layer -> cross-entropy, the notebook's network."""
    X, y = nn.datasets.make_glyphs(6, seed=3)
    model = nn.Sequential(nn.Conv2d(1, 3, 3, padding=1, activation="relu", seed=1), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Layer(48, 5, nonlin=False, seed=2))
    loss = nn.cross_entropy([model(x) for x in X], y)
    loss.backward()

    conv, linear = model[0], model[3]
    tw, tb = _tensor(_data(conv.weight)), _tensor(_data(conv.bias))
    lw, lb = (_tensor(v) for v in linear.get_weights())
    h = F.max_pool2d(F.relu(F.conv2d(_tensor(X, grad=False), tw, tb, padding=1)), 2)
    tloss = F.cross_entropy(h.flatten(1) @ lw.T + lb, torch.tensor(y))
    tloss.backward()
    assert loss.data == pytest.approx(tloss.item(), rel=1e-12)
    _assert_close(_grads(conv.weight), tw.grad)
    _assert_close(_grads(conv.bias), tb.grad)
    _assert_close([[w.grad for w in n.w] for n in linear.neurons], lw.grad)


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")  # torch's note on its own speed
@pytest.mark.parametrize("kernel", [(2, 3), (4, 1), (3, 3)])
def test_padding_same_matches_torch(kernel):
    rng = random.Random(sum(kernel))
    layer = nn.Conv2d(2, 2, kernel, padding="same", seed=1)
    x = _values(rng, (2, 5, 4))
    out = layer(x)
    loss, coefficients = _weighted_sum(out, rng)
    loss.backward()
    tx, tw, tb = _tensor(_data(x)), _tensor(_data(layer.weight)), _tensor(_data(layer.bias))
    tout = F.conv2d(tx.unsqueeze(0), tw, tb, padding="same")[0]
    (tout.flatten() * torch.tensor(coefficients, dtype=torch.float64)).sum().backward()
    _assert_close(_data(out), tout)
    _assert_close(_grads(layer.weight), tw.grad)
    _assert_close(_grads(x), tx.grad)
