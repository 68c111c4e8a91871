"""The walkthrough as one self-contained HTML page: inline SVG, styles and the player script, and a
Content-Security-Policy that forbids every request, so it works offline and on any course site."""

from __future__ import annotations

import html
import json
from typing import Any

from .quiz import QUIZ_JS, QUIZ_STYLE, quiz_spec
from .script import PLAYER_JS, PLAYER_STYLE, SVG_STYLE

# Nothing may be fetched: no scripts, styles, fonts or images from anywhere but the page itself.
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"


def spec(wt: Any, title: str = "", interval: int = 1200) -> dict:
    """Everything the player script needs: the SVG, the steps' texts and the scene's changes."""
    scene = wt.scene
    return {"svg": scene.markup(), "title": title, "interval": interval, "start": getattr(wt, "start", 0),
            "steps": [{"phase": s.phase, "text": s.text} for s in wt.steps], "scene": scene.as_json(),
            **quiz_spec(wt)}


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element ('</script>' in a label cannot end it early)."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


def page(wt: Any, title: str = "") -> str:
    """The HTML text: arrows, space, Home, End and F (full screen) work anywhere on the page."""
    title = title or f"Backprop, step by step: {wt.name(wt.ids[wt.root])}"
    # the page is the presenter view: the player fills the window, the picture what the caption leaves
    return document({**spec(wt, title), "fill": True})


def document(data: dict) -> str:
    """The page for a player's `spec` (also what a handout embeds in place of the Jupyter player)."""
    title = data["title"]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
html, body {{ margin: 0; background: white; overflow: hidden; }}
{PLAYER_STYLE}
{QUIZ_STYLE}
{SVG_STYLE}
</style>
</head>
<body>
<div id="walkthrough"></div>
<script>
{PLAYER_JS}
{QUIZ_JS}
const spec = {script_json(data)}, host = document.getElementById('walkthrough');
const player = chalkgradPlayer(host, spec);
if (spec.quiz) chalkgradQuiz(host, spec, player);
document.addEventListener('keydown', (event) => {{
  if (event.target.tagName !== 'SELECT' && event.target.tagName !== 'INPUT') player.key(event);
}});
document.querySelector('.wt-player').focus({{ preventScroll: true }});  // an embedded page must not scroll its host
</script>
</body>
</html>
"""
