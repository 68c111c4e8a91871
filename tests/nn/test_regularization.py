"""Dropout (inverted, inactive in eval) and batch normalisation (batch statistics in training,
running statistics in eval): values by hand, gradients, errors."""

import math
import statistics

import pytest

from autograd import Value
from nn import BatchNorm1d, Dropout


def numeric_grad(f, xs, i, h=1e-6):
    up, down = list(xs), list(xs)
    up[i] += h
    down[i] -= h
    return (f(up) - f(down)) / (2 * h)


# ---- dropout -----------------------------------------------------------------------------------------


def test_dropout_passes_through_in_eval_mode():
    drop = Dropout(0.5, seed=0).eval()
    x = [Value(1.0), Value(2.0)]
    assert drop(x) is x
    assert Dropout(0.0, seed=0)(x) is x  # p = 0 keeps everything, in training too


def test_dropout_training_zeroes_with_probability_p_and_scales_survivors():
    p = 0.25
    drop = Dropout(p, seed=1)
    xs = [Value(2.0) for _ in range(4000)]
    out = drop(xs)
    kept = [o for o in out if o.data != 0.0]
    assert all(o.data == 2.0 / (1 - p) for o in kept)  # inverted dropout: E[output] = input
    assert len(kept) / len(xs) == pytest.approx(1 - p, abs=0.03)
    Value.sum(out).backward()
    assert {x.grad for x in xs} == {0.0, 1 / (1 - p)}  # dropped units pass no gradient


def test_dropout_is_reproducible_and_keeps_the_shape():
    batch = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    a, b = Dropout(0.5, seed=7)(batch), Dropout(0.5, seed=7)(batch)
    assert [len(r) for r in a] == [3, 3] and a == b
    assert all(v in (0.0, 2 * x) for row, xrow in zip(a, batch) for v, x in zip(row, xrow))
    assert [v.data for v in Dropout(1.0, seed=0)([Value(3.0), Value(4.0)])] == [0.0, 0.0]


def test_dropout_bad_p():
    for p in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="between 0 and 1"):
            Dropout(p)
    for p in ("half", True):  # a wrong type is a TypeError, as everywhere
        with pytest.raises(TypeError, match="dropout probability p must be a number"):
            Dropout(p)


# ---- batch norm --------------------------------------------------------------------------------------

BATCH = [[1.0, 10.0], [2.0, 20.0], [4.0, 40.0], [5.0, 30.0]]


def column(k):
    return [row[k] for row in BATCH]


def test_batchnorm_normalises_each_feature_over_the_batch():
    bn = BatchNorm1d(2)
    out = bn([[Value(v) for v in row] for row in BATCH])
    for k in range(2):
        ys = [row[k].data for row in out]
        mean, var = statistics.fmean(column(k)), statistics.pvariance(column(k))
        expected = [(x - mean) / math.sqrt(var + 1e-5) for x in column(k)]
        assert ys == pytest.approx(expected, rel=1e-12)
        assert statistics.fmean(ys) == pytest.approx(0.0, abs=1e-12)


def test_batchnorm_running_statistics_and_eval():
    bn = BatchNorm1d(2, momentum=0.1)
    bn(BATCH)
    for k in range(2):
        assert bn.running_mean[k] == pytest.approx(0.1 * statistics.fmean(column(k)))
        assert bn.running_var[k] == pytest.approx(0.9 + 0.1 * statistics.variance(column(k)))  # unbiased
    second = [[0.0, 0.0], [2.0, 4.0]]
    rm = [0.9 * m + 0.1 * statistics.fmean([r[k] for r in second]) for k, m in enumerate(bn.running_mean)]
    bn(second)
    assert bn.running_mean == pytest.approx(rm)
    bn.eval()
    frozen = (list(bn.running_mean), list(bn.running_var))
    bn.gamma[1].data, bn.beta[1].data = 2.0, 0.5
    (y,) = bn([[3.0, 7.0]])  # one sample works in eval mode
    assert y[0].data == pytest.approx((3.0 - rm[0]) / math.sqrt(bn.running_var[0] + 1e-5))
    assert y[1].data == pytest.approx(2.0 * (7.0 - rm[1]) / math.sqrt(bn.running_var[1] + 1e-5) + 0.5)
    assert (bn.running_mean, bn.running_var) == frozen  # eval does not update the statistics


def test_batchnorm_gradients_flow_through_the_batch_statistics():
    xs = [0.3, -1.2, 2.0, 0.7]
    weights = [1.0, -2.0, 0.5, 3.0]

    def f(values):
        out = BatchNorm1d(1)(values)
        return sum(w * (o.data if isinstance(o, Value) else o) for w, o in zip(weights, out))

    vs = [Value(x) for x in xs]
    bn = BatchNorm1d(1)
    out = bn(vs)
    assert all(isinstance(o, Value) for o in out)  # a flat batch comes back flat
    Value.sum([w * o for w, o in zip(weights, out)]).backward()
    for i, v in enumerate(vs):
        assert v.grad == pytest.approx(numeric_grad(f, xs, i), abs=1e-6)
    assert bn.gamma[0].grad == pytest.approx(sum(w * o.data for w, o in zip(weights, out)))
    assert bn.beta[0].grad == pytest.approx(sum(weights))


def test_batchnorm_parameters_buffers_and_errors():
    bn = BatchNorm1d(3)
    assert [p.label for p in bn.parameters()] == ["γ1", "γ2", "γ3", "β1", "β2", "β3"]
    assert [name for name, _ in bn.named_buffers()] == ["running_mean", "running_var"]
    with pytest.raises(ValueError, match="at least 2 samples"):
        bn([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="sample 1 has 2 features, expected 3"):
        bn([[1.0, 2.0, 3.0], [1.0, 2.0]])
    with pytest.raises(TypeError, match="a batch"):
        bn(Value(1.0))
    with pytest.raises(ValueError, match="num_features"):
        BatchNorm1d(0)


def test_batchnorm_matches_pytorch():
    torch = pytest.importorskip("torch")
    ref = torch.nn.BatchNorm1d(2, dtype=torch.float64)
    with torch.no_grad():
        ref.weight.copy_(torch.tensor([1.5, -0.5], dtype=torch.float64))
        ref.bias.copy_(torch.tensor([0.2, 1.0], dtype=torch.float64))
    bn = BatchNorm1d(2)
    bn.gamma[0].data, bn.gamma[1].data, bn.beta[0].data, bn.beta[1].data = 1.5, -0.5, 0.2, 1.0
    weights = [[1.0, -2.0], [0.5, 3.0], [-1.0, 0.25], [2.0, 1.0]]
    xs = [[Value(v) for v in row] for row in BATCH]
    out = bn(xs)
    t = torch.tensor(BATCH, dtype=torch.float64, requires_grad=True)
    expected = ref(t)
    assert [v.data for row in out for v in row] == pytest.approx(expected.flatten().tolist(), rel=1e-12)
    Value.sum([w * v for wrow, row in zip(weights, out) for w, v in zip(wrow, row)]).backward()
    (expected * torch.tensor(weights, dtype=torch.float64)).sum().backward()
    assert [v.grad for row in xs for v in row] == pytest.approx(t.grad.flatten().tolist(), rel=1e-9, abs=1e-12)
    assert [g.grad for g in bn.gamma] == pytest.approx(ref.weight.grad.tolist(), rel=1e-12)
    assert bn.running_mean == pytest.approx(ref.running_mean.tolist(), rel=1e-12)
    assert bn.running_var == pytest.approx(ref.running_var.tolist(), rel=1e-12)
    bn.eval()
    ref.eval()
    sample = [[0.5, 12.0]]
    assert [v.data for v in bn(sample)[0]] == pytest.approx(
        ref(torch.tensor(sample, dtype=torch.float64)).flatten().tolist(), rel=1e-12)
