"""The walkthrough's picture: draw_dot's graph laid out once by Graphviz, with a slot for every
number and highlight a step changes, and the changes each step makes (shared by the HTML page,
the Jupyter player and the exported frames, so all three show the same thing)."""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from .svg import parse, reserve_label_room
from .words import operand

# Persistent node states (one class each) and the transient highlight of the current step.
PENDING, PARTIAL, DONE, UPDATED, FOCUS = "wt-pending", "wt-partial", "wt-done", "wt-updated", "wt-focus"
ACTIVE = "active"  # the one node a step is about


@dataclass
class Change:
    """What one step changes: texts and state classes that stay; focus and edge labels for this step only."""

    text: dict[str, str] = field(default_factory=dict)  # slot -> text ('n3.data', 'n3.grad')
    state: dict[str, str] = field(default_factory=dict)  # node or edge key -> state class ('' = normal)
    focus: list[str] = field(default_factory=list)  # keys highlighted in this step
    labels: dict[str, list[str]] = field(default_factory=dict)  # edge key -> [whole, product, '= result']
    values: dict[str, str] = field(default_factory=dict)  # slot -> repr of the full-precision number
    active: str = ""  # the node in focus (CSS class 'active'): the presenter view keeps it on screen

    def as_json(self) -> dict:
        return {"text": self.text, "state": self.state, "focus": self.focus, "labels": self.labels,
                "values": self.values, "active": self.active}


class Scene:
    """The SVG as static parts and named slots, the starting texts and states, and each step's Change."""

    def __init__(self, parts: list[Any], templates: dict[str, str], keys: list[str], width: float,
                 height: float, layout: Any = None) -> None:
        self.parts = parts  # str, or ('class', key) / ('text', slot) to fill in per frame
        self.templates = templates  # slot -> 'data {}' etc.
        self.keys = keys  # every node and edge key with a class slot
        self.width, self.height = width, height
        self.layout = layout  # the draw.layout.Layout draw_dot chose (direction, compact boxes, rows)
        self.changes: list[Change] = []
        self.initial_text: dict[str, str] = {}
        self.initial_state: dict[str, str] = {}

    @classmethod
    def build(cls, wt: Any) -> Scene:
        """Lay out the graph once (one `dot` run), with the final numbers so every box has room."""
        from ..draw.render import draw_dot

        svg, layout = _laid_out(wt, draw_dot)
        parts, templates, keys, width, height = parse(svg, wt, _edges(wt))
        scene = cls(parts, templates, keys, width, height, layout)
        scene._plan(wt)
        return scene

    # ---- what each step changes -----------------------------------------------------------------
    def fill(self, slot: str, x: float | None, number: Any) -> str | None:
        template = self.templates.get(slot)
        if template is None:
            return None
        return template.format(number(x))  # a blank grad before it is computed

    def _plan(self, wt: Any) -> None:
        d = wt.number  # the picture's own number format
        for key in self.keys:
            self.initial_state[key] = PENDING
        for slot in self.templates:
            self.initial_text[slot] = self.fill(slot, None, d)
        for step in wt.steps:
            change = Change()

            def text(slot: str, x: float, change: Change = change) -> None:
                filled = self.fill(slot, x, d)
                if filled is not None:
                    change.text[slot] = filled
                    change.values[slot] = repr(float(x))  # what a test or a curious student can read

            for i, x in step.data.items():
                text(f"{i}.data", x)
            for i, x in step.grads.items():  # forward mode's tangents arrive in forward steps
                text(f"{i}.grad", x)
            for e in step.edges if step.phase == "forward" else ():
                change.labels[e.key] = product_lines(e, d)
            if step.phase == "forward":
                touched = list(step.data) if step.node is None else [step.node, step.node + "op"]
                if step.node is not None:
                    v = wt.nodes[step.node]
                    touched += [f"{step.node}:{k}" for k in range(len(v.parents))] + [f"{step.node}:out"]
                for key in touched:
                    change.state[key] = ""
                change.focus = touched
            elif step.phase == "seed":
                for i in wt.nodes:
                    text(f"{i}.grad", step.grads[i])
                change.state[step.node] = DONE
                change.focus = [step.node]
            elif step.phase == "backward":
                change.focus = [step.node, step.node + "op", f"{step.node}:out"]
                for e in step.edges:
                    text(f"{e.parent}.grad", e.total)
                    change.state[e.parent] = DONE if e.arrived == e.expected else PARTIAL
                    change.focus.append(e.key)
                    if wt.nodes[e.parent].role != "constant":  # a constant is given: no gradient to send
                        change.labels[e.key] = product_lines(e, d)
            elif step.phase == "update":
                change.state[step.node] = UPDATED
                change.focus = [step.node]
            change.state = {k: s for k, s in change.state.items() if k in self.initial_state}
            change.focus = [k for k in change.focus if k in self.initial_state]
            change.active = _active(step, change.focus, wt)
            self.changes.append(change)

    def state(self, k: int) -> tuple[dict[str, str], dict[str, str], Change]:
        """(texts, state classes) after steps 0..k, and step k's own change (for focus and labels)."""
        texts, states = dict(self.initial_text), dict(self.initial_state)
        for change in self.changes[:k + 1]:
            texts.update(change.text)
            states.update(change.state)
        return texts, states, self.changes[k]

    def frame(self, k: int, caption: str = "") -> str:
        """The SVG of step k as a standalone picture (styles inside), with `caption` below the graph."""
        from .script import SVG_STYLE

        texts, states, change = self.state(k)
        focus = set(change.focus)
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part[0] == "class":
                classes = [states.get(part[1], "")] + ([FOCUS] if part[1] in focus else [])
                classes += [ACTIVE] if part[1] == change.active else []
                out.append(" ".join(c for c in classes if c))
            elif part[0] == "label":
                lines = change.labels.get(part[1])
                out.append(html.escape(lines[part[2]]) if lines else "")
            elif part[0] == "derivative":  # once its value is computed, unless the product is written over it
                shown = states.get(part[1]) != PENDING and part[1] not in change.labels
                out.append(html.escape(part[2]) if shown else "")
            else:
                out.append(html.escape(texts.get(part[1]) or ""))
        svg = "".join(out)
        return _with_caption(svg, SVG_STYLE, caption, self.width, self.height)

    def markup(self) -> str:
        """The SVG with empty slots, for the page and the player (their script fills them in)."""
        out = []
        for part in self.parts:
            out.append(part if isinstance(part, str) else html.escape(part[2]) if part[0] == "derivative" else "")
        return "".join(out)

    def as_json(self) -> dict:
        return {"initialText": self.initial_text, "initialState": self.initial_state,
                "changes": [c.as_json() for c in self.changes]}


def _active(step: Any, focus: list[str], wt: Any) -> str:
    """The node a step is about: its own node, or for the step that gives the leaves, the first of them."""
    if step.node is not None:
        return step.node
    return next((k for k in focus if k in wt.nodes and wt.nodes[k].role != "constant"), "")


def product_lines(e: Any, number: Any) -> list[str]:
    """An edge's label in its backward step: [whole line, 'local × upstream', '= contribution']."""
    product, result = f"{number(e.local)} × {operand(number(e.upstream))}", f"= {number(e.contribution)}"
    return [f"{product} {result}", product, result]


def _edges(wt: Any) -> dict[str, Any]:
    """Edge key ('n3:k') -> its EdgeProduct, from the backward step that sends it."""
    return {e.key: e for step in wt.steps for e in step.edges}


def _laid_out(wt: Any, draw_dot: Any) -> tuple[bytes, Any]:
    """One `dot` run on draw_dot's graph, drawn with the walkthrough's final gradients in place (so
    each box is wide enough for its numbers); the Values' own .grad are put back at once.
    Returns the SVG and the layout draw_dot chose."""
    # Edge labels (the local derivatives) make dot leave room where the products will appear;
    # show_order numbers the values without a label #0, #1, ... as the text names them; measure=False: an 'auto'
    # layout is chosen by its estimated size, so this one dot run is the only one.
    options = {"edge_labels": True, "show_order": "unlabelled", **wt.picture_options, "measure": False}
    saved = [(v, v.grad) for v in wt.order]
    try:
        for v in wt.order:
            v.grad = wt.grads[wt.ids[v]]
        graph = draw_dot(wt.root, **options)
        if graph.layout.tables:  # 'auto' chose parameter tables, which hide each parameter's own edge
            graph = draw_dot(wt.root, **{**options, "compact": True})
    finally:
        for v, g in saved:
            v.grad = g
    # Wider gaps between ranks leave room for the 'local × upstream = contribution' labels.
    reserve_label_room(graph, wt, _edges(wt), product_lines)
    if graph.layout.flows_across:
        graph.attr("graph", ranksep="0.6")
    else:  # ranks run downwards: the labels sit side by side, so the gaps across must grow
        graph.attr("graph", ranksep="0.5", nodesep="1.0")
    return graph.picture("svg"), graph.layout


def _with_caption(svg: str, style: str, caption: str, width: float, height: float) -> str:
    """Add the styles and, below the drawing, the caption lines (for exported frames)."""
    # wrapped to the picture's width (about 7.5 units per character at the caption's size)
    lines = [part for line in caption.split("\n") for part in
             textwrap.wrap(line, width=max(40, int(width / 7.5)), subsequent_indent="    ")] if caption else []
    extra = 18 * len(lines) + (18 if lines else 0)
    head_end = svg.index(">") + 1
    head = svg[:head_end]
    head = re.sub(r'height="[\d.]+pt"', f'height="{height + extra:.0f}pt"', head)
    head = re.sub(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"',
                  lambda m: f'viewBox="{m[1]} {m[2]} {m[3]} {float(m[4]) + extra:.2f}"', head)
    texts = "".join(f'<text class="wt-caption" x="8" y="{height + 8 + 18 * (k + 1):.0f}">{html.escape(t)}</text>'
                    for k, t in enumerate(lines))
    body = svg[head_end:]
    close = body.rindex("</svg>")
    return f'{head}<style>{style}</style>{body[:close]}{texts}</svg>\n'
