"""Optimisers: first two steps by hand on f(p) = (p - 3)^2, the deck's rules, state, errors."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value
from nn.models import MLP
from nn.optim import SGD, Adadelta, Adagrad, Adam, Adamax, NAdam, Optimizer, RMSprop

ALL = [SGD, Adagrad, Adadelta, RMSprop, Adam, Adamax, NAdam]
P0 = 1.0  # start of every run; f(p) = (p - 3)^2 so grad = 2 * (p - 3)


def grad_at(p: float) -> float:
    return 2 * (p - 3.0)


def run(opt_cls, steps=2, p0=P0, **kwargs):
    """Minimise (p - 3)^2 with the engine's backward; return p after each step, opt, p."""
    p = Value(p0)
    opt = opt_cls([p], **kwargs)
    trace = []
    for _ in range(steps):
        opt.zero_grad()
        ((p - 3.0) ** 2).backward()
        opt.step()
        trace.append(p.data)
    return trace, opt, p


def close(a, b):
    return a == pytest.approx(b, rel=1e-12, abs=1e-15)


# ---- first two steps by hand -------------------------------------------------------------------


def test_sgd_plain_two_steps():
    trace, _, _ = run(SGD, lr=0.1)
    p1 = P0 - 0.1 * grad_at(P0)  # 1 - 0.1 * (-4) = 1.4
    p2 = p1 - 0.1 * grad_at(p1)  # 1.4 - 0.1 * (-3.2) = 1.72
    assert close(trace[0], 1.4) and close(trace[1], 1.72)
    assert close(trace[0], p1) and close(trace[1], p2)


def test_sgd_momentum_two_steps():
    trace, opt, p = run(SGD, lr=0.1, momentum=0.9)
    b1 = grad_at(P0)  # first step: buffer = g
    p1 = P0 - 0.1 * b1
    b2 = 0.9 * b1 + grad_at(p1)
    p2 = p1 - 0.1 * b2
    assert close(trace[0], p1) and close(trace[1], p2)
    assert close(opt.state[p]["momentum_buffer"], b2)


def test_sgd_dampening_two_steps():
    trace, _, _ = run(SGD, lr=0.1, momentum=0.9, dampening=0.5)
    b1 = grad_at(P0)  # PyTorch does not dampen the first step
    p1 = P0 - 0.1 * b1
    b2 = 0.9 * b1 + (1 - 0.5) * grad_at(p1)
    assert close(trace[0], p1) and close(trace[1], p1 - 0.1 * b2)


def test_sgd_nesterov_two_steps():
    trace, _, _ = run(SGD, lr=0.1, momentum=0.9, nesterov=True)
    g1 = grad_at(P0)
    b1 = g1
    p1 = P0 - 0.1 * (g1 + 0.9 * b1)
    g2 = grad_at(p1)
    b2 = 0.9 * b1 + g2
    p2 = p1 - 0.1 * (g2 + 0.9 * b2)
    assert close(trace[0], p1) and close(trace[1], p2)


def test_adagrad_two_steps():
    trace, opt, p = run(Adagrad, lr=0.5)
    g1 = grad_at(P0)
    s1 = g1**2
    p1 = P0 - 0.5 * g1 / (math.sqrt(s1) + 1e-10)
    g2 = grad_at(p1)
    s2 = s1 + g2**2
    p2 = p1 - 0.5 * g2 / (math.sqrt(s2) + 1e-10)
    assert close(trace[0], p1) and close(trace[1], p2)
    assert opt.state[p]["step"] == 2 and close(opt.state[p]["sum"], s2)


def test_adagrad_lr_decay_and_initial_accumulator():
    trace, _, _ = run(Adagrad, lr=0.5, lr_decay=0.1, initial_accumulator_value=1.0)
    g1 = grad_at(P0)
    p1 = P0 - 0.5 / (1 + 0 * 0.1) * g1 / (math.sqrt(1.0 + g1**2) + 1e-10)
    g2 = grad_at(p1)
    p2 = p1 - 0.5 / (1 + 1 * 0.1) * g2 / (math.sqrt(1.0 + g1**2 + g2**2) + 1e-10)
    assert close(trace[0], p1) and close(trace[1], p2)


def test_adadelta_two_steps():
    trace, opt, p = run(Adadelta)
    rho, eps = 0.9, 1e-6
    g1 = grad_at(P0)
    sq1 = (1 - rho) * g1**2
    d1 = math.sqrt(0.0 + eps) / math.sqrt(sq1 + eps) * g1
    acc1 = (1 - rho) * d1**2
    p1 = P0 - 1.0 * d1
    g2 = grad_at(p1)
    sq2 = rho * sq1 + (1 - rho) * g2**2
    d2 = math.sqrt(acc1 + eps) / math.sqrt(sq2 + eps) * g2
    p2 = p1 - 1.0 * d2
    assert close(trace[0], p1) and close(trace[1], p2)
    assert close(opt.state[p]["acc_delta"], rho * acc1 + (1 - rho) * d2**2)


def test_rmsprop_two_steps():
    trace, opt, p = run(RMSprop, lr=0.01)
    a, eps = 0.99, 1e-8
    g1 = grad_at(P0)
    s1 = (1 - a) * g1**2
    p1 = P0 - 0.01 * g1 / (math.sqrt(s1) + eps)
    g2 = grad_at(p1)
    s2 = a * s1 + (1 - a) * g2**2
    p2 = p1 - 0.01 * g2 / (math.sqrt(s2) + eps)
    assert close(trace[0], p1) and close(trace[1], p2)
    assert set(opt.state[p]) == {"step", "square_avg"} and close(opt.state[p]["square_avg"], s2)


def test_rmsprop_centered_momentum_two_steps():
    trace, opt, p = run(RMSprop, lr=0.01, momentum=0.5, centered=True)
    a, eps = 0.99, 1e-8
    g1 = grad_at(P0)
    s1, m1 = (1 - a) * g1**2, (1 - a) * g1
    buf1 = g1 / (math.sqrt(s1 - m1**2) + eps)
    p1 = P0 - 0.01 * buf1
    g2 = grad_at(p1)
    s2, m2 = a * s1 + (1 - a) * g2**2, a * m1 + (1 - a) * g2
    buf2 = 0.5 * buf1 + g2 / (math.sqrt(s2 - m2**2) + eps)
    assert close(trace[0], p1) and close(trace[1], p1 - 0.01 * buf2)
    assert set(opt.state[p]) == {"step", "square_avg", "grad_avg", "momentum_buffer"}


def test_adam_two_steps():
    trace, opt, p = run(Adam, lr=0.1)
    b1, b2, eps = 0.9, 0.999, 1e-8
    g1 = grad_at(P0)
    m1, v1 = (1 - b1) * g1, (1 - b2) * g1**2
    p1 = P0 - 0.1 * (m1 / (1 - b1)) / (math.sqrt(v1 / (1 - b2)) + eps)
    g2 = grad_at(p1)
    m2, v2 = b1 * m1 + (1 - b1) * g2, b2 * v1 + (1 - b2) * g2**2
    p2 = p1 - 0.1 * (m2 / (1 - b1**2)) / (math.sqrt(v2 / (1 - b2**2)) + eps)
    assert close(trace[0], p1) and close(trace[1], p2)
    assert close(trace[0], P0 + 0.1 * (1 - 1e-8 / 4))  # step 1 of Adam moves by ~lr
    assert opt.state[p] == pytest.approx({"step": 2, "exp_avg": m2, "exp_avg_sq": v2}, rel=1e-12)


def test_adamax_two_steps():
    trace, _, _ = run(Adamax, lr=0.1)
    b1, b2, eps = 0.9, 0.999, 1e-8
    g1 = grad_at(P0)
    m1, u1 = (1 - b1) * g1, max(0.0, abs(g1) + eps)
    p1 = P0 - 0.1 / (1 - b1) * m1 / u1
    g2 = grad_at(p1)
    m2, u2 = b1 * m1 + (1 - b1) * g2, max(b2 * u1, abs(g2) + eps)
    p2 = p1 - 0.1 / (1 - b1**2) * m2 / u2
    assert close(trace[0], p1) and close(trace[1], p2)


def test_nadam_two_steps():
    trace, opt, p = run(NAdam, lr=0.1)
    b1, b2, eps, psi = 0.9, 0.999, 1e-8, 4e-3
    mu = [b1 * (1 - 0.5 * 0.96 ** (t * psi)) for t in (1, 2, 3)]  # mu_1, mu_2, mu_3
    g1 = grad_at(P0)
    m1, v1 = (1 - b1) * g1, (1 - b2) * g1**2
    d1 = math.sqrt(v1 / (1 - b2)) + eps
    p1 = P0 - 0.1 * (1 - mu[0]) / (1 - mu[0]) * g1 / d1
    p1 = p1 - 0.1 * mu[1] / (1 - mu[0] * mu[1]) * m1 / d1
    g2 = grad_at(p1)
    m2, v2 = b1 * m1 + (1 - b1) * g2, b2 * v1 + (1 - b2) * g2**2
    d2 = math.sqrt(v2 / (1 - b2**2)) + eps
    prod = mu[0] * mu[1]
    p2 = p1 - 0.1 * (1 - mu[1]) / (1 - prod) * g2 / d2
    p2 = p2 - 0.1 * mu[2] / (1 - prod * mu[2]) * m2 / d2
    assert close(trace[0], p1) and close(trace[1], p2)
    assert close(opt.state[p]["mu_product"], prod)


# ---- the deck's update rules (deck 000) against ours -------------------------------------------


def deck_run(update, steps=6, p0=P0):
    """Run a deck-style update(x, dx, cache) -> (x, cache) on (p - 3)^2 and return the trace."""
    x, cache, trace = p0, {}, []
    for t in range(1, steps + 1):
        x, cache = update(x, grad_at(x), cache, t)
        trace.append(x)
    return trace


def test_momentum_velocity_form_equals_pytorch_form():
    mu, lr = 0.9, 0.05

    def deck(x, dx, c, t):
        v = mu * c.get("v", 0.0) - lr * dx  # integrate velocity
        return x + v, {"v": v}

    ours, _, _ = run(SGD, steps=6, lr=lr, momentum=mu)
    assert ours == pytest.approx(deck_run(deck), rel=1e-12)


def test_nesterov_velocity_form_equals_pytorch_form():
    mu, lr = 0.9, 0.05

    def deck(x, dx, c, t):  # x += -mu * v_prev + (1 + mu) * v
        v_prev = c.get("v", 0.0)
        v = mu * v_prev - lr * dx
        return x - mu * v_prev + (1 + mu) * v, {"v": v}

    ours, _, _ = run(SGD, steps=6, lr=lr, momentum=mu, nesterov=True)
    assert ours == pytest.approx(deck_run(deck), rel=1e-12)


def test_adagrad_deck_form_is_the_same():
    lr, eps = 0.5, 1e-10

    def deck(x, dx, c, t):
        cache = c.get("cache", 0.0) + dx**2
        return x - lr * dx / (math.sqrt(cache) + eps), {"cache": cache}

    ours, _, _ = run(Adagrad, steps=6, lr=lr, eps=eps)
    assert ours == pytest.approx(deck_run(deck), rel=1e-12)


def test_rmsprop_deck_form_is_the_same():
    lr, decay_rate, eps = 0.01, 0.9, 1e-8

    def deck(x, dx, c, t):
        cache = decay_rate * c.get("cache", 0.0) + (1 - decay_rate) * dx**2
        return x - lr * dx / (math.sqrt(cache) + eps), {"cache": cache}

    ours, _, _ = run(RMSprop, steps=6, lr=lr, alpha=decay_rate, eps=eps)
    assert ours == pytest.approx(deck_run(deck), rel=1e-12)


def test_adam_is_the_deck_form_with_bias_correction():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8

    def deck(x, dx, c, t, correct):
        m = b1 * c.get("m", 0.0) + (1 - b1) * dx
        v = b2 * c.get("v", 0.0) + (1 - b2) * dx**2
        m_use, v_use = (m / (1 - b1**t), v / (1 - b2**t)) if correct else (m, v)
        return x - lr * m_use / (math.sqrt(v_use) + eps), {"m": m, "v": v}

    ours, _, _ = run(Adam, steps=6, lr=lr)
    corrected = deck_run(lambda *a: deck(*a, correct=True))
    plain = deck_run(lambda *a: deck(*a, correct=False))
    assert ours == pytest.approx(corrected, rel=1e-12)
    # Without the correction the deck's first step is 0.1 / sqrt(0.001) ~ 3.16 times as long.
    assert (plain[0] - P0) / (ours[0] - P0) == pytest.approx(0.1 / math.sqrt(0.001), rel=1e-6)


def test_nadam_with_constant_momentum_is_the_textbook_form():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8

    def textbook(x, dx, c, t):
        m = b1 * c.get("m", 0.0) + (1 - b1) * dx
        v = b2 * c.get("v", 0.0) + (1 - b2) * dx**2
        look_ahead = b1 * m / (1 - b1 ** (t + 1)) + (1 - b1) * dx / (1 - b1**t)
        return x - lr * look_ahead / (math.sqrt(v / (1 - b2**t)) + eps), {"m": m, "v": v}

    # 0.96 ** (t * 1e6) underflows to 0, so mu_t = beta1 exactly.
    ours, _, _ = run(NAdam, steps=6, lr=lr, momentum_decay=1e6)
    assert ours == pytest.approx(deck_run(textbook), rel=1e-12)


grads = st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=8)


def replay(opt_cls, gradients, p0=0.5, **kwargs):
    """Feed a fixed sequence of gradients to an optimiser; return p after each step."""
    p = Value(p0)
    opt = opt_cls([p], **kwargs)
    trace = []
    for g in gradients:
        p.grad = g
        opt.step()
        trace.append(p.data)
    return trace


@settings(max_examples=60, deadline=None)
@given(gradients=grads, lr=st.floats(1e-3, 1.0), mu=st.floats(0.0, 0.99))
def test_momentum_forms_agree_for_any_gradients(gradients, lr, mu):
    x, v, deck = 0.5, 0.0, []
    for dx in gradients:
        v = mu * v - lr * dx
        x += v
        deck.append(x)
    ours = replay(SGD, gradients, lr=lr, momentum=mu)
    assert ours == pytest.approx(deck, rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(gradients=grads, lr=st.floats(1e-3, 1.0))
def test_adam_is_bias_corrected_deck_adam_for_any_gradients(gradients, lr):
    b1, b2, eps = 0.9, 0.999, 1e-8
    x, m, v, deck = 0.5, 0.0, 0.0, []
    for t, dx in enumerate(gradients, start=1):
        m = b1 * m + (1 - b1) * dx
        v = b2 * v + (1 - b2) * dx**2
        x += -lr * (m / (1 - b1**t)) / (math.sqrt(v / (1 - b2**t)) + eps)
        deck.append(x)
    assert replay(Adam, gradients, lr=lr) == pytest.approx(deck, rel=1e-9, abs=1e-9)


# ---- behaviour shared by all optimisers --------------------------------------------------------


@pytest.mark.parametrize("cls", ALL)
def test_skips_parameters_without_grad_and_accepts_float_grads(cls):
    a, b = Value(1.0), Value(2.0)
    opt = cls([a, b], lr=0.1)
    a.grad = 0.5  # a plain float gradient, as a student might set by hand
    b.grad = None
    opt.step()
    assert a.data != 1.0 and b.data == 2.0
    assert b not in opt.state or opt.state[b].get("step", 0) == 0


@pytest.mark.parametrize("cls", ALL)
def test_value_gradient_from_create_graph_is_used_as_a_number(cls):
    p, q = Value(1.0), Value(1.0)
    (p * p * p).backward(create_graph=True)
    (q * q * q).backward()
    assert isinstance(p.grad, Value)
    cls([p], lr=0.1).step()
    cls([q], lr=0.1).step()
    assert p.data == q.data != 1.0


@pytest.mark.parametrize("cls", ALL)
def test_weight_decay_equals_an_l2_penalty_in_the_loss(cls):
    decayed = Value(1.0)
    penalised = Value(1.0)
    opt_a = cls([decayed], lr=0.05, weight_decay=0.1)
    opt_b = cls([penalised], lr=0.05)
    for _ in range(3):
        for p, opt, extra in ((decayed, opt_a, 0.0), (penalised, opt_b, 0.05)):
            opt.zero_grad()
            ((p - 3.0) ** 2 + extra * p * p).backward()  # d/dp (0.1 / 2) p^2 = 0.1 p
            opt.step()
    assert decayed.data == pytest.approx(penalised.data, rel=1e-12)


@pytest.mark.parametrize("cls", ALL)
def test_zero_grad(cls):
    p = Value(1.0)
    p.grad = 3.0
    opt = cls([p])
    opt.zero_grad()
    assert p.grad is None
    p.grad = 3.0
    opt.zero_grad(set_to_none=False)
    assert p.grad == 0.0


@pytest.mark.parametrize("cls", ALL)
@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf")])  # 0 is allowed, as in PyTorch
def test_bad_learning_rate_value(cls, bad):
    with pytest.raises(ValueError, match="lr"):
        cls([Value(1.0)], lr=bad)


@pytest.mark.parametrize("cls", ALL)
@pytest.mark.parametrize("bad", ["0.1", None, True, [0.1]])
def test_bad_learning_rate_type(cls, bad):
    with pytest.raises(TypeError, match="lr"):
        cls([Value(1.0)], lr=bad)


@pytest.mark.parametrize("cls", ALL)
def test_empty_params_and_generators(cls):
    with pytest.raises(ValueError, match="empty"):
        cls([])
    with pytest.raises(ValueError, match="empty"):
        cls(p for p in [])
    params = [Value(1.0), Value(2.0)]
    opt = cls(p for p in params)  # a generator is read once, into a list
    assert opt.param_groups[0]["params"] == params


def test_bad_parameters_and_hyperparameters():
    p = Value(1.0)
    with pytest.raises(TypeError, match="Values"):
        SGD([1.0, 2.0], lr=0.1)
    with pytest.raises(ValueError, match="more than once"):
        SGD([p, p], lr=0.1)
    with pytest.raises(ValueError, match="Nesterov"):
        SGD([p], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="Nesterov"):
        SGD([p], lr=0.1, momentum=0.9, dampening=0.1, nesterov=True)
    with pytest.raises(ValueError, match="momentum"):
        SGD([p], lr=0.1, momentum=-0.5)
    with pytest.raises(ValueError, match=r"betas\[1\]"):
        Adam([p], betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="eps"):
        Adam([p], eps=-1e-8)
    with pytest.raises(ValueError, match="weight_decay"):
        Adam([p], weight_decay=-1)
    with pytest.raises(ValueError, match="rho"):
        Adadelta([p], rho=1.5)
    with pytest.raises(TypeError, match="params"):
        SGD([{"lr": 0.1}], lr=0.1)
    with pytest.raises(TypeError, match="list of parameters"):
        SGD(p, lr=0.1)  # a single Value, not a list
    with pytest.raises(TypeError, match=r"pass model\.parameters\(\)"):
        SGD(MLP(2, [1], seed=0), lr=0.1)


def test_param_groups_have_their_own_lr():
    a, b = Value(0.0), Value(0.0)
    opt = SGD([{"params": [a]}, {"params": [b], "lr": 1.0}], lr=0.1)
    a.grad = b.grad = 1.0
    opt.step()
    assert (a.data, b.data) == (-0.1, -1.0)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 1.0]


def test_state_is_empty_before_the_first_step_except_adagrad():
    p = Value(1.0)
    assert SGD([p], lr=0.1, momentum=0.9).state == {}
    assert Adam([p]).state[p] == {}  # as PyTorch: an empty dict, not a KeyError
    assert Adagrad([p]).state[p] == {"step": 0, "sum": 0.0}


def test_repr_shows_hyperparameters():
    text = repr(SGD([Value(1.0), Value(2.0)], lr=0.1, momentum=0.9))
    assert text.startswith("SGD (") and "2 params" in text and "momentum=0.9" in text


def test_base_class_has_no_update_rule():
    p = Value(1.0)
    p.grad = 1.0
    with pytest.raises(NotImplementedError):
        Optimizer([p], {"lr": 0.1, "weight_decay": 0.0}).step()
