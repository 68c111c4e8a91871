"""Saving a walkthrough: the HTML page, one picture per step (SVG or PNG), an animated GIF, or slides
(one 16:9 slide per step, as HTML or PDF: slides.py). Every frame is the same layout (one `dot` run)
with that step's numbers filled in."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from autograd.files import write_atomically

FRAME_FORMATS = ("svg", "png")
GIF_MS = 1200  # how long each step stays on screen in a GIF
IMAGE_EXTRA = "pip install 'chalkgrad[image]'  (cairosvg and pillow)"


def save(wt: Any, path: Any, fmt: str | None = None) -> str:
    """backprop.html, backprop.gif, or a folder with fmt='png'/'svg'; returns what was written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if fmt is None and path.name.lower().endswith(".slides.html"):  # one 16:9 slide per step
        from .slides import deck

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(deck(wt), encoding="utf-8")
        return str(path)
    if fmt is None and suffix == ".pdf":
        from .slides import pdf

        return pdf(wt, path)
    if fmt is None and suffix in (".html", ".htm"):
        page = wt.html()  # built in full before the file is touched
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_atomically(path, page)
    if fmt is None and suffix == ".gif":
        return _gif(wt, path)
    if fmt in FRAME_FORMATS and not suffix:
        return _frames(wt, path, fmt)
    if fmt is not None and fmt not in FRAME_FORMATS:
        raise ValueError(f"fmt must be 'png' or 'svg' (one picture per step in a folder), got {fmt!r}")
    raise ValueError(f"cannot save a walkthrough as {str(path)!r}: use 'backprop.html', 'backprop.gif', "
                     "'backprop.slides.html' or 'backprop.pdf' (one 16:9 slide per step), or a folder with "
                     "fmt='png' or fmt='svg', e.g. save('frames/', fmt='png')")


def caption(wt: Any, k: int) -> str:
    return f"step {k + 1} of {len(wt.steps)}  {wt.steps[k].text}"


def png(svg: str, scale: float = 1.5) -> bytes:
    """An SVG frame as PNG (cairosvg, from the optional image extra)."""
    try:
        import cairosvg
    except (ImportError, OSError) as error:  # OSError: the Cairo library itself is missing
        raise ImportError(f"PNG and GIF frames need cairosvg: {IMAGE_EXTRA}") from error
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale, background_color="white")


def _frames(wt: Any, folder: Path, fmt: str) -> str:
    digits = len(str(len(wt.steps)))
    pictures = []  # every frame is drawn before the first file is written
    for k in range(len(wt.steps)):
        svg = wt.scene.frame(k, caption(wt, k))
        pictures.append((folder / f"step_{k + 1:0{digits}d}.{fmt}", svg if fmt == "svg" else png(svg)))
    folder.mkdir(parents=True, exist_ok=True)
    for name, picture in pictures:
        write_atomically(name, picture)
    return str(folder)


def _gif(wt: Any, path: Path, scale: float = 1.0) -> str:
    try:
        from PIL import Image
    except ImportError as error:
        raise ImportError(f"an animated GIF needs pillow: {IMAGE_EXTRA}") from error
    frames = [Image.open(io.BytesIO(png(wt.scene.frame(k, caption(wt, k)), scale))).convert("RGB")
              for k in range(len(wt.steps))]
    size = (max(f.width for f in frames), max(f.height for f in frames))
    padded = []
    for f in frames:  # captions differ in length: every frame gets the largest size
        canvas = Image.new("RGB", size, "white")
        canvas.paste(f, (0, 0))
        padded.append(canvas.quantize(colors=64))
    gif = io.BytesIO()
    padded[0].save(gif, format="GIF", save_all=True, append_images=padded[1:], duration=GIF_MS, loop=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomically(path, gif.getvalue())
