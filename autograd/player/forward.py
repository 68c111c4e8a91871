"""The walkthrough in forward mode: the leaves with their tangents, then one step per node, in
topological order, computing its value and its tangent v̇ = Σ ∂v/∂input × input's tangent -- the
sweep `jvp` makes, on the same player, with the tangent written where reverse mode writes the grad."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..forward import jvp
from ..value import Value
from .steps import EdgeProduct, Walkthrough


class ForwardWalkthrough(Walkthrough):
    """Forward mode, one step per node. `tangents` ({leaf: ẋ}) is the direction; a leaf left out
    has tangent 0. Every number is the engine's: values, `.local_grads`, and jvp's tangents, summed
    in jvp's order, so the last step's tangent is jvp's directional derivative to the last bit."""

    def __init__(self, root: Value, tangents: Mapping[Value, float], **options: Any) -> None:
        if not isinstance(tangents, Mapping):
            raise TypeError(f"tangents must map leaves to numbers, e.g. {{x1: 1.0}}; got {type(tangents).__name__}")
        self.given = dict(tangents)
        self.tangents: dict[str, float] = {}
        super().__init__(root, **options)

    def _forward(self) -> None:
        leaves = [v for v in self.order if v._op is None and v.role != "constant"]
        seeds = {leaf: self.given.get(leaf, 0.0) for leaf in leaves}
        extra = [leaf for leaf in self.given if leaf not in set(leaves)]
        if extra:
            raise ValueError(f"{extra[0]!r} is not an input or parameter of this graph: only those take a tangent")
        tangent = jvp(self.root, seeds).tangents  # checks the numbers; the steps replay its sums
        self.tangents = {self.ids[v]: t for v, t in tangent.items()}
        data = {self.ids[v]: v.data for v in self.order if v._op is None}
        shown = ", ".join(f"{self.name(self.ids[v])} = {self.num(v.data)} (tangent {self.num(seeds[v])})"
                          for v in leaves)
        self._add("forward", None, f"forward mode: the leaves and their tangents (the direction) are given: "
                  f"{shown}", data=data, grads={self.ids[v]: seeds[v] for v in leaves})
        for v in self.order:
            if v._op is not None:
                self._node_step(v, tangent)
        self.grads = {i: self.tangents.get(i, 0.0) for i in self.nodes}  # the picture's number slots

    def _node_step(self, v: Value, tangent: dict) -> None:
        i = self.ids[v]
        total, products = None, []
        inputs = [(k, p, d) for k, (p, d) in enumerate(zip(v._prev, v._partials)) if p in tangent]
        for n, (k, p, d) in enumerate(inputs, start=1):
            term = tangent[p] if d == 1.0 else d * tangent[p]  # jvp's own sum, term by term
            total = term if total is None else total + term
            products.append(EdgeProduct(i, k, self.ids[p], d, tangent[p], term, total, n, len(inputs)))
        c = self.name(i)
        lines = [f"forward: {c} = {self._formula(v)} = {self.num(v.data)}"]
        if products:
            lines.append(f"  tangent of {c} = sum of ∂{c}/∂input × the input's tangent")
            for e in products:
                p = self.name(e.parent)
                lines.append(f"  + ∂{c}/∂{p} × tangent of {p} = {self.num(e.local)} × {self.num(e.upstream)}"
                             f" = {self.num(e.contribution)}")
            lines.append(f"  tangent of {c} = {self.num(total)}")
        grads = {} if total is None else {i: total}
        self._add("forward", i, "\n".join(lines), data={i: v.data}, grads=grads, edges=tuple(products))

    def _backward(self) -> None:
        """Forward mode has no backward sweep: one pass carries values and tangents together."""

    def tangent(self, value: Value) -> float:
        """The tangent the walkthrough ends with for `value` (equal to jvp's)."""
        if value not in self.ids:
            raise ValueError(f"{value!r} is not in the graph behind the walkthrough's root")
        return self.tangents.get(self.ids[value], 0.0)

    grad = tangent  # what the reverse walkthrough calls the number in the same slot

    @property
    def scene(self) -> Any:
        """The reverse walkthrough's picture, with the tangent v̇ written where it writes the grad."""
        if self._scene is None:
            from .scene import Scene

            scene = Scene.build(self)
            # v̇, the paper's name for a tangent: shorter than "grad", so it fits where dot made room
            # for that; the steps' changes are planned again with it.
            scene.templates = {slot: t.replace("grad ", "v̇ ") for slot, t in scene.templates.items()}
            scene.changes, scene.initial_text, scene.initial_state = [], {}, {}
            scene._plan(self)
            self._scene = scene
        return self._scene

    def html(self, title: str = "") -> str:
        return super().html(title or f"Forward mode, step by step: {self.name(self.ids[self.root])}")

    def __repr__(self) -> str:
        return (f"<forward-mode Walkthrough of {len(self.order)} values in {len(self.steps)} steps: print() it, "
                "show it in Jupyter, or save('forward.html')>")
