"""The forward-mode walkthrough's page in headless Chromium: Baydin et al.'s example stepped through
node by node, each step's tangent and 'local × tangent' edge labels read off the page and compared
with jvp's numbers, bit for bit."""

from __future__ import annotations

import pytest

from autograd import Value, jvp, walkthrough

from .test_walkthrough_page import counter, requests_made, shown

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_forward_steps_on_the_page_carry_jvps_tangents(browser, tmp_path, screenshot_dir):
    x1, x2 = Value(2.0, "x1"), Value(5.0, "x2")
    f = x1.log() + x1 * x2 - x2.sin()
    f.label = "f"
    wt = walkthrough(f, tangents={x1: 1.0})
    tangents = jvp(f, {x1: 1.0, x2: 0.0}).tangents
    page = tmp_path / "forward.html"
    wt.save(page)
    browser.get(page.as_uri())
    assert browser.title == "Forward mode, step by step: f"
    assert counter(browser) == f"step 1 of {len(wt)}"
    assert len(wt) == 1 + sum(1 for v in wt.order if v._op is not None)  # one step per node
    next_button = browser.find_element("css selector", ".wt-next")
    for k, step in enumerate(wt.steps):
        if k:
            next_button.click()
        assert counter(browser) == f"step {k + 1} of {len(wt)}"
        assert browser.find_element("css selector", ".wt-phase").text == "forward"
        assert browser.find_element("css selector", ".wt-text").text == step.text
        numbers = shown(browser)
        for i, t in step.grads.items():  # this step's tangent, as text and to the last bit
            text, full = numbers[f"{i}.grad"]
            assert text == "v̇ " + wt.num(t) and float(full) == tangents[wt.nodes[i]]
        labels = browser.execute_script(
            "return [...document.querySelectorAll('.wt-edge-label')].filter((el) => el.textContent)"
            ".map((el) => [el.getAttribute('data-wt-label'), el.getAttribute('data-wt-line'), el.textContent]);")
        expected = {(e.key, "1", f"{wt.num(e.local)} × {wt.num(e.upstream)}") for e in step.edges}
        expected |= {(e.key, "2", f"= {wt.num(e.contribution)}") for e in step.edges}
        assert {tuple(label) for label in labels} == expected
        # nodes not reached yet show no tangent
        later = [i for s in wt.steps[k + 1:] for i in s.grads]
        assert all(numbers[f"{i}.grad"][0] in ("", "v̇ ") for i in later if f"{i}.grad" in numbers)
    assert shown(browser)[f"{wt.ids[f]}.grad"][0] == "v̇ 5.500"  # ∂f/∂x1 = 5.5, Baydin's table 2
    browser.save_screenshot(str(screenshot_dir / "walkthrough_forward_baydin.png"))
    assert [url for url, _ in requests_made(browser) if not url.startswith(("file:", "chrome:", "data:"))] == []
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
