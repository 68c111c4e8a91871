"""Optimiser guard rails: one bounds table per optimiser for the constructor and every group,
leaf parameters only, numeric gradients only, all-or-nothing steps, PyTorch's lr = 0 and eps = 0."""

from __future__ import annotations

import math

import pytest

from autograd import Value
from nn.optim import SGD, Adadelta, Adagrad, Adam, Adamax, NAdam, RMSprop
from nn.schedules import ExponentialLR, LambdaLR

ALL = [SGD, Adagrad, Adadelta, RMSprop, Adam, Adamax, NAdam]

# (optimiser, hyperparameter, a bad value, what the message says)
GROUP_BOUNDS = [
    (SGD, "momentum", -5.0, "momentum must be a finite number >= 0"),
    (SGD, "lr", -1.0, "lr must be"),
    (SGD, "nesterov", "yes", "nesterov must be True or False"),
    (Adagrad, "lr_decay", -1.0, "lr_decay must be"),
    (Adagrad, "eps", -1e-8, "eps must be"),
    (Adadelta, "rho", 2.0, "rho must be"),
    (RMSprop, "alpha", -0.5, "alpha must be"),
    (Adam, "betas", (0.9, 1.5), r"betas\[1\] must be"),
    (Adam, "betas", 0.9, r"betas must be a pair of numbers"),
    (Adamax, "eps", math.nan, "eps must be"),
    (NAdam, "momentum_decay", -1.0, "momentum_decay must be"),
    (NAdam, "weight_decay", -0.1, "weight_decay must be"),
]


@pytest.mark.parametrize("cls, name, bad, message", GROUP_BOUNDS)
def test_a_group_is_checked_by_the_same_table_as_the_constructor(cls, name, bad, message):
    error = TypeError if name in ("betas", "nesterov") and not isinstance(bad, tuple) else ValueError
    with pytest.raises(error, match=message):
        cls([{"params": [Value(1.0)], name: bad}], lr=0.1)
    with pytest.raises(error, match=message):
        cls([Value(1.0)], **{"lr": 0.1, name: bad})
    opt = cls([Value(1.0)], lr=0.1)
    with pytest.raises(error, match=message):
        opt.add_param_group({"params": [Value(2.0)], name: bad})
    assert len(opt.param_groups) == 1  # the refused group is not half added


def test_a_group_nesterov_without_momentum_is_refused():
    with pytest.raises(ValueError, match="Nesterov momentum needs momentum > 0"):
        SGD([{"params": [Value(1.0)], "nesterov": True}], lr=0.1, momentum=0.0)


@pytest.mark.parametrize("cls", ALL)
def test_lr_zero_is_allowed_and_moves_nothing(cls):
    p = Value(1.5)
    opt = cls([p], lr=0)
    p.grad = 2.0
    opt.step()
    assert p.data == 1.5 and opt.param_groups[0]["lr"] == 0.0


@pytest.mark.parametrize("cls", ALL)
def test_a_non_leaf_parameter_is_refused(cls):
    w = Value(1.0)
    with pytest.raises(ValueError, match=r"result of '\*', not a leaf.*model\.parameters\(\)"):
        cls([w * 2], lr=0.1)


@pytest.mark.parametrize("cls", ALL)
@pytest.mark.parametrize("bad", ["0.5", [0.5], b"1"])
def test_a_gradient_that_is_not_a_number_is_refused_before_anything_moves(cls, bad):
    first, second = Value(1.0), Value(2.0)
    opt = cls([first, second], lr=0.1)
    first.grad, second.grad = 1.0, bad
    with pytest.raises(TypeError, match="gradient of .* must be a number"):
        opt.step()
    assert first.data == 1.0 and not opt.state[first].get("step")


def test_a_numpy_scalar_gradient_is_a_number():
    np = pytest.importorskip("numpy")
    p = Value(1.0)
    opt = SGD([p], lr=0.5)
    p.grad = np.float64(2.0)
    opt.step()
    assert p.data == 0.0


@pytest.mark.parametrize("cls", [Adagrad, Adadelta, RMSprop, Adam, Adamax, NAdam])
def test_eps_zero_with_a_zero_gradient_gives_nan_as_pytorch(cls):
    moved, still = Value(1.0), Value(2.0)
    opt = cls([moved, still], lr=0.1, eps=0.0)
    moved.grad, still.grad = 1.0, 0.0
    opt.step()  # no ZeroDivisionError halfway: every parameter takes its step
    assert math.isfinite(moved.data) and (moved.data != 1.0) == (cls is not Adadelta)  # Adadelta: 0 / sqrt(v)
    assert math.isnan(still.data)  # 0 / 0


def test_eps_zero_agrees_with_torch():
    torch = pytest.importorskip("torch")
    for cls, tcls in [(Adam, torch.optim.Adam), (RMSprop, torch.optim.RMSprop), (Adagrad, torch.optim.Adagrad),
                      (Adadelta, torch.optim.Adadelta), (NAdam, torch.optim.NAdam)]:
        p, t = Value(1.0), torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
        opt, topt = cls([p], lr=0.1, eps=0.0), tcls([t], lr=0.1, eps=0.0)
        p.grad, t.grad = 0.0, torch.zeros(1, dtype=torch.float64)
        opt.step()
        topt.step()
        assert math.isnan(p.data) == math.isnan(t.item()), cls.__name__


def test_a_schedule_made_before_add_param_group_follows_the_new_group():
    first, second = Value(1.0), Value(1.0)
    opt = SGD([first], lr=1.0)
    schedule = ExponentialLR(opt, gamma=0.5)
    opt.add_param_group({"params": [second], "lr": 0.4})
    schedule.step()
    assert [g["lr"] for g in opt.param_groups] == [0.5, 0.2]
    assert schedule.get_last_lr() == [0.5, 0.2]
    LambdaLR(opt, lambda k: 1.0).check_ahead(3)
