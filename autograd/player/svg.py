"""Reading the walkthrough's picture: Graphviz's SVG parsed as XML, its nodes and edges found by the
stable ids draw_dot gives them (n3, n3op, n3:0 for the first input edge of n3, n3:out), and split
into static text and the slots each step fills in (numbers, state classes, edge labels)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
SLOT = "\ue000"  # a private-use character marks where a slot sits in the serialised SVG
FIELD = "\ue001"  # ... and separates a slot's fields
# A product label farther than FAR points from the node its edge flows into moves onto the edge, at
# least NEAR points from that node, clear of the other labels around it (their size estimated from
# the text: bold 14 pt digits are about 8.4 points wide).
FAR, NEAR, CHAR_WIDTH, LINE_HEIGHT = 160.0, 45.0, 8.4, 17.0
GRAD_FILL = "#a63a00"  # draw.style.GRAD_COLOUR as Graphviz writes it
EDGE_ID = re.compile(r'\bid="([^"]+)"')
DERIVATIVE_LABEL = re.compile(r'label="∂ = [^"]*"')


def tag(name: str) -> str:
    return f"{{{SVG_NS}}}{name}"


def slot(*fields: Any) -> str:
    return SLOT + FIELD.join(str(f) for f in fields) + SLOT


def reserve_label_room(graph: Any, wt: Any, edges: dict[str, Any], product_lines: Any) -> None:
    """Lay each labelled input edge out with the text its backward step writes there, 'local × upstream'
    over '= contribution', so that dot leaves room for it beside the boxes; parse() writes '∂ = local'
    back for the picture."""
    for n, line in enumerate(graph.body):
        key = EDGE_ID.search(line) if " -> " in line else None
        if key and key[1] in edges and DERIVATIVE_LABEL.search(line):
            _, product, result = product_lines(edges[key[1]], wt.number)  # digits, signs, ×, =: no escapes
            graph.body[n] = DERIVATIVE_LABEL.sub(rf'label="{product}\\n{result}"', line)


Box = tuple[float, float, float, float]  # left, top, right, bottom
Parsed = tuple[list[Any], dict[str, str], list[str], float, float]


def parse(svg: bytes | str, wt: Any, edges: dict[str, Any]) -> Parsed:
    """(parts, templates, keys, width, height): the SVG as text and slots, each value's number slots
    with their templates ('data {}'), and every node and edge key that has a state class."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 0 0").split())
    templates: dict[str, str] = {}
    keys: list[str] = []
    # label boxes around each node, and every node's own box, which no label may cover
    taken: dict[str, list[Box]] = {"": [b for g in root.iter(tag("g")) if (g.get("class") or "").startswith("node")
                                        for b in [_node_box(g)] if b is not None]}
    for group in root.iter(tag("g")):
        kind, key = (group.get("class") or "").split(" ")[0], group.get("id", "")
        if kind not in ("node", "edge") or _owner(key, wt) is None:
            continue
        keys.append(key)
        group.set("class", f"{group.get('class')} {slot('class', key)}")
        group.set("data-wt", key)
        if kind == "node" and key in wt.nodes:
            _value_node(group, key, wt, templates)
        elif kind == "edge" and not key.endswith(":out"):
            _edge(group, key, wt, edges, taken)
    text = ET.tostring(root, encoding="unicode")
    pieces = text.split(SLOT)
    parts: list[Any] = [p if k % 2 == 0 else _slot_part(p) for k, p in enumerate(pieces)]
    return [p for p in parts if p != ""], templates, keys, width, height


def _slot_part(text: str) -> tuple:
    kind, *rest = text.split(FIELD)
    return (kind, rest[0], int(rest[1])) if kind == "label" else (kind, *rest)


def _owner(key: str, wt: Any) -> str | None:
    """The value a node or edge key belongs to: n3 for 'n3', 'n3op', 'n3:0' and 'n3:out'."""
    value = key.split(":")[0]
    value = value[:-2] if value.endswith("op") else value
    return value if value in wt.nodes else None


def _value_node(group: ET.Element, key: str, wt: Any, templates: dict[str, str]) -> None:
    """Number slots in a value's box; its hover text names it (the final numbers would give it away)."""
    for a in group.iter(tag("a")):
        if a.get(f"{{{XLINK_NS}}}title") is not None:
            a.set(f"{{{XLINK_NS}}}title", wt.name(key))
    for text in group.iter(tag("text")):
        found = _text_slot(text.text or "", text.get("fill", ""), key, wt)
        if found is not None:
            templates[found[0]] = found[1]
            text.set("data-wt-slot", found[0])
            text.text = slot("text", found[0])


def _text_slot(content: str, fill: str, key: str, wt: Any) -> tuple[str, str] | None:
    """The slot of a value node's data or grad text, and its template ('data {}')."""
    if wt.nodes[key].role == "constant":
        return None
    for field_name in ("data", "grad"):
        if content.startswith(field_name):
            return f"{key}.{field_name}", field_name + " {}"
    if fill.lower() == GRAD_FILL:
        return f"{key}.grad", "{}"
    if content == wt.num(wt.nodes[key].data):
        return f"{key}.data", "{}"
    return None


def _edge(group: ET.Element, key: str, wt: Any, edges: dict[str, Any],
          taken: dict[str, list[Box]]) -> None:
    """An input edge: '∂ = local' where dot left room for the product, and over it, in its backward
    step, 'local × upstream' and '= contribution', each line on a white halo."""
    texts = [t for t in group if t.tag == tag("text")]
    path = next((p for p in group.iter(tag("path")) if p.get("fill") == "none"), None)
    for t in texts:
        group.remove(t)
    if texts:  # the room laid out for the two lines of the product (reserve_label_room)
        x, y = float(texts[0].get("x")), sum(float(t.get("y")) for t in texts) / len(texts)
        local = wt.num(edges[key].local) if key in edges else (texts[0].text or "")[4:]
        derivative = ET.SubElement(group, tag("text"), {k: v for k, v in texts[0].attrib.items() if k != "y"})
        derivative.set("y", f"{y:.2f}")
        derivative.set("data-wt-derivative", key)
        derivative.text = slot("derivative", key, "∂ = " + local)
        places = [(x, float(t.get("y"))) for t in texts[:2]]
    elif path is not None:  # no label drawn: the product mid-edge, a twin edge's (a * a) below the line
        x, y = _middle(path.get("d", ""))
        places = [(x, y + 14), (x, y + 27)] if _second_twin(key, wt) else [(x, y - 17), (x, y - 4)]
    else:
        return
    if path is not None and key in edges:
        e = edges[key]
        chars = max(len(wt.num(e.local)) + len(wt.num(e.upstream)) + 5, len(wt.num(e.contribution)) + 2)
        size = (chars * CHAR_WIDTH, 2 * LINE_HEIGHT)
        places = _close_to_head(places, path.get("d", ""), size, taken.setdefault(key.split(":")[0], []), taken[""])
    for line_no, (x, y) in enumerate(places, start=1):
        for cls in ("wt-edge-halo", "wt-edge-label"):
            label = ET.SubElement(group, tag("text"), {"class": cls, "text-anchor": "middle", "x": f"{x:.2f}",
                                                       "y": f"{y:.2f}", "data-wt-label": key,
                                                       "data-wt-line": str(line_no)})
            label.text = slot("label", key, line_no)


def _close_to_head(places: list[tuple[float, float]], d: str, size: tuple[float, float], taken: list[Box],
                   nodes: list[Box]) -> list[tuple[float, float]]:
    """Where an edge's product goes: where dot left room for it when that is near the node the edge
    flows into, else on the edge near that node, so that every product of a step sits around the node
    being visited and a presenter's view can show them all at a readable size. `taken`: the boxes of
    the labels already placed around that node, which this one must not cover."""
    points = _polyline(d)
    head = points[-1]
    x, y = places[0]
    if (x - head[0]) ** 2 + (y - head[1]) ** 2 <= FAR ** 2:
        taken.append(_box(x, (y + places[-1][1]) / 2, size))
        return places
    for px, py in _along_from_head(points, NEAR, FAR * 3, 6.0):
        box = _box(px, py, size)
        if not any(_overlap(box, other) for other in [*taken, *nodes]):
            taken.append(box)
            return [(px, py - 6), (px, py + 8)][:len(places)]
    return places


def _along_from_head(points: list[tuple[float, float]], start: float, stop: float, step: float):
    """Points on a polyline every `step` units of length, from `start` to `stop` away from its head."""
    want, walked = start, 0.0
    for (x0, y0), (x1, y1) in zip(points[::-1], points[-2::-1]):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        while length and walked + length >= want and want <= stop:
            t = (want - walked) / length
            yield x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            want += step
        walked += length


def _node_box(group: ET.Element) -> Box | None:
    """A node's outline (its polygon or ellipse) as (left, top, right, bottom)."""
    for shape in group.iter():
        if shape.tag == tag("ellipse"):
            cx, cy, rx, ry = (float(shape.get(k, 0)) for k in ("cx", "cy", "rx", "ry"))
            return cx - rx, cy - ry, cx + rx, cy + ry
        if shape.tag in (tag("polygon"), tag("path")) and shape.get("fill") not in (None, "none"):
            numbers = [float(v) for v in re.findall(r"-?[\d.]+", shape.get("points") or shape.get("d") or "")]
            if numbers:
                return min(numbers[0::2]), min(numbers[1::2]), max(numbers[0::2]), max(numbers[1::2])
    return None


def _box(x: float, y: float, size: tuple[float, float]) -> Box:
    return x - size[0] / 2, y - size[1] / 2, x + size[0] / 2, y + size[1] / 2


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _polyline(d: str, pieces: int = 16) -> list[tuple[float, float]]:
    """Points along Graphviz's spline 'M p0 C p1 p2 p3 [p4 p5 p6 ...]', from its tail to its head."""
    numbers = [float(x) for x in re.findall(r"-?[\d.]+(?:e-?\d+)?", d)]
    points = list(zip(numbers[0::2], numbers[1::2]))
    out = [points[0]]
    for s in range((len(points) - 1) // 3):
        p0, p1, p2, p3 = points[3 * s:3 * s + 4]
        for i in range(1, pieces + 1):
            t = i / pieces
            a, b, c, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def _second_twin(key: str, wt: Any) -> bool:
    """The second edge between the same two nodes (a * a), whose label goes below the line."""
    child, k = key.split(":")
    parents = wt.nodes[child].parents
    return int(k) > 0 and parents[int(k)] in parents[:int(k)]


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
