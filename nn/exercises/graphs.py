"""Backprop by hand on a given graph: the student writes d(output)/d(node) for every named node, and
`check_gradients` finds the first wrong one. micrograd's neuron, a node used twice, softmax with
cross-entropy, and a convolution whose kernel weight is shared by every position."""

from __future__ import annotations

from typing import Any

from autograd import Value, topological_order
from autograd.checking.check import check_gradients
from autograd.checking.diagnosis import Diagnosis
from autograd.checking.replay import gradients

from .base import Exercise, rounded


class GraphExercise(Exercise):
    """The student fills in `template()` ({label: ...}) with the gradient of the output for each label."""

    kind = "backprop by hand"
    rtol = 1e-3  # 4 significant figures, as the pictures write them

    def graph(self) -> Value:
        """A fresh copy of the exercise's graph (its output), to draw or walk through."""
        raise NotImplementedError

    def asked(self) -> list[str]:
        """The labels whose gradients are asked for, output first (as backward visits them)."""
        return [v.label for v in reversed(topological_order(self.graph())) if v.label and v.role != "constant"]

    def template(self) -> dict[str, Any]:
        return dict.fromkeys(self.asked(), ...)

    def check(self, answer: dict) -> Diagnosis:
        root = self.graph()
        return check_gradients(root, answer, rtol=self.rtol, atol=1e-4 * self.rtol, required=self.asked())

    def solution(self) -> str:
        root = self.graph()
        grads = gradients(root)
        by_label = {v.label: g for v, g in grads.items() if v.label}
        return "\n".join(f"{label}.grad = {by_label[label]:.6g}" for label in self.asked())

    def _values(self) -> str:
        return ", ".join(f"{v.label} = {v.data:g}" for v in topological_order(self.graph())
                         if v.label and not v.parents)

    @property
    def prompt(self) -> str:
        return (f"{self.title}.\n{self.describe()}\nGiven {self._values()}.\n"
                f"Fill in ex.template() with d{self.graph().label}/d(node) for: {', '.join(self.asked())}, "
                "then ex.check(answers).")

    def describe(self) -> str:
        raise NotImplementedError


class Neuron(GraphExercise):
    name = "backprop_neuron"
    title = "Backprop by hand through micrograd's neuron"
    hints = ("Start at the output: do/do = 1. Walk back one node at a time; each node's gradient is the "
             "local derivative times the gradient of the node above it.",
             "tanh's local derivative is 1 − tanh(n)², written with the output o = tanh(n). + passes its "
             "gradient on unchanged to both inputs.",
             "For x1*w1: the derivative with respect to x1 is w1, and with respect to w1 it is x1 (the other factor).")

    def _build(self) -> None:
        if self.seed == 0:  # micrograd's lecture: b chosen so that n = 0.8814 and o = 0.7071
            self.numbers = (2.0, 0.0, -3.0, 1.0, 6.8813735870195432)
        else:
            r = self.rng
            while True:  # keep n where tanh still bends (|n| < 1.5): a saturated unit makes every gradient ~0
                x1, x2, w1, w2 = (rounded(r, -3, 3) for _ in range(4))
                b = rounded(r, -2, 2, 2)
                if abs(x1 * w1 + x2 * w2 + b) < 1.5:
                    break
            self.numbers = (x1, x2, w1, w2, b)

    def describe(self) -> str:
        return "n = x1*w1 + x2*w2 + b, o = tanh(n)"

    def graph(self) -> Value:
        x1, x2, w1, w2, b = (Value(v, name) for v, name in zip(self.numbers, ("x1", "x2", "w1", "w2", "b")))
        x1w1, x2w2 = x1 * w1, x2 * w2
        x1w1.label, x2w2.label = "x1*w1", "x2*w2"
        s = x1w1 + x2w2
        s.label = "x1*w1 + x2*w2"
        n = s + b
        n.label = "n"
        o = n.tanh()
        o.label = "o"
        return o


class SharedNode(GraphExercise):
    name = "backprop_shared"
    title = "Backprop by hand through a graph that uses a node twice"
    hints = ("Work back from f: df/df = 1, then d and e, then a and b.",
             "a feeds both d and e (and so does b): its gradient is the sum of what arrives along each path.",
             "df/dd = e and df/de = d (the other factor); d = a*b and e = a + b.")

    def _build(self) -> None:
        # seed 0: micrograd's lecture, where a used twice exposed the bug of `=` instead of `+=`
        self.numbers = (-2.0, 3.0) if self.seed == 0 else (rounded(self.rng, -4, 4), rounded(self.rng, -4, 4))

    def describe(self) -> str:
        return "d = a*b, e = a + b, f = d*e"

    def graph(self) -> Value:
        a, b = Value(self.numbers[0], "a"), Value(self.numbers[1], "b")
        d = a * b
        d.label = "d"
        e = a + b
        e.label = "e"
        f = d * e
        f.label = "f"
        return f
