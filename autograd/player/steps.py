"""walkthrough: one training step on the graph behind a Value, as steps a class can follow -- values
appearing in topological order, then the chain rule edge by edge in reverse, then the update.

Every number comes from the engine: `.data`, `.local_grads`, and the same accumulation
``parent.grad += local * grad`` that backward() does, in the same order, so the last backward
step holds exactly the gradients backward() computes. Pictures, the HTML page and the Jupyter
player live in the walkthrough_*.py files beside this one.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..checks import integer, is_real
from ..draw.options import DrawOptions
from ..draw.samples import display_labels
from ..formatting import NumberFormat
from ..graph import topological_order
from ..value import Value
from .words import compares_with_a_target, operand, reading_place

__all__ = ["walkthrough", "Walkthrough", "Step", "EdgeProduct", "LargeWalkthroughWarning"]

MAX_VALUES = 400  # past this, a picture of every step is too crowded to follow


class LargeWalkthroughWarning(UserWarning):
    """The graph has more values than a walkthrough can show legibly."""


@dataclass(frozen=True)
class EdgeProduct:
    """One input edge in a backward step: local × upstream = contribution, added into the parent."""

    child: str  # id of the node being visited
    index: int  # which of its inputs (a*a has two edges to one parent)
    parent: str
    local: float  # d(child)/d(parent), the engine's .local_grads[index]
    upstream: float  # d(root)/d(child), complete when the child is visited
    contribution: float  # local * upstream
    total: float  # the parent's running sum after adding the contribution
    arrived: int  # contributions added into the parent so far, this one included
    expected: int  # edges out of the parent: its gradient is complete when arrived == expected

    @property
    def key(self) -> str:
        return f"{self.child}:{self.index}"


@dataclass(frozen=True)
class Step:
    """One step. `phase`: 'forward', 'seed', 'backward' or 'update'; `node`: the id in focus
    (None for the step that shows all leaves); `text`: what a teacher would say;
    `data`/`grads`: numbers shown from this step on ({id: number}); `edges`: the backward products."""

    index: int
    phase: str
    node: str | None
    text: str
    data: dict[str, float] = field(default_factory=dict)
    grads: dict[str, float] = field(default_factory=dict)
    edges: tuple[EdgeProduct, ...] = ()

    def __str__(self) -> str:
        return self.text


class Walkthrough:
    """The steps of forward, backward and (with `lr`) the update on the graph behind `root`.

    Iterate it for readable lines (no Graphviz needed); `steps[k]` is the k-th `Step`;
    `save('backprop.html')`, `save('frames/', fmt='png')`, `save('backprop.gif')` export it;
    in Jupyter it shows an interactive player (`player()`).
    """

    def __init__(self, root: Value, *, lr: float | None = None,
                 parameters: Iterable[Value] | None = None, max_values: int = MAX_VALUES,
                 quiz: bool | Iterable[Value] = False, **picture_options: Any) -> None:
        _check(root, lr, max_values)
        options = _check_picture_options(picture_options)
        self.root = root
        self.lr = lr
        self.picture_options = picture_options  # passed to draw_dot unchanged
        # the picture's number format (4 significant figures, or decimals=) in the text too
        self.number: NumberFormat = options.number
        self.backward_numbers = options.show_order == "backward"  # the picture numbers #0 = the root
        self.order: list[Value] = topological_order(root)
        if len(self.order) > max_values:
            warnings.warn(
                f"this graph has {len(self.order)} values (more than max_values={max_values}): a "
                "walkthrough of every step would be too crowded to follow and slow to draw. Walk "
                "through a smaller part instead, e.g. one example's loss or one neuron's output "
                "(walkthrough(neuron_out)); pass max_values to go ahead anyway.",
                LargeWalkthroughWarning, stacklevel=3)
        self.ids: dict[Value, str] = {v: f"n{i}" for i, v in enumerate(self.order)}  # draw_dot's ids
        self.nodes: dict[str, Value] = {i: v for v, i in self.ids.items()}
        self.names = display_labels(self.order)  # L1.n1.z[2], x[2][1], y[2] in a batch, as the picture
        place = reading_place(self.order)
        self.parameters = sorted(_parameters(self.order, self.ids, parameters, lr), key=lambda i: place[self.nodes[i]])
        self.steps: list[Step] = []
        self.grads: dict[str, float] = {}  # final gradients, filled by the backward steps
        self.updated: dict[str, float] = {}  # parameters after the update
        self._forward()
        self._backward()
        if lr is not None:
            self._update()
        self._scene: Any = None  # the laid-out picture, made on first use (scene.py)
        self.quiz = quiz  # predict, then reveal (quiz.py): True, or the nodes to ask about
        self.start = 0  # the step the page and the player open at
        if quiz is not False:
            from .quiz import asked_nodes

            asked_nodes(self, quiz)  # a node from another graph fails now, not when the page is made

    # ---- building the steps ---------------------------------------------------------------------
    def name(self, node_id: str) -> str:
        """How the text refers to a node: its label (with the sample's index in a batch, as the picture
        writes it), a constant's number, the root as 'loss' or 'output', or '#4' as the picture numbers
        it (the 4 of its id n4: its place in topological order, or with show_order='backward' its place
        in backward()'s visits)."""
        v = self.nodes[node_id]
        if v in self.names or v.label:
            return self.names.get(v) or v.label
        if v.role == "constant":
            return f"({v.data:g})"
        if v is self.root:
            return "loss" if compares_with_a_target(self.order) else "output"
        place = int(node_id[1:])
        return f"#{len(self.order) - 1 - place if self.backward_numbers else place}"

    def num(self, x: float | None) -> str:
        """A number as the picture writes it (draw_dot's digits= or decimals=)."""
        return self.number(x)

    def _add(self, phase: str, node: str | None, text: str, **numbers: Any) -> None:
        self.steps.append(Step(len(self.steps), phase, node, text, **numbers))

    def _forward(self) -> None:
        place = reading_place(self.order)
        leaves = {self.ids[v]: v.data for v in sorted((v for v in self.order if not v.parents), key=place.get)}
        shown = ", ".join(f"{self.name(i)} = {self.num(d)}" for i, d in leaves.items()
                          if self.nodes[i].role != "constant" or self.nodes[i] in self.names)
        self._add("forward", None, f"forward: the leaves are given: {shown}", data=leaves)
        for v in self.order:
            if v.parents:
                i = self.ids[v]
                self._add("forward", i, f"forward: {self.name(i)} = {self._formula(v)} = {self.num(v.data)}",
                          data={i: v.data})

    def _formula(self, v: Value) -> str:
        """'a * b = 2.000 * (-3.000)': names, then numbers, each number after the first in brackets when negative."""
        names = [self.name(self.ids[p]) for p in v._prev]
        numbers = [self.num(p.data) for p in v._prev]
        numbers[1:] = map(operand, numbers[1:])  # one sign per number: 2.000 * (-0.5000)
        params = [f"{p:g}" for p in v._params]
        formula = v.op_class.formula  # the op writes itself: 'a + b', 'tanh(a)', 'w1·x1 + b'
        return f"{formula(names, params)} = {formula(numbers, params)}"

    def _backward(self) -> None:
        # The engine's own accumulation, replayed (autograd/backward.py run_backward): every grad
        # starts at 0.0, the root gets 1.0 added, then parent.grad += local * grad in reverse order.
        grads = dict.fromkeys(self.nodes, 0.0)
        root = self.ids[self.root]
        grads[root] += 1.0
        expected = dict.fromkeys(self.nodes, 0)
        for v in self.order:
            for p in v.parents:
                expected[self.ids[p]] += 1
        arrived = dict.fromkeys(self.nodes, 0)
        r = self.name(root)
        self._add("seed", root, f"backward: seed {r}.grad = ∂{r}/∂{r} = 1; every other grad starts at 0 "
                  "(as after zero_grad())", grads=dict(grads))
        for v in reversed(self.order):
            local_grads = v.local_grads
            if local_grads is None:
                continue  # a leaf passes nothing on
            child = self.ids[v]
            g = grads[child]
            products = []
            for k, (p, d) in enumerate(zip(v.parents, local_grads)):
                parent = self.ids[p]
                contribution = d * g
                grads[parent] += contribution
                arrived[parent] += 1
                products.append(EdgeProduct(child, k, parent, d, g, contribution, grads[parent],
                                            arrived[parent], expected[parent]))
            c = self.name(child)
            lines = [f"backward: visit {c} (grad {self.num(g)}): each input gets local derivative × {c}.grad"]
            for e in products:
                if self.nodes[e.parent].role == "constant":
                    continue  # a constant is given, not learned: no gradient line for it
                p = self.name(e.parent)
                sums = (f"  (sum so far {self.num(e.total)}: {e.arrived} of {e.expected} contributions)"
                        if e.expected > 1 else "")
                lines.append(f"  {p}.grad += ∂{c}/∂{p} × {c}.grad = {self.num(e.local)} × "
                             f"{operand(self.num(e.upstream))} = {self.num(e.contribution)}{sums}")
            self._add("backward", child, "\n".join(lines), grads={e.parent: e.total for e in products},
                      edges=tuple(products))
        self.grads = grads

    def _update(self) -> None:
        lr = self.lr
        for i in self.parameters:
            p = self.nodes[i]
            new = p.data - lr * self.grads[i]  # nn.optim.SGD's step, the same expression
            self.updated[i] = new
            n = self.name(i)
            self._add("update", i, f"update: {n} ← {n} - lr × {n}.grad = {self.num(p.data)} - {lr:g} × "
                      f"{operand(self.num(self.grads[i]))} = {self.num(new)}", data={i: new})

    # ---- reading it -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, k: int) -> Step:
        return self.steps[k]

    def __iter__(self) -> Iterator[str]:
        """The steps as readable lines, 'step k/N' first."""
        total = len(self.steps)
        for step in self.steps:
            yield f"step {step.index + 1}/{total} {step.text}"

    def __str__(self) -> str:
        return "\n".join(self)

    def __repr__(self) -> str:
        return (f"<Walkthrough of {len(self.order)} values in {len(self.steps)} steps: print() it, "
                "show it in Jupyter, or save('backprop.html')>")

    def grad(self, value: Value) -> float:
        """The gradient the walkthrough ends with for `value` (equal to what backward() computes)."""
        if value not in self.ids:
            raise ValueError(f"{value!r} is not in the graph behind the walkthrough's root")
        return self.grads[self.ids[value]]

    def state(self, k: int) -> tuple[dict[str, float], dict[str, float]]:
        """(data, grads) shown after step k: every number set by steps 0..k."""
        if not -len(self.steps) <= k < len(self.steps):
            raise IndexError(f"step {k} is out of range: this walkthrough has {len(self.steps)} steps")
        k %= len(self.steps)
        data: dict[str, float] = {}
        grads: dict[str, float] = {}
        for step in self.steps[:k + 1]:
            data.update(step.data)
            grads.update(step.grads)
        return data, grads

    # ---- pictures (scene.py, page.py, frames.py) -----------------
    @property
    def scene(self) -> Any:
        """The graph laid out once by Graphviz, with a slot for every number a step changes."""
        if self._scene is None:
            from .scene import Scene

            self._scene = Scene.build(self)
        return self._scene

    def html(self, title: str = "") -> str:
        """One self-contained HTML page (inline SVG and script, no external requests)."""
        from .page import page

        return page(self, title=title)

    def save(self, path: Any, fmt: str | None = None) -> str:
        """backprop.html (a page), backprop.gif (an animation), or a folder of pictures with
        fmt='png' or 'svg' (one per step). Returns the path written."""
        from .frames import save

        return save(self, path, fmt)

    def player(self, interval: int = 1200) -> Any:
        """The interactive player for Jupyter (play/pause, previous/next, slider, speed)."""
        from .jupyter import Player

        return Player(self, interval=interval)

    def _ipython_display_(self) -> None:
        from .jupyter import show

        show(self)


def walkthrough(root: Value, *, lr: float | None = None, parameters: Iterable[Value] | None = None,
                max_values: int = MAX_VALUES, quiz: bool | Iterable[Value] = False,
                tangents: Any = None, **picture_options: Any) -> Walkthrough:
    """Forward, backward and (with `lr`) the update of one training step on the graph behind
    `root`, as steps: iterate for text, show in Jupyter for a player, or save as HTML/PNG/GIF.

    lr: also show ``p ← p − lr·grad`` for each parameter (leaves with role 'parameter', or
        `parameters`, e.g. model.parameters()); nothing is changed.
    quiz: predict, then reveal: before the step completing each node's gradient (quiz=True) or the
        nodes given (quiz=[n, w1]), the page and the player ask for it first (quiz.py).
    picture_options: passed unchanged to draw_dot (clusters=model, rankdir='TB', compact=True,
        highlight=param, digits=3 or decimals=4, ...); the text writes numbers as the picture does.
    The gradients are those of one backward() from zero (as after zero_grad()); the graph's own
    .grad fields are not touched.
    tangents: forward mode instead ({leaf: number}, the direction; player/forward.py): one step per
        node computing its value and its tangent, as jvp does; no backward steps, no update.
    """
    if tangents is not None:
        if lr is not None or parameters is not None or quiz:
            raise ValueError("forward mode (tangents=) has no update step and no quiz: leave out lr, "
                             "parameters and quiz")
        from .forward import ForwardWalkthrough

        return ForwardWalkthrough(root, tangents, max_values=max_values, **picture_options)
    return Walkthrough(root, lr=lr, parameters=parameters, max_values=max_values, quiz=quiz, **picture_options)


def _check(root: Any, lr: Any, max_values: Any) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"walkthrough expects a Value (the loss or output), got {type(root).__name__} {root!r}")
    if lr is not None and not is_real(lr):
        raise TypeError(f"lr must be a number such as 0.1, got {type(lr).__name__} {lr!r}")
    integer("max_values", max_values, low=1)


def _check_picture_options(options: dict[str, Any]) -> DrawOptions:
    """A misspelt or unusable picture option fails now, not later when the player first draws."""
    try:
        checked = DrawOptions.from_keywords(options)
    except TypeError:
        known = list(DrawOptions.__dataclass_fields__)
        unknown = next(name for name in options if name not in known)
        close = difflib.get_close_matches(unknown, [*known, "lr", "parameters", "max_values"], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise TypeError(f"walkthrough() got an unknown option {unknown!r}{hint}: its own options are lr, "
                        "parameters and max_values, and every other keyword goes to the picture "
                        f"(draw_dot), whose options are: {', '.join(known)}; "
                        "see help(autograd.draw_dot)") from None
    if checked.compact == "tables":
        raise ValueError("walkthrough cannot use compact='tables': a neuron's parameters share one box "
                         "and one edge there, so a step cannot show each parameter's own contribution; "
                         "pass compact=True (each op inside its result's box) or compact=False")
    if options.get("measure") is True:
        raise ValueError("walkthrough lays its picture out with one dot run, so it cannot measure "
                         "candidate layouts (measure=True); leave measure out, or choose the layout "
                         "yourself with rankdir= and compact=")
    return checked


def _parameters(order: list[Value], ids: dict[Value, str], parameters: Iterable[Value] | None,
                lr: float | None) -> list[str]:
    """Ids of the parameters to update, in topological order."""
    if parameters is None:
        found = [ids[v] for v in order if not v.parents and v.role == "parameter"]
    else:
        chosen = list(parameters)
        for p in chosen:
            if not isinstance(p, Value):
                raise TypeError(f"parameters must be Values (e.g. model.parameters()), got {type(p).__name__} {p!r}")
            if p not in ids:
                raise ValueError(f"parameter {p!r} is not in the graph behind the root: pass only the "
                                 "parameters this output depends on")
        wanted = set(chosen)
        found = [ids[v] for v in order if v in wanted]
    if lr is not None and not found:
        raise ValueError("lr was given but this graph has no parameters to update: pass "
                         "parameters=model.parameters(), or mark leaves with v.role = 'parameter'")
    return found
