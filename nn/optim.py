"""Optimisers that update parameters from their gradients, with PyTorch's names, defaults, formulas.

SGD (plain, momentum, Nesterov), Adagrad, Adadelta, RMSprop, Adam, Adamax and NAdam. Each keeps what
it remembers between steps in ``opt.state[p]``, a dict with readable keys a student can print.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from autograd import Value, floatmath
from autograd.checks import is_real, real

__all__ = ["Optimizer", "SGD", "Adagrad", "Adadelta", "RMSprop", "Adam", "Adamax", "NAdam"]


def _grad_value(p: Any) -> float:
    """p.grad as a float. After backward(create_graph=True) a gradient is a Value: the update
    needs only its number. Anything else that is not a number is refused (a str is not 0.5)."""
    grad = p.grad
    if isinstance(grad, Value):
        return float(grad.data)
    if not is_real(grad):
        raise TypeError(f"the gradient of {p!r} must be a number, got {type(grad).__name__} {grad!r}; "
                        "let backward() fill .grad, or set a number (p.grad = 0.5)")
    return float(grad)


def _betas(name: str, value: Any) -> tuple[float, float]:
    """(beta1, beta2), each in [0, 1)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable) or len(list(value)) != 2:
        raise TypeError(f"{name} must be a pair of numbers (beta1, beta2), e.g. (0.9, 0.999); "
                        f"got {type(value).__name__} {value!r}")
    b1, b2 = value
    return (real(f"{name}[0]", b1, low=0, high=1.0, high_open=True),
            real(f"{name}[1]", b2, low=0, high=1.0, high_open=True))


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


def _at_least_0(name: str, value: Any) -> float:
    return real(name, value, low=0)


def _real(**limits: Any) -> Callable[[str, Any], float]:
    """A bounds-table entry: the value as a float within `limits` (see autograd.checks.real)."""
    return lambda name, value: real(name, value, **limits)


def _check_param(p: Any) -> None:
    """A parameter is a leaf Value: the optimiser writes p.data, which only moves a leaf."""
    if not isinstance(p, Value):
        raise TypeError(f"optimizer parameters must be Values, got {type(p).__name__}")
    if p.op:
        raise ValueError(f"{p!r} is the result of {p.op!r}, not a leaf: an optimiser writes .data, which "
                         "would never move the Values it was computed from. Pass the leaves themselves "
                         "(model.parameters(), or the Values you made)")


class Optimizer:
    """Base class: holds ``param_groups`` (dicts with 'params' and hyperparameters) and ``state``.

    ``step()`` walks every parameter that has a gradient, adds L2 weight decay
    (g = grad + weight_decay * p, PyTorch's coupled form) and calls the subclass's ``_update``.
    Parameters whose ``grad`` is None (not reached by backward) are skipped, as in PyTorch.

    One L2 convention throughout: weight_decay=lam adds lam * p to the gradient, which is the gradient
    of lam / 2 * sum p^2 -- the term ``fit(weight_decay=lam)`` adds to the loss (where the loss curve
    shows it) and ``fit(penalty=lambda m: lam / 2 * nn.l2_penalty(m))`` writes out. Use one of them.

    ``bounds``: each hyperparameter's check, one table per optimiser, applied to the defaults and
    to every parameter group alike (a group's own momentum is checked as the constructor's is).
    lr = 0 is allowed, as in PyTorch: a schedule may reach it.
    """

    bounds: dict[str, Callable[[str, Any], Any]] = {"lr": _at_least_0, "weight_decay": _at_least_0}

    def __init__(self, params: Iterable, defaults: dict[str, Any]) -> None:
        self.defaults = self._checked(dict(defaults))
        # opt.state[p] is p's dict ({} until p's first step), as PyTorch's defaultdict(dict).
        self.state: defaultdict[Any, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        if hasattr(params, "data") or hasattr(params, "parameters") or not isinstance(params, Iterable):
            hint = " (pass model.parameters())" if hasattr(params, "parameters") else ""
            raise TypeError(f"{type(self).__name__} expects a list of parameters (Values) or of "
                            f"parameter groups, got {type(params).__name__}{hint}")
        params = list(params)  # a generator can only be read once
        if not params:
            raise ValueError(f"{type(self).__name__} got an empty parameter list")
        groups = params if isinstance(params[0], dict) else [{"params": params}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, group: dict[str, Any]) -> None:
        """Add a group of parameters with its own hyperparameters (the rest from ``defaults``)."""
        if not isinstance(group, dict) or "params" not in group:
            raise TypeError("a parameter group must be a dict with a 'params' entry")
        params = group["params"]
        params = [params] if hasattr(params, "data") else list(params)
        if not params:
            raise ValueError(f"{type(self).__name__} got an empty parameter list")
        seen = {id(p) for g in self.param_groups for p in g["params"]}
        for p in params:
            _check_param(p)
            if id(p) in seen:
                raise ValueError(f"parameter {p!r} appears more than once in the optimizer")
            seen.add(id(p))
        self.param_groups.append(self._checked({**self.defaults, **group, "params": params}))

    def _checked(self, group: dict[str, Any]) -> dict[str, Any]:
        """group with every hyperparameter checked by this optimiser's bounds table."""
        for name, check in self.bounds.items():
            if name in group:
                group[name] = check(name, group[name])
        return group

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the gradients: grad = None (PyTorch's default: step() then skips a parameter that no
        backward pass reached), or 0.0 with set_to_none=False, as Module.zero_grad does by default."""
        for group in self.param_groups:
            for p in group["params"]:
                p.grad = None if set_to_none else 0.0

    def step(self) -> None:
        """Update every parameter that has a gradient, once. Every gradient is read (and checked)
        before the first parameter moves, so a bad one leaves the model as it was."""
        grads = [[(p, _grad_value(p)) for p in group["params"] if p.grad is not None]
                 for group in self.param_groups]
        for group, pairs in zip(self.param_groups, grads):
            for p, g in pairs:
                if group["weight_decay"] != 0:
                    g = g + group["weight_decay"] * p.data
                self._update(p, g, group, self.state[p])

    def _update(self, p: Any, g: float, group: dict[str, Any], state: dict[str, Any]) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__} ("]
        for i, group in enumerate(self.param_groups):
            settings = ", ".join(f"{k}={v}" for k, v in group.items() if k != "params")
            lines.append(f"  group {i}: {len(group['params'])} params, {settings}")
        return "\n".join(lines + [")"])


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with momentum and Nesterov momentum (PyTorch's form).

    g = grad + weight_decay * p
    b = g on the first step, then b = momentum * b + (1 - dampening) * g   state['momentum_buffer']
    d = g + momentum * b if nesterov else b        (d = g when momentum = 0)
    p = p - lr * d

    The deck writes momentum as a velocity: ``v = mu * v - lr * dx; x += v``. With a constant lr,
    v = -lr * b at every step, so both give the same numbers; they differ only when lr changes
    between steps (a schedule), where PyTorch's form applies the new lr to the whole buffer at once.
    Nesterov's look-ahead in the velocity form, ``x += -mu * v_prev + (1 + mu) * v``, works out to
    mu^2 v_prev - (1 + mu) lr g, which is again the PyTorch step above.
    """

    bounds = {**Optimizer.bounds, "momentum": _at_least_0, "dampening": _real(), "nesterov": _flag}

    def __init__(self, params: Iterable, lr: float = 1e-3, momentum: float = 0.0,
                 dampening: float = 0.0, nesterov: bool = False, weight_decay: float = 0.0) -> None:
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      nesterov=nesterov, weight_decay=weight_decay))

    def _checked(self, group: dict[str, Any]) -> dict[str, Any]:
        group = super()._checked(group)
        if group["nesterov"] and (group["momentum"] <= 0 or group["dampening"] != 0):
            raise ValueError("Nesterov momentum needs momentum > 0 and dampening = 0")
        return group

    def _update(self, p, g, group, state):
        momentum = group["momentum"]
        if momentum != 0:
            if "momentum_buffer" not in state:
                state["momentum_buffer"] = g
            else:
                state["momentum_buffer"] = (momentum * state["momentum_buffer"]
                                            + (1 - group["dampening"]) * g)
            buf = state["momentum_buffer"]
            g = g + momentum * buf if group["nesterov"] else buf
        p.data = p.data - group["lr"] * g


class Adagrad(Optimizer):
    """AdaGrad: each parameter's step shrinks with the sum of its squared gradients.

    sum = sum + g^2                           state['sum'] (starts at initial_accumulator_value)
    p = p - lr_t * g / (sqrt(sum) + eps),   lr_t = lr / (1 + (step - 1) * lr_decay)

    The deck's ``cache += dx**2; x += -learning_rate * dx / (np.sqrt(cache) + eps)`` is the same
    update (eps outside the square root in both); PyTorch's default eps is 1e-10.
    """

    bounds = {**Optimizer.bounds, "lr_decay": _at_least_0, "eps": _at_least_0,
              "initial_accumulator_value": _at_least_0}

    def __init__(self, params: Iterable, lr: float = 1e-2, lr_decay: float = 0.0,
                 weight_decay: float = 0.0, initial_accumulator_value: float = 0.0,
                 eps: float = 1e-10) -> None:
        super().__init__(params, dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                                      initial_accumulator_value=initial_accumulator_value))
        # As in PyTorch, Adagrad's state exists from the start: sum = 0 is visible before step 1.
        for group in self.param_groups:
            for p in group["params"]:
                self.state[p] = {"step": 0, "sum": group["initial_accumulator_value"]}

    def _update(self, p, g, group, state):
        if not state:  # a group added after construction
            state.update(step=0, sum=group["initial_accumulator_value"])
        state["step"] += 1
        clr = group["lr"] / (1 + (state["step"] - 1) * group["lr_decay"])
        state["sum"] = state["sum"] + g * g
        p.data = p.data - clr * floatmath.div(g, math.sqrt(state["sum"]) + group["eps"])


class Adadelta(Optimizer):
    """Adadelta: a step whose size comes from running averages, so lr can stay at 1.

    square_avg = rho * square_avg + (1 - rho) * g^2                       state['square_avg']
    delta = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * g
    acc_delta = rho * acc_delta + (1 - rho) * delta^2                     state['acc_delta']
    p = p - lr * delta

    Zeiler's paper has no lr (lr = 1, PyTorch's default); eps sits inside both square roots.
    """

    bounds = {**Optimizer.bounds, "rho": _real(low=0, high=1.0), "eps": _at_least_0}

    def __init__(self, params: Iterable, lr: float = 1.0, rho: float = 0.9, eps: float = 1e-6,
                 weight_decay: float = 0.0) -> None:
        super().__init__(params, dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay))

    def _update(self, p, g, group, state):
        if not state:
            state.update(step=0, square_avg=0.0, acc_delta=0.0)
        rho, eps = group["rho"], group["eps"]
        state["step"] += 1
        state["square_avg"] = rho * state["square_avg"] + (1 - rho) * g * g
        delta = floatmath.div(math.sqrt(state["acc_delta"] + eps), math.sqrt(state["square_avg"] + eps)) * g
        state["acc_delta"] = rho * state["acc_delta"] + (1 - rho) * delta * delta
        p.data = p.data - group["lr"] * delta


class RMSprop(Optimizer):
    """RMSprop: divide the step by a running root-mean-square of recent gradients.

    square_avg = alpha * square_avg + (1 - alpha) * g^2                 state['square_avg']
    centered:  grad_avg = alpha * grad_avg + (1 - alpha) * g            state['grad_avg']
               avg = sqrt(square_avg - grad_avg^2) + eps
    otherwise: avg = sqrt(square_avg) + eps
    with momentum: buf = momentum * buf + g / avg; p = p - lr * buf     state['momentum_buffer']
    otherwise:     p = p - lr * g / avg

    The deck's ``cache = decay_rate * cache + (1 - decay_rate) * dx**2;
    x += -learning_rate * dx / (np.sqrt(cache) + eps)`` is this update with alpha = decay_rate.
    """

    bounds = {**Optimizer.bounds, "alpha": _at_least_0, "eps": _at_least_0, "momentum": _at_least_0,
              "centered": _flag}

    def __init__(self, params: Iterable, lr: float = 1e-2, alpha: float = 0.99, eps: float = 1e-8,
                 weight_decay: float = 0.0, momentum: float = 0.0, centered: bool = False) -> None:
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
                                      momentum=momentum, centered=centered))

    def _update(self, p, g, group, state):
        alpha = group["alpha"]
        if not state:
            state.update(step=0, square_avg=0.0)
            if group["momentum"] > 0:
                state["momentum_buffer"] = 0.0
            if group["centered"]:
                state["grad_avg"] = 0.0
        state["step"] += 1
        state["square_avg"] = alpha * state["square_avg"] + (1 - alpha) * g * g
        if group["centered"]:
            state["grad_avg"] = alpha * state["grad_avg"] + (1 - alpha) * g
            avg = floatmath.sqrt(state["square_avg"] - state["grad_avg"] ** 2) + group["eps"]
        else:
            avg = math.sqrt(state["square_avg"]) + group["eps"]
        if group["momentum"] > 0:
            state["momentum_buffer"] = group["momentum"] * state["momentum_buffer"] + floatmath.div(g, avg)
            p.data = p.data - group["lr"] * state["momentum_buffer"]
        else:
            p.data = p.data - group["lr"] * floatmath.div(g, avg)


class Adam(Optimizer):
    """Adam: momentum on the gradient and on its square, with bias correction.

    m = beta1 * m + (1 - beta1) * g                   state['exp_avg']
    v = beta2 * v + (1 - beta2) * g^2                 state['exp_avg_sq']
    m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)      t = state['step']
    p = p - lr * m_hat / (sqrt(v_hat) + eps)

    The deck's ``x += -learning_rate * m / (np.sqrt(v) + eps)`` leaves out the bias correction.
    Because m and v start at 0 they are too small in early steps (m = 0.1 g and v = 0.001 g^2 at
    t = 1), so the deck's first step is about 3.16 * lr instead of lr; the two agree once t is large
    (beta^t -> 0). We follow PyTorch (and the Adam paper) and correct by default;
    ``bias_correction=False`` is the deck's code step for step: p = p - lr * m / (sqrt(v) + eps).
    Weight decay is PyTorch's coupled L2 (g += weight_decay * p), not AdamW's decoupled form.
    """

    bounds = {**Optimizer.bounds, "betas": _betas, "eps": _at_least_0, "bias_correction": _flag}

    def __init__(self, params: Iterable, lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, bias_correction: bool = True) -> None:
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      bias_correction=bias_correction))

    def _update(self, p, g, group, state):
        beta1, beta2 = group["betas"]
        if not state:
            state.update(step=0, exp_avg=0.0, exp_avg_sq=0.0)
        state["step"] += 1
        t = state["step"]
        state["exp_avg"] = beta1 * state["exp_avg"] + (1 - beta1) * g
        state["exp_avg_sq"] = beta2 * state["exp_avg_sq"] + (1 - beta2) * g * g
        if not group.get("bias_correction", True):  # the deck's code: x += -lr * m / (sqrt(v) + eps)
            denom = math.sqrt(state["exp_avg_sq"]) + group["eps"]
            p.data = p.data - group["lr"] * floatmath.div(state["exp_avg"], denom)
            return
        # Arranged as PyTorch does it: lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
        denom = math.sqrt(state["exp_avg_sq"]) / math.sqrt(1 - beta2**t) + group["eps"]
        p.data = p.data - group["lr"] / (1 - beta1**t) * floatmath.div(state["exp_avg"], denom)  # 0/0 = nan, as PyTorch


class Adamax(Optimizer):
    """AdaMax: Adam with the infinity norm, u = max(beta2 * u, |g|), in place of sqrt(v).

    m = beta1 * m + (1 - beta1) * g                   state['exp_avg']
    u = max(beta2 * u, |g| + eps)                     state['exp_inf']
    p = p - lr / (1 - beta1^t) * m / u

    The Adam paper writes max(beta2 * u, |g|); PyTorch adds eps to |g| so that u is never 0
    (no 0/0 while the gradient is 0).
    """

    bounds = {**Optimizer.bounds, "betas": _betas, "eps": _at_least_0}

    def __init__(self, params: Iterable, lr: float = 2e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0) -> None:
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    def _update(self, p, g, group, state):
        beta1, beta2 = group["betas"]
        if not state:
            state.update(step=0, exp_avg=0.0, exp_inf=0.0)
        state["step"] += 1
        state["exp_avg"] = beta1 * state["exp_avg"] + (1 - beta1) * g
        state["exp_inf"] = max(beta2 * state["exp_inf"], abs(g) + group["eps"])
        clr = group["lr"] / (1 - beta1 ** state["step"])
        p.data = p.data - clr * floatmath.div(state["exp_avg"], state["exp_inf"])


class NAdam(Optimizer):
    """NAdam: Adam with Nesterov momentum (Dozat), with PyTorch's momentum schedule.

    mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))      (warms the momentum up towards beta1)
    mu_product = mu_1 * ... * mu_t                             state['mu_product']
    m = beta1 * m + (1 - beta1) * g                            state['exp_avg']
    v = beta2 * v + (1 - beta2) * g^2                          state['exp_avg_sq']
    denom = sqrt(v / (1 - beta2^t)) + eps
    p = p - lr * (1 - mu_t) / (1 - mu_product) * g / denom
          - lr * mu_{t+1} / (1 - mu_product * mu_{t+1}) * m / denom

    With mu_t held at beta1 (momentum_decay very large) this is the textbook Nadam step
    p -= lr / (sqrt(v_hat) + eps) * (beta1 m / (1 - beta1^(t+1)) + (1 - beta1) g / (1 - beta1^t)).
    """

    bounds = {**Optimizer.bounds, "betas": _betas, "eps": _at_least_0, "momentum_decay": _at_least_0}

    def __init__(self, params: Iterable, lr: float = 2e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, momentum_decay: float = 4e-3) -> None:
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      momentum_decay=momentum_decay))

    def _update(self, p, g, group, state):
        beta1, beta2 = group["betas"]
        if not state:
            state.update(step=0, mu_product=1.0, exp_avg=0.0, exp_avg_sq=0.0)
        state["step"] += 1
        t, psi, lr = state["step"], group["momentum_decay"], group["lr"]
        mu = beta1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        state["mu_product"] *= mu
        state["exp_avg"] = beta1 * state["exp_avg"] + (1 - beta1) * g
        state["exp_avg_sq"] = beta2 * state["exp_avg_sq"] + (1 - beta2) * g * g
        denom = math.sqrt(state["exp_avg_sq"] / (1 - beta2**t)) + group["eps"]
        p.data = p.data - lr * (1 - mu) / (1 - state["mu_product"]) * floatmath.div(g, denom)
        look_ahead = lr * mu_next / (1 - state["mu_product"] * mu_next)
        p.data = p.data - look_ahead * floatmath.div(state["exp_avg"], denom)
