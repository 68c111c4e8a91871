"""Losses: values by hand, PyTorch's reductions, gradients vs central differences, softmax-CE gradient
= y_hat - y, stability at +-1000, and clear errors for labels that do not fit."""

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value
from nn import MLP
from nn.functional import softmax
from nn.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    half_squared_error,
    hinge_loss,
    huber_loss,
    kl_div,
    l1_loss,
    l1_penalty,
    l2_penalty,
    mse_loss,
    sse_loss,
)


def values(xs):
    return [Value(x) for x in xs]


def numeric_grad(f, xs, i, h=1e-6):
    up, down = list(xs), list(xs)
    up[i] += h
    down[i] -= h
    return (f(up) - f(down)) / (2 * h)


# ---- values by hand ---------------------------------------------------------------------------------

P, T = [0.5, -1.0, 2.0, 0.0], [1.0, -1.0, 0.0, 0.5]
ERR = [p - t for p, t in zip(P, T)]


def test_squared_error_family():
    assert mse_loss(values(P), T).data == pytest.approx(sum(e * e for e in ERR) / 4)
    assert mse_loss(values(P), T, reduction="sum").data == pytest.approx(sum(e * e for e in ERR))
    assert sse_loss(values(P), T).data == pytest.approx(sum(e * e for e in ERR))
    assert half_squared_error(values(P), T).data == pytest.approx(0.5 * sum(e * e for e in ERR))
    assert [v.data for v in mse_loss(values(P), T, reduction="none")] == pytest.approx([e * e for e in ERR])


def test_mean_averages_over_every_element_as_pytorch():
    preds = [values([1.0, 2.0]), values([3.0, 5.0])]
    loss = mse_loss(preds, [[0.0, 0.0], [0.0, 1.0]])
    assert loss.data == pytest.approx((1 + 4 + 9 + 16) / 4)
    none = mse_loss(preds, [[0.0, 0.0], [0.0, 1.0]], reduction="none")
    assert [[v.data for v in row] for row in none] == [[1.0, 4.0], [9.0, 16.0]]


def test_single_sample_value_and_number():
    assert mse_loss(Value(3.0), 1.0).data == 4.0
    assert l1_loss(Value(3.0), 5).data == 2.0
    assert isinstance(mse_loss(Value(3.0), 1.0, reduction="none"), Value)


def test_l1_and_huber():
    assert l1_loss(values(P), T).data == pytest.approx(sum(abs(e) for e in ERR) / 4)
    # |d| < delta: 1/2 d^2, otherwise delta (|d| - delta / 2)
    expected = [0.5 * e * e if abs(e) < 1.0 else abs(e) - 0.5 for e in ERR]
    assert huber_loss(values(P), T).data == pytest.approx(sum(expected) / 4)
    assert huber_loss(Value(3.0), 0.0, delta=2.0).data == pytest.approx(2.0 * (3.0 - 1.0))
    assert huber_loss(Value(0.5), 0.0, delta=2.0).data == pytest.approx(0.125)


def test_binary_cross_entropy_from_probabilities_and_logits():
    p, y = [0.9, 0.2, 0.5], [1.0, 0.0, 1.0]
    expected = -sum(t * math.log(q) + (1 - t) * math.log(1 - q) for q, t in zip(p, y)) / 3
    assert binary_cross_entropy(values(p), y).data == pytest.approx(expected, rel=1e-14)
    z = [math.log(q / (1 - q)) for q in p]  # the logits of the same probabilities
    assert binary_cross_entropy_with_logits(values(z), y).data == pytest.approx(expected, rel=1e-12)


def test_binary_cross_entropy_clamps_log_at_minus_100_like_pytorch():
    p = Value(0.0)
    loss = binary_cross_entropy(p, 1.0)
    assert loss.data == 100.0  # -max(log 0, -100)
    loss.backward()
    assert p.grad == 0.0  # the clamped term is a constant: no hidden epsilon in the gradient
    assert binary_cross_entropy(Value(1.0), 0.0).data == 100.0
    assert binary_cross_entropy(Value(1.0), 1.0).data == 0.0


def test_hinge_is_micrographs_svm_loss():
    scores, ys = [0.3, -2.0, 1.5], [1, -1, -1]
    micrograd = sum((1 + -yi * si) if (1 + -yi * si) > 0 else 0.0 for yi, si in zip(ys, scores)) / 3
    assert hinge_loss(values(scores), ys).data == pytest.approx(micrograd)


def test_kl_div_follows_pytorch():
    p = [0.5, 0.25, 0.25, 0.0]
    q = [0.25, 0.25, 0.25, 0.25]
    log_q = values([math.log(v) for v in q])
    kl = sum(a * math.log(a / b) for a, b in zip(p, q) if a > 0)
    assert kl_div(log_q, p, reduction="sum").data == pytest.approx(kl)
    assert kl_div(log_q, p).data == pytest.approx(kl / 4)  # 'mean' is over elements, as PyTorch
    log_q2 = [values([math.log(v) for v in q]), values([math.log(v) for v in q])]
    assert kl_div(log_q2, [p, p], reduction="batchmean").data == pytest.approx(kl)
    log_p = [math.log(v) if v > 0 else -math.inf for v in p[:3]]
    assert kl_div(log_q[:3], log_p, reduction="sum", log_target=True).data == pytest.approx(kl)


def test_penalties():
    m = MLP(2, [2, 1], seed=0)
    ps = m.parameters()
    assert l2_penalty(m).data == pytest.approx(sum(p.data ** 2 for p in ps))
    assert l1_penalty(ps).data == pytest.approx(sum(abs(p.data) for p in ps))
    (l2_penalty(m) + l1_penalty(m)).backward()
    for p in ps:
        assert p.grad == pytest.approx(2 * p.data + math.copysign(1.0, p.data) * (p.data != 0))
    assert l2_penalty([]).data == 0.0


# ---- gradients --------------------------------------------------------------------------------------

ELEMENTWISE = [
    (mse_loss, st.floats(-3, 3)),
    (sse_loss, st.floats(-3, 3)),
    (half_squared_error, st.floats(-3, 3)),
    (l1_loss, st.floats(-3, 3)),
    (huber_loss, st.floats(-3, 3)),
    (binary_cross_entropy, st.sampled_from([0.0, 1.0, 0.3])),
    (binary_cross_entropy_with_logits, st.floats(0, 1)),
    (hinge_loss, st.sampled_from([-1.0, 1.0])),
]


@pytest.mark.parametrize("loss, targets", ELEMENTWISE, ids=lambda v: getattr(v, "__name__", ""))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_elementwise_gradients_match_central_differences(loss, targets, data):
    n = data.draw(st.integers(1, 4))
    lo, hi = (0.05, 0.95) if loss is binary_cross_entropy else (-3.0, 3.0)
    preds = data.draw(st.lists(st.floats(lo, hi), min_size=n, max_size=n))
    ys = data.draw(st.lists(targets, min_size=n, max_size=n))
    # keep off the kinks of |.|, huber's switch and the hinge, where a central difference is no derivative
    kinks = {l1_loss: [0.0], huber_loss: [-1.0, 1.0], hinge_loss: [0.0]}.get(loss, [])
    for p, y in zip(preds, ys):
        d = (1 - y * p) if loss is hinge_loss else p - y
        if any(abs(d - k) < 1e-3 for k in kinks):
            return
    vs = values(preds)
    loss(vs, ys).backward()
    for i, v in enumerate(vs):
        assert v.grad == pytest.approx(numeric_grad(lambda xs: loss(values(xs), ys).data, preds, i), abs=1e-5)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-5, 5), min_size=2, max_size=5), st.data())
def test_cross_entropy_gradient_is_y_hat_minus_y(z, data):
    k = len(z)
    c = data.draw(st.integers(0, k - 1))
    onehot = [1.0 if j == c else 0.0 for j in range(k)]
    y_hat = [p.data for p in softmax(z)]
    for target in (c, onehot):
        vs = values(z)
        cross_entropy(vs, target).backward()
        assert [v.grad for v in vs] == pytest.approx([a - b for a, b in zip(y_hat, onehot)], abs=1e-12)
    # a soft target too: the gradient is still y_hat - y when y sums to 1
    raw = data.draw(st.lists(st.floats(0.01, 1), min_size=k, max_size=k))
    y = [r / sum(raw) for r in raw]
    vs = values(z)
    cross_entropy(vs, y).backward()
    assert [v.grad for v in vs] == pytest.approx([a - b for a, b in zip(y_hat, y)], abs=1e-12)
    # and the value is -sum y log y_hat
    assert cross_entropy(z, y).data == pytest.approx(-sum(b * math.log(a) for a, b in zip(y_hat, y)), rel=1e-9)


def test_cross_entropy_batch_mean_sum_none():
    batch = [values([2.0, 1.0, 0.1]), values([0.5, 2.5, -1.0])]
    targets = [0, 1]
    per = [cross_entropy(s, t).data for s, t in zip(batch, targets)]
    assert cross_entropy(batch, targets).data == pytest.approx(sum(per) / 2)
    assert cross_entropy(batch, targets, reduction="sum").data == pytest.approx(sum(per))
    assert [v.data for v in cross_entropy(batch, targets, reduction="none")] == pytest.approx(per)
    assert cross_entropy(batch, [[1, 0, 0], [0, 1, 0]]).data == pytest.approx(sum(per) / 2)


def test_half_squared_error_gives_han_kamber_err6():
    # dE/do = -(t - o), so the book's Err6 = o6 (1 - o6) (t - o6) with its rounded o6 = 0.474
    o6 = Value(0.474)
    half_squared_error(o6, 1.0).backward()
    assert o6.grad == pytest.approx(-(1.0 - 0.474))
    assert round(0.474 * (1 - 0.474) * -o6.grad, 4) == 0.1311


# ---- numerics --------------------------------------------------------------------------------------


def test_stable_at_plus_minus_1000():
    z = values([1000.0, -1000.0])
    loss = cross_entropy(z, 1)
    assert loss.data == 2000.0
    loss.backward()
    assert [v.grad for v in z] == [1.0, -1.0]
    assert cross_entropy(values([1000.0, -1000.0]), 0).data == 0.0
    for logit, y, expected, grad in [(1000.0, 0.0, 1000.0, 1.0), (-1000.0, 1.0, 1000.0, -1.0),
                                     (1000.0, 1.0, 0.0, 0.0), (-1000.0, 0.0, 0.0, 0.0)]:
        v = Value(logit)
        loss = binary_cross_entropy_with_logits(v, y)
        loss.backward()
        assert loss.data == expected and v.grad == grad


# ---- errors ----------------------------------------------------------------------------------------


def test_mismatched_lengths_are_clear_errors():
    with pytest.raises(ValueError, match="3 predictions but 2 targets"):
        mse_loss(values([1, 2, 3]), [1, 2])
    with pytest.raises(ValueError, match="sample 1 has 2 outputs but 3 targets"):
        mse_loss([values([1, 2]), values([1, 2])], [[1, 2], [1, 2, 3]])
    with pytest.raises(ValueError, match="one prediction but 2 targets"):
        mse_loss(Value(1.0), [1, 2])
    with pytest.raises(ValueError, match="2 samples but 3 targets"):
        cross_entropy([values([1, 2]), values([1, 2])], [0, 1, 1])
    with pytest.raises(ValueError, match="empty"):
        mse_loss([], [])


def test_labels_that_do_not_fit():
    with pytest.raises(ValueError, match="class index 3 is out of range for 3 classes"):
        cross_entropy(values([1, 2, 3]), 3)
    with pytest.raises(ValueError, match="out of range"):
        cross_entropy(values([1, 2, 3]), -1)
    with pytest.raises(TypeError, match="class index"):
        cross_entropy(values([1, 2, 3]), 1.0)
    with pytest.raises(ValueError, match="3 class scores but a target of 2"):
        cross_entropy(values([1, 2, 3]), [0, 1])
    with pytest.raises(ValueError, match="target 2.0 is not a probability"):
        binary_cross_entropy(Value(0.5), 2)
    with pytest.raises(ValueError, match="target -1.0 is not a probability"):
        binary_cross_entropy_with_logits(Value(0.5), -1)
    with pytest.raises(ValueError, match="prediction 1.5 is not a probability"):
        binary_cross_entropy(Value(1.5), 1)
    with pytest.raises(ValueError, match="must be -1 or \\+1"):
        hinge_loss(values([0.5, 0.2]), [1, 0])
    with pytest.raises(TypeError, match="use .data"):
        mse_loss(Value(1.0), Value(2.0))
    with pytest.raises(ValueError, match="reduction"):
        mse_loss(Value(1.0), 2.0, reduction="average")
    with pytest.raises(ValueError, match="batchmean"):
        kl_div(values([-1.0]), [1.0], reduction="average")
    with pytest.raises(ValueError, match="delta"):
        huber_loss(Value(1.0), 2.0, delta=0)


# ---- optional cross-check against PyTorch (same names, same reductions) -------------------------------

BATCH = [[0.3, -1.2, 2.0], [1.5, 0.1, -0.4]]
TORCH_CASES = [  # (ours, torch's name, targets, extra kwargs); kl_div reads BATCH as log-probabilities
    (mse_loss, "mse_loss", [[1.0, 0.0, 2.5], [-1.0, 0.5, 0.0]], {}),
    (l1_loss, "l1_loss", [[1.0, 0.0, 2.5], [-1.0, 0.5, 0.0]], {}),
    (huber_loss, "huber_loss", [[1.0, 0.0, 2.5], [-1.0, 0.5, 0.0]], {"delta": 0.8}),
    (binary_cross_entropy_with_logits, "binary_cross_entropy_with_logits",
     [[1.0, 0.0, 1.0], [0.0, 0.3, 1.0]], {}),
    (cross_entropy, "cross_entropy", [2, 0], {}),
    (cross_entropy, "cross_entropy", [[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]], {}),
    (kl_div, "kl_div", [[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]], {}),
]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("ours, name, targets, kwargs", TORCH_CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(TORCH_CASES)])
def test_matches_pytorch(ours, name, targets, kwargs, reduction):
    torch = pytest.importorskip("torch")
    preds = [values(row) for row in BATCH]
    x = torch.tensor(BATCH, dtype=torch.float64, requires_grad=True)
    t = torch.tensor(targets, dtype=torch.int64 if isinstance(targets[0], int) else torch.float64)
    with warnings.catch_warnings():  # torch warns that kl_div's 'mean' is not the KL mean; we match it anyway
        warnings.simplefilter("ignore", UserWarning)
        expected = getattr(torch.nn.functional, name)(x, t, reduction=reduction, **kwargs)
    got = ours(preds, targets, reduction=reduction, **kwargs)
    flat = [v.data for row in got for v in (row if isinstance(row, list) else [row])] \
        if reduction == "none" else [got.data]
    assert flat == pytest.approx(expected.detach().flatten().tolist(), rel=1e-12, abs=1e-15)
    if reduction != "none":
        got.backward()
        expected.backward()
        grads = [v.grad for row in preds for v in row]
        assert grads == pytest.approx(x.grad.flatten().tolist(), rel=1e-10, abs=1e-15)


def test_binary_cross_entropy_matches_pytorch_including_its_clamp():
    torch = pytest.importorskip("torch")
    p, y = [0.9, 0.2, 0.0, 1.0], [1.0, 0.0, 1.0, 1.0]
    expected = torch.nn.functional.binary_cross_entropy(torch.tensor(p, dtype=torch.float64),
                                                        torch.tensor(y, dtype=torch.float64), reduction="none")
    got = binary_cross_entropy(values(p), y, reduction="none")
    assert [v.data for v in got] == pytest.approx(expected.tolist(), rel=1e-12)
