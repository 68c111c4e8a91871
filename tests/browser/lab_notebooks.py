"""Notebooks for the JupyterLab tests: written into the running server through its contents API, and
their cells run from the browser as a student does (click into the cell, Shift+Enter)."""

from __future__ import annotations

import json
import urllib.request


def put_notebook(base: str, token: str, name: str, cells: list[str]) -> None:
    """A notebook of these code cells, put into the server's folder as `name`."""
    cells = [{"cell_type": "code", "execution_count": None, "id": f"c{k}", "metadata": {}, "outputs": [],
              "source": source} for k, source in enumerate(cells)]
    content = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    body = json.dumps({"type": "notebook", "format": "json", "content": content}).encode()
    request = urllib.request.Request(f"{base}/api/contents/{name}?token={token}", data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
    assert urllib.request.urlopen(request, timeout=10).status in (200, 201)


def run_cell(browser, index: int) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    cell = browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[index]
    cell.find_element(By.CSS_SELECTOR, ".cm-content").click()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
