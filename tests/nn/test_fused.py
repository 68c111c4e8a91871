"""The optimiser's step fused into the compiled replay equals opt.step() bit for bit: weights, gradients
and optimiser state after several steps, for every setting of SGD and Adam, in both replay modes."""

import math

import pytest

import autograd
import nn
from autograd import Value
from nn.fused import NotFusable, fused_update

X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [2.0, -1.5]]
Y = [1.0, -1.0, 1.0, -1.0]

SETTINGS = [
    (nn.SGD, dict(lr=0.1)),
    (nn.SGD, dict(lr=0.1, weight_decay=0.01)),
    (nn.SGD, dict(lr=0.1, momentum=0.9)),
    (nn.SGD, dict(lr=0.1, momentum=0.9, dampening=0.3, weight_decay=0.02)),
    (nn.SGD, dict(lr=0.1, momentum=0.8, nesterov=True)),
    (nn.Adam, dict(lr=0.05)),
    (nn.Adam, dict(lr=0.05, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.01)),
    (nn.Adam, dict(lr=0.05, bias_correction=False)),
]


def _model_and_loss():
    model = nn.MLP(2, [4, 1], seed=3)
    unused = Value(0.25, label="unused")  # never in the loss: eager leaves its grad None and step() skips it

    def loss(inputs):
        scores = [model(x) for x in inputs]
        hinge = sum((1 + -y * s).relu() for y, s in zip(Y, scores)) * 0.25
        return hinge + 1e-3 * sum(p * p for p in model.parameters())

    return model, [*model.parameters(), unused], loss


def _state(opt, params):
    return [dict(opt.state[p]) if p in opt.state else None for p in params]


@pytest.mark.parametrize("mode", ["lines", "tables"])
@pytest.mark.parametrize("kind, settings", SETTINGS, ids=lambda s: getattr(s, "__name__", None) or repr(s))
def test_fused_steps_equal_eager_steps(kind, settings, mode):
    _, eager_params, eager_loss = _model_and_loss()
    _, fused_params, fused_loss = _model_and_loss()
    eager_opt, fused_opt = kind(eager_params, **settings), kind(fused_params, **settings)
    step = autograd.compile(fused_loss, fused_params, X, mode=mode, update=fused_update(fused_opt, fused_params))
    for i in range(6):
        if i == 3:  # a schedule changing lr between steps: read at every call
            eager_opt.param_groups[0]["lr"] = fused_opt.param_groups[0]["lr"] = 0.03
        eager_opt.zero_grad()
        loss = eager_loss([[Value(a) for a in x] for x in X])
        loss.backward()
        eager_opt.step()
        fused_opt.zero_grad()
        assert step(X) == loss.data
    assert [p.data for p in fused_params] == [p.data for p in eager_params]
    assert [p.grad for p in fused_params] == [p.grad for p in eager_params]
    assert fused_params[-1].grad is None and fused_params[-1].data == 0.25
    assert _state(fused_opt, fused_params) == _state(eager_opt, eager_params)
    assert len(fused_opt.state) == len(eager_opt.state)


def test_fused_adam_keeps_nan_as_eager():
    """A nan gradient makes nan weights in both, through the same operations."""
    for fused in (False, True):
        w = Value(1.0)
        opt = nn.Adam([w], lr=0.1)
        step = autograd.compile(lambda x, w=w: w * x[0], [w], [math.nan],
                                update=fused_update(opt, [w]) if fused else None)
        opt.zero_grad()
        step([math.nan])
        if not fused:
            opt.step()
        assert math.isnan(w.data) and opt.state[w]["step"] == 1


def test_fused_update_is_refused_with_the_reason():
    w, b = Value(1.0), Value(2.0)
    with pytest.raises(NotFusable, match="Adagrad's step has no fused form"):
        fused_update(nn.Adagrad([w]))
    with pytest.raises(NotFusable, match="several parameter groups"):
        fused_update(nn.SGD([{"params": [w]}, {"params": [b], "lr": 0.5}], lr=0.1))

    class MySGD(nn.SGD):
        pass

    with pytest.raises(NotFusable, match="not nn.SGD or nn.Adam itself"):
        fused_update(MySGD([w], lr=0.1))
    with pytest.raises(NotFusable, match="exactly the compiled parameters"):
        fused_update(nn.SGD([w, b], lr=0.1), [b, w])
    with pytest.raises(ValueError, match="exactly the compiled params"):
        autograd.compile(lambda x: w * b * x[0], [b, w], [1.0], update=fused_update(nn.SGD([w, b], lr=0.1)))


BATCHES = [X, [[a * 0.5, b - 0.25] for a, b in X], [[-a, b] for a, b in X], X]


@pytest.mark.parametrize("kind, settings", [SETTINGS[3], SETTINGS[6]], ids=["SGD", "Adam"])
def test_steps_equal_one_call_per_batch(kind, settings):
    """steps() keeps weights and state in lists between the batches and writes them back at the end:
    the same weights, gradients (the last batch's; None where the loss does not reach) and state."""
    _, one_params, one_loss = _model_and_loss()
    _, run_params, run_loss = _model_and_loss()
    one_opt, run_opt = kind(one_params, **settings), kind(run_params, **settings)
    one = autograd.compile(one_loss, one_params, X, mode="tables", update=fused_update(one_opt, one_params))
    run = autograd.compile(run_loss, run_params, X, mode="tables", update=fused_update(run_opt, run_params))
    losses = []
    for batch in BATCHES:
        one_opt.zero_grad()
        losses.append(one(batch))
    seen = []
    assert run.steps(BATCHES, after=seen.append) == losses[-1]
    assert len(seen) == len(BATCHES)
    assert [p.data for p in run_params] == [p.data for p in one_params]
    assert [p.grad for p in run_params] == [p.grad for p in one_params]
    assert run_params[-1].grad is None and run_params[-1].data == 0.25
    assert _state(run_opt, run_params) == _state(one_opt, one_params)


def test_steps_write_back_when_interrupted():
    """An error between two steps leaves the weights and state of the steps that ran."""
    _, one_params, one_loss = _model_and_loss()
    _, run_params, run_loss = _model_and_loss()
    one_opt, run_opt = nn.Adam(one_params, lr=0.05), nn.Adam(run_params, lr=0.05)
    one = autograd.compile(one_loss, one_params, X, update=fused_update(one_opt, one_params))
    run = autograd.compile(run_loss, run_params, X, update=fused_update(run_opt, run_params))
    for batch in BATCHES[:2]:
        one_opt.zero_grad()
        one(batch)

    def batches():
        yield from BATCHES[:2]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run.steps(batches())
    assert [p.data for p in run_params] == [p.data for p in one_params]
    assert _state(run_opt, run_params) == _state(one_opt, one_params)


def test_steps_need_a_fused_update():
    _, params, loss = _model_and_loss()
    with pytest.raises(TypeError, match="update="):
        autograd.compile(loss, params, X).steps([X])


@pytest.mark.parametrize("bias_correction", [True, False])
def test_fused_adam_divides_by_zero_as_eager(bias_correction):
    """eps=0 and a zero gradient: m / (sqrt(s) + eps) is 0 / 0, nan in both (no ZeroDivisionError)."""
    results = []
    for fused in (False, True):
        a, b = Value(1.0), Value(2.0)
        opt = nn.Adam([a, b], lr=0.1, eps=0.0, bias_correction=bias_correction)
        step = autograd.compile(lambda x, a=a, b=b: a * x[0] + b * 0.0, [a, b], [3.0],
                                update=fused_update(opt, [a, b]) if fused else None)
        opt.zero_grad()
        step([3.0])
        if not fused:
            opt.step()
        results.append((a.data, b.data))
    assert results[0][0] == results[1][0] and math.isnan(results[0][1]) and math.isnan(results[1][1])
