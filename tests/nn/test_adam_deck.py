"""Adam(bias_correction=False) is the UT Austin deck's Adam code, step for step."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value
from nn.optim import Adam

from .test_optim import replay as replay_optimiser

grads = st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=12)


def replay(gradients, **kwargs):
    """Feed the given gradients to Adam one step at a time; return the parameter after each step."""
    return replay_optimiser(Adam, gradients, **kwargs)


@settings(max_examples=60, deadline=None)
@given(gradients=grads, lr=st.floats(1e-3, 1.0))
def test_without_bias_correction_it_is_the_decks_code(gradients, lr):
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    x, m, v, deck = 0.5, 0.0, 0.0, []
    for dx in gradients:  # the deck's three lines
        m = beta1 * m + (1 - beta1) * dx
        v = beta2 * v + (1 - beta2) * (dx**2)
        x += -lr * m / (math.sqrt(v) + eps)
        deck.append(x)
    assert replay(gradients, lr=lr, bias_correction=False) == pytest.approx(deck, rel=1e-12, abs=1e-12)


def test_the_decks_first_step_is_about_3_16_lr_and_pytorchs_is_lr():
    lr = 0.01
    deck_step = 0.5 - replay([2.0], lr=lr, bias_correction=False)[0]
    torch_step = 0.5 - replay([2.0], lr=lr)[0]
    assert deck_step / lr == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-6)  # = 3.1623
    assert round(deck_step / lr, 2) == 3.16
    assert torch_step / lr == pytest.approx(1.0, rel=1e-6)


def test_the_two_forms_agree_once_t_is_large():
    gradients = [1.0] * 20000
    deck = replay(gradients, lr=1e-4, bias_correction=False)
    ours = replay(gradients, lr=1e-4)
    assert (deck[-1] - deck[-2]) == pytest.approx(ours[-1] - ours[-2], rel=1e-3)


def test_default_stays_pytorchs_and_bad_flag_is_rejected():
    assert Adam([Value(1.0)]).param_groups[0]["bias_correction"] is True
    with pytest.raises(TypeError, match="bias_correction"):
        Adam([Value(1.0)], bias_correction="no")
