"""The playground page of the offline site: one static page, Python in the tab, no network. It draws
the starter expression, then whatever is typed into it, with the walkthrough below."""

from __future__ import annotations

import time

import pytest

from tests.browser.served_site import offline_browser, outside_requests, site_server, text_fits, wait_for  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_playground_draws_what_the_student_types(site_server, offline_browser, screenshot_dir):  # noqa: F811
    from selenium.webdriver.common.by import By

    base, served = site_server
    browser = offline_browser
    shot = screenshot_dir / "site_playground_timeout.png"
    before = len(served)
    started = time.monotonic()
    browser.get(f"{base}/playground/index.html")
    first = wait_for(lambda: browser.execute_script("return document.body.dataset.firstResultMs"), 240,
                     "the first picture", browser, shot)
    wall = time.monotonic() - started
    texts = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#graph svg text")]
    assert "tanh" in texts and "o" in texts and "data 0.7071" in texts, texts  # the starter neuron

    code = browser.find_element(By.ID, "code")
    code.clear()
    code.send_keys("from autograd import Value\na = Value(3.0, 'a')\nsq = a * a + a\nsq.label = 'sq'\n"
                   "sq.backward()\nprint('grad of a:', a.grad)\nsq")
    browser.find_element(By.ID, "run").click()
    wait_for(lambda: "grad of a: 7.0" in browser.find_element(By.ID, "output").text, 30, "the printed gradient",
             browser, shot)
    texts = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#graph svg text")]
    assert "sq" in texts and "data 12.00" in texts and "grad 7.000" in texts, texts
    fits = text_fits(browser, "#graph svg")
    assert fits["nodes"] >= 4 and fits["misfits"] == [], fits

    browser.switch_to.frame(browser.find_element(By.ID, "walkthrough"))
    counter = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".wt-counter"), 10, "the walkthrough")
    assert counter.text.startswith("step 1 of ")
    walk_fits = text_fits(browser, "svg")
    browser.switch_to.default_content()
    assert walk_fits["nodes"] >= 4 and walk_fits["misfits"] == [], walk_fits
    browser.save_screenshot(str(screenshot_dir / "site_playground.png"))

    code.clear()
    code.send_keys("1 / 0")
    browser.find_element(By.ID, "run").click()
    error = wait_for(lambda: "ZeroDivisionError" in browser.find_element(By.ID, "output").text
                     and browser.find_element(By.ID, "output").text, 10, "the error")
    assert 'File "<playground>", line 1' in error and "last_value" not in error  # the student's code only

    assert outside_requests(browser, base) == []
    page_bytes = sum(size for _, size in served[before:])
    print(f"\nplayground: first picture {int(first) / 1000:.1f} s (page clock; {wall:.0f} s wall), "
          f"{page_bytes / 1e6:.1f} MB in {len(served) - before} requests")
