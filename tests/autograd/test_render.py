"""draw_dot: DOT structure, labels, escaping, roles, clusters; pictures when `dot` is installed;
honest advice (never a crash) when it is not."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
import pytest

from autograd import Value, draw_dot, topological_order
from autograd.draw import style
from autograd.draw.render import (
    LARGE_LAYOUT,
    ComputationGraph,
    GraphvizNotFoundError,
    LargeGraphWarning,
    install_command,
)
from autograd.formatting import significant

NO_DOT_REASON = f"Graphviz's dot is not on PATH; install it with: {install_command()}"


def needs_dot(test):
    """Marked needs_dot, and skipped (with the reason shown by -ra) only when dot is missing."""
    skip = pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT_REASON)
    return pytest.mark.needs_dot(skip(test))

NODE = re.compile(r"^\s*(n\d+(?:op)?|legend_\w+) \[(.*)\]$")
EDGE = re.compile(r"^\s*(\S+) -> (\S+)(?: \[(.*)\])?$")


def nodes(source: str) -> dict[str, str]:
    """node id -> its attribute text."""
    return {m[1]: m[2] for m in map(NODE.match, source.splitlines()) if m}


def edges(source: str) -> list[tuple[str, str, str]]:
    """(tail, head, attributes) of every visible edge, in order."""
    found = [(m[1], m[2], m[3] or "") for m in map(EDGE.match, source.splitlines()) if m]
    return [e for e in found if "invis" not in e[2]]


def boxes(source: str) -> dict[str, tuple[str, ...]]:
    """node id -> labels of the clusters it is drawn in, outer to inner."""
    stack: list[str | None] = []
    where: dict[str, tuple[str, ...]] = {}
    for line in source.splitlines()[1:]:
        text = line.strip()
        if text.startswith("subgraph cluster_"):
            stack.append("")
        elif text == "{":
            stack.append(None)  # an unnamed rank=same group, not a box
        elif text == "}":
            if stack:
                stack.pop()
        elif stack and stack[-1] == "" and (m := re.search(r'\blabel=("[^"]*"|\S+)', text)):
            stack[-1] = m[1].strip('"')
        elif m := NODE.match(line):
            where[m[1]] = tuple(s for s in stack if s)
    return where


def neuron(x1=2.0, x2=0.0):
    """micrograd's README neuron: o = tanh(x1*w1 + x2*w2 + b)."""
    x1, x2 = Value(x1, "x1"), Value(x2, "x2")
    w1, w2, b = Value(-3.0, "w1"), Value(1.0, "w2"), Value(6.8813735870195432, "b")
    for p in (w1, w2, b):
        p.role = "parameter"
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def net_321():
    """A 3-2-1 sigmoid network (Han & Kamber's numbers) and its loss, clusters built by hand."""
    xs = [Value(v, f"x{i}") for i, v in enumerate([1.0, 0.0, 1.0], start=1)]
    clusters = {}

    def unit(number, layer, weights, bias, inputs):
        ws = [Value(w, f"w{i}{number}") for i, w in enumerate(weights, start=1)]
        b = Value(bias, f"θ{number}")
        for p in (*ws, b):
            p.role = "parameter"
            clusters[p] = (f"Layer {layer}", f"Neuron {number}")
        out = Value.dot(ws, inputs, b).sigmoid()
        out.label = f"O{number}"
        return out

    o4 = unit(4, 1, [0.2, 0.4, -0.5], -0.4, xs)
    o5 = unit(5, 1, [-0.3, 0.1, 0.2], 0.2, xs)
    o6 = unit(6, 2, [-0.3, -0.2], 0.1, [o4, o5])
    loss = 0.5 * (1.0 - o6) ** 2
    loss.label = "E"
    return loss, clusters


# ---- structure and labels ---------------------------------------------------------------------

def test_one_record_per_value_and_one_node_per_op_in_topological_order():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    ab = a * b
    c = ab + a
    source = draw_dot(c).source
    ids = {v: f"n{i}" for i, v in enumerate(topological_order(c))}  # ids follow topological_order
    found = nodes(source)
    assert sorted(found) == sorted([*ids.values(), ids[ab] + "op", ids[c] + "op"])
    for value, node_id in ids.items():
        assert f"data {significant(value.data)}" in found[node_id]
    assert "<B>*</B>" in found[ids[ab] + "op"] and "<B>+</B>" in found[ids[c] + "op"]
    assert sorted((t, h) for t, h, _ in edges(source)) == sorted([
        (ids[ab] + "op", ids[ab]), (ids[a], ids[ab] + "op"), (ids[b], ids[ab] + "op"),
        (ids[c] + "op", ids[c]), (ids[ab], ids[c] + "op"), (ids[a], ids[c] + "op")])


def test_a_reused_parent_keeps_both_edges():
    a = Value(3.0, "a")
    assert [(t, h) for t, h, _ in edges(draw_dot(a * a).source)] == [
        ("n1op", "n1"), ("n0", "n1op"), ("n0", "n1op")]


@pytest.mark.parametrize("build, symbol", [
    (lambda a, b: a - b, "-"),
    (lambda a, b: a / b, "/"),
    (lambda a, b: -a, "-"),
    (lambda a, b: a ** 2, "**2"),
    (lambda a, b: a ** 0.5, "**0.5"),
    (lambda a, b: a ** b, "**"),
    (lambda a, b: a.leaky_relu(0.01), "leaky_relu(0.01)"),
    (lambda a, b: a.elu(alpha=0.5), "elu(0.5)"),
    (lambda a, b: a.sigmoid(), "sigmoid"),
    (lambda a, b: Value.sum([a, b, a]), "Σ"),
    (lambda a, b: Value.dot([a], [b], Value(1.0)), "Σ w·x + b"),
    (lambda a, b: Value.dot([a], [b]), "Σ w·x"),
    (lambda a, b: a.max(b), "max"),
])
def test_op_shown_as_the_student_wrote_it(build, symbol):
    out = build(Value(2.0, "a"), Value(3.0, "b"))
    op_labels = [attrs for node_id, attrs in nodes(draw_dot(out).source).items() if node_id.endswith("op")]
    assert op_labels == [f"label=<<B>{symbol}</B>>" + op_labels[0].split(">>", 1)[1]]


def test_numbers_have_significant_figures_or_the_chosen_decimals_and_never_minus_zero():
    x = Value(3.14159265, "x")
    y = x * 1e-9 * -1.0
    assert "data 3.142<" in draw_dot(x).source  # 4 significant figures by default
    assert "data 3.14159<" in draw_dot(x, digits=6).source
    assert "data 3.14<" in draw_dot(x, decimals=2).source
    assert "data 3<" in draw_dot(x, decimals=0).source
    assert "data -3.142e-9<" in draw_dot(y).source  # a tiny number is never shown as zero
    source = draw_dot(y, decimals=4).source
    assert "-0.0000" not in source and "data 0.0000" in source


def test_grad_never_computed_is_blank_not_zero():
    o = neuron()
    before = draw_dot(o).source
    assert "grad 0" not in before and before.count("grad </FONT>") == len(topological_order(o))
    o.backward()
    after = nodes(draw_dot(o).source)
    assert "grad 1.000<" in after["n9"]  # the root
    assert "grad -1.500<" in after["n0"] and "grad 0<" in after["n4"]  # x1 and w2 (exactly zero)
    assert "grad </FONT>" not in "".join(after.values())


def test_differentiable_grads_are_shown_by_their_value():
    x = Value(3.0, "x")
    y = x * x
    y.backward(create_graph=True)
    assert isinstance(x.grad, Value)
    assert "grad 6.000" in nodes(draw_dot(y).source)["n0"]


def test_labels_are_bold_and_optional():
    a = Value(1.0, "a")
    found = nodes(draw_dot(a + Value(2.0)).source)
    assert "<B>a</B>" in found["n0"] and "<B>" not in found["n1"]


# ---- roles, legend, order numbers, edge labels ------------------------------------------------

def test_roles_have_their_own_style_and_the_root_stands_out():
    x, w = Value(2.0, "x"), Value(0.5, "w")
    w.role = "parameter"
    h = w * x
    out = (h + 1.0).tanh()
    found = nodes(draw_dot(out).source)
    ids = {v: f"n{i}" for i, v in enumerate(topological_order(out))}
    constant = next(v for v in ids if v.role == "constant")
    for value, role in [(x, "input"), (w, "parameter"), (constant, "constant"), (h, "intermediate"),
                        (out, "root")]:
        fill = style.ROLE_STYLES[role]["fillcolor"]
        assert f'fillcolor="{fill}"' in found[ids[value]], role
    assert "peripheries=2" in found[ids[out]]


def test_roles_differ_in_colour_and_also_in_line_or_shape():
    """Colour-blind readers and greyscale projectors still tell the roles apart."""
    styles = style.ROLE_STYLES.values()
    assert len({s["fillcolor"] for s in styles}) == len(style.ROLE_STYLES)
    non_colour = {(s["shape"], s["style"], s["penwidth"], s.get("peripheries")) for s in styles}
    assert len(non_colour) == len(style.ROLE_STYLES)


def test_legend_lists_the_roles_drawn():
    o = neuron()
    found = nodes(draw_dot(o, legend=True).source)
    legend = [k for k in found if k.startswith("legend_")]
    assert legend == ["legend_parameter", "legend_input", "legend_intermediate", "legend_root",
                      "legend_op"]
    assert found["legend_parameter"].startswith("label=parameter ")
    assert found["legend_root"].startswith('label="output (root)" ')
    for role in ("parameter", "input", "intermediate", "root"):  # samples look like the real nodes
        assert f'fillcolor="{style.ROLE_STYLES[role]["fillcolor"]}"' in found[f"legend_{role}"]
    assert "subgraph cluster_legend" in draw_dot(o, legend=True).source
    assert "legend" not in draw_dot(o).source


def test_show_order_numbers_nodes_in_topological_or_backward_order():
    o = neuron()
    n = len(topological_order(o))
    forward = nodes(draw_dot(o, show_order=True).source)
    backward = nodes(draw_dot(o, show_order="backward").source)
    for i in range(n):
        assert f">#{i}</FONT>" in forward[f"n{i}"]
        assert f">#{n - 1 - i}</FONT>" in backward[f"n{i}"]
    assert "#" not in "".join(nodes(draw_dot(o).source).values()).replace('"#', "")
    with pytest.raises(ValueError, match="show_order"):
        draw_dot(o, show_order="sideways")


def test_edge_labels_show_the_local_derivative():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = (a * b).tanh()
    found = edges(draw_dot(c, edge_labels=True, compact=False).source)
    labels = {(t, h): attrs for t, h, attrs in found}
    assert 'label="∂ = -3.000"' in labels[("n0", "n2op")]  # d(ab)/da = b
    assert 'label="∂ = 2.000"' in labels[("n1", "n2op")]
    assert f'label="∂ = {significant(1 - c.data ** 2)}"' in labels[("n2", "n3op")]
    assert f"fontsize={style.FONT_SIZE}" in draw_dot(c, edge_labels=True).source  # as large as the rest
    assert "∂" not in draw_dot(c).source


# ---- constants -----------------------------------------------------------------------------

def test_constants_are_drawn_small_or_folded_into_the_op():
    x = Value(3.0, "x")
    for out, folded in [(2 * x, "2 *"), (x - 1, "- 1"), (2 - x, "2 -"), (x / 4, "/ 4"),
                        (x * 0.25, "* 0.25")]:
        small = nodes(draw_dot(out).source)
        constant = [attrs for attrs in small.values() if "dashed" in attrs]
        assert len(constant) == 1 and "fontsize" not in constant[0]  # as readable as the rest
        assert len(small) == 4
        flat = nodes(draw_dot(out, fold_constants=True).source)
        assert len(flat) == 3 and f"<B>{folded}</B>" in flat["n2op"]
        assert [(t, h) for t, h, _ in edges(draw_dot(out, fold_constants=True).source)] == [
            ("n2op", "n2"), ("n0" if out.parents[0] is x else "n1", "n2op")]


def test_folded_dot_lists_its_numeric_inputs():
    w1, w2, b = Value(0.5, "w1"), Value(0.2, "w2"), Value(2.0, "b")
    z = Value.dot([w1, w2], [2, 3], b)
    op = nodes(draw_dot(z, fold_constants=True).source)
    assert any("Σ w·x + b</B><BR/>" in a and "x = (2, 3)" in a for a in op.values())


def test_a_tiny_constant_is_not_rounded_to_zero():
    x = Value(1.0, "x")
    assert "<B>* 1e-06</B>" in draw_dot(x * 1e-6, fold_constants=True).source


# ---- options and errors --------------------------------------------------------------------

def test_layout_direction():
    o = neuron()
    assert "rankdir=LR" in draw_dot(o).source
    tb = draw_dot(o, rankdir="TB").source
    assert "rankdir=TB" in tb and "<HR/>" in tb and "<VR/>" not in tb
    with pytest.raises(ValueError, match="rankdir"):
        draw_dot(o, rankdir="sideways")


def test_bad_arguments_get_clear_errors():
    with pytest.raises(TypeError, match="expects a Value"):
        draw_dot(3.0)
    with pytest.raises(ValueError, match="decimals"):
        draw_dot(Value(1.0), decimals=-1)
    with pytest.raises(ValueError, match="max_nodes"):
        draw_dot(Value(1.0), max_nodes=0)
    with pytest.raises(TypeError, match="clusters"):
        draw_dot(Value(1.0), clusters=[1, 2])
    with pytest.raises(TypeError, match="keys must be Values"):
        draw_dot(Value(1.0), clusters={"w": ("Layer 1",)})
    with pytest.raises(TypeError, match="tuple of names"):
        draw_dot(Value(1.0), clusters={Value(2.0): ()})


def test_dot_text_is_the_same_on_every_run():
    def build():
        loss, clusters = net_321()
        loss.backward()
        return draw_dot(loss, clusters=clusters, legend=True, show_order=True).source

    first = build()
    assert first == build()
    loss, _ = net_321()
    assert draw_dot(loss).source == draw_dot(loss).source
    assert "0x" not in first  # no id()-based names


def test_value_draw_is_draw_dot():
    o = neuron()
    assert o.draw(rankdir="TB", decimals=2).source == draw_dot(o, rankdir="TB", decimals=2).source


def test_returns_a_graphviz_digraph():
    graph = draw_dot(neuron())
    assert isinstance(graph, graphviz.Digraph) and isinstance(graph, ComputationGraph)
    assert graph.value_count == 10 and "10 values" in repr(graph)
    assert graph.copy().value_count == 10


# ---- escaping --------------------------------------------------------------------------------

AWKWARD_LABELS = ["<a>", "x|y", "{b}", 'say "hi"', "has space", "θ4", "a & b", "back\\slash"]


def test_special_characters_are_escaped_in_the_dot_text():
    source = draw_dot(Value.sum([Value(1.0, label) for label in AWKWARD_LABELS])).source
    for escaped in ["<B>&lt;a&gt;</B>", "<B>x|y</B>", "<B>{b}</B>", "<B>say &quot;hi&quot;</B>",
                    "<B>has space</B>", "<B>θ4</B>", "<B>a &amp; b</B>"]:
        assert escaped in source
    assert 'tooltip="say \\"hi\\": data=1.0' in source
    assert 'tooltip="back\\\\slash:' in source


def test_cluster_names_are_escaped():
    w = Value(1.0, "w")
    source = draw_dot(w * 2, clusters={w: ('<L> "1"', "N|1")}).source
    assert 'label="<L> \\"1\\""' in source and 'label="N|1"' in source


# ---- neuron-level view ---------------------------------------------------------------------

def test_neuron_level_view_nests_neurons_in_layers():
    loss, clusters = net_321()
    loss.backward()
    source = draw_dot(loss, clusters=clusters, compact=False).source
    where = boxes(source)
    order = topological_order(loss)
    ids = {v: f"n{i}" for i, v in enumerate(order)}
    by_label = {v.label: ids[v] for v in order if v.label}
    assert [line.strip().split(" {")[0] for line in source.splitlines() if "cluster_" in line] == [
        "subgraph cluster_0", "subgraph cluster_1", "subgraph cluster_1_0", "subgraph cluster_1_1",
        "subgraph cluster_2", "subgraph cluster_2_0"]
    for number, layer in [(4, "Layer 1"), (5, "Layer 1"), (6, "Layer 2")]:
        box = (layer, f"Neuron {number}")
        out = next(v for v in order if v.label == f"O{number}")
        net, = out.parents
        for node_id in (by_label[f"θ{number}"], ids[net], ids[net] + "op", ids[out], ids[out] + "op"):
            assert where[node_id] == box
        assert where[by_label[f"w1{number}"]] == box
    for x in ("x1", "x2", "x3"):
        assert where[by_label[x]] == ("Inputs",)
    assert where[by_label["E"]] == () and where[by_label["E"] + "op"] == ()  # the loss stays outside


def test_parameters_stay_in_their_given_order():
    """w1, w2, ..., b side by side in order, in the layout's direction (dot reverses LR rows)."""
    loss, clusters = net_321()
    order = topological_order(loss)
    ids = {v.label: f"n{i}" for i, v in enumerate(order) if v.label}
    expected = [ids["w14"], ids["w24"], ids["w34"], ids["θ4"]]
    chain_of = {}
    for rankdir in ("TB", "LR"):
        source = draw_dot(loss, clusters=clusters, rankdir=rankdir, compact=False).source
        invisible = [(t, h) for t, h, a in
                     (EDGE.match(line).groups() for line in source.splitlines() if EDGE.match(line))
                     if a and "invis" in a]
        chain_of[rankdir] = [t for t, h in invisible if t in expected] + [
            h for t, h in invisible if h in expected and h not in [t for t, _ in invisible]]
    assert chain_of["TB"] == expected and chain_of["LR"] == expected[::-1]


def test_clusters_from_an_object_with_a_clusters_method():
    loss, clusters = net_321()

    class Model:
        def clusters(self):
            return clusters

    assert draw_dot(loss, clusters=Model()).source == draw_dot(loss, clusters=clusters).source


def test_unfused_neuron_joins_its_box_but_not_the_loss():
    """micrograd's neuron: the products, the partial sums and tanh join; the loss does not."""
    o = neuron()
    params = [v for v in topological_order(o) if v.role == "parameter"]
    loss = (o - 1.0) ** 2
    source = draw_dot(loss, clusters={p: "Neuron 1" for p in params}).source
    where = boxes(source)
    order = topological_order(loss)
    inside = {f"n{i}" for i, v in enumerate(order) if v.role == "parameter" or v.label in ("n", "o")
              or v.op in ("*", "+")}
    inside |= {f"n{i}op" for i, v in enumerate(order) if v.op in ("*", "+", "tanh")}
    assert {k for k, box in where.items() if box == ("Neuron 1",)} == inside
    assert where[f"n{len(order) - 1}"] == ()


def test_parameters_missing_from_the_graph_leave_no_empty_box():
    loss, clusters = net_321()
    clusters[Value(0.0, "unused")] = ("Layer 9", "Neuron 99")
    assert "Layer 9" not in draw_dot(loss, clusters=clusters).source


# ---- big and deep graphs -------------------------------------------------------------------

def test_deep_graph_draws_without_recursion():
    x = Value(0.1, "x")
    for _ in range(5000):
        x = x.tanh()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LargeGraphWarning)
        graph = draw_dot(x, max_nodes=10_000)
    assert graph.value_count == 5001 and "n5000op -> n5000" in graph.source


def test_large_graph_warns_with_the_count_and_still_returns_the_graph():
    x = Value(0.1, "x")
    for _ in range(60):
        x = x.relu()
    with pytest.warns(LargeGraphWarning, match=r"61 values.*max_nodes=50.*clusters="):
        graph = draw_dot(x, max_nodes=50)
    assert "n60" in graph.source
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_dot(x)  # well under the default threshold: silent


def test_large_graphs_cap_the_layout_passes():
    x = Value(0.1)
    for _ in range(LARGE_LAYOUT):
        x = x.relu()
    assert "nslimit=1" in draw_dot(x).source
    assert "nslimit" not in draw_dot(neuron()).source


# ---- pictures (need Graphviz's dot) --------------------------------------------------------

@pytest.fixture
def drawn():
    loss, clusters = net_321()
    loss.backward()
    return draw_dot(loss, clusters=clusters, legend=True)


@needs_dot
def test_svg_file_parses_and_shows_the_labels(drawn, tmp_path):
    path = drawn.save(tmp_path / "net.svg")
    assert path == str(tmp_path / "net.svg")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = {t.text for t in root.iter() if t.tag.endswith("text")}
    assert {"O6", "θ4", "E", "Layer 1", "Neuron 6", "Inputs"} <= texts


@needs_dot
def test_png_and_pdf_files(drawn, tmp_path):
    png = Path(drawn.save(tmp_path / "net.png")).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert 1000 < width < 20000 and 300 < height < 10000  # 150 dpi: readable on a projector
    pdf = Path(drawn.save(tmp_path / "sub" / "net.pdf")).read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")


@needs_dot
def test_awkward_labels_come_out_of_dot_unchanged(tmp_path):
    graph = draw_dot(Value.sum([Value(1.0, label) for label in AWKWARD_LABELS]))
    root = ET.fromstring(graph.picture("svg"))
    texts = {t.text for t in root.iter() if t.tag.endswith("text")}
    assert set(AWKWARD_LABELS) <= texts


@needs_dot
def test_jupyter_shows_svg_and_graphviz_render_still_works(drawn, tmp_path):
    bundle = drawn._repr_mimebundle_()
    assert list(bundle) == ["image/svg+xml"] and "<svg" in bundle["image/svg+xml"]
    assert drawn._repr_mimebundle_(include=["image/png"])["image/png"][:4] == b"\x89PNG"
    assert drawn._repr_mimebundle_(include=[]) == {}
    out = drawn.render(outfile=tmp_path / "r.svg")  # graphviz's own API, through our save()
    assert Path(out).read_text().count("<svg") == 1


def test_saving_checks_the_extension(drawn, tmp_path):
    with pytest.raises(ValueError, match=r"'\.jpg'"):
        drawn.save(tmp_path / "net.jpg")
    with pytest.raises(ValueError, match="none"):
        drawn.save(tmp_path / "net")
    dot_text = Path(drawn.save(tmp_path / "net.gv")).read_text(encoding="utf-8")
    assert dot_text.strip() == drawn.source.strip()


# ---- without Graphviz ----------------------------------------------------------------------

@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    """A PATH on which there is no `dot`."""
    empty = tmp_path / "empty_bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None


def test_missing_dot_still_builds_the_graph_and_says_what_to_install(no_dot, drawn, tmp_path):
    loss, clusters = net_321()
    assert "Neuron 4" in draw_dot(loss, clusters=clusters).source
    bundle = drawn._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    assert "dot" in bundle["text/plain"] and install_command() in bundle["text/plain"]
    with pytest.raises(GraphvizNotFoundError, match=re.escape(install_command())) as error:
        drawn.save(tmp_path / "net.png")
    assert isinstance(error.value, RuntimeError) and isinstance(error.value, graphviz.ExecutableNotFound)
    assert not (tmp_path / "net.png").exists()
    assert Path(drawn.save(tmp_path / "net.gv")).exists()  # DOT text needs no Graphviz


def test_missing_dot_in_a_real_ipython_display(no_dot, drawn):
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(drawn)
    assert "image/svg+xml" not in data and install_command() in data["text/plain"]


@pytest.mark.skipif(sys.platform.startswith("win"), reason="uses a POSIX shell script as a fake dot")
def test_a_slow_layout_shows_advice_instead_of_hanging(monkeypatch, tmp_path, drawn):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    (fake / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    drawn.display_timeout = 0.2
    bundle = drawn._repr_mimebundle_()
    assert list(bundle) == ["text/plain"] and "took more than 0.2 s" in bundle["text/plain"]
    (fake / "dot").write_text(f"#!{sys.executable}\nraise SystemExit('syntax error')\n")
    with pytest.raises(subprocess.CalledProcessError):
        drawn.picture("svg")


def test_size_shrinks_the_picture_to_fit_and_is_checked():
    x = Value(1.0, "x")
    y = (x * 2).tanh()
    assert 'size="12,6"' in draw_dot(y, size=(12, 6)).source
    assert not re.search(r"\bsize=", draw_dot(y).source)
    for bad in [(12,), "wide", (0, 5), (-1, 2)]:
        with pytest.raises(ValueError, match="size"):
            draw_dot(y, size=bad)
