"""Losses whose formula makes a choice (softmax's max shift, BCE's clamp, Huber's two pieces) compile,
and the replay follows the choice for new data: loss and gradients equal the eager ones bit for bit."""

import math

import pytest

import autograd
from autograd import Value
from nn import losses
from nn.functional import log_softmax, logsumexp, softmax


def _eager(fn, params, inputs):
    """loss and parameter gradients from a fresh graph, as loss.backward() gives them."""
    for p in params:
        p.grad = 0.0
    loss = fn([Value(x) for x in inputs])
    loss.backward()
    return loss.data, [p.grad for p in params]


def _replayed(compiled, params, inputs):
    for p in params:
        p.grad = 0.0
    loss = compiled(inputs)
    return loss, [p.grad for p in params]


def _same(a, b):
    """Equal to the last bit, nan included."""
    return repr(a) == repr(b)


W = [Value(0.7, "w0"), Value(-1.3, "w1")]

CASES = {
    # name: (loss of the inputs, example, inputs that cross the choice the example made)
    "softmax": (lambda xs: softmax([xs[0] * W[0], xs[1] * W[1], xs[2]])[1],
                [1.0, 2.0, 0.0], [[1.0, 2.0, 0.0], [-5.0, 1.0, 3.0], [800.0, -700.0, 1.0], [0.0, 0.0, 0.0]]),
    "log_softmax": (lambda xs: log_softmax([xs[0] * W[0], xs[1] * W[1]])[0],
                    [1.0, 2.0], [[3.0, 0.5], [-1000.0, 1000.0], [math.inf, 1.0]]),
    "logsumexp": (lambda xs: logsumexp([xs[0] * W[0], xs[1] * W[1], xs[2]]),
                  [1.0, 2.0, 0.0], [[-math.inf, math.inf, -math.inf], [2.0, -1.0, 5.0], [math.nan, 1.0, 0.0]]),
    "cross_entropy": (lambda xs: losses.cross_entropy([[xs[0] * W[0], xs[1] * W[1], xs[2]]] * 2, [0, 2]),
                      [1.0, 2.0, 0.0], [[9.0, -3.0, 1.0], [1e3, 1e3, -1e3]]),
    "binary_cross_entropy": (lambda xs: losses.binary_cross_entropy([(xs[0] * W[0]).sigmoid(), xs[1] * W[1]],
                                                                    [1.0, 0.0]),
                             [1.0, -0.5], [[1.0, -0.5], [-800.0, 0.0], [800.0, -1 / 1.3], [0.0, -1e-50]]),
    "huber_loss": (lambda xs: losses.huber_loss([xs[0] * W[0], xs[1] * W[1]], [0.5, -2.0], delta=1.2),
                   [1.0, 1.0], [[1.0, 1.0], [-4.0, 0.2], [0.5 / 0.7, 3.0], [math.inf, 0.0]]),
    "kl_div": (lambda xs: losses.kl_div(log_softmax([xs[0] * W[0], xs[1] * W[1]]), [0.25, 0.75]),
               [1.0, 2.0], [[1.0, 2.0], [-30.0, 40.0]]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_replay_follows_the_choice_bit_for_bit(name):
    fn, example, inputs = CASES[name]
    compiled = autograd.compile(fn, W, example)
    for xs in inputs:
        loss, grads = _replayed(compiled, W, xs)
        want_loss, want_grads = _eager(fn, W, xs)
        assert _same(loss, want_loss) and _same(grads, want_grads), (name, xs)


@pytest.mark.parametrize("mode", ["lines", "tables"])
def test_both_code_shapes_replay_the_shift(mode):
    fn, example, inputs = CASES["cross_entropy"]
    compiled = autograd.compile(fn, W, example, mode=mode)
    for xs in inputs:
        assert _same(_replayed(compiled, W, xs), _eager(fn, W, xs))


def test_targets_are_graph_inputs_only_while_fit_feeds_them():
    z = [Value(1.0), Value(2.0), Value(0.5)]
    with pytest.raises(TypeError, match="class index"):
        losses.cross_entropy(z, Value(1.0))
    with losses.targets_fed():
        fed = losses.cross_entropy(z, Value(1.0))
    assert fed.data == losses.cross_entropy(z, 1).data
