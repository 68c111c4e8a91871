"""nn.minibatches: every sample once per pass, in batches, reshuffled each pass."""

import random

import pytest

import nn

X = [[float(i)] for i in range(10)]
Y = list(range(10))


def test_batches_cover_every_sample_once_with_targets_kept_in_step():
    batches = list(nn.minibatches(X, Y, 4, seed=0))
    assert [len(xb) for xb, _ in batches] == [4, 4, 2]
    assert sorted(t for _, yb in batches for t in yb) == Y
    assert all(xb[k][0] == yb[k] for xb, yb in batches for k in range(len(xb)))


def test_order_without_shuffle_drop_last_and_fresh_order_each_pass():
    assert [yb for _, yb in nn.minibatches(X, Y, 4, shuffle=False, drop_last=True)] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    rng = random.Random(0)
    first = [yb for _, yb in nn.minibatches(X, Y, 5, rng=rng)]
    second = [yb for _, yb in nn.minibatches(X, Y, 5, rng=rng)]
    assert first != second


def test_a_hand_written_loop_matches_fit_per_sample_order():
    def model():
        return nn.MLP(1, [1], seed=0)
    m = model()
    opt = nn.SGD(m.parameters(), lr=0.01)
    for xb, yb in nn.minibatches(X, Y, 10, shuffle=False):
        opt.zero_grad()
        nn.mse_loss([m(x) for x in xb], yb).backward()
        opt.step()
    m2 = model()
    nn.fit(m2, X, Y, "mse", nn.SGD(m2.parameters(), lr=0.01), epochs=1, progress=False)
    assert [p.data for p in m.parameters()] == pytest.approx([p.data for p in m2.parameters()], rel=1e-12)


def test_bad_calls():
    with pytest.raises(ValueError, match="positive"):
        list(nn.minibatches(X, Y, 0))
    with pytest.raises(ValueError, match="10 samples but y has 9"):
        list(nn.minibatches(X, Y[:9], 2))
