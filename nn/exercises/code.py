"""Exercises whose answer is code: an op's forward and local derivative, and `backward` itself (the
student's topological sort and accumulation), each run on fresh graphs and checked node by node."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from autograd import Value, topological_order
from autograd.checking.check import check_gradients, close
from autograd.checking.diagnosis import Diagnosis
from autograd.checking.signatures import signature
from autograd.ops import ELU

from .base import Exercise, rounded

ELU_SOLUTION = '''class MyELU(Op):
    """elu(x) = x if x > 0 else alpha (e^x − 1);  d/dx = 1 if x > 0 else elu(x) + alpha"""

    @staticmethod
    def forward(x, alpha):
        return x if x > 0 else alpha * (math.exp(x) - 1)

    @staticmethod
    def local_grads(out, x, alpha):
        return (1.0 if num(x) > 0 else out + alpha,)  # out + alpha = alpha e^x, and stays differentiable'''

BACKWARD_SOLUTION = '''def backward(root):
    order, seen, stack = [], set(), [(root, False)]
    while stack:  # an explicit stack: a 10,000-deep chain would overflow Python's recursion
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents)
    root.grad = 1.0
    for node in reversed(order):  # every node after all the nodes that use it
        for parent, local in zip(node.parents, node.local_grads or ()):
            parent.grad += local * node.grad  # +=: a node used twice adds both contributions'''


def _failure(where: str, error: BaseException) -> Diagnosis:
    if isinstance(error, RecursionError):
        return Diagnosis("incorrect", f"{where}: Python's recursion limit was reached; walk the graph with an "
                         "explicit stack (a list you append to and pop from) instead of a recursive call",
                         first_wrong=where)
    return Diagnosis("incorrect", f"{where}: your code raised {type(error).__name__}: {error}", first_wrong=where)


class OpDerivative(Exercise):
    name = "op_local_derivative"
    kind = "an op's derivative"
    title = "Write an op: ELU's forward and local derivative"
    hints = ("forward(x, alpha) is x for x > 0 and alpha (e^x − 1) otherwise.",
             "local_grads returns a tuple with one entry per input. For x <= 0 the derivative alpha e^x "
             "equals out + alpha: reuse out.",
             "At the kink x = 0 take the derivative of the left side (x <= 0), as PyTorch does; decide the "
             "branch on num(x), and write the rule with + − × on out so it also works on Values.")

    def _build(self) -> None:
        self.alpha = 1.0 if self.seed == 0 else rounded(self.rng, 0.2, 2.0)
        self.points = [round(self.rng.uniform(-3, 3), 3) for _ in range(8)]

    @property
    def prompt(self) -> str:
        return (f"{self.title} with alpha = {self.alpha:g}.\nWrite a class with static methods forward(x, alpha) "
                "and local_grads(out, x, alpha) (see autograd.ops.base.Op), then ex.check(MyELU). It is "
                "checked at random points, at the kink x = 0, and to second order (local_grads on Values).")

    def check(self, answer: Any) -> Diagnosis:
        if answer is None or answer is ...:
            return Diagnosis("not attempted", "no op yet: write a class with forward and local_grads")
        if not (hasattr(answer, "forward") and hasattr(answer, "local_grads")):
            raise TypeError("the answer must be a class with static methods forward(x, alpha) and "
                            f"local_grads(out, x, alpha), got {answer!r}")
        for x in [*self.points, 0.0]:
            found = self._at(answer, x)
            if found is not None:
                return found
        return self._second_order(answer)

    def _at(self, op: Any, x: float) -> Diagnosis | None:
        where = f"x = {x:g}"
        try:
            out = op.forward(x, self.alpha)
            local = tuple(op.local_grads(out, x, self.alpha))
        except Exception as error:  # the student's code: any error is reported, not raised
            return _failure(f"at {where}", error)
        if not close(float(out), ELU.forward(x, self.alpha), 1e-9, 1e-12):
            return Diagnosis("incorrect", f"forward is wrong at {where}", first_wrong=where)
        right = ELU.local_grads(out, x, self.alpha)[0]
        if len(local) != 1:
            return Diagnosis("incorrect", f"local_grads must return one derivative per input (1), got {len(local)}")
        if close(float(local[0]), right, 1e-9, 1e-12):
            return None
        if x == 0 and close(float(local[0]), 1.0, 1e-9, 1e-12):
            sig = signature("relu_zero_as_one")
            return Diagnosis("incorrect", f"local_grads is wrong at the kink x = 0: {sig.explain('x')}",
                             first_wrong=where, signature=sig.name)
        if close(float(local[0]), -right, 1e-9, 1e-12):
            return Diagnosis("incorrect", f"local_grads has the wrong sign at {where}", first_wrong=where,
                             signature="sign_flip")
        return Diagnosis("incorrect", f"local_grads is wrong at {where} (forward is right there)", first_wrong=where)

    def _second_order(self, op: Any) -> Diagnosis:
        x0 = next(p for p in self.points if p < 0) if any(p < 0 for p in self.points) else -1.0
        x = Value(x0, "x")
        out = x.elu(self.alpha)
        try:
            d = op.local_grads(out, x, self.alpha)[0]
        except Exception as error:
            return _failure("local_grads on Values", error)
        if not isinstance(d, Value):
            return Diagnosis("incorrect", "local_grads is right on numbers, but on Values it returns a plain "
                             "number, so its own derivative is lost (create_graph=True would be wrong): "
                             "use out, or call(Exp, x), instead of math.exp", first_wrong="second order")
        d.backward()
        h = 1e-6  # central difference of the library's first derivative
        slope = (ELU.local_grads(ELU.forward(x0 + h, self.alpha), x0 + h, self.alpha)[0]
                 - ELU.local_grads(ELU.forward(x0 - h, self.alpha), x0 - h, self.alpha)[0]) / (2 * h)
        if x.grad is None or not close(x.grad, slope, 1e-4, 1e-6):
            return Diagnosis("incorrect", "the second derivative (local_grads differentiated on Values) is wrong",
                             first_wrong="second order")
        return Diagnosis("correct", f"forward and local_grads are right at {len(self.points) + 1} points, at "
                         "the kink, and to second order")

    def solution(self) -> str:
        return ELU_SOLUTION


def _diamond(rng: Any) -> Value:
    x = Value(rounded(rng, -2, 2), "x")
    left, right = x * Value(rounded(rng, -2, 2), "a"), x.tanh()
    left.label, right.label = "left", "right"
    out = left * right
    out.label = "out"
    return out


def _used_twice(rng: Any) -> Value:
    a, b = Value(rounded(rng, -3, 3), "a"), Value(rounded(rng, -3, 3), "b")
    d, e = a * b, a + b
    d.label, e.label = "d", "e"
    f = d * e
    f.label = "f"
    return f


def _chain(rng: Any, depth: int = 10_000) -> Value:
    x = Value(rounded(rng, 0.5, 1.0, 2), "x")
    y = x
    for _ in range(depth):
        y = y * 1.0001 + 0.0  # two ops per link: a long chain whose gradient is easy to know
    y.label = "y"
    return y


class WriteBackward(Exercise):
    name = "write_backward"
    kind = "backward as code"
    title = "Write backward(): the topological sort and the accumulation"
    graphs: tuple[tuple[str, Callable], ...] = (("a diamond", _diamond), ("a node used twice", _used_twice),
                                                 ("a 10,000-deep chain", _chain))
    hints = ("Two parts: an order in which every node comes after all the nodes that use it, then one "
             "pass over that order applying parent.grad += local × node.grad.",
             "Every .grad starts at 0.0 (as after zero_grad()); set root.grad = 1.0 first. Use node.parents "
             "and node.local_grads (one local derivative per parent).",
             "Build the order with a depth-first search that appends a node after its parents, with an "
             "explicit stack (a 10,000-deep chain overflows recursion), then walk it reversed.")

    def _build(self) -> None:
        self.graph_seed = self.rng.random()

    @property
    def prompt(self) -> str:
        return (f"{self.title}.\nWrite backward(root) that fills .grad of every node behind root with "
                "d(root)/d(node), using only node.parents and node.local_grads; every .grad is 0.0 when it "
                "is called. ex.check(backward) runs it on " + ", ".join(n for n, _ in self.graphs) + ".")

    def check(self, answer: Any) -> Diagnosis:
        if answer is None or answer is ...:
            return Diagnosis("not attempted", "no function yet: write backward(root)")
        if not callable(answer):
            raise TypeError(f"the answer must be a function backward(root), got {type(answer).__name__}")
        for name, build in self.graphs:
            root = build(random.Random(self.graph_seed))
            for v in topological_order(root):
                v.grad = 0.0
            try:
                answer(root)
            except Exception as error:
                return _failure(f"on {name}", error)
            got = {v: v.grad for v in topological_order(root) if v.role != "constant"}
            diag = check_gradients(root, got, rtol=1e-9, atol=1e-12)
            if not diag:
                diag.message = f"on {name}: {diag.message}"
                return diag
        return Diagnosis("correct", "backward is right on " + ", ".join(n for n, _ in self.graphs))

    def solution(self) -> str:
        return BACKWARD_SOLUTION

