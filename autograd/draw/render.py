"""draw_dot: the computation graph behind a Value as a Graphviz graph (a node per Value and per
operation, or one box per value in compact mode), laid out to fit a slide, ready to show in Jupyter
or save as .svg/.png/.pdf (see autograd/draw/output.py). Options: autograd/draw/options.py."""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass, field
from typing import Any

from autograd.draw import style
from autograd.draw.clusters import (
    INPUT_LAYER,
    ClusterPath,
    NodeStatement,
    assign_clusters,
    by_sample,
    emit_clusters,
    normalize_clusters,
    parameter_groups,
    reading_rows,
    sibling_chains,
)
from autograd.draw.fit import advice, band_of, choose_layout
from autograd.draw.options import DrawOptions
from autograd.draw.output import (
    ComputationGraph,
    GraphvizNotFoundError,
    LargeGraphWarning,
    SlideFitWarning,
    fitted_text_px,
    install_command,
)
from autograd.draw.samples import display_labels, samples_of
from autograd.draw.select import CENTRE_STYLE, cut_edges, highlighted, part, stubs_in, stubs_out
from autograd.graph import topological_order
from autograd.value import Value

__all__ = ["draw_dot", "DrawOptions", "ComputationGraph", "GraphvizNotFoundError", "LargeGraphWarning",
           "SlideFitWarning", "install_command"]

# Past this many values, cap dot's positioning passes: a graph whose inputs feed a long chain
# otherwise takes dot minutes (measured: >200 s for 1,000 values) instead of ~10 s.
LARGE_LAYOUT = 300


def draw_dot(root: Value, **options: Any) -> ComputationGraph:
    """The computation graph behind `root`: a box per Value (label, data, grad) and a small node per
    operation, node ids n0, n1, ... in topological order (the same DOT on every run).

    Layout -- rankdir: 'LR' (left to right), 'TB' (top to bottom) or 'auto' (whichever fits a 16:9
        slide); layout: 'plain', 'wrap' (a long chain in rows) or 'auto'; compact: True draws each
        op inside its result's box, 'auto' does so when the picture would not fit otherwise.
    Numbers -- digits: significant figures (4); decimals: fixed digits after the point instead.
    What to show -- fold_constants: '* 2' instead of a separate constant; show_order: True or
        'backward' numbers the values (#0 first, as backward() visits them); edge_labels: the local
        derivative on each input edge; legend: the roles; input_grads=False hides the grads of
        inputs and constants.
    Neuron-level view -- clusters: a model (or {parameter: ('Layer 1', 'Neuron 4')}): a box per
        layer and per neuron, and one for the inputs.
    Part of a graph -- only: a neuron or layer of the model (or some parameters); around: a node,
        with depth: how many steps around it. Cut edges end in a stub naming the node they lead to.
    Highlight -- highlight: a node (its paths to the root), a list of nodes (a path) or
        explain(param, root): drawn in a strong colour, the rest dimmed.
    measure: False chooses an 'auto' layout from the size estimate alone, without running dot to
        measure the most promising candidates (the picture is then laid out by one dot run).
    max_nodes: above this many values, warn (LargeGraphWarning). size: (width, height) in inches to
        shrink the picture into. Showing or saving a picture that does not fit a slide warns
        (SlideFitWarning) with what to do instead.
    """
    opts = DrawOptions.from_keywords(options)
    if not isinstance(root, Value):
        raise TypeError(f"draw_dot expects a Value, got {type(root).__name__} {root!r}")
    order = topological_order(root)
    if len(order) > opts.max_nodes:
        warnings.warn(
            f"this computation graph has {len(order)} values (more than max_nodes={opts.max_nodes}); "
            "Graphviz may take minutes to draw it. Draw a smaller part (the loss of one example, "
            "only=model.layers[0], or around=node, depth=2) and use the neuron-level view "
            "(clusters=model); pass a larger max_nodes to draw it anyway.", LargeGraphWarning, stacklevel=2)
    drawing = _Drawing(root, order, opts)
    graph = drawing.graph()
    several = bool(drawing.names)
    graph.advice = lambda: advice(lambda **change: draw_dot(root, **{**options, **change}), opts, several)
    return graph


class _Drawing:
    """The state of one draw_dot call: which nodes are drawn, where, and how."""

    def __init__(self, root: Value, order: list[Value], opts: DrawOptions) -> None:
        self.root, self.order, self.opts = root, order, opts
        self.ids = {value: f"n{i}" for i, value in enumerate(order)}
        self.number = opts.number
        self.mapping = normalize_clusters(opts.clusters) if opts.clusters is not None else {}
        self.path_of: dict[Value, ClusterPath] = assign_clusters(order, self.mapping) if self.mapping else {}
        sample = samples_of(order)
        self.names = display_labels(order, sample)  # L1.n1.z[2], x[2][1], y[2] over several samples
        self.neuron_of = self.path_of  # each node's neuron, also when the boxes are the samples
        if sample and (opts.group_by == "sample" or opts.group_by == "auto" and self.mapping):
            self.path_of = by_sample(self.path_of, sample)
        drawn = part(order, root, opts.only, opts.around, opts.depth)
        self.drawn = set(order) if drawn is None else drawn
        self.cut_out = cut_edges(order, self.drawn) if drawn is not None else []
        self.lit: tuple[set[Value], set] | None = (
            highlighted(order, root, opts.highlight) if opts.highlight is not None else None)
        self.shown = [v for v in order if v in self.drawn and not self.folded(v)]
        self.consumers: dict[Value, list[Value]] = {}
        for v in self.shown:
            for p in v.parents:
                self.consumers.setdefault(p, []).append(v)
        self.groups = parameter_groups(self.shown, self.path_of)
        self.layout = choose_layout(self, self.measure)

    def measure(self, layout: Any) -> float:
        """The smallest text, in px on a 1920x1080 slide, of this picture drawn with `layout` (runs dot)."""
        twin = copy.copy(self)
        twin.layout = layout
        return fitted_text_px(twin.graph().picture("svg", timeout=10))

    # ---- what is drawn ----------------------------------------------------------------------
    def folded(self, value: Value) -> bool:
        return self.opts.fold_constants and value.role == "constant" and value is not self.root

    def label(self, value: Value) -> str:
        """The name drawn in the box: its own label, with the sample's index in a batch picture."""
        return self.names.get(value, value.label)

    def role(self, value: Value) -> str:
        return "root" if value is self.root else value.role

    def symbol(self, value: Value) -> str:
        is_folded = [self.folded(p) for p in value.parents]
        return (style.folded_op_symbol(value, is_folded, max(self.opts.digits, 6)) if any(is_folded)
                else style.op_symbol(value))

    def dim(self, value: Value) -> bool:
        return self.lit is not None and value not in self.lit[0]

    # ---- the graph --------------------------------------------------------------------------
    def value_attrs(self, value: Value, number: int | None) -> dict[str, str]:
        role, dim = self.role(value), self.dim(value)
        attrs = dict(style.ROLE_STYLES.get(role, style.ROLE_STYLES["intermediate"]))
        op = self.symbol(value) if self.layout.compact and value.parents else None
        if role == "constant" and value not in self.names:  # a named constant (a target y[2]) shows its name
            attrs["label"] = style.constant_label(value.data, max(self.opts.digits, 6))
        else:
            attrs["label"] = style.value_label(
                self.label(value), value.data, value.grad, number=self.number, order=number,
                vertical=self.layout.vertical, op=op, dim=dim,
                show_grad=role != "constant" and (self.opts.input_grads or role != "input"))
        attrs["tooltip"] = style.tooltip(self.label(value), value.data, value.grad)
        attrs["id"], attrs["class"] = self.ids[value], role  # stable names in the SVG: <g id="n3" class="node input">
        self.restyle(attrs, value)
        if value is self.opts.around:  # the node the part is drawn around
            attrs.update(CENTRE_STYLE)
        return attrs

    def table_attrs(self, group: list[Value], numbers: list[int] | None,
                    index: dict[Value, int]) -> dict[str, str]:
        """compact='tables': one box listing a neuron's parameters, a row each: label, data, grad."""
        rows = []
        for p in group:
            lit = self.lit is not None and p in self.lit[0]
            colour = style.HIGHLIGHT_COLOUR if lit else style.DIM_TEXT if self.lit is not None else None
            rows.append(style.table_row(self.label(p), p.data, p.grad, number=self.number,
                                        order=None if numbers is None else numbers[index[p]],
                                        colour=colour, dim=self.lit is not None and not lit))
        attrs = dict(style.ROLE_STYLES["parameter"], id=self.ids[group[0]], **{"class": "parameter"})
        attrs["label"] = style.table_label(rows, order=numbers is not None, dim=self.lit is not None)
        attrs["tooltip"] = "; ".join(style.tooltip(self.label(p), p.data, p.grad) for p in group)
        if self.lit is not None:
            self.restyle(attrs, group[0], on_path=any(p in self.lit[0] for p in group))
        return attrs

    def restyle(self, attrs: dict[str, str], value: Value, on_path: bool | None = None) -> None:
        """Highlighting: the path strong, everything else dimmed."""
        if self.lit is None:
            return
        if on_path is None:
            on_path = value in self.lit[0]
        if on_path:
            attrs.update(color=style.HIGHLIGHT_COLOUR, penwidth="3.5")
        else:
            attrs.update(style.DIM)

    def edge_attrs(self, parent: Value, child: Value, k: int, cross: bool) -> dict[str, str]:
        attrs: dict[str, str] = {}
        box, next_box = self.path_of.get(parent), self.path_of.get(child)
        if box and next_box and box[0] != next_box[0] and box != INPUT_LAYER and not self.layout.tables:
            # From one layer's box to the next: room for the next layer's parameters in between, so
            # the layers follow each other instead of standing in a diagonal staircase; weight 0
            # because every unit feeds every next unit, and no edge should pull a layer sideways.
            # (The inputs stand beside the first layer, level with its parameters.)
            attrs["minlen"] = "2"
            attrs["weight"] = "0"
        if cross:
            attrs["constraint"] = "false"  # from one row of a wrapped chain to the next
        local = child.local_grads
        if self.opts.edge_labels and local is not None and k < len(local):
            attrs["label"] = "∂ = " + self.number(float(getattr(local[k], "data", local[k])))
            attrs["fontcolor"] = style.GRAD_COLOUR
        if self.lit is not None:
            if (parent, child) in self.lit[1]:
                attrs.update(color=style.HIGHLIGHT_COLOUR, penwidth="3")
            else:
                attrs.update(color=style.DIM["color"], fontcolor=style.DIM["fontcolor"])
        return attrs

    def statements(self) -> Statements:
        """Every node (in the box it belongs to) and edge of the picture, in topological order."""
        numbers = _order_numbers(self.opts.show_order, self.order, self.label)
        out = Statements(bodies={(): []}, band=band_of(self))
        for path in (INPUT_LAYER, *self.mapping.values()):  # boxes in the mapping's order
            out.bodies.setdefault(path, [])
        index = {v: i for i, v in enumerate(self.order)}
        tables = self.groups if self.layout.tables else {}
        for value in self.shown:
            node_id = self.ids[value]
            out.roles.add(self.role(value))
            body = out.bodies.setdefault(self.path_of.get(value, ()), [])
            if value in tables:
                if value is tables[value][0]:  # the table stands in for its whole group, under this id
                    body.append((node_id, self.table_attrs(tables[value], numbers, index)))
                continue
            body.append((node_id, self.value_attrs(value, None if numbers is None else numbers[index[value]])))
            if value.parents:
                target = node_id if self.layout.compact else self.op_node(value, body, out)
                self.input_edges(value, target, tables, out)
        stubs_out([(p, c) for p, c in self.cut_out if p in set(self.shown)], self.ids, out.stubs, out.edges,
                  self.label)
        for stub, label in out.stubs.items():
            out.bodies[()].append((stub, {"label": label, **style.STUB_STYLE}))
        return out

    def op_node(self, value: Value, body: list[NodeStatement], out: Statements) -> str:
        """The op node between a value and its inputs (not in compact mode), and its edge to the value."""
        target = self.ids[value] + "op"
        attrs = {"label": style.op_label(self.symbol(value)), "id": target, "class": "op", **style.OP_STYLE}
        lit_op = self.lit is not None and value in self.lit[0] and any(
            (p, value) in self.lit[1] for p in value.parents)
        self.restyle(attrs, value, on_path=lit_op)
        body.append((target, attrs))
        edge = {} if self.lit is None else {"color": style.HIGHLIGHT_COLOUR, "penwidth": "3"} if lit_op else \
            {"color": style.DIM["color"]}
        out.edges.append((target, self.ids[value], {"id": f"{self.ids[value]}:out", **edge}))
        return target

    def input_edges(self, value: Value, target: str, tables: dict, out: Statements) -> None:
        """The edges into `value`'s op (id 'n3:k' for its k-th input), and stubs for inputs left out."""
        shown = set(self.shown)
        cut = list(dict.fromkeys(p for p in value.parents if p not in shown and not self.folded(p)))
        if cut:  # cut off by only=/around=: stubs name where the edges come from
            stubs_in(cut, value, target, self.ids, out.stubs, out.edges, self.label)
        for k, parent in enumerate(value.parents):
            if self.folded(parent) or parent not in shown:
                continue
            cross = out.band.get(parent, 0) != out.band.get(value, 0)
            tail = self.ids[tables[parent][0]] if parent in tables else self.ids[parent]
            if parent in tables and tail not in out.levelled:
                # The table stands level with the op it feeds (above it, left to right), so no
                # rank of parameters separates one layer from the next.
                out.levelled.add(tail)
                out.level.setdefault(self.path_of.get(value, ()), []).append([target, tail])
            if (tail, target) in out.seen and parent in tables:
                continue  # one edge from a neuron's table to the op its parameters feed
            out.seen.add((tail, target))
            attrs = {"id": f"{self.ids[value]}:{k}", **self.edge_attrs(parent, value, k, cross)}
            if parent in tables:
                attrs.pop("label", None)
                if self.lit is not None and any((p, value) in self.lit[1] for p in tables[parent]):
                    attrs.update(color=style.HIGHLIGHT_COLOUR, penwidth="3")
            out.edges.append((tail, target, attrs))

    def graph(self) -> ComputationGraph:
        """The Graphviz graph: attributes, then the boxes with their nodes, then the edges."""
        opts, layout, out = self.opts, self.layout, self.statements()
        graph = ComputationGraph(name="computation_graph", format="svg")
        graph.value_count = len(self.order)
        graph.drawn_count = len(self.shown)
        graph.layout = layout
        graph.attr("graph", rankdir=layout.rankdir, **style.GRAPH_ATTRS)
        graph.attr("node", **style.NODE_ATTRS)
        graph.attr("edge", **style.EDGE_ATTRS)
        if len(self.order) > LARGE_LAYOUT:
            graph.attr("graph", nslimit="1")
        if opts.size_attr:
            graph.attr("graph", size=opts.size_attr)  # dot shrinks the drawing to fit, never enlarges it
        part = opts.around is not None  # parameters of a part keep their order without boxes too
        chains = sibling_chains(self.shown, self.path_of, self.ids, loose=part) if self.path_of or part else {}
        if layout.tables:  # a table keeps its rows in order itself
            hidden = {self.ids[p] for p, group in self.groups.items() if p is not group[0]}
            chains = {box: [c for c in cs if not hidden.intersection(c)] for box, cs in chains.items()}
        rows: list[list[str]] = []
        if self.names and self.path_of:  # a batch picture: its boxes in reading order
            rows, inside = reading_rows(self.shown, self.path_of, self.neuron_of, self.ids)
            for box, found in inside.items():
                chains.setdefault(box, []).extend(found)
        emit_clusters(graph, out.bodies, chains, rankdir=layout.rankdir, level=out.level, rows=rows)
        if opts.legend:
            _add_legend(graph, out.roles, has_ops=not layout.compact and any(v.parents for v in self.shown))
        for tail, head, attrs in out.edges:
            graph.edge(tail, head, **attrs)
        return graph


@dataclass
class Statements:
    """What one picture declares: nodes per box, edges, stubs, and rows kept level (parameter tables)."""

    bodies: dict[ClusterPath, list[NodeStatement]]
    band: dict[Value, int]  # the row of a wrapped chain each value is drawn in
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    stubs: dict[str, str] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)
    level: dict[ClusterPath, list[list[str]]] = field(default_factory=dict)
    levelled: set[str] = field(default_factory=set)


def _order_numbers(show_order: bool | str, order: list[Value], label: Any) -> list[int | None] | None:
    count = len(order)
    if show_order is False:
        return None
    if show_order == "unlabelled":  # a name says more than a number: numbers only where there is none
        return [None if label(v) else i for i, v in enumerate(order)]
    if show_order is True or show_order == "topological":
        return list(range(count))
    return [count - 1 - i for i in range(count)]  # 'backward': backward() visits the root first


def _add_legend(graph: ComputationGraph, roles_drawn: set[str], *, has_ops: bool) -> None:
    """A boxed sample of each role in the drawing, styled exactly like the real nodes."""
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", style="rounded", color="#AAAAAA")
        names = []
        for role, name in style.LEGEND_NAMES.items():
            if role in roles_drawn:
                names.append(f"legend_{role}")
                legend.node(names[-1], label=name, **style.ROLE_STYLES[role])
        if has_ops:
            names.append("legend_op")
            legend.node("legend_op", label="operation", **style.OP_STYLE)
        # Invisible edges line the samples up across the layout instead of in one tall column.
        for tail, head in zip(names, names[1:], strict=False):
            legend.edge(tail, head, style="invis")
