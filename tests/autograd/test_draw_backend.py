"""Who lays out the pictures (autograd/draw/backend.py): `dot` on a normal install; in a browser tab,
where no program can run, Graphviz in WebAssembly. The real WebAssembly build runs in
tests/browser/test_site.py; here a stand-in with the same call (`layout(source, "svg", engine)`)
runs `dot`, so that the font swap, the walkthrough and the messages are checked on any machine."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from autograd import Value, walkthrough
from autograd.draw import backend
from autograd.draw.output import GraphvizNotFoundError

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")


def neuron():
    x, w, b = Value(2.0, "x"), Value(-3.0, "w"), Value(1.0, "b")
    out = (x * w + b).tanh()
    out.label = "out"
    out.backward()
    return out


def no_processes(*args, **kwargs):
    raise OSError(138, "emscripten does not support processes")


def test_no_processes_is_a_message_not_a_traceback(monkeypatch):
    """Pyodide's subprocess raises OSError errno 138: a notebook shows advice and goes on."""
    monkeypatch.setattr(backend.subprocess, "run", no_processes)
    graph = neuron().draw()
    bundle = graph._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    assert "cannot run Graphviz's `dot`" in bundle["text/plain"] and "make site" in bundle["text/plain"]
    with pytest.raises(GraphvizNotFoundError, match="WebAssembly"):
        graph.picture("svg")


class DotStandIn:
    """Graphviz in WebAssembly's call, answered by `dot`, remembering the DOT text it was given."""

    def __init__(self):
        self.sources: list[str] = []

    def layout(self, source: str, format: str, engine: str) -> str:
        self.sources.append(source)
        return subprocess.run([engine, f"-T{format}"], input=source.encode(), capture_output=True,
                              check=True).stdout.decode()


@pytest.fixture
def in_browser(monkeypatch):
    stand_in = DotStandIn()
    monkeypatch.setattr(backend, "IN_BROWSER", True)
    monkeypatch.setattr(backend, "_browser_graphviz", lambda: stand_in)
    monkeypatch.setattr(backend, "_font_face_css", lambda: "@font-face{font-family:chalkgrad-sans}")
    return stand_in


@needs_dot
def test_in_the_browser_text_is_measured_as_arial_and_drawn_with_the_embedded_font(in_browser):
    svg = neuron().draw().picture("svg").decode()
    assert in_browser.sources and all('fontname="Arial"' in s for s in in_browser.sources)
    assert "Helvetica,Arial,sans-serif" not in in_browser.sources[-1]  # a name the tables do not know
    assert 'font-family="chalkgrad-sans,Arial,Helvetica,sans-serif"' in svg
    assert svg.index("<style>@font-face") > svg.index("<svg")


@needs_dot
def test_in_the_browser_save_svg_works_and_png_says_why_not(in_browser, tmp_path):
    graph = neuron().draw()
    saved = graph.save(tmp_path / "g.svg")
    assert "chalkgrad-sans" in (tmp_path / "g.svg").read_text() and saved.endswith("g.svg")
    with pytest.raises(GraphvizNotFoundError, match=r"SVG only.*\.svg"):
        graph.save(tmp_path / "g.png")
    assert not (tmp_path / "g.png").exists()


@needs_dot
def test_in_the_browser_the_slide_fit_measure_and_the_walkthrough_use_it(in_browser):
    out = neuron()
    assert backend.available()
    out.draw(layout="auto")  # 'auto' measures its best candidates: each one a layout by the stand-in
    measured = len(in_browser.sources)
    assert measured >= 1
    html = walkthrough(out).html()
    assert len(in_browser.sources) == measured + 1  # the walkthrough's one layout
    assert "chalkgrad-sans" in html and "data-wt-slot" in html


def test_still_loading_says_to_run_the_cell_again(monkeypatch):
    monkeypatch.setattr(backend, "IN_BROWSER", True)
    monkeypatch.setattr(backend, "_browser_graphviz", lambda: None)
    monkeypatch.setitem(backend._LOADING, "state", "loading")
    bundle = neuron().draw()._repr_mimebundle_()
    assert "still loading" in bundle["text/plain"] and "again" in bundle["text/plain"]


@needs_dot
def test_in_the_browser_a_gif_says_what_to_save_instead(in_browser, tmp_path):
    pytest.importorskip("PIL")
    with pytest.raises(ImportError, match=r"browser tab.*backprop\.html.*fmt='svg'"):
        walkthrough(neuron()).save(tmp_path / "backprop.gif")
