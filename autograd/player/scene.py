"""The walkthrough's picture: draw_dot's graph laid out once by Graphviz, with a slot for every
number and highlight a step changes, and the changes each step makes (shared by the HTML page,
the Jupyter player and the exported frames, so all three show the same thing)."""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

NODE_OPEN = re.compile(r'^<g id="(node|edge)\d+" class="(node|edge)">$')
TITLE = re.compile(r"^<title>(.*)</title>$")
TEXT = re.compile(r"^(<text [^>]*)>(.*)</text>$")
PATH_D = re.compile(r'^<path fill="none"[^>]* d="([^"]+)"')
TEXT_AT = re.compile(r'^<text text-anchor="middle" x="([-\d.]+)" y="([-\d.]+)"')
TOOLTIP = re.compile(r'xlink:title="[^"]*"')
EDGE_LINE = re.compile(r"^\s*(\S+) -> (\S+) \[(.*)\]\s*$")  # an edge statement of draw_dot's DOT text
DERIVATIVE_LABEL = re.compile(r'label="∂ = [^"]*"')
GRAD_FILL = 'fill="#a63a00"'  # draw.style.GRAD_COLOUR as Graphviz writes it

# Persistent node states (one class each) and the transient highlight of the current step.
PENDING, PARTIAL, DONE, UPDATED, FOCUS = "wt-pending", "wt-partial", "wt-done", "wt-updated", "wt-focus"


@dataclass
class Change:
    """What one step changes: texts and state classes that stay; focus and edge labels for this step only."""

    text: dict[str, str] = field(default_factory=dict)  # slot -> text ('n3.data', 'n3.grad')
    state: dict[str, str] = field(default_factory=dict)  # node or edge key -> state class ('' = normal)
    focus: list[str] = field(default_factory=list)  # keys highlighted in this step
    labels: dict[str, list[str]] = field(default_factory=dict)  # edge key -> [whole, product, '= result']
    values: dict[str, str] = field(default_factory=dict)  # slot -> repr of the full-precision number

    def as_json(self) -> dict:
        return {"text": self.text, "state": self.state, "focus": self.focus, "labels": self.labels,
                "values": self.values}


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
        scene = parse(svg.decode("utf-8"), wt, layout)
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
                    touched += [f"{step.node}:{k}" for k in range(len(v._prev))] + [f"{step.node}:out"]
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
                    change.labels[e.key] = product_lines(e, d)
            elif step.phase == "update":
                change.state[step.node] = UPDATED
                change.focus = [step.node]
            change.state = {k: s for k, s in change.state.items() if k in self.initial_state}
            change.focus = [k for k in change.focus if k in self.initial_state]
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
                out.append(" ".join(c for c in classes if c))
            elif part[0] == "label":
                lines = change.labels.get(part[1])
                out.append(html.escape(lines[part[2]]) if lines else "")
            elif part[0] == "derivative":
                out.append("" if part[1] in change.labels else html.escape(part[2]))
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


def product_lines(e: Any, number: Any) -> list[str]:
    """An edge's label in its backward step: [whole line, 'local × upstream', '= contribution']."""
    product, result = f"{number(e.local)} × {number(e.upstream)}", f"= {number(e.contribution)}"
    return [f"{product} {result}", product, result]


def _edges(wt: Any) -> dict[str, Any]:
    """Edge key ('n3:k') -> its EdgeProduct, from the backward step that sends it."""
    return {e.key: e for step in wt.steps for e in step.edges}


def _reserve_label_room(graph: Any, wt: Any) -> None:
    """Lay each labelled input edge out with the text its backward step writes there, 'local × upstream'
    over '= contribution', so that dot leaves room for it beside the boxes; parse() writes '∂ = local'
    back for the picture."""
    edges, seen = _edges(wt), {}
    for n, line in enumerate(graph.body):
        statement = EDGE_LINE.match(line)
        if statement is None:
            continue
        key = _key(f"{statement[1]}->{statement[2]}", "edge", wt, seen)  # counted as _edge_keys does
        if key in edges and DERIVATIVE_LABEL.search(statement[3]):
            _, product, result = product_lines(edges[key], wt.number)  # digits, signs, ×, =: no escapes
            graph.body[n] = DERIVATIVE_LABEL.sub(rf'label="{product}\\n{result}"', line)


def _laid_out(wt: Any, draw_dot: Any) -> tuple[bytes, Any]:
    """One `dot` run on draw_dot's graph, drawn with the walkthrough's final gradients in place (so
    each box is wide enough for its numbers); the Values' own .grad are put back at once.
    Returns the SVG and the layout draw_dot chose."""
    # Edge labels (the local derivatives) make dot leave room where the products will appear;
    # show_order numbers the values #0, #1, ... as the text names them; measure=False: an 'auto'
    # layout is chosen by its estimated size, so this one dot run is the only one.
    options = {"edge_labels": True, "show_order": True, **wt.picture_options, "measure": False}
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
    _reserve_label_room(graph, wt)
    if graph.layout.flows_across:
        graph.attr("graph", ranksep="0.6")
    else:  # ranks run downwards: the labels sit side by side, so the gaps across must grow
        graph.attr("graph", ranksep="0.5", nodesep="1.0")
    return graph.picture("svg"), graph.layout


def parse(svg: str, wt: Any, layout: Any) -> Scene:
    """Split Graphviz's SVG (one element per line) into static text and slots keyed by node id."""
    svg = svg[svg.index("<svg"):]  # the XML prologue and DOCTYPE cannot sit inside HTML
    size = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
    width, height = (float(size[3]), float(size[4])) if size else (0.0, 0.0)
    parts: list[Any] = []
    templates: dict[str, str] = {}
    keys: list[str] = []
    edge_keys, below = _edge_keys(svg, wt)  # below: labels under the line, clear of a twin edge's
    edges = _edges(wt)
    kind = key = None
    depth = 0  # <g> nesting inside the current node or edge element
    label_lines: list = []  # an edge's label lines as dot placed them: (x, y, '<text ...' opening)
    middle: tuple | None = None  # the middle of an edge drawn without a label
    for line in svg.split("\n"):
        opened = NODE_OPEN.match(line)
        if opened and depth == 0:
            kind, key, depth, label_lines, middle = opened[2], None, 1, [], None
            number = int(line.split('"')[1][len(kind):])
            parts.append(line)
            continue
        if depth and line.startswith("<g"):
            depth += 1
        elif depth and line == "</g>":
            depth -= 1
            if depth == 0:
                if key is not None and kind == "edge" and not key.endswith(":out"):
                    local = wt.num(edges[key].local) if key in edges else ""
                    parts += _edge_label(key, label_lines, middle, key in below, local)
                kind = key = None
        title = TITLE.match(line) if kind and key is None else None
        if title:
            key = _key(html.unescape(title[1]), kind, wt) if kind == "node" else edge_keys.get(number)
            if key is not None:  # <g id="node1" class="node [state classes]" data-wt="n0">
                keys.append(key)
                parts[-1] = parts[-1][:-2] + " "
                parts += [("class", key), f'" data-wt="{key}">']
        elif kind == "node" and key is not None:
            text = TEXT.match(line)
            slot = _text_slot(text, key, wt) if text else None
            if slot is not None:
                templates[slot[0]] = slot[1]
                parts += [f'{text[1]} data-wt-slot="{slot[0]}">', ("text", slot[0]), "</text>"]
                continue
            if key in wt.nodes:  # the hover text would give away the final numbers
                line = TOOLTIP.sub(f'xlink:title="{html.escape(wt.name(key), quote=True)}"', line)
        elif kind == "edge" and key is not None and not key.endswith(":out"):
            d = PATH_D.match(line)
            at = TEXT_AT.match(line)
            text = TEXT.match(line)
            if at and text and key in edges:  # a line of the room laid out for the product
                label_lines.append((float(at[1]), float(at[2]), text[1]))
                line = ""
            elif d and middle is None:
                middle = _middle(d[1])
        if line:
            parts.append(line)
    return Scene(parts, templates, keys, width, height, layout)


def _edge_label(key: str, lines: list, middle: tuple | None, below: bool, local: str) -> list[Any]:
    """The elements an edge's labels need, added just before the edge closes: '∂ = local' where dot
    laid out room for the product, and over it, 'local × upstream' and '= contribution', each line a
    white halo under the text so that crossing lines stay readable."""
    parts: list[Any] = []
    if lines:  # the room laid out for the two lines of the product (_reserve_label_room)
        x, y, opening = lines[0][0], sum(y for _, y, _ in lines) / len(lines), lines[0][2]
        opening = re.sub(r' y="[-\d.]+"', f' y="{y:.2f}"', opening, count=1)
        parts += [f'{opening} data-wt-derivative="{key}">', ("derivative", key, "∂ = " + local), "</text>"]
        places = [(x, line_y) for _, line_y, _ in lines[:2]]
    elif middle is not None:  # no label drawn: 'local × upstream' over '= contribution' mid-edge
        x, y = middle
        places = [(x, y + 14), (x, y + 27)] if below else [(x, y - 17), (x, y - 4)]
    else:
        return parts
    for line_no, (x, y) in enumerate(places, start=1):
        for cls in ("wt-edge-halo", "wt-edge-label"):
            parts += [f'<text class="{cls}" text-anchor="middle" x="{x:.2f}" y="{y:.2f}" '
                      f'data-wt-label="{key}" data-wt-line="{line_no}">', ("label", key, line_no), "</text>"]
    return parts


def _edge_keys(svg: str, wt: Any) -> tuple[dict[int, str], set[str]]:
    """Graphviz's edge number -> 'n3:k' (the k-th input of n3) or 'n3:out'. Edges are numbered in the
    order draw_dot declared them, which is input order: so the k-th of two edges a -> n3op (or a -> n3
    in compact mode) is input k."""
    found = re.findall(r'<g id="edge(\d+)" class="edge">\n<title>(.*)</title>', svg)
    seen: dict[str, int] = {}
    keys, below = {}, set()
    for number, title in sorted(found, key=lambda f: int(f[0])):
        key = _key(html.unescape(title), "edge", wt, seen)
        if key is not None:
            keys[int(number)] = key
            if seen.get(html.unescape(title), 0) % 2 == 0:  # the second of two edges a -> n3op (a * a)
                below.add(key)
    return keys, below


def _key(title: str, kind: str, wt: Any, seen: dict[str, int] | None = None) -> str | None:
    """'n3' / 'n3op' for nodes; 'n3:k' (the k-th input of n3) or 'n3:out' for edges."""
    if kind == "node":
        return title if title in wt.nodes or title.endswith("op") and title[:-2] in wt.nodes else None
    seen = {} if seen is None else seen
    tail, _, head = title.partition("->")
    if tail == head + "op" and head in wt.nodes:
        return f"{head}:out"
    # an input edge ends at the op node n3op, or, in compact mode, at the box n3 that holds the op
    child = head[:-2] if head.endswith("op") and head[:-2] in wt.nodes else head
    if child in wt.nodes and tail in wt.nodes:
        parent = wt.nodes[tail]
        # The k-th edge with this title is the k-th time this parent appears among the inputs.
        count = seen.get(title, 0)
        seen[title] = count + 1
        positions = [k for k, p in enumerate(wt.nodes[child]._prev) if p is parent]
        return f"{child}:{positions[count]}" if count < len(positions) else None
    return None


def _text_slot(text: re.Match, key: str, wt: Any) -> tuple[str, str] | None:
    """The slot of a value node's data or grad text, and its template ('data {}')."""
    if key not in wt.nodes or wt.nodes[key].role == "constant":
        return None
    content = html.unescape(text[2])
    for field_name in ("data", "grad"):
        if content.startswith(field_name):
            return f"{key}.{field_name}", field_name + " {}"
    if GRAD_FILL in text[1]:
        return f"{key}.grad", "{}"
    number = wt.num(wt.nodes[key].data)
    if content == number:
        return f"{key}.data", "{}"
    return None


def _middle(d: str) -> tuple[float, float]:
    """The point halfway along Graphviz's spline 'M p0 C p1 p2 p3 [p4 p5 p6 ...]'."""
    numbers = [float(x) for x in re.findall(r"-?[\d.]+(?:e-?\d+)?", d)]
    points = list(zip(numbers[0::2], numbers[1::2]))
    segments = (len(points) - 1) // 3
    if segments < 1:
        return points[0]
    s = segments // 2 if segments % 2 else segments // 2 - 1
    if segments % 2 == 0:  # an even count: the joint between the two middle segments
        return points[3 * (s + 1)]
    p0, p1, p2, p3 = points[3 * s:3 * s + 4]
    return ((p0[0] + 3 * p1[0] + 3 * p2[0] + p3[0]) / 8, (p0[1] + 3 * p1[1] + 3 * p2[1] + p3[1]) / 8)


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
