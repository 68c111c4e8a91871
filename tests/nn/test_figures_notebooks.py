"""Every plotting notebook runs top to bottom with matplotlib and numpy unimportable (as in the browser,
where there are none): the kernel starts with a sitecustomize that blocks both imports, so pyplot()
falls back to the SVG figures, and each figure the notebook shows is one of them, with text inside."""

from __future__ import annotations

import base64
import os
import re
import xml.etree.ElementTree as ET

import pytest

from tests import venvs

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.stem for p in (venvs.ROOT / "notebooks").glob("*.ipynb")
                   if "plt.subplots" in p.read_text() or "plot_history(" in p.read_text())
# A finder first on sys.meta_path that refuses both packages, as if they were not installed (a None in
# sys.modules would also block them, but IPython takes "numpy" in sys.modules to mean numpy is there).
NO_MATPLOTLIB = """import sys


class Missing:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("matplotlib", "numpy"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, Missing())
"""
IMAGE = re.compile(r'data:image/(svg\+xml|png);base64,([A-Za-z0-9+/=]+)')


def shown_images(nb) -> list[tuple[str, bytes]]:
    """(kind, bytes) of every image the notebook's outputs show: <img> in HTML, or an image output."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            found += [(kind, base64.b64decode(b64)) for kind, b64 in IMAGE.findall(data.get("text/html", ""))]
            if "image/svg+xml" in data:
                found.append(("svg+xml", data["image/svg+xml"].encode()))
            if "image/png" in data:
                found.append(("png", b""))
    return found


def test_the_notebooks_with_figures_are_found():
    assert len(NOTEBOOKS) >= 13 and "09_two_moons_end_to_end" in NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_without_matplotlib_and_shows_svg_figures(name, tmp_path, monkeypatch):
    (tmp_path / "sitecustomize.py").write_text(NO_MATPLOTLIB)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), str(venvs.ROOT)]))
    monkeypatch.delenv("CHALKGRAD_FIGURES", raising=False)  # the choice is pyplot()'s own: matplotlib is missing
    nb = nbformat.read(venvs.ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(venvs.ROOT / "notebooks")}}).execute()
    images = shown_images(nb)
    assert all(kind == "svg+xml" for kind, _ in images), f"{name}: a figure not drawn as SVG"
    figures = [ET.fromstring(svg) for _, svg in images if b"chalkgrad-figure" in svg]
    assert figures, f"{name}: no figure drawn"
    words = [" ".join("".join(t.itertext()) for t in figure.iter("{http://www.w3.org/2000/svg}text"))
             for figure in figures]
    assert all(w.strip() for w in words), f"{name}: a figure without any text"
    assert any(re.search(r"\d", w) for w in words), f"{name}: no tick labels in any figure"
