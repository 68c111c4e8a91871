"""End to end in a real JupyterLab: start `jupyter lab` on localhost (a free port, a token, a temporary
notebook folder), open a notebook in headless Chromium, run its cells, click "next" on the
walkthrough player, check the step it shows, and check that the kernel sees the same step."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from autograd import Value, walkthrough

pytestmark = [pytest.mark.browser, pytest.mark.slow]

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


@pytest.fixture
def jupyter_lab(tmp_path: Path):
    """A JupyterLab server for this test only, stopped (by its process) afterwards."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook(folder)
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


def test_player_in_jupyterlab_steps_forward_and_the_kernel_sees_it(jupyter_lab, browser, screenshot_dir):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, token = jupyter_lab
    wt = the_walkthrough()
    browser.get(f"{base}/lab/tree/walk.ipynb?token={token}")
    wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell .cm-content").is_displayed(),
             60, "the notebook")
    wait_for(lambda: "| Idle" in browser.find_element(By.ID, "jp-main-statusbar").text, 60,
             "the kernel to start")
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
    assert grad.text == "grad 1.0000" and grad.get_attribute("data-value") == "1.0"  # the seed
    browser.save_screenshot(str(screenshot_dir / "walkthrough_jupyterlab.png"))

    second = browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[1]
    second.find_element(By.CSS_SELECTOR, ".cm-content").click()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    printed = wait_for(lambda: [e.text for e in second.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")
                                if "kernel sees" in e.text], 30, "the second cell's output")
    assert printed == ["kernel sees step 3"]  # the widget's step, synced back to Python
