"""The walkthrough page as a lecture hall sees it: a 1920x1080 window, and at the first, a middle
forward, the seed, a middle backward and the last step of three walkthroughs, the rendered size of the
graph's text, the edge labels and the caption, and whether the node in focus and its step's labels
are on screen."""

from __future__ import annotations

import pytest

from autograd import walkthrough

from .test_walkthrough_page import han_kamber_walkthrough, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NODE_PX, LABEL_PX, CAPTION_PX = 18, 16, 24  # the presenter standard, in CSS px on a 1920x1080 window

MEASURE = """
const vw = window.innerWidth, vh = window.innerHeight;
const px = (el) => {
  const m = el.getScreenCTM();
  return parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
};
const box = (el) => el.getBoundingClientRect();
const inside = (r) => r.width > 0 && r.left >= -1 && r.top >= -1 && r.right <= vw + 1 && r.bottom <= vh + 1;
const seen = (r) => r.width > 0 && r.right > 0 && r.bottom > 0 && r.left < vw && r.top < vh;
const texts = [...document.querySelectorAll('.wt-graph .node text')].filter(
  (t) => t.textContent.trim() && seen(box(t)));
const labels = [...document.querySelectorAll('.wt-edge-label')].filter((t) => t.textContent.trim());
const active = [...document.querySelectorAll('.node.active')];
return {node: Math.min(...texts.map(px)), labels: labels.map(px), caption: parseFloat(getComputedStyle(
          document.querySelector('.wt-text')).fontSize), activeKeys: active.map((el) => el.getAttribute('data-wt')),
        activeInside: active.every((el) => inside(box(el))), labelsInside: labels.every((el) => inside(box(el))),
        labelKeys: [...new Set(labels.map((el) => el.getAttribute('data-wt-label')))]};
"""


def micrograd_neuron():
    from tests.autograd.test_render import neuron

    return walkthrough(neuron())


def han_kamber():
    return han_kamber_walkthrough()[2]


def xor_over_four_samples():
    from nn import MLP, mse_loss
    from nn.examples.xor import INPUTS, TARGETS

    model = MLP(2, [2, 1], activation="relu", seed=1)
    return walkthrough(mse_loss([model(x) for x in INPUTS], TARGETS), clusters=model)


def checked_steps(wt) -> dict[str, int]:
    forward = [s.index for s in wt.steps if s.phase == "forward"]
    backward = [s.index for s in wt.steps if s.phase == "backward"]
    return {"first": 0, "middle forward": forward[len(forward) // 2],
            "seed": next(s.index for s in wt.steps if s.phase == "seed"),
            "middle backward": backward[len(backward) // 2], "last": len(wt) - 1}


@pytest.mark.parametrize("build", [micrograd_neuron, han_kamber, xor_over_four_samples], ids=lambda f: f.__name__)
def test_presenter_view_is_readable_from_the_back_and_keeps_the_step_on_screen(build, browser, tmp_path,
                                                                              screenshot_dir):
    wt = build()
    page = tmp_path / "walkthrough.html"
    wt.save(page)
    browser.set_window_size(1920, 1080)
    browser.get(page.as_uri())
    for name, k in checked_steps(wt).items():
        browser.execute_script("const s = document.querySelector('.wt-slider'); s.value = arguments[0];"
                               "s.dispatchEvent(new Event('input'));", k)
        settle(browser)
        found = browser.execute_script(MEASURE)
        browser.save_screenshot(str(screenshot_dir / f"presenter_{build.__name__}_{name.replace(' ', '_')}.png"))
        where = f"{build.__name__}, step {k + 1} ({name}): {found}"
        assert found["node"] >= NODE_PX and found["caption"] >= CAPTION_PX, where
        assert all(px >= LABEL_PX for px in found["labels"]), where
        step = wt.steps[k]
        expected = step.node or wt.scene.changes[k].active
        assert found["activeKeys"] == [expected] and found["activeInside"], where
        products = sorted(e.key for e in step.edges if wt.nodes[e.parent].role != "constant")
        assert sorted(found["labelKeys"]) == products and found["labelsInside"], where
