"""Bug hunts: a small graph whose gradients were computed by a backward pass with one fault from the
catalogue injected at one node (seeded). The student finds the faulty node and names the fault.

The fault lives only in a private replay of backward (autograd.checking.faults): the graph is built
fresh for the hunt, and no op, engine code or other graph is touched."""

from __future__ import annotations

import random
from typing import Any

from autograd import Value, topological_order
from autograd.checking.check import check_gradients, node_names
from autograd.checking.diagnosis import Diagnosis
from autograd.checking.faults import WHERE, faulty_gradients
from autograd.checking.signatures import BY_NAME

from .base import rounded
from .graphs import Neuron, SharedNode
from .layers import SoftmaxCrossEntropy


def sigmoid_unit(numbers: tuple[float, ...]) -> Value:
    """L = (sigmoid(x1 w1 + x2 w2 + b) − 1)², the squared error of one sigmoid unit; numbers: x1, x2, w1, w2, b."""
    x1, x2, w1, w2, b = (Value(v, n) for v, n in zip(numbers, ("x1", "x2", "w1", "w2", "b")))
    for w in (w1, w2, b):
        w.role = "parameter"
    z = x1 * w1 + x2 * w2 + b
    z.label = "z"
    y = z.sigmoid()
    y.label = "y"
    d = y - 1.0
    d.label = "d"
    loss = d**2
    loss.label = "L"
    return loss


def _sigmoid_unit(seed: int) -> Value:
    r = random.Random(f"sigmoid_unit:{seed}")
    return sigmoid_unit(tuple(rounded(r, -2, 2) for _ in range(5)))


def _relu_layer(seed: int) -> Value:
    r = random.Random(f"relu_layer:{seed}")
    a, w, c = Value(rounded(r, 0.5, 2), "a"), Value(rounded(r, -2, 2), "w"), Value(rounded(r, -2, 2), "c")
    h = a * w
    h.label = "h"
    r1 = h.relu()
    r1.label = "r"
    u = r1 * c + h
    u.label = "u"
    loss = u * u
    loss.label = "L"
    return loss


GRAPHS = {"neuron": lambda s: Neuron(s).graph(), "shared": lambda s: SharedNode(s).graph(),
          "sigmoid unit": _sigmoid_unit, "relu layer": _relu_layer,
          "softmax": lambda s: SoftmaxCrossEntropy(s).graph()}
HUNTED = [f for f, where in WHERE.items() if where != "pass"]  # a fault at one node


def _candidates(root: Value) -> list[tuple[str, Value]]:
    """Every (fault, node) that changes this graph's gradients and is recognised from them."""
    found = []
    for node in topological_order(root):
        if node.role == "constant" or not node.label:  # the student names the node by its label
            continue
        for fault in HUNTED:
            try:
                wrong = faulty_gradients(root, fault, node)
            except ValueError:
                continue  # this fault cannot go on this node
            diag = check_gradients(root, {v: g for v, g in wrong.items() if v.role != "constant"})
            if diag.signature == fault:
                found.append((fault, node))
    return found


class BugHunt:
    """A graph whose .grad fields hold a faulty backward pass's gradients: find the faulty node and the fault.

    root: the graph's output (draw it, walk through it: the walkthrough recomputes the right numbers);
    gradients: {node name: gradient the faulty pass gave}; faults: the names to choose from.
    """

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        rng = random.Random(f"bug_hunt:{seed}")
        self.graph_name = rng.choice(sorted(GRAPHS))
        self.root = GRAPHS[self.graph_name](seed)
        candidates = _candidates(self.root)
        self.fault = rng.choice(sorted({fault for fault, _ in candidates}))  # every fault equally likely
        self._at = rng.choice([node for fault, node in candidates if fault == self.fault])
        wrong = faulty_gradients(self.root, self.fault, self._at)
        names = node_names(topological_order(self.root))
        for v, g in wrong.items():  # this private graph shows what the faulty pass computed
            v.grad = g
        self._diagnosis = check_gradients(self.root, {v: g for v, g in wrong.items() if v.role != "constant"})
        self.gradients = {names[v]: wrong[v] for v in reversed(wrong) if v.role != "constant"}  # output first
        self._names = names
        self.faults = list(BY_NAME)

    @property
    def prompt(self) -> str:
        return (f"Bug hunt {self.seed}: these gradients of {self._names[self.root]} came from a backward pass "
                "with one fault at one node.\n" + "\n".join(f"  {n}.grad = {g:.6g}" for n, g in self.gradients.items())
                + "\nFind the node and name the fault (one of nn.exercises.SIGNATURES): hunt.check(node, fault).")

    def draw(self, **options: Any) -> Any:
        return self.root.draw(**options)

    def _node(self, node: Any) -> Value | None:
        if isinstance(node, Value):
            return node
        matches = [v for v, n in self._names.items() if n == node]
        if not matches:
            raise ValueError(f"no node here is called {node!r}; the nodes are: {', '.join(self.gradients)}")
        return matches[0]

    def check(self, node: Any = None, fault: str | None = None) -> Diagnosis:
        """correct when `node` is the faulty op (or the node whose gradient it first spoils) and `fault` its name."""
        if node is None and fault is None:
            return Diagnosis("not attempted", "no answer yet: hunt.check(node, fault_name)")
        if fault is not None and fault not in BY_NAME:
            raise ValueError(f"no fault is called {fault!r}; choose one of: {', '.join(BY_NAME)}")
        suspect = None if node is None else self._node(node)
        right_node = suspect is not None and (suspect is self._at or suspect is self._diagnosis.first_wrong)
        if right_node and fault == self.fault:
            return Diagnosis("correct", f"found it: {BY_NAME[self.fault].title}, at {self._names[suspect]}")
        if right_node:
            return Diagnosis("incorrect", f"{self._names[suspect]} is the right place; the fault is another one. "
                             "Compare its gradient with what each misconception would give there.")
        if fault == self.fault:
            return Diagnosis("incorrect", "that is the fault, but not where it is: walk back from the output "
                             "and find the first gradient that does not add up")
        return Diagnosis("incorrect", "neither the node nor the fault: recompute the gradients from the output "
                         "down; the first one that differs is where to look")

    def hint(self, k: int = 1) -> str:
        hints = ("Recompute the gradients yourself from the output down (or step through "
                 "hunt.root.walkthrough(), which shows the right ones): the first that differs is the place.",
                 f"The first gradient that does not add up is {self._names[self._diagnosis.first_wrong]}.grad.",
                 "Compare its number with what each misconception would give there: "
                 + BY_NAME[self.fault].explain(self._names[self._diagnosis.first_wrong], self._names[self._at]))
        return hints[min(k, len(hints)) - 1]

    def solution(self) -> str:
        return f"{BY_NAME[self.fault].title}, at {self._names[self._at]}"

    def __repr__(self) -> str:
        return f"<bug hunt {self.seed} on a {self.graph_name} graph: print(hunt.prompt), hunt.check(node, fault)>"


def bug_hunt(seed: int = 0) -> BugHunt:
    """A bug hunt: a graph with one fault from the catalogue injected into its backward pass (seeded)."""
    return BugHunt(seed)
