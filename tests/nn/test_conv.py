"""Conv1d and Conv2d: the output-size rule, hand-computed outputs, weight sharing, labels, central
differences on random shapes with stride and padding, and clear errors."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from autograd import Value, explain, no_grad, topological_order
from nn.windows import windows


def _flat(nested):
    return [x for v in nested for x in _flat(v)] if isinstance(nested, list) else [nested]


def _set(layer, weights, bias=None):
    for p, v in zip(_flat(layer.weight), _flat(weights), strict=True):
        p.data = float(v)
    for p, v in zip(layer.bias or [], bias or [], strict=True):
        p.data = float(v)


# ---- the output-size rule --------------------------------------------------------------------------


@pytest.mark.parametrize("n, k, s, p, expected", [
    (8, 2, 1, 0, 7),    # the deck's (n - 1) x (n - 1): a 2 x 2 kernel, stride 1, no padding
    (8, 3, 1, 0, 6),    # n - k + 1
    (8, 3, 1, 1, 8),    # padding (k - 1) / 2 keeps the size
    (7, 3, 2, 0, 3),    # floor((7 - 3) / 2) + 1
    (8, 3, 2, 1, 4),    # floor((8 + 2 - 3) / 2) + 1 = floor(3.5) + 1
    (5, 5, 1, 0, 1),    # a kernel as big as the input: one position
    (1, 3, 1, 1, 1),
])
def test_output_size_is_floor_of_n_plus_2p_minus_k_over_s_plus_1(n, k, s, p, expected):
    assert nn.output_size(n, k, s, p) == expected
    assert nn.output_size(n, k, s, p) == (n + 2 * p - k) // s + 1


def test_output_size_rejects_a_kernel_that_does_not_fit_and_bad_numbers():
    with pytest.raises(ValueError, match="does not fit"):
        nn.output_size(3, 5)
    for bad in (dict(n=0, kernel_size=1), dict(n=4, kernel_size=2, stride=0), dict(n=4, kernel_size=2, padding=-1)):
        with pytest.raises(ValueError, match="whole number"):
            nn.output_size(**bad)
    for bad in (dict(n=4, kernel_size=2.0), dict(n=4, kernel_size=True)):  # a wrong type is a TypeError
        with pytest.raises(TypeError, match="kernel_size must be a whole number"):
            nn.output_size(**bad)


# ---- values computed by hand -----------------------------------------------------------------------


def test_conv1d_slides_the_kernel_as_a_cross_correlation():
    conv = nn.Conv1d(1, 1, 3)
    _set(conv, [[[1.0, 0.0, -1.0]]], [0.5])
    y = conv([[1.0, 2.0, 4.0, 8.0, 16.0]])
    # y[i] = 0.5 + x[i] - x[i + 2] (not flipped: PyTorch's convolution is a cross-correlation)
    assert [v.data for v in y[0]] == [0.5 + 1 - 4, 0.5 + 2 - 8, 0.5 + 4 - 16]


def test_conv1d_stride_and_padding():
    conv = nn.Conv1d(1, 1, 3, stride=2, padding=1, bias=False)
    _set(conv, [[[1.0, 10.0, 100.0]]])
    y = conv([[1.0, 2.0, 3.0, 4.0, 5.0]])
    # windows over [0, 1, 2, 3, 4, 5, 0] at 0, 2, 4: (0,1,2), (2,3,4), (4,5,0)
    assert [v.data for v in y[0]] == [0 + 10 + 200, 2 + 30 + 400, 4 + 50 + 0]
    assert len(y[0]) == nn.output_size(5, 3, 2, 1)


def test_conv2d_with_a_2x2_kernel_gives_the_decks_n_minus_1_image():
    conv = nn.Conv2d(1, 1, 2)
    _set(conv, [[[[1, 2], [3, 4]]]], [1])
    image = [[[1, 0, 2], [0, 1, 0], [3, 0, 1]]]
    y = conv(image)
    assert [[v.data for v in row] for row in y[0]] == [[1 + 1 + 4, 1 + 4 + 3], [1 + 2 + 9, 1 + 1 + 4]]


def test_two_input_channels_are_summed_into_each_output():
    conv = nn.Conv2d(2, 2, 1)
    _set(conv, [[[[1]], [[10]]], [[[2]], [[-1]]]], [0, 100])
    y = conv([[[1, 2]], [[3, 4]]])  # two channels of a 1 x 2 image
    assert [[[v.data for v in row] for row in m] for m in y] == [[[31, 42]], [[99, 100]]]


def test_padding_adds_no_nodes_for_the_zeros():
    conv = nn.Conv1d(1, 1, 3, padding=1)
    y = conv([[1.0, 2.0, 3.0]])
    # the edge outputs see two real inputs: 2 weights + 2 inputs + bias; the middle one sees three
    assert [len(v.parents) for v in y[0]] == [5, 7, 5]
    assert windows((3,), (3,), (1,), ((1, 1),))[1][0] == ((1, 0), (2, 1))


# ---- weight sharing ----------------------------------------------------------------------------------


def test_a_shared_weights_gradient_is_the_sum_over_positions():
    conv = nn.Conv1d(1, 1, 3, name="conv1")
    _set(conv, [[[0.5, -1.0, 2.0]]], [0.1])
    x = [3.0, -1.0, 4.0, 1.0, -5.0, 9.0]
    y = conv([x])[0]
    c = [1.0, -2.0, 0.5, 3.0]
    loss = Value.dot(c, y)
    loss.backward()
    for k, w in enumerate(conv.weight[0][0]):
        # dL/dw_k = sum_i dL/dy_i * dy_i/dw_k = sum_i c_i * x[i + k]
        assert w.grad == pytest.approx(sum(c[i] * x[i + k] for i in range(len(y))), abs=1e-12)
        assert w.grad == pytest.approx(sum(yi.grad * x[i + k] for i, yi in enumerate(y)), abs=1e-12)
    assert conv.bias[0].grad == pytest.approx(sum(c))
    e = explain(conv.weight[0][0][1], loss)
    assert e.path_count == len(y)  # one path per position the kernel visits
    assert float(e) == pytest.approx(conv.weight[0][0][1].grad, abs=1e-12)
    assert "conv1.y[0,2]" in str(e) and "conv1.w[0,0,1]" in str(e)


def test_every_output_uses_the_very_same_weight_nodes():
    conv = nn.Conv2d(1, 2, 2)
    y = conv([[[1, 2, 3], [4, 5, 6]]])
    for o in range(2):
        for v in _flat(y[o]):
            assert v.op == "dot"
            assert set(v.parents[:4]) == set(conv.kernel(o))


# ---- structure: parameters, labels, init, pictures ----------------------------------------------------


def test_weight_and_bias_are_nested_like_pytorch_and_labelled_by_index():
    conv = nn.Conv2d(2, 3, (2, 4), name="conv1")
    assert len(conv.weight) == 3 and len(conv.weight[0]) == 2
    assert len(conv.weight[0][0]) == 2 and len(conv.weight[0][0][0]) == 4
    assert conv.weight[0][1][1][2].label == "conv1.w[0,1,1,2]"
    assert [b.label for b in conv.bias] == ["conv1.b[0]", "conv1.b[1]", "conv1.b[2]"]
    assert len(conv.parameters()) == 3 * 2 * 2 * 4 + 3
    names = dict(conv.named_parameters())
    assert names["weight.0.1.1.2"] is conv.weight[0][1][1][2] and names["bias.2"] is conv.bias[2]
    assert all(p.role == "parameter" for p in conv.parameters())
    assert nn.Conv1d(1, 2, 3, bias=False).bias is None
    assert len(nn.Conv1d(1, 2, 3, bias=False).parameters()) == 6


def test_outputs_are_labelled_by_channel_and_position():
    y = nn.Conv2d(1, 2, 2, name="c")([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]])
    assert y[1][0][1].label == "c.y[1,0,1]"
    x = nn.Conv1d(1, 1, 2)([[1.0, 2.0]])[0][0].parents[2]
    assert x.label == "x[0,0]" and x.role == "input"


def test_seeded_init_uses_the_convolution_fans():
    a, b = nn.Conv2d(2, 4, 3, init="he_uniform", seed=1), nn.Conv2d(2, 4, 3, init="he_uniform", seed=1)
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    bound = (6 / (2 * 9)) ** 0.5  # He uniform: sqrt(6 / fan_in), fan_in = in_channels * kernel area
    weights = _flat(a.weight)
    assert all(abs(w.data) <= bound for w in weights) and max(abs(w.data) for w in weights) > bound / 2
    assert all(b.data == 0.0 for b in a.bias)
    groups = list(a.weight_groups())
    assert len(groups) == 4 and groups[0][2:] == (18, 36) and groups[0][1] is a.bias[0]


def test_activation_by_name_and_the_repr():
    conv = nn.Conv1d(1, 1, 1, activation="relu")
    _set(conv, [[[1.0]]], [0.0])
    assert [v.data for v in conv([[-2.0, 3.0]])[0]] == [0.0, 3.0]
    assert repr(nn.Conv2d(1, 4, 3, stride=2, padding=1, activation="relu")) == \
        "Conv2d(1, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), relu, parameters=40)"
    assert repr(nn.Conv1d(2, 1, 3, bias=False)) == "Conv1d(2, 1, kernel_size=3, bias=False, parameters=6)"


def test_clusters_give_each_kernel_its_own_box():
    model = nn.Sequential(nn.Conv1d(1, 2, 2, name="conv1"), nn.Flatten(), nn.Layer(4, 1))
    boxes = model.clusters()
    conv = model[0]
    assert boxes[conv.weight[1][0][0]] == ("Conv1d 1", "conv1 out channel 1")
    assert boxes[conv.bias[0]] == ("Conv1d 1", "conv1 out channel 0")


def test_state_dict_round_trip_and_sequential_composition():
    model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1, activation="relu", seed=0), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Layer(8, 3, nonlin=False, seed=1))
    image = [[[random.Random(k).random() for k in range(4 * r, 4 * r + 4)] for r in range(4)]]
    scores = [v.data for v in model(image)]
    state = model.state_dict()
    other = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1, activation="relu", seed=5), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Layer(8, 3, nonlin=False, seed=6))
    other.load_state_dict(state)
    assert [v.data for v in other(image)] == scores
    with no_grad():
        assert all(not v.parents for v in model(image))


# ---- central differences on random shapes ---------------------------------------------------------------


@st.composite
def conv_cases(draw):
    dims = draw(st.sampled_from([1, 2]))
    kernel = tuple(draw(st.integers(1, 3)) for _ in range(dims))
    padding = tuple(draw(st.integers(0, k)) for k in kernel)
    spatial = tuple(max(1, k - 2 * p) + draw(st.integers(0, 3)) for k, p in zip(kernel, padding))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(dims))
    return dims, draw(st.integers(1, 2)), draw(st.integers(1, 2)), kernel, stride, padding, spatial, \
        draw(st.integers(0, 10_000))


def _nested(rng, shape):
    return rng.uniform(-1.5, 1.5) if not shape else [_nested(rng, shape[1:]) for _ in range(shape[0])]


@settings(max_examples=30, deadline=None)
@given(conv_cases())
def test_gradients_match_central_differences(case):
    dims, cin, cout, kernel, stride, padding, spatial, seed = case
    rng = random.Random(seed)
    Conv = nn.Conv1d if dims == 1 else nn.Conv2d
    conv = Conv(cin, cout, kernel, stride, padding, activation="tanh", seed=seed)
    for b in conv.bias:
        b.data = rng.uniform(-0.5, 0.5)
    x = _nested(rng, (cin, *spatial))
    xs = [Value(v) for v in _flat(x)]
    leaves = conv.parameters() + xs

    def loss():
        it = iter(xs)

        def fill(shape):
            return next(it) if not shape else [fill(shape[1:]) for _ in range(shape[0])]
        out = _flat(conv(fill((cin, *spatial))))
        return Value.dot([(k % 5) - 2.0 for k in range(len(out))], out)  # distinct weights per output

    conv.zero_grad()
    loss().backward()
    h = 1e-6
    for leaf in leaves:
        start = leaf.data
        with no_grad():
            leaf.data = start + h
            up = loss().data
            leaf.data = start - h
            down = loss().data
        leaf.data = start
        # an input that a stride skips is never reached: its grad stays None, and its true slope is 0
        got = leaf.grad if leaf.grad is not None or leaf.role == "parameter" else 0.0
        assert got == pytest.approx((up - down) / (2 * h), abs=1e-6), leaf.label


# ---- errors that say how to fix the call -------------------------------------------------------------


@pytest.mark.parametrize("make, error, words", [
    (lambda: nn.Conv2d(0, 1, 3), ValueError, "in_channels"),
    (lambda: nn.Conv2d(1, 1, (3, 3, 3)), ValueError, "kernel_size"),
    (lambda: nn.Conv2d(1, 1, 3, stride=0), ValueError, "stride"),
    (lambda: nn.Conv1d(1, 1, 3, padding=-1), ValueError, "padding"),
    (lambda: nn.Conv1d(1, 1, 3, bias=1), TypeError, "bias must be True or False"),
    (lambda: nn.Conv1d(1, 1, 3, activation="softmax"), ValueError, "elementwise"),
    (lambda: nn.Conv1d(1, 1, 3, name=""), TypeError, "name"),
    (lambda: nn.Conv1d(1, 1, 3, init="nope"), ValueError, "unknown init"),
])
def test_bad_arguments(make, error, words):
    with pytest.raises(error, match=words):
        make()


@pytest.mark.parametrize("sample, error, words", [
    ([[1.0, 2.0, 3.0]], ValueError, "2 input channels"),                 # one channel for a 2-channel conv
    ([[1.0, 2.0, 3.0], [1.0, 2.0]], ValueError, "ragged"),
    ([[1.0, "a", 3.0], [1.0, 2.0, 3.0]], TypeError, r"x\[0,1\] must be a number"),
    ([1.0, 2.0, 3.0], TypeError, r"\[channel\]\[position\]"),            # channels forgotten
    ([[[1.0, 2.0, 3.0]], [[1.0, 2.0, 3.0]]], ValueError, "one sample at a time.*a batch of 2 samples"),
    ([[1.0], [2.0]], ValueError, "does not fit"),
])
def test_bad_samples(sample, error, words):
    with pytest.raises(error, match=words):
        nn.Conv1d(2, 1, 3)(sample)


def test_a_batch_passed_as_one_sample_says_one_sample_at_a_time():
    with pytest.raises(TypeError, match=r"one sample at a time"):
        nn.Conv2d(1, 1, 2)([[1.0, 2.0], [3.0, 4.0]])  # an image without its channel list


def test_topological_order_holds_each_weight_once():
    conv = nn.Conv1d(1, 1, 2)
    y = conv([[1.0, 2.0, 3.0, 4.0]])[0]
    order = topological_order(Value.sum(y))
    assert sum(1 for v in order if v is conv.weight[0][0][0]) == 1


# ---- PyTorch's padding names, other inputs --------------------------------------------------------------


@pytest.mark.parametrize("kernel", [1, 2, 3, 4, 5])
def test_padding_same_keeps_the_size_and_valid_means_none(kernel):
    x = [[float(v) for v in range(7)]]
    assert len(nn.Conv1d(1, 1, kernel, padding="same")(x)[0]) == 7
    assert len(nn.Conv1d(1, 1, kernel, padding="valid")(x)[0]) == 7 - kernel + 1
    assert len(nn.Conv2d(1, 1, (kernel, 3), padding="same")([[x[0]] * 4])[0]) == 4


def test_padding_same_with_an_even_kernel_puts_the_extra_zero_after():
    conv = nn.Conv1d(1, 1, 2, padding="same", bias=False)
    _set(conv, [[[1.0, 10.0]]])
    # (k - 1) = 1 zero in all, after the input, as PyTorch: windows (1, 2), (2, 3), (3, 0)
    assert [v.data for v in conv([[1.0, 2.0, 3.0]])[0]] == [21.0, 32.0, 3.0]
    assert "padding='same'" in repr(conv) and "padding='valid'" in repr(nn.Conv1d(1, 1, 2, padding="valid"))


def test_padding_names_are_checked():
    with pytest.raises(ValueError, match="padding='same' needs stride=1"):
        nn.Conv2d(1, 1, 3, stride=2, padding="same")
    with pytest.raises(ValueError, match="'valid' or 'same'"):
        nn.Conv1d(1, 1, 3, padding="full")


def test_a_window_wholly_in_the_padding_gives_the_bias():
    conv = nn.Conv1d(1, 1, 1, padding=1)
    _set(conv, [[[5.0]]], [0.25])
    assert [v.data for v in conv([[2.0]])[0]] == [0.25, 10.25, 0.25]
    assert [v.data for v in nn.Conv1d(1, 1, 1, padding=1, bias=False)([[2.0]])[0]][0] == 0.0


def test_numpy_images_are_samples_too():
    np = pytest.importorskip("numpy")
    conv = nn.Conv2d(1, 1, 2, seed=0)
    image = np.arange(9.0).reshape(1, 3, 3)
    assert _flat([[[v.data for v in row] for row in m] for m in conv(image)]) == \
        _flat([[[v.data for v in row] for row in m] for m in conv(image.tolist())])


def test_a_cnn_draws_with_a_box_per_kernel_and_labelled_nodes():
    from autograd import draw_dot

    model = nn.Sequential(nn.Conv2d(1, 2, 2, activation="relu", seed=0, name="conv1"), nn.MaxPool2d(2, name="pool1"),
                          nn.Flatten(), nn.Layer(2, 1, nonlin=False, seed=1))
    loss = (model([[[0.1, 0.9, 0.2], [0.8, 0.3, 0.7], [0.0, 0.5, 0.4]]]) - 1.0) ** 2
    loss.backward()
    source = draw_dot(loss, clusters=model).source
    for text in ("conv1 out channel 0", "conv1 out channel 1", "conv1.w[1,0,1,1]", "conv1.y[0,1,0]",
                 "pool1.y[1,0,0]", "x[0,2,2]", "Conv2d 1", "Layer 1"):
        assert text in source, text
