"""Headless Chromium for the browser tests: Debian's chromium driven by chromedriver through selenium.
A test skips (saying what to install) only when the browser or its driver cannot be found."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

INSTALL = "sudo apt-get install -y chromium chromium-driver  (or: make browser)"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,900"]


def chromium_paths() -> tuple[str | None, str | None]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    return browser, shutil.which("chromedriver")


def new_driver(tmp: Path, extra_flags: tuple[str, ...] = ()):
    """A fresh headless Chromium with its own profile, logging every network request."""
    browser, driver_path = chromium_paths()
    if browser is None or driver_path is None:
        missing = "chromium" if browser is None else "chromedriver"
        pytest.skip(f"{missing} was not found on PATH; install it with: {INSTALL}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in (*FLAGS, *extra_flags):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp}")
    options.binary_location = browser
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(driver_path), options=options)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator:
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    driver = new_driver(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """Where screenshots go: $SCREENSHOT_DIR if set (to look at them afterwards), else a temp dir."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
