"""The walkthrough's pictures: one `dot` layout per walkthrough, a slot for every number, frames that
carry the engine's numbers, and the page, SVG/PNG frames and GIF that save() writes."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from autograd import Value, topological_order, walkthrough
from autograd.draw.render import ComputationGraph, install_command
from autograd.formatting import fixed, significant
from autograd.player.page import CSP

pytestmark = [pytest.mark.needs_dot,
              pytest.mark.skipif(shutil.which("dot") is None,
                                 reason=f"Graphviz's dot is not on PATH; install it with: {install_command()}")]


def han_kamber():
    from nn import half_squared_error
    from nn.examples.han_kamber_book import INPUT, TARGET
    from nn.examples.han_kamber_model import build_network

    model = build_network()
    loss = half_squared_error(model(INPUT), TARGET)
    loss.label = "E"
    return model, loss


def small():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    a.role = "parameter"
    c = a * b
    d = c + a  # a is used twice
    e = d * d  # and d twice, over two edges into one op
    e.label = "e"
    return a, b, e


def texts(svg: str) -> dict[str, str]:
    """slot -> text shown, read from a frame's SVG as an XML parser sees it."""
    root = ET.fromstring(svg)
    return {el.get("data-wt-slot"): el.text or "" for el in root.iter() if el.get("data-wt-slot")}


def test_one_dot_run_per_walkthrough_and_the_graph_is_left_as_found(monkeypatch):
    runs = []
    original = ComputationGraph.picture

    def counting(self, *args, **kwargs):
        runs.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ComputationGraph, "picture", counting)
    a, b, e = small()
    wt = walkthrough(e, lr=0.1)
    for k in range(len(wt)):
        wt.scene.frame(k)
    wt.html()
    assert len(runs) == 1
    assert all(v.grad is None for v in topological_order(e))  # laid out with the grads, then put back


def test_every_value_has_data_and_grad_slots_and_every_edge_a_key():
    a, b, e = small()
    wt = walkthrough(e)
    scene = wt.scene
    for i in wt.nodes:
        assert f"{i}.data" in scene.templates and f"{i}.grad" in scene.templates
    edge_keys = {k for k in scene.keys if ":" in k}
    expected = {f"{wt.ids[v]}:{k}" for v in wt.order for k in range(len(v.parents))}
    expected |= {f"{wt.ids[v]}:out" for v in wt.order if v.parents}
    assert edge_keys == expected  # d * d: both edges n3 -> n4op, as n4:0 and n4:1


def test_frames_carry_the_engines_numbers_and_are_valid_svg():
    a, b, e = small()
    wt = walkthrough(e, lr=0.1)
    e.backward()
    first = texts(wt.scene.frame(0))
    assert first["n0.data"] == "data 2.000" and first["n2.data"] == "data "  # c not computed yet
    assert first["n0.grad"] == "grad "
    last_backward = max(s.index for s in wt.steps if s.phase == "backward")
    shown = texts(wt.scene.frame(last_backward, "caption"))
    for v in topological_order(e):
        i = wt.ids[v]
        assert shown[f"{i}.grad"] == "grad " + significant(v.grad, 4)
        assert shown[f"{i}.data"] == "data " + significant(v.data, 4)
    after = texts(wt.scene.frame(len(wt) - 1))
    assert after["n0.data"] == "data " + significant(2.0 - 0.1 * a.grad, 4)  # the update of a


def test_backward_frame_highlights_the_node_and_labels_its_edges_with_the_products():
    a, b, e = small()
    wt = walkthrough(e)
    k = next(s.index for s in wt.steps if s.phase == "backward" and s.node == "n4")
    svg = wt.scene.frame(k)
    root = ET.fromstring(svg)
    focused = {el.get("data-wt") for el in root.iter() if "wt-focus" in (el.get("class") or "")}
    assert {"n4", "n4op", "n4:0", "n4:1"} <= focused
    labels = [el.text for el in root.iter() if el.get("class") == "wt-edge-label" and el.text]
    assert labels.count("-4.000 × 1.000") == labels.count("= -4.000") == 2  # d * d: two contributions to d
    assert "n3" in marked(svg, "wt-done")  # d got both contributions in this one step
    visit_d = next(s.index for s in wt.steps if s.phase == "backward" and s.node == "n3")
    assert marked(wt.scene.frame(visit_d), "wt-partial") == ["n0"]  # a: 1 of 2 so far
    visit_c = next(s.index for s in wt.steps if s.phase == "backward" and s.node == "n2")
    assert marked(wt.scene.frame(visit_c), "wt-partial") == []


def marked(svg: str, cls: str) -> list[str]:
    return [el.get("data-wt") for el in ET.fromstring(svg).iter() if cls in (el.get("class") or "").split()]


def test_picture_options_pass_through_to_draw_dot():
    model, loss = han_kamber()
    wt = walkthrough(loss, clusters=model, rankdir="TB", decimals=3)
    svg = wt.scene.frame(len(wt) - 1)
    assert "Layer 1" in svg and "Neuron 4" in svg  # the neuron-level view
    shown = texts(svg)
    i6 = next(i for i, v in wt.nodes.items() if v.label == "I6")
    loss.backward()
    assert shown[f"{i6}.grad"] == "grad " + fixed(wt.nodes[i6].grad, 3) == "grad -0.131"
    folded = walkthrough(loss, fold_constants=True)
    constants = [i for i, v in folded.nodes.items() if v.role == "constant"]
    assert constants and not any(i in folded.scene.keys for i in constants)  # drawn into their ops


def test_save_writes_an_offline_page_svg_and_png_frames_and_a_gif(tmp_path):
    a, b, e = small()
    wt = walkthrough(e, lr=0.1)
    page = tmp_path / "backprop.html"
    assert wt.save(page) == str(page)
    text = page.read_text()
    assert CSP in text and "<script src" not in text and "<link" not in text
    assert not re.search(r'(src|href)="(https?:)?//', text)  # nothing to fetch
    svg_dir = wt.save(tmp_path / "svg", fmt="svg")
    frames = sorted((tmp_path / "svg").glob("*.svg"))
    assert svg_dir == str(tmp_path / "svg") and len(frames) == len(wt)
    ET.parse(frames[0])
    pytest.importorskip("cairosvg")
    image = pytest.importorskip("PIL.Image")
    wt.save(tmp_path / "png", fmt="png")
    pngs = sorted((tmp_path / "png").glob("*.png"))
    assert len(pngs) == len(wt) and pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    gif = wt.save(tmp_path / "backprop.gif")
    with image.open(gif) as animation:
        assert animation.n_frames == len(wt)
    with pytest.raises(ValueError, match="fmt='png'"):
        wt.save(tmp_path / "backprop.pptx")
    with pytest.raises(ValueError, match="fmt must be"):
        wt.save(tmp_path / "frames", fmt="jpg")


def test_jupyter_player_carries_the_picture_the_steps_and_a_synced_step():
    pytest.importorskip("anywidget")
    a, b, e = small()
    wt = walkthrough(e, lr=0.1)
    player = wt.player(interval=600)
    assert player.step == 0 and player.spec["interval"] == 600
    assert [s["text"] for s in player.spec["steps"]] == [s.text for s in wt.steps]
    assert player.spec["svg"].startswith("<svg") and 'data-wt-slot="n0.grad"' in player.spec["svg"]
    assert len(player.spec["scene"]["changes"]) == len(wt)
    assert "step 1 of 9" in repr(player)
    player.step = 4
    assert "step 5 of 9" in repr(player)


def test_notebook_display_is_the_player(monkeypatch):
    pytest.importorskip("anywidget")
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    a, b, e = small()
    walkthrough(e)._ipython_display_()
    assert len(shown) == 1 and type(shown[0]).__name__ == "WalkthroughPlayer"


def test_where_auto_would_draw_parameter_tables_the_walkthrough_draws_compact_boxes(monkeypatch):
    from autograd import draw_dot

    model, loss = han_kamber()
    # what draw_dot's estimate picks for the book's network: a table per neuron's parameters
    assert draw_dot(loss, clusters=model, edge_labels=True, show_order=True, measure=False).layout.tables
    runs = []
    original = ComputationGraph.picture
    monkeypatch.setattr(ComputationGraph, "picture", lambda self, *a, **k: runs.append(a) or original(self, *a, **k))
    wt = walkthrough(loss, clusters=model)
    assert wt.scene.layout.compact and not wt.scene.layout.tables and len(runs) == 1
    for p in model.parameters():  # each weight its own box, with its own edge to point at
        assert wt.ids[p] in wt.scene.keys and f"{wt.ids[p]}.grad" in wt.scene.templates
