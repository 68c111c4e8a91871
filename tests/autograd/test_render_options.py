"""draw_dot's newer options: validation in one place, compact boxes, highlighted paths, parts of a
graph with stubs, hidden input gradients, wrapped chains, control characters, PNG resolution, and
the unique names models give their nodes."""

from __future__ import annotations

import re
import shutil
import struct
from collections import Counter

import pytest

from autograd import Value, draw_dot, explain, topological_order
from autograd.draw import style
from autograd.draw.options import DrawOptions
from nn import MLP, mse_loss

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
NODE = re.compile(r"^\s*(n\d+(?:op)?|stub_n\d+(?:_in|_out)?) \[(.*)\]$")
EDGE = re.compile(r"^\s*(\S+) -> (\S+)(?: \[(.*)\])?$")


def nodes(source):
    return {m[1]: m[2] for m in map(NODE.match, source.splitlines()) if m}


def edges(source):
    found = [(m[1], m[2], m[3] or "") for m in map(EDGE.match, source.splitlines()) if m]
    return [e for e in found if "invis" not in e[2]]


def network(labels=None):
    model = MLP(2, [2, 1], activation="sigmoid", seed=3, labels=labels)
    loss = mse_loss(model([1.0, -1.0]), 1.0)
    loss.label = "E"
    loss.backward()
    return model, loss


# ---- options: one place, clear errors ----------------------------------------------------------

@pytest.mark.parametrize("option, bad, allowed", [
    ("rankdir", "sideways", "'auto', 'LR', 'TB'"), ("layout", "grid", "'auto', 'plain', 'wrap'"),
    ("compact", "yes", "'auto', True, False, 'tables'"), ("compact", 1, "'auto', True"),
    ("show_order", "sideways", "False, True, 'topological', 'backward'")])
def test_unknown_option_values_name_the_option_and_the_allowed_values(option, bad, allowed):
    with pytest.raises(ValueError, match=rf"{option} must be one of {allowed}.*got {re.escape(repr(bad))}"):
        draw_dot(Value(1.0), **{option: bad})


def test_unknown_option_names_list_the_options():
    with pytest.raises(TypeError, match=r"no option 'colour'; the options are: rankdir, layout"):
        draw_dot(Value(1.0), colour="red")


@pytest.mark.parametrize("options, message", [
    ({"digits": 0}, "digits"), ({"decimals": -1}, "decimals"), ({"depth": -1}, "depth"),
    ({"max_nodes": 0}, "max_nodes"), ({"only": [Value(1.0)], "around": Value(1.0)}, "not both")])
def test_bad_option_values_get_clear_errors(options, message):
    with pytest.raises(ValueError, match=message):
        DrawOptions(**options)


@pytest.mark.parametrize("options, message", [
    ({"edge_labels": "yes"}, "edge_labels must be True or False"), ({"measure": 1}, "measure must be True or False"),
    ({"depth": "2"}, "depth must be a whole number"), ({"max_nodes": 10.0}, "max_nodes must be a whole number")])
def test_options_of_the_wrong_type_are_type_errors(options, message):
    with pytest.raises(TypeError, match=message):
        DrawOptions(**options)


def test_options_are_frozen():
    with pytest.raises(AttributeError):
        DrawOptions().rankdir = "TB"


@needs_dot
def test_measure_false_chooses_by_the_estimate_alone_and_runs_no_dot(monkeypatch):
    import autograd.draw.fit
    from autograd.draw.render import ComputationGraph

    runs = []
    original = ComputationGraph.picture
    monkeypatch.setattr(ComputationGraph, "picture",
                        lambda self, *a, **k: runs.append(a) or original(self, *a, **k))
    model, loss = network()
    draw_dot(loss, clusters=model)
    assert len(runs) > 1  # by default dot measures the most promising layouts
    runs.clear()
    estimated = draw_dot(loss, clusters=model, measure=False)
    assert runs == []
    monkeypatch.setattr(autograd.draw.fit.shutil, "which", lambda name: None)
    assert estimated.source == draw_dot(loss, clusters=model).source  # what a machine without dot picks


# ---- compact mode and parameter tables ---------------------------------------------------------

def test_compact_draws_each_op_inside_its_result_box_and_keeps_the_ids():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = (a * b).tanh()
    source = draw_dot(c, compact=True).source
    found = nodes(source)
    assert sorted(found) == ["n0", "n1", "n2", "n3"]  # no op nodes, one box per value
    assert f'BGCOLOR="{style.OP_CELL}"><B>*</B>' in found["n2"] and "<B>tanh</B>" in found["n3"]
    assert [(t, h) for t, h, _ in edges(source)] == [("n0", "n2"), ("n1", "n2"), ("n2", "n3")]


def test_parameter_tables_list_a_neurons_parameters_in_one_box():
    model, loss = network()
    source = draw_dot(loss, clusters=model, compact="tables").source
    neuron = model.layers[0].neurons[0]
    ids = {v: f"n{i}" for i, v in enumerate(topological_order(loss))}
    table = nodes(source)[ids[neuron.w[0]]]
    assert all(f"<B>{p.label}</B>" in table for p in (*neuron.w, neuron.b))
    assert ids[neuron.w[1]] not in nodes(source)  # drawn inside the first parameter's table


@needs_dot
def test_parameter_tables_before_backward_have_blank_grads_and_dot_draws_them():
    model = MLP(2, [2, 1], activation="sigmoid", seed=3)
    graph = draw_dot(model([1.0, -1.0]), clusters=model, compact="tables")
    assert "<FONT COLOR=\"#A63A00\"></FONT>" not in graph.source
    assert b"<svg" in graph.picture("svg")


# ---- highlight --------------------------------------------------------------------------------

def test_highlight_a_parameter_draws_its_paths_to_the_root_strong_and_dims_the_rest():
    model, loss = network()
    w = model.layers[0].neurons[0].w[0]
    order = topological_order(loss)
    ids = {v: f"n{i}" for i, v in enumerate(order)}
    source = draw_dot(loss, highlight=w, compact=True).source
    strong = {k for k, attrs in nodes(source).items() if f'color="{style.HIGHLIGHT_COLOUR}"' in attrs}
    names = {"L1.n1.w1", "L1.n1.z", "L1.n1.a", "L2.n1.a", "E"}  # w's one path to the loss
    assert {ids[v] for v in order if v.label in names} <= strong
    assert not strong & {ids[v] for v in order if v.label.startswith(("L1.n2.", "L2.n1.w"))}
    assert style.DIM["fillcolor"] in nodes(source)[ids[model.layers[0].neurons[1].w[0]]]
    lit_edges = {(t, h) for t, h, a in edges(source) if style.HIGHLIGHT_COLOUR in a}
    assert (ids[w], ids[next(v for v in order if v.label == "L1.n1.z")]) in lit_edges


def test_highlight_accepts_an_explanation_and_a_path():
    model, loss = network(labels="textbook")
    w = model.layers[0].neurons[0].w[0]
    by_param = draw_dot(loss, highlight=w).source
    assert draw_dot(loss, highlight=explain(w, loss)).source == by_param
    order = topological_order(loss)
    path = [w, next(v for v in order if v.label == "I3"), next(v for v in order if v.label == "O3")]
    source = draw_dot(loss, highlight=path, compact=True).source
    lit = [k for k, attrs in nodes(source).items() if f'color="{style.HIGHLIGHT_COLOUR}"' in attrs]
    assert sorted(lit) == sorted(f"n{order.index(v)}" for v in path)


def test_highlight_errors_name_the_problem():
    _, loss = network()
    with pytest.raises(ValueError, match="is not in the graph"):
        draw_dot(loss, highlight=Value(3.0))
    a = Value(1.0, "w")
    b = Value(2.0, "w")
    twin = a * b
    with pytest.raises(ValueError, match="2 nodes .* called that; pass the node itself"):
        draw_dot(twin, highlight=explain(a, twin))
    with pytest.raises(TypeError, match="highlight"):
        draw_dot(loss, highlight=3)


# ---- parts of a graph -------------------------------------------------------------------------

def test_only_one_neuron_with_stubs_for_the_cut_edges():
    model, loss = network()
    neuron = model.layers[0].neurons[1]
    source = draw_dot(loss, only=neuron, compact=True).source
    labels = re.findall(r"<B>([^<]+)</B>", source)
    assert {"L1.n2.w1", "L1.n2.w2", "L1.n2.b", "L1.n2.z", "L1.n2.a"} <= set(labels)
    assert not any(label.startswith(("L1.n1.", "L2.")) for label in labels)
    stubs = {k: v for k, v in nodes(source).items() if k.startswith("stub_")}
    # one stub: the cut edge to the output unit (a linear unit's one node is its output, L2.n1.a)
    assert len(stubs) == 1 and "L2.n1.a …" in next(iter(stubs.values()))


def test_around_a_node_draws_its_neighbourhood():
    x = Value(0.5, "x")
    chain = [x]
    for _ in range(6):
        chain.append(chain[-1].tanh())
    source = draw_dot(chain[-1], around=chain[3], depth=1, compact=True).source
    drawn = [k for k in nodes(source) if k.startswith("n")]
    assert drawn == ["n2", "n3", "n4"]
    assert {"stub_n1", "stub_n5"} <= set(nodes(source))
    with pytest.raises(ValueError, match="not in the graph"):
        draw_dot(chain[-1], around=Value(1.0))


@pytest.mark.parametrize("options", [
    {"compact": False}, {"compact": True}, {"compact": "tables"}, {"only": "L1.n2"}, {"around": "L1.n2.a"},
    {"around": "L1.n2.a", "compact": "tables"}, {"highlight": "L1.n1.w1", "compact": "tables"}])
def test_every_edge_joins_drawn_nodes(options):
    """No phantom node: every id an edge (visible or not) names is a node of the picture."""
    model, loss = network()
    by_label = {v.label: v for v in topological_order(loss) if v.label}
    named = {k: (model.layers[0].neurons[1] if v == "L1.n2" else by_label[v]) if isinstance(v, str) and k != "compact"
             else v for k, v in options.items()}
    source = draw_dot(loss, clusters=model, **named).source
    declared = set(nodes(source))
    ends = {end for m in map(EDGE.match, source.splitlines()) if m for end in (m[1], m[2])}
    assert ends <= declared


def test_many_cut_edges_share_one_stub_that_names_the_first_and_counts_the_rest():
    xs = [Value(float(k), f"x{k}").tanh() for k in range(5)]
    total = Value.sum(xs)
    out = total * 2
    source = draw_dot(out, around=total, depth=0, compact=True).source
    stubs = {k: v for k, v in nodes(source).items() if k.startswith("stub_")}
    style = 'fontcolor="#555555" height=0.2 margin=0.02 shape=plaintext'
    assert list(stubs.values()) == [f"label=<… n1 and 4 more> {style}", f"label=<n12 …> {style}"]


def test_a_stub_for_many_cut_edges_out_names_where_the_first_leads():
    x = Value(1.0, "x").tanh()  # computed: a leaf read elsewhere too is no cut
    uses = [x * float(k) for k in range(1, 6)]
    for k, u in enumerate(uses, start=1):
        u.label = f"c{k}"
    source = draw_dot(Value.sum(uses), around=x, depth=0, compact=True).source
    stubs = {k: v for k, v in nodes(source).items() if k.startswith("stub_")}
    assert stubs["stub_n1_out"].startswith("label=<to c1 and 4 more …>")


# ---- decluttering, wrapping, escaping, resolution ---------------------------------------------

def test_input_grads_false_hides_grads_of_inputs_and_constants_only():
    x, w = Value(2.0, "x"), Value(0.5, "w")
    w.role = "parameter"
    y = w * x + 1.0
    y.backward()
    ids = {v: f"n{i}" for i, v in enumerate(topological_order(y))}
    found = nodes(draw_dot(y, input_grads=False, compact=False).source)
    assert ">grad" not in found[ids[x]] and ">grad 2.000<" in found[ids[w]]  # x hidden, w shown
    assert ">grad 0.5000<" in nodes(draw_dot(y, compact=False).source)[ids[x]]


def test_a_long_chain_is_wrapped_into_rows():
    x = Value(0.5, "x")
    for _ in range(10):
        x = x.sigmoid()
    graph = draw_dot(x)
    assert graph.layout.bands > 1
    assert any("constraint=false" in a for _, _, a in edges(graph.source))  # row-to-row edges
    assert draw_dot(x, layout="plain").layout.bands == 1
    assert draw_dot(x).source == graph.source  # deterministic


def test_wrap_asked_for_a_graph_too_small_to_wrap_draws_one_row():
    y = Value(0.5, "x") * 2.0  # three values: no two rows of at least two
    assert draw_dot(y, layout="wrap").layout.bands == 1


@needs_dot
def test_control_characters_in_labels_are_escaped_and_dot_draws_them():
    out = Value(1.0, "nul\x00") + Value(2.0, "esc\x1b[0m")
    source = draw_dot(out).source
    assert "\x00" not in source and "\x1b" not in source and "nul\\x00" in source
    assert b"<svg" in draw_dot(out).picture("svg")
    assert "\x00" not in draw_dot(out, clusters={out.parents[0]: "box\x00"}).source


@needs_dot
def test_png_resolution(tmp_path):
    graph = draw_dot(Value(1.0, "x") * 2)

    def width(path):
        return struct.unpack(">II", path.read_bytes()[16:24])[0]

    small = tmp_path / "small.png"
    large = tmp_path / "large.png"
    graph.save(small, dpi=50)
    graph.save(large)  # 150 dpi by default
    assert 2.5 < width(large) / width(small) < 3.5
    with pytest.raises(ValueError, match="dpi"):
        graph.save(tmp_path / "x.png", dpi=0)


# ---- unique names ------------------------------------------------------------------------------

def test_a_models_default_picture_never_repeats_a_label():
    model, loss = network()
    labels = [v.label for v in topological_order(loss) if v.label]
    assert [p.label for p in model.layers[0].neurons[1].parameters()] == ["L1.n2.w1", "L1.n2.w2", "L1.n2.b"]
    assert {"L1.n2.z", "L1.n2.a", "L2.n1.a"} <= set(labels)
    params = [p.label for p in model.parameters()]
    assert len(set(params)) == len(params)
    drawn = re.findall(r"<B>([^<]+)</B>", draw_dot(loss, clusters=model, compact=True).source)
    named = [t for t in drawn if "." in t]  # the ops' symbols are bold too
    assert named and not [t for t, n in Counter(named).items() if n > 1]


def test_sequential_names_its_layers_like_an_mlp():
    from nn import Dropout, Layer, Sequential

    model = Sequential(Layer(2, 3), Dropout(0.5), Layer(3, 1, nonlin=False))
    labels = [p.label for p in model.parameters()]
    assert labels[:3] == ["L1.n1.w1", "L1.n1.w2", "L1.n1.b"] and labels[-1] == "L2.n1.b"
    assert len(set(labels)) == len(labels)
    assert [p.label for p in Layer(2, 2).parameters()][:4] == ["n1.w1", "n1.w2", "n1.b", "n2.w1"]


def test_textbook_labels_still_win():
    model, _ = network(labels="textbook")
    assert [p.label for p in model.layers[0].neurons[0].parameters()] == ["w13", "w23", "θ3"]
