"""Han & Kamber by hand: the unit errors Err_j (the book's −dE/dI_j), then every updated weight and bias."""

from __future__ import annotations

from typing import Any

from autograd import Value, topological_order
from autograd.checking.check import check_gradients, check_update
from autograd.checking.diagnosis import Diagnosis
from autograd.checking.replay import gradients
from nn import half_squared_error
from nn.examples.han_kamber_book import INITIAL, INPUT, LEARNING_RATE, SOURCES, TARGET
from nn.examples.han_kamber_model import build_network

from .base import Exercise, rounded

UNITS = (6, 5, 4)  # the order the book computes the errors in: output unit first


class HanKamber(Exercise):
    name = "han_kamber"
    kind = "training step by hand"
    title = "Han & Kamber's training step by hand: the errors, then the updated weights and biases"
    hints = ("The output unit first: Err6 = O6 (1 − O6)(T − O6). Then each hidden unit j: "
             "Err_j = O_j (1 − O_j) Σ_k Err_k w_jk over the units k it feeds.",
             "Each weight moves by l · Err_j · O_i (O_i is the output of the unit the weight comes from; "
             "for an input unit it is x_i), each bias θ_j by l · Err_j; both are added, as the book does.",
             "The book rounds each number to 3 decimals (errors to 4) before using it: small differences "
             "from that are accepted.")
    atol = 1e-3  # the book's rounding to 3 decimals

    def _build(self) -> None:
        if self.seed == 0:
            self.weights, self.x, self.target = dict(INITIAL), INPUT, TARGET
            return
        r = self.rng
        self.weights = {name: rounded(r, -0.5, 0.5) for name in INITIAL}
        self.x = (1.0, float(r.randint(0, 1)), float(r.randint(0, 1)))
        self.target = float(r.randint(0, 1))

    def graph(self) -> Value:
        """E = ½(T − O6)² on a fresh copy of the book's network with this seed's numbers."""
        loss = half_squared_error(build_network(self.weights)(self.x), self.target)
        loss.label = "E"
        return loss

    def parameter_names(self) -> list[str]:
        return [f"w{i}{j}" for j in UNITS for i in SOURCES[j]] + [f"θ{j}" for j in UNITS]

    def template(self) -> dict[str, Any]:
        return dict.fromkeys([f"Err{j}" for j in UNITS] + self.parameter_names(), ...)

    @property
    def prompt(self) -> str:
        weights = ", ".join(f"{k} = {v:g}" for k, v in self.weights.items())
        return (f"{self.title}.\nThe book's 3-2-1 network of sigmoid units; inputs x = {self.x}, target "
                f"T = {self.target:g}, learning rate l = {LEARNING_RATE:g}; {weights}.\n"
                "Fill in ex.template(): Err6, Err5, Err4, then every weight and bias after the update; "
                "then ex.check(answers).")

    def check(self, answer: dict) -> Diagnosis:
        if not isinstance(answer, dict):
            raise TypeError(f"answers must be a dict such as ex.template(), got {type(answer).__name__}")
        unknown = set(answer) - set(self.template())
        if unknown:
            raise ValueError(f"unknown names {sorted(unknown)}; the template's names are {list(self.template())}")
        root = self.graph()
        nets = {v.label: v for v in topological_order(root) if v.label.startswith("I")}
        errors = {nets[f"I{j}"]: _negated(answer.get(f"Err{j}")) for j in UNITS}
        first = check_gradients(root, errors, rtol=1e-2, atol=self.atol, required=list(errors))
        updates = {k: answer.get(k) for k in self.parameter_names()}
        second = check_update(root, updates, lr=LEARNING_RATE, rtol=1e-2, atol=self.atol, required=list(updates))
        if first.outcome == second.outcome == "not attempted":
            return first
        if first.outcome != "correct":
            for j in UNITS:  # the student wrote Err_j = −dE/dI_j
                first.message = first.message.replace(f"I{j}.grad", f"Err{j} (that is −dE/dI{j})")
            return first
        if second.outcome == "not attempted":
            return Diagnosis("incorrect", "the errors are right; now the updated weights and biases",
                             missing=tuple(updates), root=root)
        return second

    def solution(self) -> str:
        root = self.graph()
        grads = {v.label: g for v, g in gradients(root).items() if v.label}
        data = {v.label: v.data for v in topological_order(root) if v.label}
        lines = [f"Err{j} = −dE/dI{j} = {-grads[f'I{j}']:.4f}" for j in UNITS]
        lines += [f"{p} = {data[p]:g} − l · dE/d{p} = {data[p] - LEARNING_RATE * grads[p]:.3f}"
                  for p in self.parameter_names()]
        return "\n".join(lines)


def _negated(x: Any) -> Any:
    return -x if isinstance(x, (int, float)) and not isinstance(x, bool) else x
