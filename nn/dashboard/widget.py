"""The playground in Jupyter: an anywidget (the walkthrough player's stack) whose buttons send
commands to the kernel, where `PlaygroundState` trains with chalkgrad and answers with what to draw."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

from .sample import graph_svg, sample_loss, walkthrough_page
from .state import PlaygroundState
from .view import controls, heat_maps

STATIC = Path(__file__).with_name("static")
TICK_SECONDS = 0.06  # one tick of play trains at least this long, then the dashboard is drawn once


def tick_length(draw_seconds: float) -> float:
    """How long a tick trains: at least as long as the last redraw took, so that training keeps
    half the kernel's time or more however slow drawing is (a big network, a busy machine)."""
    return max(TICK_SECONDS, draw_seconds)


def train_for(state: PlaygroundState, seconds: float) -> int:
    """One tick of play: epochs until `seconds` have passed (at least one); returns how many."""
    started, epochs = time.perf_counter(), 0
    while epochs == 0 or time.perf_counter() - started < seconds:
        state.step()
        epochs += 1
    return epochs


@functools.cache
def widget_class() -> Any:
    """The widget class, defined on first use so that importing nn never needs anywidget."""
    try:
        import anywidget
        import traitlets
    except ImportError as error:
        raise ImportError("the playground's dashboard needs anywidget: pip install anywidget (or pip "
                          "install 'chalkgrad[notebooks]'); playground.step() trains without it") from error

    class PlaygroundWidget(anywidget.AnyWidget):
        """view: controls, points, network, curves; maps: the heat maps; detail: the way down."""

        _esm = (STATIC / "draw.js").read_text() + "\n" + (STATIC / "playground.js").read_text()
        _css = (STATIC / "playground.css").read_text()
        view = traitlets.Dict().tag(sync=True)
        maps = traitlets.Dict().tag(sync=True)
        detail = traitlets.Dict().tag(sync=True)
        status = traitlets.Unicode("").tag(sync=True)

    return PlaygroundWidget


class Playground:
    """A live training dashboard over a `PlaygroundState` (``.state``). In Jupyter it shows itself;
    from code, ``step(epochs)``, ``reset()``, ``.model``, ``.history`` and ``.code`` work without it."""

    def __init__(self, state: PlaygroundState) -> None:
        self.state = state
        self._widget: Any = None
        self._draw_seconds = 0.0

    @property
    def model(self) -> Any:
        """The nn model being trained (a new one after reset or a change to the network)."""
        return self.state.model

    @property
    def history(self) -> Any:
        """nn.History: loss and accuracy on the training points, val_loss and val_accuracy on the
        test points, one entry per epoch (epoch 0 in .start); plot with nn.plot.plot_history."""
        return self.state.history

    @property
    def code(self) -> str:
        """The Python that builds the current network (what the 'copy the Python' button copies)."""
        return controls(self.state)["code"]

    def loss_of(self, index: int) -> Any:
        """Point `index`'s own loss as a fresh graph, for ``draw_dot`` and ``walkthrough``: the way
        down that the dashboard's 'its graph' and 'its backprop' buttons take."""
        return sample_loss(self.state, index)

    def step(self, epochs: int = 1) -> Playground:
        self.state.step(epochs)
        self.refresh()
        return self

    def reset(self) -> Playground:
        self.state.reset()
        self.refresh()
        return self

    @property
    def widget(self) -> Any:
        if self._widget is None:
            self._widget = widget_class()()
            self._widget.on_msg(self._on_message)
            self.refresh()
        return self._widget

    def refresh(self, maps: bool = True) -> None:
        """Send what changed to the dashboard (nothing when it was never shown)."""
        if self._widget is None:
            return
        started = time.perf_counter()
        if maps:
            self._widget.maps = heat_maps(self.state)
        self._widget.view = controls(self.state)
        if maps:
            self._draw_seconds = time.perf_counter() - started

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        try:
            return self.widget._repr_mimebundle_(**kwargs)
        except ImportError as error:  # no anywidget: the text, and what to install
            return {"text/plain": f"{self!r}\n({error})"}

    def __repr__(self) -> str:
        train, test = self.state.losses()
        name = self.state.model_name or f"MLP({self.model.extra_repr()})"
        return (f"<playground: {self.state.data.name}, {name}, epoch {self.state.epoch}, "
                f"training loss {train:.4g}, test loss {test:.4g}>")

    # ---- what the dashboard's controls send ------------------------------------------------------

    def _on_message(self, widget: Any, content: Any, buffers: Any = None) -> None:
        if not isinstance(content, dict) or content.get("cmd") not in COMMANDS:
            return
        try:
            COMMANDS[content["cmd"]](self, content)
            widget.status = ""
        except Exception as error:  # shown in the dashboard, where the student is looking
            widget.status = f"{type(error).__name__}: {error}"

    def _tick(self, _: dict) -> None:
        train_for(self.state, tick_length(self._draw_seconds))
        self.refresh()

    def _detail(self, message: dict) -> None:
        kind, index = message.get("kind"), self.state.picked
        if kind is None or index is None:
            self.widget.detail = {}
        elif kind == "graph":
            self.widget.detail = {"kind": "graph", "svg": graph_svg(self.state, index),
                                  "title": f"The computation graph of point {index}'s loss"}
        else:
            self.widget.detail = {"kind": "walkthrough", "html": walkthrough_page(self.state, index),
                                  "title": f"Backprop, step by step, for point {index}'s loss"}


COMMANDS = {
    "tick": Playground._tick,
    "step": lambda pg, m: pg.step(),
    "reset": lambda pg, m: pg.reset(),
    "data": lambda pg, m: (pg.state.set_data(m.get("name"), m.get("noise"), m.get("test_fraction")), pg.refresh()),
    "network": lambda pg, m: (pg.state.edit_network(m["action"], m.get("layer", 0), m.get("value")), pg.refresh()),
    "training": lambda pg, m: (pg.state.set_training(**{k: v for k, v in m.items() if k != "cmd"}), pg.refresh(False)),
    "add": lambda pg, m: (pg.state.add_point(m["point"], m["target"]), pg.refresh(False)),
    "delete": lambda pg, m: (pg.state.delete_near(m["point"], m.get("target")), pg.refresh(False)),
    "pick": lambda pg, m: (pg.state.pick(m.get("index")), pg.refresh(False)),
    "detail": Playground._detail,
}
