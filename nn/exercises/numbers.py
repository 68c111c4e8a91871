"""Exercises on the training loop's arithmetic: an optimiser's update as the UT Austin deck writes it
(momentum, Adam), checked step by step against nn.optim, and counting a network's parameters."""

from __future__ import annotations

from typing import Any

from autograd import Value
from autograd.checking.check import check_values, close
from autograd.checking.diagnosis import Diagnosis
from autograd.checking.signatures import signature
from nn.optim import SGD, Adam

from .base import Exercise, rounded


def _trajectory(optimizer: type, gradients: list[float], x0: float, **settings: Any) -> list[float]:
    """x after each step of nn.optim's `optimizer`, fed these gradients."""
    p = Value(x0)
    opt = optimizer([p], **settings)
    out = []
    for g in gradients:
        p.grad = g
        opt.step()
        out.append(p.data)
    return out


class OptimiserUpdate(Exercise):
    """The student writes one step of the deck's code as a function; it is run on a sequence of gradients,
    feeding its own state forward, and compared with nn.optim after every step."""

    kind = "an optimiser's update"
    state_names: tuple[str, ...] = ()

    def _build(self) -> None:
        r = self.rng
        self.x0 = rounded(r, -1, 1, 2)
        self.gradients = [rounded(r, -2, 2, 2) for _ in range(5)]
        self.lr = 0.1 if self.seed == 0 else rounded(r, 0.01, 0.3, 2)

    def expected(self) -> list[float]:
        raise NotImplementedError

    def run(self, step: Any) -> list[float]:
        raise NotImplementedError

    def check(self, answer: Any) -> Diagnosis:
        if answer is None or answer is ...:
            return Diagnosis("not attempted", "no function yet: write the step function")
        if not callable(answer):
            raise TypeError(f"the answer must be a function, got {type(answer).__name__}")
        try:
            got = self.run(answer)
        except Exception as error:  # the student's code: reported, not raised
            return Diagnosis("incorrect", f"your step raised {type(error).__name__}: {error}")
        right = self.expected()
        names = {k: f"x after step {k + 1}" for k in range(len(right))}
        before = [self.x0, *right]

        def explain(k: int, answer: float, _: dict) -> tuple[str | None, str]:
            uphill = 2 * before[k] - right[k]  # the step taken the other way
            if k == 0 and close(answer, uphill, 1e-6, 1e-9):
                sig = signature("update_wrong_sign")
                return sig.name, f"{names[k]} is wrong: {sig.explain('x')}"
            return None, f"{names[k]} is the first wrong value: " + self.hints[-1]

        return check_values(dict(enumerate(right)), dict(enumerate(got)), names=names, rtol=1e-6, atol=1e-9,
                            required=range(len(right)), explain=explain, what="step")


class Momentum(OptimiserUpdate):
    name = "momentum"
    title = "Momentum as the deck writes it: v = mu * v - learning_rate * dx; x += v"
    hints = ("v is the velocity: it starts at 0, keeps a fraction mu of itself, and takes −lr times the gradient.",
             "Return the new x and the new v, so the next step starts from them.",
             "x moves by the new v (x + v), after v is updated; v starts at 0.")

    def _build(self) -> None:
        super()._build()
        self.mu = 0.9 if self.seed == 0 else rounded(self.rng, 0.5, 0.95, 2)

    @property
    def prompt(self) -> str:
        return (f"{self.title}.\nWrite momentum_step(x, dx, v, learning_rate, mu) -> (x, v). It is run from "
                f"x = {self.x0:g}, v = 0 with learning_rate = {self.lr:g}, mu = {self.mu:g} on the gradients "
                f"{self.gradients}, and compared with nn.optim.SGD(momentum=mu) after each step.")

    def expected(self) -> list[float]:
        return _trajectory(SGD, self.gradients, self.x0, lr=self.lr, momentum=self.mu)

    def run(self, step: Any) -> list[float]:
        x, v, out = self.x0, 0.0, []
        for dx in self.gradients:
            x, v = step(x, dx, v, self.lr, self.mu)
            out.append(x)
        return out

    def solution(self) -> str:
        return ("def momentum_step(x, dx, v, learning_rate, mu):\n    v = mu * v - learning_rate * dx\n"
                "    x += v\n    return x, v")


class AdamUpdate(OptimiserUpdate):
    name = "adam"
    title = "Adam as the deck writes it (no bias correction)"
    hints = ("m keeps a running average of the gradient, v of its square; both start at 0.",
             "m = beta1*m + (1-beta1)*dx; v = beta2*v + (1-beta2)*dx**2.",
             "x moves by −learning_rate · m / (sqrt(v) + eps): downhill, divided by the root of v.")
    betas = (0.9, 0.999)
    eps = 1e-8

    @property
    def prompt(self) -> str:
        return (f"{self.title}.\nWrite adam_step(x, dx, m, v, learning_rate, beta1, beta2, eps) -> (x, m, v). "
                f"It is run from x = {self.x0:g}, m = v = 0 with learning_rate = {self.lr:g}, beta1 = 0.9, "
                f"beta2 = 0.999, eps = 1e-8 on the gradients {self.gradients}, and compared with "
                "nn.optim.Adam(bias_correction=False) after each step.")

    def expected(self) -> list[float]:
        return _trajectory(Adam, self.gradients, self.x0, lr=self.lr, betas=self.betas, eps=self.eps,
                           bias_correction=False)

    def run(self, step: Any) -> list[float]:
        x, m, v, out = self.x0, 0.0, 0.0, []
        for dx in self.gradients:
            x, m, v = step(x, dx, m, v, self.lr, *self.betas, self.eps)
            out.append(x)
        return out

    def solution(self) -> str:
        return ("def adam_step(x, dx, m, v, learning_rate, beta1, beta2, eps):\n"
                "    m = beta1*m + (1-beta1)*dx\n    v = beta2*v + (1-beta2)*(dx**2)\n"
                "    x += - learning_rate * m / (math.sqrt(v) + eps)\n    return x, m, v")


def _count(sizes: list[int]) -> tuple[int, int]:
    """(weights, biases) of a fully connected network with these layer sizes (inputs first)."""
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    return weights, sum(sizes[1:])


class ParameterCount(Exercise):
    name = "parameter_count"
    kind = "counting"
    title = "How many parameters does a fully connected network have?"
    hints = ("Count layer by layer: between a layer of a units and the next of b units, every pair is joined.",
             "Each layer after the input has a weight per incoming connection and one bias per unit.",
             "A layer of b units fed by a units has a·b weights and b biases.")

    def _build(self) -> None:
        if self.seed == 0:  # the UT Austin deck's two networks
            self.networks = [[3, 4, 2], [3, 4, 4, 1]]
        else:
            r = self.rng
            self.networks = [[r.randint(2, 6), r.randint(2, 8), r.randint(1, 4)],
                             [r.randint(2, 6), r.randint(2, 8), r.randint(2, 8), r.randint(1, 3)]]

    def names(self) -> list[str]:
        return ["-".join(map(str, sizes)) for sizes in self.networks]

    def template(self) -> dict[str, Any]:
        return dict.fromkeys(self.names(), ...)

    @property
    def prompt(self) -> str:
        return (f"{self.title}\nFor each network (layer sizes, inputs first) give its number of weights and "
                f"biases together: {', '.join(self.names())}. Fill in ex.template(), then ex.check(answers).")

    def check(self, answer: dict) -> Diagnosis:
        right = {name: float(sum(_count(sizes))) for name, sizes in zip(self.names(), self.networks)}
        sizes = dict(zip(self.names(), self.networks))

        def explain(name: str, answer: float, _: dict) -> tuple[str | None, str]:
            weights, biases = _count(sizes[name])
            if answer == weights:
                return "bias_gradient", (f"{name}: you counted the weights but not the biases "
                                         "(one per unit after the inputs)")
            if answer == weights + biases + sizes[name][0]:
                return None, f"{name}: the input layer has no biases: its units only pass the inputs on"
            if answer == sum(sizes[name]):
                return None, f"{name}: that counts units; count the connections between them, and the biases"
            return None, f"{name} is not right: " + self.hints[-1]

        return check_values(right, answer, names={k: k for k in right}, rtol=0, atol=0,
                            required=list(right), explain=explain, what="count")

    def solution(self) -> str:
        lines = []
        for name, sizes in zip(self.names(), self.networks):
            weights, biases = _count(sizes)
            lines.append(f"{name}: {weights} weights + {biases} biases = {weights + biases}")
        return "\n".join(lines)
