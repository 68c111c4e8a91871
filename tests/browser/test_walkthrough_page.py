"""The standalone walkthrough page in a real headless Chromium: step through Han & Kamber's training
step with the buttons, keys and slider, read the numbers off the page and compare them with the
engine's, and check that the page asks the network for nothing."""

from __future__ import annotations

import json
import time

import pytest

from autograd import topological_order, walkthrough
from autograd.player.words import operand

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def han_kamber_walkthrough():
    from nn import half_squared_error
    from nn.examples.han_kamber_book import INPUT, LEARNING_RATE, TARGET
    from nn.examples.han_kamber_model import build_network

    model = build_network()
    loss = half_squared_error(model(INPUT), TARGET)
    loss.label = "E"
    return model, loss, walkthrough(loss, lr=LEARNING_RATE, clusters=model)


def shown(driver) -> dict[str, tuple[str, str | None]]:
    """slot -> (text on the page, full-precision data-value) for every number slot."""
    return driver.execute_script(
        "const out = {}; document.querySelectorAll('[data-wt-slot]').forEach((el) => {"
        "  out[el.getAttribute('data-wt-slot')] = [el.textContent, el.getAttribute('data-value')]; });"
        "return out;")


def settle(driver, timeout: float = 5.0) -> None:
    """Wait until the view's animated move to the current step has ended."""
    deadline = time.monotonic() + timeout
    while driver.execute_script("return document.querySelector('.wt-graph').hasAttribute('data-moving')"):
        assert time.monotonic() < deadline, "the view never arrived at the step"
        time.sleep(0.05)


def counter(driver) -> str:
    return driver.find_element("css selector", ".wt-counter").text


def requests_made(driver) -> list[tuple[str, str]]:
    """(URL, the document that asked) for every request, from Chrome's performance (DevTools) log."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            found.append((message["params"]["request"]["url"], message["params"].get("documentURL", "")))
    return found


def test_page_steps_through_han_kamber_with_the_engines_numbers(browser, tmp_path, screenshot_dir):
    model, loss, wt = han_kamber_walkthrough()
    page = tmp_path / "han_kamber.html"
    wt.save(page)
    browser.get(page.as_uri())
    assert counter(browser) == f"step 1 of {len(wt)}"
    assert browser.find_element("css selector", ".wt-text").text == wt.steps[0].text

    # Through the forward pass and the seed with the "next" button, then the keyboard's right arrow.
    seed = next(s.index for s in wt.steps if s.phase == "seed")
    for _ in range(seed):
        browser.find_element("css selector", ".wt-next").click()
    assert counter(browser) == f"step {seed + 1} of {len(wt)}"
    forward = shown(browser)
    for i, v in wt.nodes.items():
        if f"{i}.data" in forward:
            text, full = forward[f"{i}.data"]
            assert text == "data " + wt.num(v.data) and float(full) == v.data
    body = browser.find_element("tag name", "body")
    last_backward = max(s.index for s in wt.steps if s.phase == "backward")
    from selenium.webdriver.common.keys import Keys

    for _ in range(last_backward - seed):
        body.send_keys(Keys.ARROW_RIGHT)
    assert counter(browser) == f"step {last_backward + 1} of {len(wt)}"
    assert browser.find_element("css selector", ".wt-text").text == wt.steps[last_backward].text
    labels = browser.execute_script(  # 'local × upstream' over '= contribution' on each edge
        "return [...document.querySelectorAll('.wt-edge-label')].filter((el) => el.textContent)"
        ".map((el) => [el.getAttribute('data-wt-label'), el.getAttribute('data-wt-line'), el.textContent]);")
    products = {(e.key, "1", f"{wt.num(e.local)} × {operand(wt.num(e.upstream))}")
                for e in wt.steps[last_backward].edges}
    products |= {(e.key, "2", f"= {wt.num(e.contribution)}") for e in wt.steps[last_backward].edges}
    assert {tuple(label) for label in labels} == products
    hidden = browser.execute_script(  # each edge's '∂ = local' steps aside for its product
        "return [...document.querySelectorAll('[data-wt-derivative]')].filter((el) => !el.textContent)"
        ".map((el) => el.getAttribute('data-wt-derivative'));")
    assert sorted(hidden) == sorted(e.key for e in wt.steps[last_backward].edges)
    browser.save_screenshot(str(screenshot_dir / "walkthrough_han_kamber_backward.png"))

    # The last backward step shows exactly what backward() computes, and Err_j = -dE/dI_j.
    model.zero_grad()
    loss.backward()
    numbers = shown(browser)
    for v in topological_order(loss):
        i = wt.ids[v]
        if f"{i}.grad" in numbers:
            text, full = numbers[f"{i}.grad"]
            assert text == "grad " + wt.num(v.grad)  # 4 significant figures, as the picture
            assert float(full) == v.grad  # bit for bit
    i6 = next(i for i, v in wt.nodes.items() if v.label == "I6")
    assert numbers[f"{i6}.grad"][0] == "grad -0.1312"  # the book's Err6 = 0.1311 (rounded from 0.13116)

    # The slider jumps, the speed control and play move on by themselves, Home goes back.
    browser.execute_script("const s = document.querySelector('.wt-slider'); s.value = 3;"
                           "s.dispatchEvent(new Event('input'));")
    assert counter(browser) == f"step 4 of {len(wt)}"
    browser.execute_script("const s = document.querySelector('.wt-speed'); s.value = '300';"
                           "s.dispatchEvent(new Event('change'));")
    browser.find_element("css selector", ".wt-play").click()
    deadline = time.monotonic() + 10
    while counter(browser) == f"step 4 of {len(wt)}" and time.monotonic() < deadline:
        time.sleep(0.1)
    browser.find_element("css selector", ".wt-play").click()  # pause
    assert int(counter(browser).split()[1]) > 4
    body.send_keys(Keys.END)
    assert counter(browser) == f"step {len(wt)} of {len(wt)}"
    updated = shown(browser)
    w14 = next(i for i, v in wt.nodes.items() if v.label == "w14")
    assert updated[f"{w14}.data"][0] == "data 0.1921"  # the book's w14 after the update: 0.192
    # the view followed the parameter in focus: it shows below the controls and text, inside the window
    settle(browser)
    where = browser.execute_script(
        "const box = document.querySelector('.node.active').getBoundingClientRect();"
        "return [box.top, box.bottom, document.querySelector('.wt-head').getBoundingClientRect().bottom,"
        " window.innerHeight, box.left, box.right, window.innerWidth];")
    top, bottom, head, height, left, right, width = where
    assert head <= top and bottom <= height and 0 <= left and right <= width, where
    browser.save_screenshot(str(screenshot_dir / "walkthrough_han_kamber_update.png"))
    body.send_keys(Keys.HOME)
    assert counter(browser) == f"step 1 of {len(wt)}"

    # Offline: the CSP forbids requests, and none was made besides the page itself.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    requests = requests_made(browser)
    assert [url for url, document in requests if document == page.as_uri()] == [page.as_uri()]
    # (Chromium's own new-tab page loads chrome:// files meanwhile; nothing at all leaves the machine)
    assert [url for url, _ in requests if not url.startswith(("file:", "chrome:", "data:"))] == []
    csp = browser.find_element("css selector", 'meta[http-equiv="Content-Security-Policy"]')
    assert "default-src 'none'" in csp.get_attribute("content")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
