"""A walkthrough as slides: one 16:9 slide per step, each the step's picture with its caption in large
type. `save("steps.slides.html")` writes a self-contained deck (arrow keys and space step through it;
printing it gives one page per slide); `save("steps.pdf")` prints that deck with headless Chromium."""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from autograd.files import write_atomically

from .page import CSP

SLIDE_STYLE = """
@page { size: 16in 9in; margin: 0; }
html, body { margin: 0; background: white; font-family: Helvetica, Arial, sans-serif; }
.slide { box-sizing: border-box; width: 100vw; height: 56.25vw; max-height: 100vh; padding: 2vw 3vw;
         display: flex; flex-direction: column; break-after: page; overflow: hidden; }
.slide .picture { flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; }
.slide .picture svg { width: 100%; height: 100%; }
.slide .caption { font-size: 2.2vw; line-height: 1.3; margin-top: 1vw; }
.slide .count { color: #666; font-size: 1.4vw; }
@media screen { .slide { display: none; } .slide.shown { display: flex; } }
"""

SLIDE_SCRIPT = """
const slides = [...document.querySelectorAll('.slide')];
let current = 0;
function show(k) {
  current = Math.max(0, Math.min(slides.length - 1, k));
  slides.forEach((s, i) => s.classList.toggle('shown', i === current));
}
document.addEventListener('keydown', (event) => {
  if (['ArrowRight', 'PageDown', ' '].includes(event.key)) show(current + 1);
  else if (['ArrowLeft', 'PageUp'].includes(event.key)) show(current - 1);
  else if (event.key === 'Home') show(0);
  else if (event.key === 'End') show(slides.length - 1);
  else return;
  event.preventDefault();
});
show(0);
"""


def deck(wt: Any, title: str = "") -> str:
    """The slides as one HTML page: inline SVG, no external requests."""
    title = title or f"Backprop, step by step: {wt.name(wt.ids[wt.root])}"
    total = len(wt.steps)
    sections = []
    for k, step in enumerate(wt.steps):
        sections.append(
            f'<section class="slide" aria-label="step {k + 1} of {total}">'
            f'<div class="picture">{wt.scene.frame(k)}</div>'
            f'<div class="caption"><span class="count">step {k + 1} of {total} · {html.escape(step.phase)}</span><br>'
            f"{html.escape(step.text)}</div></section>")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f"<title>{html.escape(title)}</title>\n<style>{SLIDE_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(sections) + f"\n<script>{SLIDE_SCRIPT}</script>\n</body>\n</html>\n")


def chromium(instead: str) -> str:
    """The headless browser that prints PDFs; `instead` says what to do when there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    raise FileNotFoundError(f"a PDF is printed by Chromium, which is not installed: sudo apt-get install -y "
                            f"chromium, or {instead}")


def print_page(page: Path, target: Path, instead: str, wait_ms: int = 0) -> None:
    """An HTML page printed to PDF by headless Chromium (the handouts use it too); `wait_ms` of virtual
    time lets the page's scripts (MathJax, a player) finish before it is printed."""
    wait = [f"--virtual-time-budget={wait_ms}"] if wait_ms else []
    subprocess.run([chromium(instead), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    *wait, f"--print-to-pdf={target}", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=180)


def pdf(wt: Any, path: Path) -> str:
    """The deck printed to PDF, one 16:9 page per step."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "slides.html"
        page.write_text(deck(wt), encoding="utf-8")
        target = Path(folder) / "slides.pdf"
        print_page(page, target, "save('steps.slides.html') and print it from any browser (one page per slide)")
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_atomically(path, target.read_bytes())  # whole or untouched, as every save
