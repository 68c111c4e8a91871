"""The offline course site for the browser tests: built once per test run by notebooks/site/build.py
(its downloads cached in build/site-cache, so a second run is quick), served on 127.0.0.1 by the same
handler as `python -m http.server`, counting what it serves, to a Chromium that can resolve no host."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import new_driver

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "notebooks" / "site" / "build.py"
OFFLINE = ("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",)  # no CDN, no network


class Counted(http.server.SimpleHTTPRequestHandler):
    """http.server's handler, remembering every path served and its size."""

    served: list[tuple[str, int]]

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, destination) -> None:
        data = source.read()
        self.served.append((self.path, len(data)))
        destination.write(data)


@functools.cache
def built_site() -> Path:
    """The site, built once per test run into a temporary folder."""
    if shutil.which("npm") is None:
        pytest.skip("npm was not found: the site bundles Pyodide and Graphviz from npm (make site installs it)")
    out = Path(tempfile.mkdtemp(prefix="chalkgrad-site-")) / "site"
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(BUILD), str(out)], capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"building the site failed:\n{(done.stdout + done.stderr)[-3000:]}")
    print(f"site built in {time.monotonic() - started:.0f} s")
    return out


@pytest.fixture(scope="module")
def site_server() -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """(base URL, the list of (path, bytes) served so far)."""
    served: list[tuple[str, int]] = []
    handler = functools.partial(type("Handler", (Counted,), {"served": served}), directory=str(built_site()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def offline_browser() -> Iterator:
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    driver = new_driver(profile, OFFLINE)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def outside_requests(driver, base: str) -> list[str]:
    """Every request the page made to anything but the site's own origin (data: and blob: are local)."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return [u for u in urls if not u.startswith((base, "data:", "blob:", "ws://127.0.0.1", "about:", "chrome"))]


# Run in the page (async): for every node of every drawn picture, is each text inside its box? Pictures
# shown as <img> (JupyterLab shows SVG so) are copied inline first, with their own fonts, to measure them.
TEXT_FITS_JS = """
const [selector, done] = arguments;
const found = [...document.querySelectorAll(selector)];
const holder = document.createElement('div');
holder.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
document.body.appendChild(holder);
const svgs = found.map((el) => {
  if (el.tagName.toLowerCase() === 'svg') return el;
  const src = el.getAttribute('src') || '';
  const comma = src.indexOf(',');
  const text = src.includes(';base64,') ? atob(src.slice(comma + 1)) : decodeURIComponent(src.slice(comma + 1));
  holder.insertAdjacentHTML('beforeend', text.slice(text.indexOf('<svg')));
  return holder.lastElementChild;
});
document.fonts.ready.then(() => {
  const misfits = [];
  let nodes = 0;
  for (const svg of svgs) {
    for (const node of svg.querySelectorAll('g.node')) {
      const shape = node.querySelector('polygon, path, ellipse');
      if (!shape) continue;
      nodes++;
      const box = shape.getBBox();
      for (const text of node.querySelectorAll('text')) {
        if (!text.textContent.trim()) continue;
        const t = text.getBBox();
        if (t.x < box.x - 1 || t.x + t.width > box.x + box.width + 1)
          misfits.push(text.textContent + ' ' + t.width.toFixed(1) + ' in ' + box.width.toFixed(1));
      }
    }
  }
  holder.remove();
  done({svgs: svgs.length, nodes: nodes, misfits: misfits});
});
"""


def text_fits(driver, selector: str) -> dict:
    """{svgs, nodes, misfits}: the drawn pictures matching `selector` (inline <svg> or <img> of one)."""
    return driver.execute_async_script(TEXT_FITS_JS, selector)


def wait_for(condition, timeout: float, what: str, driver=None, screenshot: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = condition()
        except Exception:  # noqa: BLE001 - the page is still coming up
            result = None
        if result:
            return result
        time.sleep(0.5)
    if driver is not None and screenshot is not None:
        driver.save_screenshot(str(screenshot))
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


# Run in the page (async): the SVG figures (nn.figures, shown as <img>), each copied inline to measure
# its text: [every text, the texts reaching outside the figure] per figure.
FIGURE_TEXTS_JS = """
const [selector, done] = arguments;
const holder = document.createElement('div');
holder.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
document.body.appendChild(holder);
const figures = [];
for (const el of document.querySelectorAll(selector)) {
  const src = el.getAttribute('src') || '';
  const data = src.slice(src.indexOf(',') + 1);  // base64 (nn.plot.show) or URI-encoded (an image output)
  const text = src.includes(';base64,')
    ? new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0))) : decodeURIComponent(data);
  if (!text.includes('chalkgrad-figure')) continue;
  holder.insertAdjacentHTML('beforeend', text);
  figures.push(holder.lastElementChild);
}
document.fonts.ready.then(() => {
  const result = figures.map((svg) => {
    const box = svg.getBoundingClientRect();  // on the page, rotation (the y label) included
    const texts = [...svg.querySelectorAll('text')];
    const outside = texts.filter((t) => {
      const b = t.getBoundingClientRect();
      return b.left < box.left - 1 || b.top < box.top - 1 || b.right > box.right + 1 || b.bottom > box.bottom + 1;
    }).map((t) => t.textContent);
    return [texts.map((t) => t.textContent), outside];
  });
  holder.remove();
  done(result);
});
"""


def figure_texts(driver, selector: str) -> list:
    """[(texts, texts outside the figure)] for every nn.figures SVG figure shown as an <img>."""
    return driver.execute_async_script(FIGURE_TEXTS_JS, selector)
