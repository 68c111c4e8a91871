"""Turning a drawn computation graph into a picture: SVG inline in Jupyter, .svg/.png/.pdf files,
and plain advice (never a crash) when Graphviz's `dot` is missing or takes too long."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import graphviz

from autograd.checks import real
from autograd.draw.layout import READABLE_PX, SLIDE
from autograd.files import write_atomically

IMAGE_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
SOURCE_SUFFIXES = (".gv", ".dot")
JUPYTER_FORMATS = {"image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpeg"}
PNG_DPI = 150  # Graphviz's default 96 dpi looks blurry on a projector; a slide-sized picture is ~2x HD


class LargeGraphWarning(UserWarning):
    """The graph is so large that Graphviz may take minutes to lay it out."""


class SlideFitWarning(UserWarning):
    """Scaled to fit a 1920x1080 slide, the picture's smallest text is under 14 px: too small to read."""


def fitted_text_px(svg: bytes | str) -> float:
    """How tall, in px, the smallest text of an SVG picture is once it is scaled to fit a 1920x1080
    slide: its smallest font size, times the picture's own scale (width / viewBox width), times the
    scale that fits its width x height onto the slide."""
    root = ET.fromstring(svg)

    def length(name: str) -> float:
        return float(re.match(r"[\d.]+", root.get(name, "0")).group())  # '1234pt' -> 1234.0

    width, height = length("width"), length("height")
    view = [float(v) for v in root.get("viewBox", f"0 0 {width} {height}").split()]
    sizes = [float(t.get("font-size")) for t in root.iter() if t.tag.endswith("text") and t.get("font-size")]
    if not sizes or not width or not height:
        return float("inf")  # nothing to read
    return min(sizes) * (width / view[2]) * min(SLIDE[0] / width, SLIDE[1] / height)


class GraphvizNotFoundError(graphviz.ExecutableNotFound):
    """Graphviz's `dot` program is not installed (or not on PATH); the message says what to run."""

    def __init__(self, message: str) -> None:
        RuntimeError.__init__(self, message)  # not the parent's generic "failed to execute" text

    def __str__(self) -> str:
        return str(self.args[0])


def install_command() -> str:
    """The one command that installs Graphviz on this kind of machine."""
    if sys.platform == "darwin":
        return "brew install graphviz"
    if sys.platform.startswith("win"):
        return "winget install graphviz"
    return "sudo apt-get install -y graphviz"


def missing_dot_message(action: str) -> str:
    return (f"Cannot {action}: Graphviz's `dot` program was not found on PATH. "
            f"Install it with:  {install_command()}\n"
            "The graph itself is fine: its DOT text is in `.source`.")


class ComputationGraph(graphviz.Digraph):
    """A graphviz.Digraph that shows itself as SVG in Jupyter and saves pictures with `save(path)`.

    display_timeout: seconds Jupyter waits for `dot` before showing advice instead of the
    picture (None waits forever); `save()` always waits.
    """

    value_count = 0  # how many Values the graph has; set by draw_dot
    drawn_count = 0  # how many of them are drawn (all but folded constants and cut-off parts)
    layout: Any = None  # the draw.layout.Layout draw_dot chose
    display_timeout: float | None = 30.0

    def __repr__(self) -> str:
        return (f"<ComputationGraph of {self.value_count} values: display it in Jupyter or call "
                ".save('graph.svg'), '.png' or '.pdf'; the DOT text is in .source>")

    def copy(self) -> ComputationGraph:
        twin = super().copy()
        twin.value_count, twin.drawn_count, twin.layout = self.value_count, self.drawn_count, self.layout
        twin.advice = self.advice
        return twin

    def slide_fit(self) -> float:
        """The smallest text's height in px once the picture is fitted to a 1920x1080 slide (runs dot)."""
        return fitted_text_px(self.picture("svg"))

    def _check_fit(self, svg: bytes) -> None:
        px = fitted_text_px(svg)
        if px < READABLE_PX:
            warnings.warn(
                f"this picture of {self.drawn_count} values does not fit a slide: scaled to 1920x1080 its "
                f"smallest text is {px:.1f} px tall (at least {READABLE_PX} px reads from the back of a "
                f"lecture hall). {self.advice()}", SlideFitWarning, stacklevel=3)

    def advice(self) -> str:
        """What to do instead (draw_dot sets a function that tries its remedies)."""
        return ("Draw a part of it (only=model.layers[0], or around=node, depth=2), "
                "use compact=True, or the neuron-level view (clusters=model).")

    def picture(self, format: str = "svg", *, timeout: float | None = None, dpi: float | None = None) -> bytes:
        """The picture as bytes ('svg', 'png', 'pdf', ...), made by running Graphviz's `dot`.

        Runs dot itself rather than graphviz.pipe() so that Jupyter can stop waiting on a graph
        too big to lay out (subprocess.TimeoutExpired after `timeout` seconds).
        """
        command = [self.engine, f"-T{format}"]
        if format == "png":
            command.append(f"-Gdpi={PNG_DPI if dpi is None else dpi:g}")
        try:
            done = subprocess.run(command, input=self.source.encode(self.encoding),
                                  capture_output=True, timeout=timeout, check=False)
        except FileNotFoundError as error:
            raise GraphvizNotFoundError(missing_dot_message(f"draw a {format} picture")) from error
        if done.returncode != 0:
            raise graphviz.CalledProcessError(done.returncode, command, output=done.stdout,
                                              stderr=done.stderr)
        return done.stdout

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **_: Any) -> dict:
        """What Jupyter shows: the SVG, or text saying what is missing (a notebook must not crash)."""
        wanted = {"image/svg+xml"} if include is None else set(include)
        wanted -= set(exclude or ())
        bundle: dict[str, Any] = {}
        for mimetype, format in JUPYTER_FORMATS.items():
            if mimetype not in wanted:
                continue
            try:
                data = self.picture(format, timeout=self.display_timeout)
            except GraphvizNotFoundError as error:
                return {"text/plain": str(error)}
            except subprocess.TimeoutExpired:
                return {"text/plain": (
                    f"Graphviz's dot took more than {self.display_timeout:g} s to lay out this "
                    f"graph of {self.value_count} values, so it is not shown. Draw a smaller part "
                    "(e.g. the loss of one example) or use the neuron-level view (clusters=model); "
                    ".save('graph.svg') waits for dot however long it takes.")}
            if format == "svg":
                self._check_fit(data)
            bundle[mimetype] = data.decode("utf-8") if format == "svg" else data
        return bundle

    def save(self, filename: Any = None, directory: Any = None, *,
             skip_existing: bool | None = False, dpi: float | None = None) -> str:
        """Write the picture to `filename` in the format its extension names; returns the path.

        .svg/.png/.pdf are drawn by `dot` (GraphvizNotFoundError, a RuntimeError, if it is
        missing); .gv/.dot write the DOT text, as graphviz.Digraph.save does. dpi: a PNG's
        resolution (default 150: a picture that fits a slide comes out about twice HD size).
        Warns (SlideFitWarning) when the picture would be unreadable on a slide.
        """
        real("dpi (dots per inch of a PNG)", dpi, low=10, high=1200, none_ok=True)
        # graphviz's render() calls save(name, directory=..., skip_existing=None) to write the
        # DOT text before it runs dot; that call keeps its original meaning.
        if filename is None or skip_existing is None:
            return super().save(filename, directory=directory, skip_existing=skip_existing)
        path = Path(directory, filename) if directory is not None else Path(filename)
        suffix = path.suffix.lower()
        if suffix in SOURCE_SUFFIXES:
            if skip_existing and path.exists():
                return str(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            return write_atomically(path, self.source)
        if suffix not in IMAGE_FORMATS:
            raise ValueError(f"cannot save a computation graph as {str(path)!r}: unknown extension "
                             f"{suffix or '(none)'!r}; use .svg, .png or .pdf (.gv for DOT text)")
        if skip_existing and path.exists():
            return str(path)
        data = self.picture(IMAGE_FORMATS[suffix], dpi=dpi)
        self._check_fit(data if suffix == ".svg" else self.picture("svg"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_atomically(path, data)
