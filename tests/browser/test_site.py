"""The offline course site (`make site`) in a real browser with no network: JupyterLite starts Python
in the tab, notebook 01 runs top to bottom from the Run menu, its pictures are SVG drawn by Graphviz in
WebAssembly with every text inside its box, and the walkthrough player steps in a new cell. A plotting
notebook runs top to bottom too, its plots drawn as SVG figures (no matplotlib there) with their text
inside the figure."""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.served_site import (  # noqa: F401
    ROOT,
    figure_texts,
    offline_browser,
    outside_requests,
    site_server,
    text_fits,
    wait_for,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK = "01_values_and_graphs.ipynb"
DRAWN_IN_01 = 5  # the notebook's draw() calls
PLOTTING = "05_output_units_and_losses.ipynb"  # bars, text, a shaded region, a log axis; no numpy
# JupyterLab shows an SVG output as an <img> of it (or inline, for some renderers)
ERRORS = '[data-mime-type="application/vnd.jupyter.error"]'
PICTURES = ".jp-OutputArea-output img[src^='data:image/svg'], .jp-OutputArea-output svg"


def menu_item(browser, container: str, label: str):
    from selenium.webdriver.common.by import By

    kind = "MenuBar" if "Bar" in container else "Menu"
    items = browser.find_elements(By.CSS_SELECTOR, f"{container} .lm-{kind}-itemLabel")
    return next(item for item in items if item.text == label)


def prompts(browser) -> list[str]:
    from selenium.webdriver.common.by import By

    return [p.text for p in browser.find_elements(By.CSS_SELECTOR, ".jp-CodeCell .jp-InputArea-prompt")]


def run_in_new_cell(browser, code: str) -> None:
    """Add a code cell at the end (the notebook's footer button), type `code` into it, run it (Shift+Enter)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell"))
    browser.find_element(By.CSS_SELECTOR, ".jp-Notebook-footer").click()
    cell = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[before], 10,
                    "the new cell")
    cell.find_element(By.CSS_SELECTOR, ".cm-content").click()  # edit mode: keys are text, not commands
    ActionChains(browser).send_keys(code).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()


def run_notebook(browser, base: str, notebook: str, shot) -> tuple[float, float]:
    """Open `notebook`, wait for Python, Run All Cells, wait until every cell ran, with no error.
    (seconds to Python ready, seconds to the first picture), both from opening the page."""
    from selenium.webdriver.common.by import By

    started = time.monotonic()
    browser.get(f"{base}/lab/index.html?path={notebook}")
    wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell .cm-content"), 120,
             "the notebook", browser, shot)
    wait_for(lambda: "| Idle" in browser.find_element(By.ID, "jp-main-statusbar").text, 300,
             "Python (Pyodide) to start", browser, shot)
    kernel_ready = time.monotonic() - started

    menu_item(browser, ".lm-MenuBar", "Run").click()
    wait_for(lambda: menu_item(browser, ".lm-Menu", "Run All Cells"), 10, "the Run menu").click()
    first_picture = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, PICTURES),
                             180, "the first picture", browser, shot) and time.monotonic() - started
    count = len(prompts(browser))
    wait_for(lambda: all(p not in ("[ ]:", "[*]:", "") for p in prompts(browser))
             and "| Idle" in browser.find_element(By.ID, "jp-main-statusbar").text, 300,
             "every cell to run", browser, shot)
    errors = [e.text[:300] for e in browser.find_elements(By.CSS_SELECTOR, ERRORS)]
    assert errors == [], errors
    code_cells = sum(c["cell_type"] == "code" for c in json.loads((ROOT / "notebooks" / notebook).read_text())["cells"])
    assert count == len(prompts(browser)) == code_cells  # every code cell ran, with a number
    return kernel_ready, first_picture


def test_notebook_01_runs_offline_with_svg_pictures_and_the_player(site_server, offline_browser,  # noqa: F811
                                                                    screenshot_dir):
    from selenium.webdriver.common.by import By

    base, served = site_server
    browser = offline_browser
    shot = screenshot_dir / "site_notebook_01_timeout.png"
    kernel_ready, first_picture = run_notebook(browser, base, NOTEBOOK, shot)
    fits = text_fits(browser, PICTURES)
    assert fits["svgs"] >= DRAWN_IN_01 and fits["nodes"] > 20, fits
    assert fits["misfits"] == [], fits["misfits"]
    (plotted,) = figure_texts(browser, PICTURES)  # the notebook's one plot, an SVG figure
    assert "tanh and its derivatives, computed by autograd" in plotted[0] and plotted[1] == [], plotted
    page = browser.page_source
    assert "Cannot draw" not in page  # no advice (dot missing, Graphviz still loading) instead of a picture
    browser.save_screenshot(str(screenshot_dir / "site_notebook_01.png"))

    run_in_new_cell(browser, "import autograd; autograd.walkthrough(y).player()")
    counter = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".wt-player .wt-counter"), 120,
                       "the walkthrough player", browser, shot)
    assert counter.text.startswith("step 1 of ")
    browser.find_element(By.CSS_SELECTOR, ".wt-player .wt-next").click()
    assert counter.text.startswith("step 2 of ")
    player_fits = text_fits(browser, ".wt-player svg")
    assert player_fits["nodes"] > 5 and player_fits["misfits"] == [], player_fits
    browser.save_screenshot(str(screenshot_dir / "site_walkthrough_player.png"))

    # An exercise check (nn.exercises): its verdict, and the picture of the graph it checked.
    pictures = len(browser.find_elements(By.CSS_SELECTOR, PICTURES))
    run_in_new_cell(browser, "import nn.exercises as ex; n = ex.get('backprop_neuron', seed=0); "
                             "a = n.template(); a['o'] = 1.0; d = n.check(a); print('verdict:', d.outcome); d.draw()")
    wait_for(lambda: any("verdict: incorrect" in o.text for o in browser.find_elements(
        By.CSS_SELECTOR, ".jp-OutputArea-output")), 60, "the exercise's verdict", browser, shot)
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, PICTURES)) > pictures, 30, "its picture")
    assert text_fits(browser, PICTURES)["misfits"] == []
    assert browser.find_elements(By.CSS_SELECTOR, ERRORS) == []

    assert outside_requests(browser, base) == []
    total = sum(size for _, size in served)
    print(f"\nsite: Python ready {kernel_ready:.0f} s, first picture {first_picture:.0f} s after opening; "
          f"{total / 1e6:.1f} MB in {len(served)} requests")


def test_a_plotting_notebook_runs_offline_with_svg_figures(site_server, offline_browser,  # noqa: F811
                                                          screenshot_dir):
    base, _ = site_server
    shot = screenshot_dir / "site_plotting_timeout.png"
    started = time.monotonic()
    run_notebook(offline_browser, base, PLOTTING, shot)
    source = json.loads((ROOT / "notebooks" / PLOTTING).read_text())["cells"]
    shown = sum("".join(c["source"]).count("plot.show(") for c in source if c["cell_type"] == "code")
    figures = figure_texts(offline_browser, PICTURES)
    assert len(figures) == shown, figures  # every plot.show() drew an SVG figure
    for texts, outside in figures:
        assert len(texts) > 8 and any(t.strip("\u2212").replace(".", "").isdigit() for t in texts), texts
        assert outside == [], outside  # every title, label and tick label inside the figure
    assert "Sigmoid output unit" in {t for texts, _ in figures for t in texts}
    from selenium.webdriver.common.by import By

    first = offline_browser.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output img[src^='data:image/svg']")[0]
    offline_browser.execute_script("arguments[0].scrollIntoView()", first)  # the screenshot shows a figure
    offline_browser.save_screenshot(str(screenshot_dir / "site_plotting_notebook.png"))
    print(f"\nplotting notebook: {len(figures)} figures, run in {time.monotonic() - started:.0f} s")
