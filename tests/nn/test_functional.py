"""softmax, log_softmax, logsumexp: the deck's Dog/Cat/Boat/Airplane table, gradients, stability at +-1000."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value
from nn.functional import log_softmax, logsumexp, softmax

SCORES = {"Dog": -3.44, "Cat": 1.16, "Boat": -0.81, "Airplane": 3.91}
UNNORMALISED = {"Dog": 0.0321, "Cat": 3.1899, "Boat": 0.4449, "Airplane": 49.8990}
NORMALISED = {"Dog": 0.0006, "Cat": 0.0596, "Boat": 0.0083, "Airplane": 0.9315}

scores = st.lists(st.floats(-20, 20, allow_nan=False), min_size=1, max_size=5)


def numeric_grad(f, xs, i, h=1e-6):
    up, down = list(xs), list(xs)
    up[i] += h
    down[i] -= h
    return (f(up) - f(down)) / (2 * h)


def test_deck_softmax_table_to_four_decimals():
    z = [Value(s) for s in SCORES.values()]
    exps = [v.exp() for v in z]  # the deck's "unnormalized probabilities"
    probs = softmax(z)
    for name, e, p in zip(SCORES, exps, probs):
        assert round(e.data, 4) == UNNORMALISED[name]
        assert round(p.data, 4) == NORMALISED[name]
    assert max(zip(probs, SCORES), key=lambda t: t[0].data)[1] == "Airplane"


def test_softmax_sums_to_one_and_matches_the_formula():
    x = [0.5, -1.0, 2.0]
    probs = softmax(x)  # plain numbers are accepted
    total = sum(math.exp(v) for v in x)
    for p, v in zip(probs, x):
        assert p.data == pytest.approx(math.exp(v) / total, rel=1e-14)
    assert sum(p.data for p in probs) == pytest.approx(1.0, rel=1e-15)


def test_logsumexp_and_log_softmax_match_the_formulas():
    x = [0.3, -2.0, 1.7, 0.0]
    lse = math.log(sum(math.exp(v) for v in x))
    assert logsumexp(x).data == pytest.approx(lse, rel=1e-15)
    for ls, v in zip(log_softmax(x), x):
        assert ls.data == pytest.approx(v - lse, rel=1e-14)


@settings(max_examples=30, deadline=None)
@given(scores, st.data())
def test_softmax_gradient_matches_central_differences(x, data):
    k = data.draw(st.integers(0, len(x) - 1))
    weights = data.draw(st.lists(st.floats(-2, 2), min_size=len(x), max_size=len(x)))

    def f(xs):  # a weighted sum of the outputs, so every output's gradient matters
        return sum(w * p.data for w, p in zip(weights, softmax(xs)))

    vs = [Value(v) for v in x]
    Value.sum([w * p for w, p in zip(weights, softmax(vs))]).backward()
    assert vs[k].grad == pytest.approx(numeric_grad(f, x, k), abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(scores, st.data())
def test_logsumexp_gradient_is_softmax(x, data):
    vs = [Value(v) for v in x]
    logsumexp(vs).backward()
    for v, p in zip(vs, softmax(x)):
        assert v.grad == pytest.approx(p.data, rel=1e-9, abs=1e-15)
    k = data.draw(st.integers(0, len(x) - 1))
    vs = [Value(v) for v in x]
    log_softmax(vs)[k].backward()
    expected = numeric_grad(lambda xs: log_softmax(xs)[k].data, x, 0)
    assert vs[0].grad == pytest.approx(expected, abs=1e-6)


def test_softmax_is_shift_invariant():
    x = [1.0, 2.0, 3.0]
    a = [p.data for p in softmax(x)]
    b = [p.data for p in softmax([v + 500.0 for v in x])]
    assert a == pytest.approx(b, rel=1e-12)


def test_stable_at_plus_minus_1000():
    vs = [Value(1000.0), Value(-1000.0), Value(0.0)]
    probs = softmax(vs)
    assert [p.data for p in probs] == [1.0, 0.0, 0.0]
    probs[0].backward()
    assert all(math.isfinite(v.grad) for v in vs)

    vs = [Value(1000.0), Value(999.0)]
    lse = logsumexp(vs)
    assert lse.data == pytest.approx(1000.0 + math.log1p(math.exp(-1.0)), rel=1e-15)
    lse.backward()
    assert vs[0].grad == pytest.approx(1 / (1 + math.exp(-1.0)), rel=1e-12)

    vs = [Value(-1000.0), Value(1000.0)]
    ls = log_softmax(vs)
    assert ls[0].data == -2000.0 and ls[1].data == 0.0  # log(softmax) would give -inf here
    ls[0].backward()
    assert vs[0].grad == pytest.approx(1.0) and vs[1].grad == pytest.approx(-1.0)


def test_shift_is_a_constant_taken_from_data():
    v = Value(2.0)
    (out,) = softmax([v])
    # the max enters as a constant node, so the only leaf Value in the graph is v itself
    seen, stack = set(), [out]
    leaves = []
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if not node.parents:
            leaves.append(node)
        stack.extend(node.parents)
    assert [n for n in leaves if n.role != "constant"] == [v]


@pytest.mark.parametrize("fn", [softmax, log_softmax, logsumexp])
def test_bad_input_is_a_clear_error(fn):
    with pytest.raises(ValueError, match="empty"):
        fn([])
    with pytest.raises(TypeError, match="list of scores"):
        fn(Value(1.0))
    with pytest.raises(TypeError):
        fn(["a", "b"])


def test_matches_pytorch_including_plus_minus_1000():
    torch = pytest.importorskip("torch")
    for x in ([0.3, -1.2, 2.0, 0.0], [1000.0, -1000.0, 999.0]):
        weights = [1.0, -2.0, 0.5, 3.0][: len(x)]
        for ours, theirs in [(softmax, lambda t: torch.softmax(t, 0)),
                             (log_softmax, lambda t: torch.log_softmax(t, 0)),
                             (lambda v: [logsumexp(v)], lambda t: torch.logsumexp(t, 0).reshape(1))]:
            vs = [Value(v) for v in x]
            out = ours(vs)
            t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
            expected = theirs(t)
            assert [o.data for o in out] == pytest.approx(expected.tolist(), rel=1e-12, abs=1e-300)
            Value.sum([w * o for w, o in zip(weights, out)]).backward()
            (expected * torch.tensor(weights[: len(out)], dtype=torch.float64)).sum().backward()
            assert [v.grad for v in vs] == pytest.approx(t.grad.tolist(), rel=1e-10, abs=1e-14)
