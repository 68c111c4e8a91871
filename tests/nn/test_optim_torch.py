"""Optional cross-checks: our optimisers and schedules against torch.optim, in float64."""

import pytest

from autograd import Value
from nn import optim, schedules

torch = pytest.importorskip("torch")

START = [1.5, -0.7, 0.3]


@pytest.fixture(autouse=True)
def float64_everywhere():
    # torch keeps scalar state such as NAdam's mu_product in the default dtype;
    # in float32 it would differ from ours at about 1e-8.
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)

CONFIGS = [
    ("SGD", dict(lr=0.1)),
    ("SGD", dict(lr=0.1, momentum=0.9)),
    ("SGD", dict(lr=0.1, momentum=0.9, dampening=0.3, weight_decay=0.01)),
    ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True)),
    ("Adagrad", dict(lr=0.1)),
    ("Adagrad", dict(lr=0.1, lr_decay=0.05, initial_accumulator_value=0.2, weight_decay=0.1)),
    ("Adadelta", dict()),
    ("Adadelta", dict(lr=0.5, rho=0.8, weight_decay=0.1)),
    ("RMSprop", dict(lr=0.01)),
    ("RMSprop", dict(lr=0.01, momentum=0.5, centered=True, weight_decay=0.1)),
    ("Adam", dict(lr=0.05)),
    ("Adam", dict(lr=0.05, betas=(0.8, 0.99), weight_decay=0.1)),
    ("Adamax", dict(lr=0.05)),
    ("Adamax", dict(lr=0.05, betas=(0.8, 0.99), weight_decay=0.1)),
    ("NAdam", dict(lr=0.05)),
    ("NAdam", dict(lr=0.05, momentum_decay=0.01, weight_decay=0.1)),
]


def objective(x, y, z):
    """A small non-quadratic loss that couples the three parameters."""
    return (x - 1) ** 2 + 3 * (y + 0.5) ** 2 * (x * x + 1) + (z - x * y) ** 2


def run_ours(name, kwargs, steps, schedule=None):
    params = [Value(v) for v in START]
    opt = getattr(optim, name)(params, **kwargs)
    sched = schedule(opt, schedules) if schedule else None
    for _ in range(steps):
        opt.zero_grad()
        objective(*params).backward()
        opt.step()
        if sched:
            sched.step()
    return [p.data for p in params]


def run_torch(name, kwargs, steps, schedule=None):
    params = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in START]
    opt = getattr(torch.optim, name)(params, **kwargs)
    sched = schedule(opt, torch.optim.lr_scheduler) if schedule else None
    for _ in range(steps):
        opt.zero_grad()
        objective(*params).backward()
        opt.step()
        if sched:
            sched.step()
    return [p.item() for p in params]


@pytest.mark.parametrize("name,kwargs", CONFIGS)
def test_matches_torch_optim(name, kwargs):
    ours = run_ours(name, kwargs, steps=8)
    theirs = run_torch(name, kwargs, steps=8)
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-14)
    assert ours != pytest.approx(START)


def test_momentum_under_a_changing_lr_matches_torch():
    def schedule(opt, module):
        return module.StepLR(opt, step_size=2, gamma=0.5)

    kwargs = dict(lr=0.1, momentum=0.9)
    assert run_ours("SGD", kwargs, 7, schedule) == pytest.approx(
        run_torch("SGD", kwargs, 7, schedule), rel=1e-10)


@pytest.mark.parametrize("make", [
    lambda opt, m: m.StepLR(opt, step_size=3, gamma=0.5),
    lambda opt, m: m.ExponentialLR(opt, gamma=0.9),
    lambda opt, m: m.LambdaLR(opt, lambda t: 1.0 - 0.9 * t / 100),
])
def test_schedules_match_torch(make):
    ours_opt = optim.SGD([Value(1.0)], lr=0.2)
    theirs_opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.2)
    ours, theirs = make(ours_opt, schedules), make(theirs_opt, torch.optim.lr_scheduler)
    ours_lrs, theirs_lrs = [], []
    for _ in range(12):
        ours_opt.step()
        theirs_opt.step()
        ours.step()
        theirs.step()
        ours_lrs.append(ours.get_last_lr()[0])
        theirs_lrs.append(theirs.get_last_lr()[0])
    assert ours_lrs == pytest.approx(theirs_lrs, rel=1e-12)
