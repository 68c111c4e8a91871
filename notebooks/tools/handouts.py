"""Handouts: every notebook run top to bottom and exported as one static HTML page, and as PDF.

    .venv/bin/python notebooks/tools/handouts.py [--out build/handouts] [--no-pdf] [NOTEBOOK ...]

A static export has no kernel, so widgets would show their first state (a progress bar at "0%") or
nothing. The notebooks run with their widgets' state kept, and each widget is written out as what it
showed last: a progress bar as its final line, the walkthrough player as the offline player page
itself (an embedded frame that steps without a kernel; in the PDF, its first frame).
PDFs are printed by headless Chromium, as the browser tests drive it.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from autograd.player.slides import print_page

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
# MathJax from npm (make handouts installs it), copied beside the pages: a handout makes no request
# outside its own folder, so it reads the same offline, from a course site, or printed.
MATHJAX = ROOT / "build" / "npm" / "node_modules" / "mathjax" / "es5" / "tex-svg.js"
MATHJAX_CONFIG = ("<script>window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], "
                  "processEscapes: true}, svg: {fontCache: 'global'}};</script>")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def run(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """The notebook executed in its own folder, with the state of every widget it displayed."""
    nb = nbformat.read(path, as_version=4)
    env_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    os.environ["PYTHONPATH"] = env_path  # the kernel imports this checkout's chalkgrad
    NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def progress_text(state: dict, model: dict) -> str:
    """A tqdm bar as its last line: `fit: 100% |██████████| 100/100 [00:02, loss=0.01]`."""
    parts = []
    for ref in model.get("children", []):
        entry = state.get(ref.removeprefix("IPY_MODEL_"), {})
        child = entry.get("state", {})
        if entry.get("model_name") in ("FloatProgressModel", "IntProgressModel"):
            high = child.get("max") or 1
            done = round(20 * child.get("value", 0) / high)
            parts.append("|" + "█" * done + " " * (20 - done) + "|")
        elif entry.get("model_name") == "HTMLModel":
            parts.append(html.unescape(child.get("value", "")).replace("\xa0", " ").replace("\u2007", " "))
    return " ".join(p for p in parts if p.strip())


def static_widget(state: dict, model_id: str) -> dict[str, str] | None:
    """What a handout shows in place of one widget, or None to keep its text fallback."""
    entry = state.get(model_id, {})
    model = entry.get("state", {})
    if entry.get("model_name") == "HBoxModel":  # tqdm's bar: description, bar, counts
        return {"text/html": f"<pre class='handout-progress'>{html.escape(progress_text(state, model))}</pre>"}
    spec = model.get("spec")
    if isinstance(spec, dict) and "svg" in spec and "steps" in spec:  # the walkthrough player
        from autograd.player.page import document

        page = document({**spec, "title": spec.get("title") or "Backprop, step by step"})
        return {"text/html": (f"<iframe class='handout-walkthrough' title='{html.escape(spec.get('title') or 'walkthrough')}' "
                              f"style='width:100%;height:620px;border:1px solid #ccc' "
                              f"srcdoc=\"{html.escape(page, quote=True)}\"></iframe>")}
    return None


def freeze_widgets(nb: nbformat.NotebookNode) -> int:
    """Replace every widget output by its static form; returns how many were replaced."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    replaced = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                continue
            shown = static_widget(state, view["model_id"])
            if shown is not None:
                output["data"] = shown
                replaced += 1
            else:
                output["data"].pop(WIDGET_VIEW)
    nb.metadata.pop("widgets", None)
    return replaced


def export(path: Path, out: Path, pdf: bool = True) -> list[Path]:
    """One notebook's handout: NAME.html, and NAME.pdf when a Chromium is at hand."""
    nb = run(path)
    freeze_widgets(nb)
    exporter = HTMLExporter(template_name="lab", embed_images=True, mathjax_url="mathjax/tex-svg.js")
    body, _ = exporter.from_notebook_node(nb)
    # require.js (for live widgets) is not needed once every widget is frozen, and it sits on a CDN
    body = re.sub(r'<script[^>]*src="[^"]*require[^"]*"[^>]*>\s*</script>', "", body)
    body = body.replace("<head>", "<head>\n" + MATHJAX_CONFIG, 1).replace("</style>", HANDOUT_CSS + "</style>", 1)
    out.mkdir(parents=True, exist_ok=True)
    copy_mathjax(out)
    page = out / f"{path.stem}.html"
    page.write_text(body, encoding="utf-8")
    written = [page]
    if pdf:
        written.append(print_pdf(page))
    return written


def copy_mathjax(out: Path) -> None:
    if not MATHJAX.exists():
        raise FileNotFoundError(f"MathJax is missing ({MATHJAX}): `make handouts` installs it from npm")
    (out / "mathjax").mkdir(parents=True, exist_ok=True)
    shutil.copy2(MATHJAX, out / "mathjax" / MATHJAX.name)


# Projector- and paper-sized figures: an image never wider than the page, never squeezed below it.
HANDOUT_CSS = """
.jp-OutputArea-output img { max-width: 100%; height: auto; }
.handout-progress { color: #333; }
@media print { .jp-Cell { break-inside: avoid; } }
"""


def print_pdf(page: Path) -> Path:
    """The HTML page printed to PDF beside it; the wait lets MathJax typeset and the players draw first."""
    target = page.with_suffix(".pdf")
    print_page(page, target, "pass --no-pdf for HTML only", wait_ms=10000)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook of the course")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "handouts")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    args = parser.parse_args(argv)
    for path in args.notebooks or sorted(NOTEBOOKS.glob("[0-9]*.ipynb")):
        for written in export(path.resolve(), args.out, pdf=not args.no_pdf):
            print(written.relative_to(ROOT) if written.is_relative_to(ROOT) else written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
