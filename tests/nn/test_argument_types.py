"""One rule for every argument of nn and autograd: a wrong type is a TypeError, a value out of range a
ValueError. Each row here raised the other error (or none) before the checks were shared (autograd.checks)."""

import math

import pytest

import autograd
import nn
from nn import init
from nn.datasets import make_circles, make_glyphs


def mlp():
    return nn.MLP(2, [1], seed=0)


WRONG_TYPE = [  # (call, words in the message): each was a ValueError, an unrelated error, or silently accepted
    (lambda: nn.Layer(2.0, 3), "nin"),
    (lambda: nn.Neuron(True), "nin"),
    (lambda: nn.MLP(2, [2.0, 1]), "each layer size"),
    (lambda: nn.Maxout(2, 2, pieces=2.0), "pieces"),
    (lambda: nn.MaskedLayer(2.0, [[1, 0]]), "nin"),
    (lambda: nn.output_size(4, 2.0), "kernel_size"),
    (lambda: nn.Conv2d(1, 1, kernel_size=(2, 2.0)), "kernel_size"),
    (lambda: nn.MaxPool2d(2, stride=True), "stride"),
    (lambda: list(nn.minibatches([[0.0]] * 4, [0] * 4, batch_size=2.0)), "batch_size"),
    (lambda: nn.BatchNorm1d(2.0), "num_features"),
    (lambda: nn.BatchNorm1d(2, eps="small"), "eps"),
    (lambda: nn.Dropout("half"), "dropout probability p"),
    (lambda: nn.Unflatten("1", (1, 2, 2)), "dim"),
    (lambda: nn.Activation(5), "Activation takes the name"),
    (lambda: make_circles(10, factor="0.5"), "factor"),
    (lambda: make_glyphs(10, noise="0.1"), "noise"),
    (lambda: init.constant_(mlp(), "1"), "value"),
    (lambda: init.uniform_(mlp(), eps="1"), "eps"),
    (lambda: autograd.formatting.NumberFormat(digits=3.0), "digits"),
    (lambda: autograd.formatting.NumberFormat(decimals="2"), "decimals"),
    (lambda: autograd.gradcheck(lambda x: x * x, [2.0], eps="1e-6"), "eps"),
    (lambda: nn.huber_loss(autograd.Value(1.0), 0.0, delta="1"), "delta"),
]


@pytest.mark.parametrize("call, words", WRONG_TYPE)
def test_a_wrong_type_is_a_type_error(call, words):
    with pytest.raises(TypeError, match=words):
        call()


OUT_OF_RANGE = [
    (lambda: nn.Layer(0, 3), "nin .* positive whole number"),
    (lambda: nn.output_size(4, 2, stride=0), "stride must be a positive whole number"),
    (lambda: nn.Conv1d(1, 1, kernel_size=(2, 2)), "kernel_size .* or a tuple of 1"),
    (lambda: nn.Dropout(1.5), "between 0 and 1"),
    (lambda: nn.BatchNorm1d(2, momentum=2), "momentum must be a finite number between 0 and 1"),
    (lambda: nn.Unflatten(2, (1, 2, 2)), "dim must be 1"),
    (lambda: init.normal_(mlp(), std=math.nan), "std"),
    (lambda: autograd.gradcheck(lambda x: x * x, [2.0], eps=0), "eps must be a finite number > 0"),
    (lambda: nn.mse_loss(autograd.Value(1.0), 0.0, reduction="avg"), "mse_loss: reduction must be one of"),
    (lambda: autograd.compile(lambda: None, [], mode="fast"), "mode must be one of"),
]


@pytest.mark.parametrize("call, words", OUT_OF_RANGE)
def test_a_value_out_of_range_is_a_value_error(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_gradcheck_takes_any_real_number_as_an_input():
    from fractions import Fraction

    assert autograd.gradcheck(lambda x: x * x, [Fraction(1, 2)])
