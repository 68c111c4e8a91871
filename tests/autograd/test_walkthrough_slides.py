"""A walkthrough as slides: one 16:9 slide per step with the engine's numbers, as a self-contained HTML
deck and as a PDF printed by headless Chromium (one page per step, 16 by 9)."""

from __future__ import annotations

import re
import shutil

import pytest

from autograd import Value
from autograd.draw.render import install_command

pytestmark = [pytest.mark.needs_dot,
              pytest.mark.skipif(shutil.which("dot") is None,
                                 reason=f"Graphviz's dot is not on PATH; install it with: {install_command()}")]


def neuron():
    x1, x2, w1, w2, b = Value(2.0, "x1"), Value(0.0, "x2"), Value(-3.0, "w1"), Value(1.0, "w2"), Value(6.8814, "b")
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.label = "o"
    return o.walkthrough()


def test_the_deck_has_a_slide_per_step_with_its_picture_and_text(tmp_path):
    wt = neuron()
    path = wt.save(tmp_path / "steps.slides.html")
    page = open(path, encoding="utf-8").read()
    slides = re.findall(r'<section class="slide".*?</section>', page, flags=re.S)
    assert len(slides) == len(wt.steps)
    for k, (slide, step) in enumerate(zip(slides, wt.steps)):
        assert "<svg" in slide and f"step {k + 1} of {len(wt.steps)}" in slide
        assert step.text.split()[0] in slide
    assert "@page { size: 16in 9in" in page
    assert not re.search(r"""(src|href)=["']https?:""", page)   # nothing fetched


def test_a_wrong_suffix_names_the_slide_formats(tmp_path):
    with pytest.raises(ValueError, match=r"slides\.html.*pdf"):
        neuron().save(tmp_path / "steps.pptx")


@pytest.mark.browser
def test_the_pdf_has_one_16_by_9_page_per_step(tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("Chromium is missing: sudo apt-get install -y chromium")
    wt = neuron()
    data = open(wt.save(tmp_path / "steps.pdf"), "rb").read()
    assert data.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page\b", data)
    assert len(pages) == len(wt.steps)
    boxes = {tuple(round(float(v)) for v in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", data)}
    assert boxes == {(0, 0, 1152, 648)}   # 16 in × 9 in at 72 points per inch
