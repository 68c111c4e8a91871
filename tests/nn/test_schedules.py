"""Learning-rate schedules: lr sequences of step, exponential, 1/t and lambda decay; errors."""

import pytest

from autograd import Value
from nn.optim import SGD, Adam
from nn.schedules import ExponentialLR, InverseTimeLR, LambdaLR, LRScheduler, StepLR


def lrs(scheduler, epochs=7):
    """lr before any step, then after each of `epochs` steps."""
    seq = [scheduler.get_last_lr()[0]]
    for _ in range(epochs):
        scheduler.optimizer.step()
        scheduler.step()
        seq.append(scheduler.get_last_lr()[0])
    return seq


def sgd(lr=0.8):
    return SGD([Value(1.0)], lr=lr)


def test_step_decay_sequence():
    seq = lrs(StepLR(sgd(), step_size=3, gamma=0.5))
    assert seq == pytest.approx([0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2], rel=1e-15)


def test_exponential_decay_sequence():
    seq = lrs(ExponentialLR(sgd(), gamma=0.9), epochs=4)
    assert seq == pytest.approx([0.8, 0.8 * 0.9, 0.8 * 0.81, 0.8 * 0.729, 0.8 * 0.6561], rel=1e-15)


def test_inverse_time_decay_sequence():
    seq = lrs(InverseTimeLR(sgd(), decay=0.5), epochs=4)
    assert seq == pytest.approx([0.8, 0.8 / 1.5, 0.8 / 2.0, 0.8 / 2.5, 0.8 / 3.0], rel=1e-15)


def test_inverse_time_with_zero_decay_is_constant():
    assert lrs(InverseTimeLR(sgd(), decay=0), epochs=3) == [0.8] * 4


def test_lambda_schedule_reproduces_micrograd_demo():
    seq = lrs(LambdaLR(sgd(lr=1.0), lambda k: 1.0 - 0.9 * k / 100), epochs=100)
    assert seq[0] == 1.0 and seq[50] == pytest.approx(0.55) and seq[99] == pytest.approx(0.109)


def test_schedule_writes_the_lr_the_optimiser_uses():
    p = Value(0.0)
    opt = SGD([p], lr=1.0)
    sched = StepLR(opt, step_size=1, gamma=0.5)
    moves = []
    for _ in range(3):
        p.grad = 1.0
        before = p.data
        opt.step()
        moves.append(before - p.data)
        sched.step()
    assert moves == [1.0, 0.5, 0.25]
    assert opt.param_groups[0]["lr"] == 0.125 and opt.param_groups[0]["initial_lr"] == 1.0


def test_every_param_group_gets_its_own_schedule():
    opt = Adam([{"params": [Value(1.0)], "lr": 0.1}, {"params": [Value(2.0)], "lr": 0.01}])
    sched = ExponentialLR(opt, gamma=0.5)
    sched.step()
    assert sched.get_last_lr() == pytest.approx([0.05, 0.005])
    assert sched.last_epoch == 1


def test_a_second_schedule_starts_from_the_initial_lr():
    opt = sgd(lr=1.0)
    first = ExponentialLR(opt, gamma=0.5)
    first.step()
    second = InverseTimeLR(opt, decay=1.0)  # initial_lr stays 1.0, as in PyTorch
    assert second.get_last_lr() == [1.0]
    second.step()
    assert second.get_last_lr() == [0.5]
    assert first.base_lrs == second.base_lrs == [1.0]


def test_get_last_lr_returns_a_copy():
    sched = StepLR(sgd(), step_size=1)
    sched.get_last_lr().append(99.0)
    assert sched.get_last_lr() == [0.8]


def test_repr():
    assert repr(StepLR(sgd(), step_size=2)) == "StepLR(last_epoch=0, lr=[0.8])"


@pytest.mark.parametrize("make,error,word", [
    (lambda o: StepLR(o, step_size=0), ValueError, "step_size"),
    (lambda o: StepLR(o, step_size=2.5), TypeError, "step_size"),
    (lambda o: StepLR(o, step_size=2, gamma=0), ValueError, "gamma"),
    (lambda o: ExponentialLR(o, gamma=float("nan")), ValueError, "gamma"),
    (lambda o: ExponentialLR(o, gamma="0.9"), TypeError, "gamma"),
    (lambda o: InverseTimeLR(o, decay=-1), ValueError, "decay"),
    (lambda o: InverseTimeLR(o, decay=None), TypeError, "decay"),
    (lambda o: LambdaLR(o, 0.5), TypeError, "lr_lambda"),
    (lambda o: StepLR([Value(1.0)], step_size=1), TypeError, "optimizer"),
])
def test_bad_arguments(make, error, word):
    with pytest.raises(error, match=word):
        make(sgd())


def test_base_class_has_no_formula():
    with pytest.raises(NotImplementedError):
        LRScheduler(sgd())
