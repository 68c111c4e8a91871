"""Who lays out the DOT text: Graphviz's `dot` program on a normal install, or, where no program can
run (a browser tab running Python in WebAssembly: JupyterLite, the playground page), Graphviz compiled
to WebAssembly. The browser's copy comes from the `chalkgrad_browser` package the site build makes
from npm (autograd/draw/ never fetches anything at run time)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from typing import Any

import graphviz

IN_BROWSER = sys.platform == "emscripten"  # Pyodide: no subprocesses (OSError errno 138)
BROWSER_FORMATS = ("svg",)  # WebAssembly Graphviz draws no bitmaps: there is no Cairo in it
# Graphviz in WebAssembly measures text with built-in tables chosen by font name. "Arial" is one of
# them, and the pictures are drawn with Arimo (metric-compatible with Arial, embedded in each SVG),
# so every label fits its box whatever fonts the student's machine has.
MEASURED_FONT = "Arial"
DRAWN_FONT = "chalkgrad-sans"
FONTNAME = re.compile(r'fontname="[^"]*"|fontname=[A-Za-z][\w,-]*')


class NoGraphviz(RuntimeError):
    """Neither `dot` nor Graphviz in WebAssembly can lay out a picture here; str() says why."""


def available() -> bool:
    """Whether a picture can be laid out here (dot on PATH, or Graphviz in WebAssembly loaded)."""
    return (not IN_BROWSER and shutil.which("dot") is not None) or _browser_graphviz() is not None


def layout(source: str, format: str, *, engine: str = "dot", timeout: float | None = None,
           extra_args: tuple[str, ...] = ()) -> bytes:
    """The picture of DOT `source` in `format` ('svg', 'png', ...), as bytes.

    Runs the `engine` program (dot) with a timeout (subprocess.TimeoutExpired), and falls back to
    Graphviz in WebAssembly where no program can run. NoGraphviz when neither is there.
    """
    if not IN_BROWSER:
        command = [engine, f"-T{format}", *extra_args]
        try:
            done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True,
                                  timeout=timeout, check=False)
        except FileNotFoundError as error:
            raise NoGraphviz("dot-missing") from error
        except OSError as error:  # e.g. errno 138 "emscripten does not support processes"
            if _browser_graphviz() is None:
                raise NoGraphviz(f"no-processes: {error}") from error
            return browser_layout(source, format, engine)
        if done.returncode != 0:
            raise graphviz.CalledProcessError(done.returncode, command, output=done.stdout, stderr=done.stderr)
        return done.stdout
    return browser_layout(source, format, engine)


def browser_layout(source: str, format: str, engine: str = "dot") -> bytes:
    """Graphviz in WebAssembly: lay out `source` synchronously, with the font swapped so text fits."""
    if format not in BROWSER_FORMATS:
        raise NoGraphviz(f"format: {format}")
    gv = _browser_graphviz()
    if gv is None:
        raise NoGraphviz(_LOADING["state"])
    svg = str(gv.layout(FONTNAME.sub(f'fontname="{MEASURED_FONT}"', source), "svg", engine))
    return embed_font(svg).encode("utf-8")


def embed_font(svg: str) -> str:
    """Draw the SVG's text with the embedded Arimo (falling back to Arial, then any sans-serif)."""
    family = f"{DRAWN_FONT},{MEASURED_FONT},Helvetica,sans-serif"
    svg = svg.replace(f'font-family="{MEASURED_FONT}"', f'font-family="{family}"')
    style = _font_face_css()
    if not style:
        return svg
    opening = re.search(r"<svg\b[^>]*>", svg)
    if opening is None:
        return svg
    return svg[:opening.end()] + f"\n<style>{style}</style>" + svg[opening.end():]


def missing_reason(reason: str, action: str) -> str | None:
    """The message for a NoGraphviz reason met in the browser (None: dot is simply missing)."""
    if reason.startswith("format"):
        return (f"Cannot {action}: in the browser Graphviz draws SVG only. Save the picture as .svg "
                "(graph.save('graph.svg')), or run chalkgrad on a computer with Graphviz for PNG and PDF.")
    if reason == "loading":
        return (f"Cannot {action} yet: Graphviz (WebAssembly) is still loading in this browser tab. "
                "Run the cell again in a moment.")
    if reason.startswith(("no-processes", "missing")) or IN_BROWSER:
        return (f"Cannot {action}: this Python cannot run Graphviz's `dot` (no programs run in a browser tab) "
                "and Graphviz in WebAssembly is not installed. Use the course site built by `make site`, "
                "where it is preinstalled. The graph itself is fine: its DOT text is in `.source`.")
    return None


# ---- the browser's Graphviz: loaded once per kernel, in the background --------------------------

_LOADING: dict[str, Any] = {"state": "missing", "graphviz": None}


def preload() -> None:
    """Start loading Graphviz's WebAssembly (in the browser only): it is ready a moment later, after
    the running cell returns, so that the first draw() of a notebook finds it."""
    if not IN_BROWSER or _LOADING["state"] != "missing":
        return
    try:
        from importlib.resources import files

        module_text = (files("chalkgrad_browser") / "graphviz.mjs").read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError):
        return  # not installed: draw() says so
    import js  # Pyodide's bridge to the page (or worker) running it
    from pyodide.ffi import create_once_callable

    def loaded(graphviz_js: Any) -> None:
        _LOADING.update(state="ready", graphviz=graphviz_js)

    def failed(error: Any) -> None:
        _LOADING.update(state=f"missing: {error}")

    _LOADING["state"] = "loading"
    promise = js.eval("""(text) => import(URL.createObjectURL(new Blob([text], {type: 'text/javascript'})))
                         .then((m) => m.Graphviz.load())""")(module_text)
    _LOADING["promise"] = promise.then(create_once_callable(loaded), create_once_callable(failed))


async def ready() -> bool:
    """Wait until Graphviz in WebAssembly has loaded (in a page or an async cell); whether it did."""
    preload()
    if _LOADING["state"] == "loading":
        await _LOADING["promise"]
    return _LOADING["graphviz"] is not None


def _browser_graphviz() -> Any:
    """The loaded Graphviz (JavaScript object), waiting for it where the browser lets Python wait."""
    if not IN_BROWSER:
        return None
    preload()
    if _LOADING["state"] == "loading":
        try:  # WebAssembly stack switching (JSPI, Chrome 137+) lets a synchronous call wait for a promise
            from pyodide.ffi import can_run_sync, run_sync
        except ImportError:
            return None
        if can_run_sync():
            run_sync(_LOADING["promise"])
    return _LOADING["graphviz"]


def _font_face_css() -> str:
    """@font-face rules for the embedded Arimo (empty when the fonts are not installed)."""
    if "css" not in _FONTS:
        _FONTS["css"] = ""
        try:
            from importlib.resources import files

            _FONTS["css"] = (files("chalkgrad_browser") / "fonts.css").read_text(encoding="utf-8")
        except (ImportError, FileNotFoundError):
            pass
    return _FONTS["css"]


_FONTS: dict[str, str] = {}
