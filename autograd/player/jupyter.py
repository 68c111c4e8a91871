"""The walkthrough in Jupyter: an anywidget player running the same script as the HTML page (works
offline in JupyterLab, Notebook 7, VS Code and Colab), or the steps as text when `dot` is missing."""

from __future__ import annotations

import functools
from typing import Any

from .page import spec
from .quiz import QUIZ_JS, QUIZ_STYLE
from .script import PLAYER_JS, PLAYER_STYLE, SVG_STYLE

ESM = PLAYER_JS + QUIZ_JS + """
function render({ model, el }) {
  const spec = model.get('spec');
  const player = chalkgradPlayer(el, spec, (k) => {
    if (model.get('step') !== k) { model.set('step', k); model.save_changes(); }
  });
  if (spec.quiz) chalkgradQuiz(el, spec, player, (score) => { model.set('score', score); model.save_changes(); });
  model.on('change:step', () => { if (player.current() !== model.get('step')) player.show(model.get('step')); });
  return () => player.pause();
}
export default { render };
"""


@functools.cache
def player_class() -> Any:
    """The widget class, defined on first use so that importing chalkgrad never needs anywidget."""
    try:
        import anywidget
        import traitlets
    except ImportError as error:
        raise ImportError("the Jupyter player needs anywidget: pip install anywidget "
                          "(or pip install 'chalkgrad[notebooks]'); print(walkthrough) shows the "
                          "steps as text meanwhile") from error

    class WalkthroughPlayer(anywidget.AnyWidget):
        """The player; `step` is synced both ways (set it from Python, or read where the class is)."""

        _esm = ESM
        _css = PLAYER_STYLE + QUIZ_STYLE + SVG_STYLE
        spec = traitlets.Dict().tag(sync=True)
        step = traitlets.Int(0).tag(sync=True)
        score = traitlets.Dict().tag(sync=True)  # a quiz's {right, asked, total}, as the student answers

        def __repr__(self) -> str:
            return (f"<walkthrough player at step {self.step + 1} of {len(self.spec.get('steps', []))}: "
                    "it shows in a live Jupyter kernel with widgets; print() the walkthrough for text>")

    return WalkthroughPlayer


def Player(wt: Any, interval: int = 1200) -> Any:  # noqa: N802 (reads as the class it returns)
    """A new player widget for the walkthrough `wt`, at its first step."""
    data = spec(wt, interval=interval)
    return player_class()(spec=data, step=data["start"])


def show(wt: Any) -> None:
    """What a notebook shows for a walkthrough: the player, or its text and what to install."""
    from IPython.display import display

    from ..draw.output import GraphvizNotFoundError

    try:
        display(wt.player())
        return
    except GraphvizNotFoundError as error:
        reason = str(error).split("\n")[0]
    except ImportError as error:
        reason = str(error)
    print(f"(no player: {reason})")
    print(wt)
