"""The neuron-level view: which layer/neuron box each node of a computation graph is drawn in,
and the nested `cluster_...` subgraphs for those boxes. Used by autograd/draw/render.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import graphviz

from autograd.draw import style
from autograd.value import Value

ClusterPath = tuple[str, ...]  # outer to inner box names, e.g. ("Layer 1", "Neuron 4")
INPUT_LAYER: ClusterPath = ("Inputs",)
NodeStatement = tuple[str, dict[str, str]]  # (node id, attributes)


def normalize_clusters(clusters: Any) -> dict[Value, ClusterPath]:
    """Accept {Value: ("Layer 1", "Neuron 4")} (or a single name) or an object with .clusters()."""
    if hasattr(clusters, "clusters") and callable(clusters.clusters):
        clusters = clusters.clusters()
    if not isinstance(clusters, Mapping):
        raise TypeError(
            "clusters must map parameter Values to cluster names such as ('Layer 1', 'Neuron 4'), "
            f"or be an object with a .clusters() method; got {type(clusters).__name__}"
        )
    result: dict[Value, ClusterPath] = {}
    for value, path in clusters.items():
        if not isinstance(value, Value):
            raise TypeError(f"clusters keys must be Values, got {type(value).__name__}: {value!r}")
        if isinstance(path, str):
            path = (path,)
        if not isinstance(path, Sequence) or not path or not all(isinstance(p, str) for p in path):
            raise TypeError(
                f"cluster of {value!r} must be a non-empty tuple of names like "
                f"('Layer 1', 'Neuron 4'), got {path!r}"
            )
        result[value] = tuple(path)
    return result


def assign_clusters(order: list[Value],
                    clusters: dict[Value, ClusterPath]) -> dict[Value, ClusterPath]:
    """The box of every node that belongs to a neuron; nodes outside all neurons are left out.

    A node joins a neuron when it consumes that neuron's parameters directly (w*x, the fused
    'dot', b + ...), when it adds up only such pre-activation nodes (w1*x1 + w2*x2), or when it is
    a one-input op applied to a pre-activation (the activation). Stopping there keeps a loss
    computed from the output neuron outside the neuron's box.
    """
    path_of: dict[Value, ClusterPath] = {}
    pre_activation: set[Value] = set()
    consumers: dict[Value, list[Value]] = {}
    for value in order:
        for parent in value.parents:
            consumers.setdefault(parent, []).append(value)
        if value in clusters:
            path_of[value] = clusters[value]
            continue
        parents = value.parents
        owners = [clusters[p] for p in parents if p in clusters]
        if owners:
            path_of[value] = owners[0]  # the first parameter decides, so the result is stable
            pre_activation.add(value)
            continue
        non_constant = [p for p in parents if p.role != "constant"]
        if non_constant and all(p in pre_activation for p in non_constant):
            paths = {path_of[p] for p in non_constant}
            if len(paths) == 1 and (len(parents) == 1 or value.op_class.adds_inputs):
                path_of[value] = paths.pop()
                if len(parents) > 1:  # a partial sum is still before the activation
                    pre_activation.add(value)
    # Unnamed constants (the x's of Value.dot(w, [2, 3, 1])) sit beside the op that uses them;
    # inputs that only feed neurons line up in an input layer, as in the textbook figure.
    for value in order:
        for parent in value.parents:
            if value in path_of and parent.role == "constant" and parent not in path_of:
                path_of[parent] = path_of[value]
    for value in order:
        users = consumers.get(value, [])
        if value.role == "input" and value not in path_of and all(u in path_of for u in users) \
                and users:
            path_of[value] = INPUT_LAYER
    return path_of


def by_sample(path_of: dict[Value, ClusterPath], sample: dict[Value, int]) -> dict[Value, ClusterPath]:
    """A batch picture: each node computed for one sample in that sample's box ('Sample 2'); the
    parameters, shared by every sample, stay in their neurons' boxes."""
    out = {v: p for v, p in path_of.items() if v not in sample and p != INPUT_LAYER}
    batch = f"{max(sample.values())} samples"
    out.update((v, (batch, f"Sample {k}")) for v, k in sample.items())
    return out


def reading_rows(order: list[Value], path_of: dict[Value, ClusterPath], neuron_of: dict[Value, ClusterPath],
                 ids: dict[Value, str]) -> tuple[list[list[str]], dict[ClusterPath, list[list[str]]]]:
    """For a batch picture, rows to keep across boxes in reading order: the first parameter of each
    neuron (layers in order, neurons in order) and the first input of each sample (samples in order);
    and chains inside each sample's box: the net inputs of one layer's neurons (neurons in order)."""
    heads: dict[ClusterPath, Value] = {}
    per_layer: dict[tuple[ClusterPath, str], dict[ClusterPath, Value]] = {}
    for v in order:
        box = path_of.get(v)
        if box and not v.parents and v.role in ("parameter", "input") and box not in heads:
            heads[box] = v
        neuron = neuron_of.get(v)
        if box and neuron and box[-1].startswith("Sample ") and any(p.role == "parameter" for p in v.parents):
            per_layer.setdefault((box, neuron[0]), {}).setdefault(neuron, v)
    layers: dict[str, list[ClusterPath]] = {}
    for b in heads:
        if b != INPUT_LAYER and not b[-1].startswith("Sample "):
            layers.setdefault(b[0], []).append(b)
    # every parameter in one row above the samples (dot keeps the order of rows this long)
    neurons = [heads[b] for layer in sorted(layers, key=lambda name: _numbered((name,)))
               for b in sorted(layers[layer], key=_numbered)]
    rows = [neurons, [v for b, v in heads.items() if b[-1].startswith("Sample ")]]
    inside: dict[ClusterPath, list[list[str]]] = {}
    for (box, _), found in per_layer.items():
        if len(found) > 1:
            inside.setdefault(box, []).append([ids[found[n]] for n in sorted(found, key=_numbered)])
    return [[ids[v] for v in row] for row in rows if len(row) > 1], inside


def _numbered(box: ClusterPath) -> tuple:
    """Boxes sort by their names' numbers: Layer 1 before Layer 2, Neuron 2 before Neuron 10."""
    return tuple((int(name.split()[-1]) if name.split()[-1].isdigit() else 0, name) for name in box)


def sibling_chains(order: list[Value], path_of: dict[Value, ClusterPath], ids: dict[Value, str],
                   loose: bool = False) -> dict[ClusterPath, list[list[str]]]:
    """Per box, groups of leaves to keep side by side in their given order: w1, w2, ..., b of one
    neuron, and x1, x2, ... of the input layer (dot would otherwise shuffle them). loose: also the
    parameters outside every box (under the key ()), as in a part drawn with around=."""
    chains: dict[ClusterPath, list[list[str]]] = {}
    chained: set[Value] = set()
    drawn = set(order)  # a part of a graph leaves some parameters out
    inputs: dict[ClusterPath, list[Value]] = {}  # the input layer, or each sample's inputs in its box
    for v in order:
        if not v.parents and v.role == "input" and v in path_of:
            inputs.setdefault(path_of[v], []).append(v)
    for box, found in inputs.items():
        if len(found) > 1:
            chains[box] = [[ids[v] for v in found]]
            chained.update(found)
    for value in order:
        # the parameters' own box: the op's box, or in a batch picture the neuron beside the samples
        box = next((path_of.get(p) for p in value.parents if p.role == "parameter" and not p.parents), None)
        group = [p for p in dict.fromkeys(value.parents)  # a*a lists its parent once
                 if not p.parents and p.role == "parameter" and path_of.get(p) == box
                 and p not in chained and p in drawn]
        if (box or loose) and len(group) > 1:
            chains.setdefault(box or (), []).append([ids[p] for p in group])
            chained.update(group)  # one chain per leaf, so chains never contradict each other
    return chains


def parameter_groups(shown: list[Value], path_of: dict[Value, ClusterPath]) -> dict[Value, list[Value]]:
    """Each parameter -> the parameters of its neuron that feed the same op (w1, ..., b), the rows of
    that neuron's parameter table in compact='tables' pictures."""
    groups: dict[Value, list[Value]] = {}
    drawn = set(shown)
    for value in shown:
        box = path_of.get(value)
        group = [p for p in dict.fromkeys(value.parents) if p in drawn and not p.parents
                 and p.role == "parameter" and path_of.get(p) == box and p not in groups]
        if box and len(group) > 1:
            groups.update((p, group) for p in group)
    return groups


def emit_clusters(graph: graphviz.Digraph, bodies: dict[ClusterPath, list[NodeStatement]],
                  chains: dict[ClusterPath, list[list[str]]], *, rankdir: str,
                  level: dict[ClusterPath, list[list[str]]] | None = None,
                  rows: list[list[str]] | None = None) -> None:
    """Top-level nodes, then one nested `cluster_...` subgraph per layer and per neuron.

    chains: nodes to keep side by side in the given order; level: nodes to keep on one rank;
    rows: nodes of different boxes to keep side by side in order (newrank lets a rank cross boxes)."""
    # dot turns a top-to-bottom layout into a left-to-right one so that "first" ends up at the
    # bottom; reversing the chains keeps w1 at the top.
    flip = rankdir in ("LR", "RL")
    for node_id, attrs in bodies[()]:
        graph.node(node_id, **attrs)
    children: dict[ClusterPath, list[ClusterPath]] = {}
    for path, body in bodies.items():  # dicts keep insertion order, so cluster names are stable
        if not body:
            continue  # parameters that are not in this graph leave no empty box behind
        for depth in range(1, len(path) + 1):
            prefix, parent = path[:depth], path[:depth - 1]
            if prefix not in children.setdefault(parent, []):
                children[parent].append(prefix)

    def build(path: ClusterPath, name: str) -> graphviz.Digraph:
        box = graphviz.Digraph(name=name)
        box.attr(label=graphviz.nohtml(style.printable(path[-1])),
                 **(style.LAYER_STYLE if len(path) == 1 else style.NEURON_STYLE))
        for node_id, attrs in bodies.get(path, []):
            box.node(node_id, **attrs)
        for chain in chains.get(path, []):
            keep_in_order(box, chain, flip)
        for group in (level or {}).get(path, []):
            with box.subgraph() as row:
                row.attr(rank="same")
                for node_id in group:
                    row.node(node_id)
        # dot places the boxes it reads first on the right of a top-to-bottom picture: declaring them
        # in reverse puts Neuron 1 left of Neuron 2
        kids = list(enumerate(children.get(path, [])))
        for k, child in kids:
            box.subgraph(build(child, f"{name}_{k}"))
        return box

    for k, top in enumerate(children.get((), [])):
        graph.subgraph(build(top, f"cluster_{k}"))
    for chain in chains.get((), []):  # outside the boxes, dot keeps the order without the flip
        keep_in_order(graph, chain, False)
    if rows:
        graph.attr("graph", newrank="true")
        for row in rows:
            keep_in_order(graph, row, flip)


def keep_in_order(graph: graphviz.Digraph, chain: list[str], flip: bool) -> None:
    """Same rank plus invisible edges: the one way to make dot keep a given order."""
    with graph.subgraph() as row:
        row.attr(rank="same")
        chain = chain[::-1] if flip else chain
        for tail, head in zip(chain, chain[1:], strict=False):
            row.edge(tail, head, style="invis")
