"""The optimiser's step inside a compiled replay: ``autograd.compile(..., update=fused_update(opt))``
makes one call run the forward pass, the backward pass and the update, at float speed.

The loops below are ``SGD._update`` and ``Adam._update`` (nn/optim.py) written over lists: the same
operations in the same order, so the weights and ``opt.state`` come out equal to ``opt.step()``'s
bit for bit (tests/nn/test_fused.py checks every setting). Hyperparameters are read at every call,
so a schedule that changes lr works as it does eagerly. Other optimisers, several parameter groups,
or a subclass with its own ``_update`` are refused with the reason (``NotFusable``); ``fit`` then
runs ``opt.step()`` in Python after the replay.
"""

from __future__ import annotations

from typing import Any

from .optim import SGD, Adam, Optimizer

__all__ = ["NotFusable", "FusedUpdate", "fused_update"]

# The update runs inside the generated replay, after the backward pass. It reads P (the parameters'
# values), GRADS (their gradients), H (the hyperparameters), S (the state, one list per entry) and
# RI (the positions of the parameters the loss reached: eager backward leaves the others' grad None,
# and step() skips them), and writes the new values into NEW and the new state into S.
# floatmath.div(m, den) is m / den unless den is 0: the test saves a call per parameter.
_SGD = """\
lr, momentum, dampening, nesterov, weight_decay = H
(momentum_buffer,) = S
one_minus_dampening = 1 - dampening
for k in RI:
    grad = GRADS[k]
    if weight_decay != 0:
        grad = grad + weight_decay * P[k]
    if momentum != 0:
        buf = momentum_buffer[k]
        buf = grad if buf is None else momentum * buf + one_minus_dampening * grad
        momentum_buffer[k] = buf
        grad = grad + momentum * buf if nesterov else buf
    NEW[k] = P[k] - lr * grad
"""

_ADAM = """\
lr, beta1, beta2, eps, weight_decay, bias_correction = H
steps, exp_avg, exp_avg_sq = S
one_minus_beta1, one_minus_beta2 = 1 - beta1, 1 - beta2
last_step = None
for k in RI:
    grad = GRADS[k]
    if weight_decay != 0:
        grad = grad + weight_decay * P[k]
    step = steps[k] = steps[k] + 1
    m = exp_avg[k] = beta1 * exp_avg[k] + one_minus_beta1 * grad
    s = exp_avg_sq[k] = beta2 * exp_avg_sq[k] + one_minus_beta2 * grad * grad
    if not bias_correction:
        den = math.sqrt(s) + eps
        NEW[k] = P[k] - lr * (m / den if den else floatmath.div(m, den))
        continue
    if step != last_step:  # the same for every parameter that has taken as many steps
        last_step, root, size = step, math.sqrt(1 - beta2**step), lr / (1 - beta1**step)
    den = math.sqrt(s) / root + eps
    NEW[k] = P[k] - size * (m / den if den else floatmath.div(m, den))
"""


class NotFusable(ValueError):
    """The optimiser's step cannot run inside the replay; the message says why."""


class FusedUpdate:
    """One optimiser's step as code for ``autograd.compile(update=...)``: ``source`` (the loop),
    ``arguments()`` (``hyper()`` and ``state()``: hyperparameters and state as the loop reads them,
    taken from the optimiser now) and ``store(state)`` (the loop's state written back into ``opt.state``)."""

    def __init__(self, optimizer: Optimizer, source: str, hyper: tuple[str, ...],
                 state: tuple[tuple[str, Any], ...]) -> None:
        self.optimizer, self.source, self._hyper, self._state = optimizer, source, hyper, state
        self.params = list(optimizer.param_groups[0]["params"])
        self._entries: list | None = None  # each parameter's state dict (or None), read by arguments()

    def arguments(self) -> tuple[tuple, tuple]:
        return self.hyper(), self.state()

    def hyper(self) -> tuple:
        """The hyperparameters as the loop reads them, from the optimiser now."""
        group = self.optimizer.param_groups[0]
        hyper = tuple(group.get(name, True) for name in self._hyper)  # bias_correction defaults to True
        if "betas" in group:
            hyper = (hyper[0], *group["betas"], *hyper[1:])
        return hyper

    def state(self) -> tuple:
        """The optimiser's state as lists, one per entry (the loop changes them in place)."""
        if self._state[0][0] == "momentum_buffer" and self.optimizer.param_groups[0]["momentum"] == 0:
            self._entries = None
            return ([None] * len(self.params),)  # the loop reads no buffer: skip the dicts
        self._entries = entries = list(map(self.optimizer.state.get, self.params))  # .get: no entry made yet
        return tuple([entry.get(key, start) if entry else start for entry in entries]
                     for key, start in self._state)

    def store(self, reached: tuple[int, ...], lists: tuple) -> None:
        """The new state of each parameter the step moved, in the keys and order step() writes
        (SGD without momentum keeps none, but step() still makes the parameter's empty dict)."""
        state, params, entries = self.optimizer.state, self.params, self._entries
        if entries is None:  # nothing kept: only the empty dicts, once
            if len(state) < len(reached):
                for k in reached:
                    state[params[k]]  # noqa: B018  (a defaultdict: reading makes the entry)
            return
        keys = [key for key, _ in self._state]
        for k in reached:
            entry = entries[k]
            if entry is None:
                entry = state[params[k]]
            for key, values in zip(keys, lists):
                if values[k] is not None:
                    entry[key] = values[k]

    def __repr__(self) -> str:
        return f"FusedUpdate({type(self.optimizer).__name__}, {len(self.params)} params)"


def fused_update(optimizer: Any, params: list | None = None) -> FusedUpdate:
    """The step of `optimizer` (nn.SGD in all its settings, or nn.Adam) as a FusedUpdate, or
    NotFusable saying why not. With `params`, the optimiser must hold exactly those, in that order."""
    kind = type(optimizer)
    if kind not in (SGD, Adam):
        name = kind.__name__
        raise NotFusable(f"{name} is not nn.SGD or nn.Adam itself (a subclass may change the step); "
                         "its step runs in Python" if issubclass(kind, (SGD, Adam)) else
                         f"{name}'s step has no fused form (SGD and Adam have); it runs in Python")
    if len(optimizer.param_groups) != 1:
        raise NotFusable("the optimiser has several parameter groups; the fused step handles one, "
                         "so its step runs in Python")
    held = optimizer.param_groups[0]["params"]
    if params is not None and (len(held) != len(params) or any(a is not b for a, b in zip(held, params))):
        raise NotFusable("the optimiser does not hold exactly the compiled parameters in their order; "
                         "its step runs in Python")
    if kind is SGD:
        return FusedUpdate(optimizer, _SGD, ("lr", "momentum", "dampening", "nesterov", "weight_decay"),
                           (("momentum_buffer", None),))
    return FusedUpdate(optimizer, _ADAM, ("lr", "eps", "weight_decay", "bias_correction"),
                       (("step", 0), ("exp_avg", 0.0), ("exp_avg_sq", 0.0)))
