"""End to end in a real JupyterLab: start `jupyter lab` on localhost (a free port, a token, a temporary
notebook folder), open notebooks in headless Chromium, run their cells, click "next" on the
walkthrough player, check the step it shows, and check that the kernel sees the same step."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from autograd import Value, walkthrough

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOK_09 = Path(__file__).resolve().parents[2] / "notebooks" / "10_watch_backprop.ipynb"

CELLS = [
    "from autograd import Value, walkthrough\n"
    "a, b = Value(2.0, 'a'), Value(-3.0, 'b')\n"
    "c = a * b + a\n"
    "c.label = 'c'\n"
    "player = walkthrough(c).player()\n"
    "player",
    "print('kernel sees step', player.step)",
]


def the_walkthrough():
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    c = a * b + a
    c.label = "c"
    return walkthrough(c)


def notebook(folder: Path) -> Path:
    cells = [{"cell_type": "code", "execution_count": None, "id": f"cell{k}", "metadata": {},
              "outputs": [], "source": source} for k, source in enumerate(CELLS)]
    path = folder / "walk.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout: float, what: str, fatal: type[Exception] | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = condition()
        except Exception as error:  # the page or server is still coming up
            if fatal is not None and isinstance(error, fatal):
                raise
            result = None
        if result:
            return result
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


@pytest.fixture(scope="module")
def jupyter_lab(tmp_path_factory: pytest.TempPathFactory):
    """A JupyterLab server for these tests only, stopped (by its process) afterwards."""
    tmp_path = tmp_path_factory.mktemp("jupyterlab")
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook(folder)
    shutil.copy(NOTEBOOK_09, folder / NOTEBOOK_09.name)
    # Render every cell, not only those scrolled into view, so the test finds all the players.
    tracker = tmp_path / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    # Offline and quiet: no news feed, no update check, no extension manager asking PyPI.
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.extension_manager=readonly"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # a root CI machine, as the Makefile's apt-get installs assume
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        def up() -> bool:
            if server.poll() is not None:
                log.flush()
                raise RuntimeError("jupyter lab exited: " + (tmp_path / "server.log").read_text()[-2000:])
            return urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).status == 200

        wait_for(up, 60, "jupyter lab to start", fatal=RuntimeError)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def screenshot_on_timeout(browser, path: Path):
    """wait_for, leaving a screenshot of the browser behind when it times out (to see why)."""
    def waiting(*args, **kwargs):
        try:
            return wait_for(*args, **kwargs)
        except AssertionError:
            browser.save_screenshot(str(path))
            raise
    return waiting


def open_notebook(browser, base: str, token: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    # A workspace of its own, reset: only this notebook is open, whatever an earlier test left.
    browser.get(f"{base}/lab/workspaces/{secrets.token_hex(4)}/tree/{name}?token={token}&reset")
    wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell .cm-content").is_displayed(),
             60, "the notebook")
    wait_for(lambda: "| Idle" in browser.find_element(By.ID, "jp-main-statusbar").text, 60,
             "the kernel to start")


def test_player_in_jupyterlab_steps_forward_and_the_kernel_sees_it(jupyter_lab, browser, screenshot_dir):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, token = jupyter_lab
    wt = the_walkthrough()
    open_notebook(browser, base, token, "walk.ipynb")
    first = browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[0]
    first.find_element(By.CSS_SELECTOR, ".cm-content").click()  # into its editor: Shift+Enter runs it
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()

    counter = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".wt-player .wt-counter"), 60,
                       "the walkthrough player")
    assert counter.text == f"step 1 of {len(wt)}"
    for _ in range(3):
        browser.find_element(By.CSS_SELECTOR, ".wt-player .wt-next").click()
    assert counter.text == f"step 4 of {len(wt)}"
    assert wt.steps[3].phase == "seed" and wt.steps[3].node == "n3"
    assert browser.find_element(By.CSS_SELECTOR, ".wt-player .wt-text").text == wt.steps[3].text
    grad = browser.find_element(By.CSS_SELECTOR, '.wt-player [data-wt-slot="n3.grad"]')
    assert grad.text == "grad 1.000" and grad.get_attribute("data-value") == "1.0"  # the seed
    browser.save_screenshot(str(screenshot_dir / "walkthrough_jupyterlab.png"))

    second = browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[1]
    second.find_element(By.CSS_SELECTOR, ".cm-content").click()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    printed = wait_for(lambda: [e.text for e in second.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")
                                if "kernel sees" in e.text], 30, "the second cell's output")
    assert printed == ["kernel sees step 3"]  # the widget's step, synced back to Python


def test_notebook_09_runs_in_jupyterlab_and_its_players_step(jupyter_lab, browser, screenshot_dir):
    """The course's own notebook, run top to bottom from JupyterLab's Run menu."""
    from selenium.webdriver.common.by import By

    base, token = jupyter_lab
    open_notebook(browser, base, token, NOTEBOOK_09.name)

    def menu_item(container: str, label: str):
        kind = "MenuBar" if "Bar" in container else "Menu"
        items = browser.find_elements(By.CSS_SELECTOR, f"{container} .lm-{kind}-itemLabel")
        return next(item for item in items if item.text == label)

    menu_item(".lm-MenuBar", "Run").click()
    wait_for(lambda: menu_item(".lm-Menu", "Run All Cells"), 10, "the Run menu").click()
    players = screenshot_on_timeout(browser, screenshot_dir / "walkthrough_notebook_09_timeout.png")(
lambda: [p for p in browser.find_elements(By.CSS_SELECTOR, ".wt-player")
                                if p.find_elements(By.CSS_SELECTOR, ".wt-counter")][:2]
                       if len(browser.find_elements(By.CSS_SELECTOR, ".wt-player")) >= 2 else None,
                       60, "the notebook's two players")
    neuron, han_kamber = players
    assert neuron.find_element(By.CSS_SELECTOR, ".wt-counter").text == "step 1 of 12"
    assert han_kamber.find_element(By.CSS_SELECTOR, ".wt-counter").text == "step 1 of 31"
    for _ in range(7):
        neuron.find_element(By.CSS_SELECTOR, ".wt-next").click()
    assert neuron.find_element(By.CSS_SELECTOR, ".wt-counter").text == "step 8 of 12"
    text = neuron.find_element(By.CSS_SELECTOR, ".wt-text").text
    assert text.startswith("backward: visit o (grad 1.000)")  # 4 significant figures
    assert "n.grad += ∂o/∂n × o.grad = 0.5000 × 1.000" in text
    n_grad = neuron.find_element(By.CSS_SELECTOR, '[data-wt-slot="n8.grad"]')
    assert n_grad.text == "grad 0.5000"  # n = x1w1 + x2w2 + b is n8 in topological order
    browser.execute_script("arguments[0].scrollIntoView()", neuron)
    browser.save_screenshot(str(screenshot_dir / "walkthrough_notebook_09.png"))
    # every cell ran without an error
    wait_for(lambda: "| Idle" in browser.find_element(By.ID, "jp-main-statusbar").text, 60, "the last cell")
    stderr = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
    assert browser.find_elements(By.CSS_SELECTOR, stderr) == []
    errors = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".jp-RenderedText") if "Traceback" in e.text]
    assert errors == []
