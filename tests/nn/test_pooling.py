"""MaxPool1d, MaxPool2d, AvgPool2d and Flatten: values by hand, where the gradient goes, central
differences, and errors."""

import random

import pytest

import nn
from autograd import Value, no_grad

IMAGE = [[[1, 5, 2, 0], [3, 4, 8, 1], [0, 2, 6, 7], [9, 1, 3, 2]]]


def _data(nested):
    return [_data(v) for v in nested] if isinstance(nested, list) else nested.data


def _values(nested):
    return [_values(v) for v in nested] if isinstance(nested, list) else Value(nested)


def test_max_pool_2x2_takes_the_largest_of_each_window_with_stride_equal_to_kernel():
    pool = nn.MaxPool2d(2)
    assert pool.stride == (2, 2)
    y = pool(IMAGE)
    assert _data(y) == [[[5, 8], [9, 7]]]
    assert y[0][1][0].op == "max" and len(y[0][1][0].parents) == 4  # one n-ary max node per window
    assert y[0][1][0].label == "pool.y[0,1,0]"


def test_max_pool_gradient_reaches_only_the_winner_and_ties_share_it():
    x = _values(IMAGE)
    y = nn.MaxPool2d(2, name="pool1")(x)
    Value.sum([v for row in y[0] for v in row]).backward()
    assert [[v.grad or 0.0 for v in row] for row in x[0]] == \
        [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]]
    a, b = Value(2.0), Value(2.0)
    nn.MaxPool1d(2)([[a, b]])[0][0].backward()
    assert (a.grad, b.grad) == (0.5, 0.5)  # the engine's max shares a tie evenly


def test_overlapping_windows_add_their_gradients():
    x = _values([[1.0, 9.0, 2.0, 3.0]])
    y = nn.MaxPool1d(3, stride=1)(x)  # windows (1, 9, 2) and (9, 2, 3): 9 wins twice
    assert _data(y) == [[9.0, 9.0]]
    Value.sum(y[0]).backward()
    assert x[0][1].grad == 2.0


def test_max_pool_padding_never_wins():
    y = nn.MaxPool1d(3, stride=2, padding=1)([[-5.0, -1.0, -7.0, -2.0, -3.0]])
    # PyTorch pads a max pool with -inf: windows (pad, -5, -1), (-1, -7, -2), (-2, -3, pad)
    assert _data(y) == [[-1.0, -1.0, -2.0]]


def test_avg_pool_divides_by_the_window_area_including_padding():
    y = nn.AvgPool2d(2)(IMAGE)
    assert _data(y) == [[[13 / 4, 11 / 4], [12 / 4, 18 / 4]]]
    x = _values(IMAGE)
    z = nn.AvgPool2d(2)(x)
    z[0][0][0].backward()
    assert [x[0][r][c].grad for r in (0, 1) for c in (0, 1)] == [0.25] * 4
    padded = nn.AvgPool2d(2, padding=1)([[[4.0, 8.0]]])
    assert _data(padded) == [[[1.0, 2.0]]]  # the corner window holds one real pixel, divided by 4


def test_rectangular_windows_and_several_channels():
    y = nn.MaxPool2d((1, 2), stride=(1, 1))([[[1, 3, 2]], [[0, -1, 5]]])
    assert _data(y) == [[[3, 3]], [[0, 5]]]


def test_pooling_matches_central_differences_on_random_inputs():
    rng = random.Random(4)
    for pool in (nn.MaxPool2d(3, stride=2, padding=1), nn.AvgPool2d((2, 3), stride=1), nn.MaxPool1d(2)):
        shape = (2, 5, 6) if pool.dims == 2 else (2, 7)

        def nested(s):
            return rng.uniform(-1, 1) if not s else [nested(s[1:]) for _ in range(s[0])]

        x = _values(nested(shape))
        flat = [v for v in _flatten(x)]
        out = _flatten(pool(x))
        coefficients = [rng.uniform(-1, 1) for _ in out]
        Value.dot(coefficients, out).backward()
        h = 1e-6
        for leaf in flat:
            start = leaf.data
            with no_grad():
                leaf.data = start + h
                up = Value.dot(coefficients, _flatten(pool(x))).data
                leaf.data = start - h
                down = Value.dot(coefficients, _flatten(pool(x))).data
            leaf.data = start
            assert (leaf.grad or 0.0) == pytest.approx((up - down) / (2 * h), abs=1e-7)


def _flatten(nested):
    return nn.Flatten()(nested)


def test_flatten_reads_channel_by_channel_row_by_row():
    assert nn.Flatten()([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]) == [1, 2, 3, 4, 5, 6, 7, 8]
    v = Value(1.0)
    assert nn.Flatten()([[v]])[0] is v  # no new nodes: the same Values, in a flat list
    assert nn.Flatten()([1.0, 2.0]) == [1.0, 2.0]
    assert nn.Flatten().parameters() == []
    with pytest.raises(TypeError, match="nested lists"):
        nn.Flatten()([["ab"]])


def test_pools_have_no_parameters_and_a_readable_repr():
    assert nn.MaxPool2d(2).parameters() == []
    assert repr(nn.MaxPool2d(2)) == "MaxPool2d(kernel_size=(2, 2), parameters=0)"
    assert repr(nn.MaxPool1d(3, stride=1, padding=1)) == "MaxPool1d(kernel_size=3, stride=1, padding=1, parameters=0)"


@pytest.mark.parametrize("make, error, words", [
    (lambda: nn.MaxPool2d(2, padding=2), ValueError, "at most half"),
    (lambda: nn.MaxPool2d(0), ValueError, "kernel_size"),
    (lambda: nn.AvgPool2d(2, stride=(1, 2, 3)), ValueError, "stride"),
    (lambda: nn.MaxPool1d(2, name=3), TypeError, "name"),
])
def test_bad_arguments(make, error, words):
    with pytest.raises(error, match=words):
        make()


def test_bad_samples():
    with pytest.raises(ValueError, match="does not fit"):
        nn.MaxPool2d(3)([[[1, 2], [3, 4]]])
    with pytest.raises(ValueError, match="ragged"):
        nn.MaxPool2d(2)([[[1, 2], [3]]])
    with pytest.raises(TypeError, match=r"\[channel\]\[row\]\[col\]"):
        nn.MaxPool2d(2)([[1, 2], [3, 4]])


def test_unflatten_turns_a_flat_sample_into_an_image():
    u = nn.Unflatten(1, (2, 2, 3))
    assert u.nin == 12
    assert u(list(range(12))) == [[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]
    assert nn.Flatten()(u(list(range(12)))) == list(range(12))
    assert repr(u) == "Unflatten(dim=1, unflattened_size=(2, 2, 3), parameters=0)"
    with pytest.raises(ValueError, match="needs 12 numbers"):
        u(list(range(11)))
    with pytest.raises(TypeError, match="one flat sample"):
        u([[1, 2]])
    with pytest.raises(ValueError, match="dim must be 1"):
        nn.Unflatten(0, (1, 8, 8))
    with pytest.raises(TypeError, match="tuple of sizes"):
        nn.Unflatten(1, 64)


def test_a_cnn_behind_unflatten_trains_with_fit_and_predicts():
    X, y = nn.datasets.make_glyphs(40, flat=True, seed=2)
    model = nn.Sequential(nn.Unflatten(1, (1, 8, 8)), nn.Conv2d(1, 2, 3, activation="relu", seed=0),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Layer(18, 5, nonlin=False, seed=1))
    history = nn.fit(model, X, y, "cross_entropy", nn.Adam(model.parameters(), lr=0.05), epochs=4,
                     batch_size=10, progress=False)
    assert history.loss[-1] < history.loss[0] and len(history.accuracy) == 4
    scores = nn.predict(model, X[:3])
    assert len(scores) == 3 and all(len(s) == 5 and isinstance(s[0], float) for s in scores)
    with pytest.raises(ValueError, match="64"):
        nn.fit(model, [x[:60] for x in X], y, "cross_entropy", nn.SGD(model.parameters(), lr=0.1), progress=False)
