"""draw_dot: the computation graph behind a Value as a Graphviz graph (a node per Value and per
operation), ready to show in Jupyter or save as .svg/.png/.pdf (see autograd/render_output.py)."""

from __future__ import annotations

import warnings
from typing import Any

from autograd import render_style as style
from autograd.graph import topological_order
from autograd.render_clusters import (
    INPUT_LAYER,
    ClusterPath,
    NodeStatement,
    assign_clusters,
    emit_clusters,
    normalize_clusters,
    sibling_chains,
)
from autograd.render_output import ComputationGraph, GraphvizNotFoundError, install_command
from autograd.value import Value

__all__ = ["draw_dot", "ComputationGraph", "GraphvizNotFoundError", "LargeGraphWarning",
           "install_command"]

# Past this many values, cap dot's positioning passes: a graph whose inputs feed a long chain
# otherwise takes dot minutes (measured: >200 s for 1,000 values) instead of ~10 s.
LARGE_LAYOUT = 300


class LargeGraphWarning(UserWarning):
    """The graph is so large that Graphviz may take minutes to lay it out."""


def _order_numbers(show_order: bool | str, count: int) -> list[int] | None:
    if show_order is False or show_order is None:
        return None
    if show_order is True or show_order == "topological":
        return list(range(count))
    if show_order == "backward":  # backward() visits the root first
        return [count - 1 - i for i in range(count)]
    raise ValueError(f"show_order must be True, False, 'topological' or 'backward', got {show_order!r}")


def _check_options(root: Any, rankdir: str, decimals: int, max_nodes: int) -> None:
    if not isinstance(root, Value):
        raise TypeError(f"draw_dot expects a Value, got {type(root).__name__} {root!r}")
    if rankdir not in ("LR", "TB", "RL", "BT"):
        raise ValueError(f"rankdir must be 'LR' (left to right) or 'TB' (top to bottom), got {rankdir!r}")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 17:
        raise ValueError(f"decimals must be an int between 0 and 17, got {decimals!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")


def draw_dot(root: Value, *, rankdir: str = "LR", decimals: int = 4, fold_constants: bool = False,
             show_order: bool | str = False, edge_labels: bool = False, legend: bool = False,
             clusters: Any = None, max_nodes: int = 2000,
             size: tuple[float, float] | None = None) -> ComputationGraph:
    """The computation graph behind `root`: a record per Value (label, data, grad) and a small
    node per operation, node ids n0, n1, ... in topological order (the same DOT on every run).

    rankdir: 'LR' (left to right) or 'TB' (top to bottom).
    decimals: digits after the point for data and grad; a grad never computed is left blank.
    fold_constants: write unnamed constants into their op ('* 2') instead of drawing them small.
    show_order: True numbers each value in topological order (#0 first, as in the ids);
        'backward' numbers them in the order backward() visits them (#0 is the root).
    edge_labels: label each input edge with the local derivative d(output)/d(input).
    legend: add a legend of the roles (parameter, input, constant, intermediate, root).
    clusters: {parameter: ("Layer 1", "Neuron 4")} or a model with .clusters(): the neuron-level
        view, a box per layer and per neuron (and one for the inputs).
    max_nodes: above this many values, warn (LargeGraphWarning) and suggest a smaller drawing.
    size: (width, height) in inches to shrink a wide picture into, keeping its proportions
        (e.g. (12, 6) for a projector slide); None draws it at its natural size.
    """
    _check_options(root, rankdir, decimals, max_nodes)
    size_attr = _size(size)
    order = topological_order(root)
    if len(order) > max_nodes:
        warnings.warn(
            f"this computation graph has {len(order)} values (more than max_nodes={max_nodes}); "
            "Graphviz may take minutes to draw it. Draw a smaller part, e.g. the loss of one "
            "example, and use the neuron-level view (clusters=model); pass a larger max_nodes to "
            "draw it anyway.", LargeGraphWarning, stacklevel=2)
    ids = {value: f"n{i}" for i, value in enumerate(order)}
    numbers = _order_numbers(show_order, len(order))
    # Node statements are grouped by box and emitted at the end, so each node lands in its box.
    bodies: dict[ClusterPath, list[NodeStatement]] = {(): []}
    path_of: dict[Value, ClusterPath] = {}
    if clusters is not None:
        mapping = normalize_clusters(clusters)
        path_of = assign_clusters(order, mapping)
        for path in (INPUT_LAYER, *mapping.values()):  # boxes in the mapping's order
            bodies.setdefault(path, [])
    edges: list[tuple[str, str, dict[str, str]]] = []
    roles_drawn: set[str] = set()

    def folded(value: Value) -> bool:
        return fold_constants and value.role == "constant" and value is not root

    for i, value in enumerate(order):
        role = "root" if value is root else value.role
        if folded(value):
            continue
        roles_drawn.add(role)
        body = bodies.setdefault(path_of.get(value, ()), [])
        node_id = ids[value]
        number = None if numbers is None else numbers[i]
        body.append((node_id, _value_attrs(value, role, decimals, number, vertical=rankdir in ("TB", "BT"))))
        if not value._prev:
            continue
        is_folded = [folded(p) for p in value._prev]
        symbol = (style.folded_op_symbol(value, is_folded, decimals) if any(is_folded)
                  else style.op_symbol(value))
        body.append((node_id + "op", {"label": style.op_label(symbol), **style.OP_STYLE}))
        edges.append((node_id + "op", node_id, {}))
        local = value.local_grads if edge_labels else None
        for k, parent in enumerate(value._prev):
            if is_folded[k]:
                continue
            attrs = {}
            if path_of.get(parent) == INPUT_LAYER:
                attrs["minlen"] = "2"  # room for each neuron's parameters between it and the inputs
            if local is not None and k < len(local):
                derivative = float(getattr(local[k], "data", local[k]))
                attrs["label"] = "∂ = " + style.fixed(derivative, decimals)
                attrs["fontcolor"] = style.GRAD_COLOUR
            edges.append((ids[parent], node_id + "op", attrs))

    graph = ComputationGraph(name="computation_graph", format="svg")
    graph.value_count = len(order)
    graph.attr("graph", rankdir=rankdir, **style.GRAPH_ATTRS)
    graph.attr("node", **style.NODE_ATTRS)
    graph.attr("edge", **style.EDGE_ATTRS)
    if len(order) > LARGE_LAYOUT:
        graph.attr("graph", nslimit="1")
    if size_attr:
        graph.attr("graph", size=size_attr)  # dot shrinks the drawing to fit, never enlarges it
    chains = sibling_chains(order, path_of, ids) if path_of else {}
    emit_clusters(graph, bodies, chains, rankdir=rankdir)
    if legend:
        _add_legend(graph, roles_drawn, has_ops=any(v._prev for v in order))
    for tail, head, attrs in edges:
        graph.edge(tail, head, **attrs)
    return graph


def _size(size: Any) -> str | None:
    if size is None:
        return None
    try:
        width, height = (float(x) for x in size)
    except (TypeError, ValueError):
        raise ValueError(f"size must be (width, height) in inches, got {size!r}") from None
    if not (width > 0 and height > 0):
        raise ValueError(f"size must be two positive numbers of inches, got {size!r}")
    return f"{width:g},{height:g}"


def _value_attrs(value: Value, role: str, decimals: int, number: int | None, *,
                 vertical: bool) -> dict[str, str]:
    """Style and label of one value node; constants show only their number."""
    attrs = dict(style.ROLE_STYLES.get(role, style.ROLE_STYLES["intermediate"]))
    if role == "constant":
        attrs["label"] = style.constant_label(value.data, decimals)
    else:
        attrs["label"] = style.value_label(value.label, value.data, value.grad, decimals=decimals,
                                           order=number, vertical=vertical)
    attrs["tooltip"] = style.tooltip(value.label, value.data, value.grad)
    return attrs


def _add_legend(graph: ComputationGraph, roles_drawn: set[str], *, has_ops: bool) -> None:
    """A boxed sample of each role in the drawing, styled exactly like the real nodes."""
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", style="rounded", color="#AAAAAA", fontsize="13")
        names = []
        for role, name in style.LEGEND_NAMES.items():
            if role in roles_drawn:
                names.append(f"legend_{role}")
                legend.node(names[-1], label=name, **style.ROLE_STYLES[role])
        if has_ops:
            names.append("legend_op")
            legend.node("legend_op", label="operation", **{**style.OP_STYLE, "fontsize": "12"})
        # Invisible edges line the samples up across the layout instead of in one tall column.
        for tail, head in zip(names, names[1:], strict=False):
            legend.edge(tail, head, style="invis")
