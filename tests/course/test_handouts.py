"""Handouts as a student opens them: a notebook with a training progress bar, a walkthrough player and
formulas, run and exported to static HTML and PDF; no widget shows its first state, nothing is fetched."""

from __future__ import annotations

import importlib.util
import re
import shutil

import nbformat
import pytest

from .otter_runs import ROOT

pytestmark = pytest.mark.slow

spec = importlib.util.spec_from_file_location("handouts", ROOT / "notebooks" / "tools" / "handouts.py")
handouts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(handouts)

CELLS = [
    ("markdown", "# A handout\n\nThe update is $p \\leftarrow p - \\eta \\, \\partial E / \\partial p$."),
    ("code", "import nn\nfrom autograd import Value\n"
             "model = nn.MLP(2, [3, 1], seed=0)\n"
             "X, y = [[0.0, 1.0], [1.0, 0.0]], [1.0, -1.0]\n"
             "history = nn.fit(model, X, y, 'mse', nn.SGD(model.parameters(), lr=0.05), epochs=7)"),
    ("code", "x, w = Value(2.0, 'x'), Value(-3.0, 'w')\n(x * w).tanh().walkthrough()"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    if not handouts.MATHJAX.exists():
        pytest.fail(f"MathJax is missing: `make mathjax` installs it ({handouts.MATHJAX})")
    if shutil.which("dot") is None:
        pytest.skip("the walkthrough player needs Graphviz's dot: sudo apt-get install -y graphviz")
    folder = tmp_path_factory.mktemp("handout")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(src) if kind == "markdown" else nbformat.v4.new_code_cell(src)
                for kind, src in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "handout.ipynb"
    nbformat.write(nb, path)
    written = handouts.export(path, folder / "out", pdf=True)
    return {p.suffix: p for p in written}


def test_a_progress_bar_shows_its_last_state(exported):
    page = exported[".html"].read_text(encoding="utf-8")
    bars = re.findall(r"<pre class=[\"']handout-progress[\"']>(.*?)</pre>", page, flags=re.S)
    assert bars, "the fit's progress bar is missing"
    assert "7/7" in bars[0] and "100%" in bars[0], bars[0]
    assert "0/7" not in page


def test_a_walkthrough_is_its_offline_player(exported):
    page = exported[".html"].read_text(encoding="utf-8")
    assert "handout-walkthrough" in page and "srcdoc=" in page
    assert "chalkgradPlayer" in page  # the player's own script, inlined in the frame
    assert "application/vnd.jupyter.widget-view+json" not in page


def test_nothing_is_fetched_from_elsewhere(exported):
    page = exported[".html"].read_text(encoding="utf-8")
    sources = re.findall(r"""<(?:script|link|img)[^>]*?(?:src|href)=["']([^"']+)""", page)
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    assert (exported[".html"].parent / "mathjax" / "tex-svg.js").exists()


def test_the_pdf_is_printed(exported):
    pdf = exported[".pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1
