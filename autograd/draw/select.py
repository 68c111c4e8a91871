"""Which nodes a picture draws (all, one neuron or layer, or a node's neighbourhood, with cut edges as
stubs) and which it highlights (a node's paths to the root, a given path, an explain() result)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from autograd.draw import style
from autograd.draw.clusters import assign_clusters, normalize_clusters
from autograd.value import Value

Edge = tuple[Value, Value]  # (parent, child)
MAX_STUBS = 3  # a node with more cut edges than this gets one stub saying how many
STUB_EDGE = {"style": "dashed", "color": style.MUTED_COLOUR}
CENTRE_STYLE = {"color": style.HIGHLIGHT_COLOUR, "penwidth": "4"}  # around=: the node asked about


def _values(obj: Any, what: str) -> list[Value]:
    if isinstance(obj, Value):
        return [obj]
    if hasattr(obj, "parameters") and callable(obj.parameters):
        obj = obj.parameters()
    if isinstance(obj, (str, bytes)) or not isinstance(obj, Iterable):
        raise TypeError(f"{what} must be a Value, a list of Values or a module with .parameters(); "
                        f"got {type(obj).__name__} {obj!r}")
    out = list(obj)
    for v in out:
        if not isinstance(v, Value):
            raise TypeError(f"{what} must hold Values, got {type(v).__name__} {v!r}")
    return out


def _check_in_graph(values: list[Value], index: dict[Value, int], what: str, root: Value) -> None:
    missing = [v for v in values if v not in index]
    if missing:
        raise ValueError(f"{what}: {missing[0]!r} is not in the graph behind {root!r} "
                         f"({len(missing)} of {len(values)} given nodes are not); pass nodes of this graph")


def part(order: list[Value], root: Value, only: Any, around: Any, depth: int) -> set[Value] | None:
    """The nodes to draw: None for all; with `only`, the nodes of those neurons (their parameters, net
    inputs, activations, and the inputs they read); with `around`, every node within `depth` steps."""
    index = {v: i for i, v in enumerate(order)}
    if around is not None:
        if not isinstance(around, Value):
            raise TypeError(f"around must be a Value of the graph, got {type(around).__name__} {around!r}")
        _check_in_graph([around], index, "around", root)
        children: dict[Value, list[Value]] = {}
        for v in order:
            for p in v.parents:
                children.setdefault(p, []).append(v)
        near, frontier = {around}, [around]
        for _ in range(depth):
            frontier = [n for v in frontier for n in (*v.parents, *children.get(v, ())) if n not in near]
            near.update(frontier)
        return near
    if only is None:
        return None
    mapping = (normalize_clusters(only) if hasattr(only, "clusters") and callable(only.clusters)
               else {p: ("part",) for p in _values(only, "only")})
    params = [p for p in mapping if p in index]
    if not params:
        raise ValueError(f"only: none of its {len(mapping)} parameters is in the graph behind {root!r}; "
                         "pass a neuron or layer of the model that computed it")
    drawn = set(assign_clusters(order, mapping))
    drawn |= {p for v in list(drawn) for p in v.parents if not p.parents}  # the inputs they read
    return drawn


def cut_edges(order: list[Value], drawn: set[Value]) -> list[Edge]:
    """Edges a part cuts on its way out: (drawn parent, child left out). An input read elsewhere too
    is no cut: it belongs to every unit that reads it."""
    return [(p, v) for v in order for p in dict.fromkeys(v.parents) if p in drawn and v not in drawn and p.parents]


def stubs_in(cut: list[Value], value: Value, target: str, ids: dict[Value, str],
             stub_nodes: dict[str, str], edges: list, label: Callable[[Value], str]) -> None:
    """Stubs for the inputs of `value` left out of a part: one per input naming it, or one for all of
    them when there are more than MAX_STUBS, naming the first ('… w1 and 4 more')."""
    if len(cut) > MAX_STUBS:
        stub_nodes[f"stub_{ids[value]}_in"] = f"<… {style.html_text(_named_list(cut, ids, label))}>"
        edges.append((f"stub_{ids[value]}_in", target, STUB_EDGE))
        return
    for parent in cut:
        stub_nodes["stub_" + ids[parent]] = f"<… {style.html_text(label(parent) or ids[parent])}>"
        edges.append(("stub_" + ids[parent], target, STUB_EDGE))


def stubs_out(cut: list[Edge], ids: dict[Value, str], stub_nodes: dict[str, str], edges: list,
              label: Callable[[Value], str]) -> None:
    """Stubs for the edges from drawn nodes to nodes left out, naming where each leads."""
    leads: dict[Value, list[Value]] = {}
    for parent, child in cut:
        leads.setdefault(parent, []).append(child)
    for parent, children in leads.items():
        if len(children) > MAX_STUBS:
            text = style.html_text(f"to {_named_list(children, ids, label)}")
            stub_nodes[f"stub_{ids[parent]}_out"] = f"<{text} …>"
            edges.append((ids[parent], f"stub_{ids[parent]}_out", dict(STUB_EDGE, arrowhead="none")))
            continue
        for child in children:
            stub_nodes["stub_" + ids[child]] = f"<{style.html_text(label(child) or ids[child])} …>"
            edges.append((ids[parent], "stub_" + ids[child], dict(STUB_EDGE, arrowhead="none")))


def _named_list(values: list[Value], ids: dict[Value, str], label: Callable[[Value], str]) -> str:
    """'L2.n1.z and 3 more': the first by name (its label, else its id), then how many others."""
    first = label(values[0]) or ids[values[0]]
    return f"{first} and {len(values) - 1} more"


def highlighted(order: list[Value], root: Value, highlight: Any) -> tuple[set[Value], set[Edge]]:
    """Nodes and edges to draw strongly. A Value: every path from it to the root (its chain rule); a
    list of Values: those nodes and the edges between them (a path); an explain() result: its paths."""
    index = {v: i for i, v in enumerate(order)}
    if hasattr(highlight, "bottom") and hasattr(highlight, "paths"):  # an Explanation
        highlight = _named(order, index, highlight.bottom, root)
    if isinstance(highlight, Value):
        _check_in_graph([highlight], index, "highlight", root)
        nodes = {highlight}
        for v in order[index[highlight] + 1:]:  # descendants, in topological order
            if any(p in nodes for p in v.parents):
                nodes.add(v)
    else:
        nodes = set(_values(highlight, "highlight"))
        _check_in_graph(list(nodes), index, "highlight", root)
    edges = {(p, v) for v in nodes for p in v.parents if p in nodes}
    return nodes, edges


def _named(order: list[Value], index: dict[Value, int], name: str, root: Value) -> Value:
    """The node an explain() result names: by label, or by its id n0, n1, ... when it has none."""
    found = [v for v in order if v.label == name]
    if not found and re.fullmatch(r"n\d+", name) and int(name[1:]) < len(order):
        found = [order[int(name[1:])]]
    if len(found) != 1:
        what = "no node" if not found else f"{len(found)} nodes"
        raise ValueError(f"highlight: the explanation is about {name!r}, but {what} of the graph behind "
                         f"{root!r} {'is' if not found else 'are'} called that; pass the node itself, "
                         "highlight=param")
    return found[0]
