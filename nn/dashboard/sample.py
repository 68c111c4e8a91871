"""The way down: one point forwarded through the network, its loss as a computation graph, and the
backprop walkthrough of that graph (the engine's own `draw_dot` and `walkthrough`)."""

from __future__ import annotations

import warnings
from typing import Any

from autograd import Value

from .features import FEATURES, expand
from .maps import layered, neuron_columns
from .trainer import one_output


def _point(state: Any, index: int) -> tuple[list[float], float]:
    if not 0 <= index < len(state.data.points):
        raise IndexError(f"there is no point {index}; there are {len(state.data.points)}")
    return expand([state.data.points[index]], state.features)[0], state.data.targets[index]


def forward_path(state: Any, index: int) -> dict[str, Any]:
    """What the picked point does in the network: its features, every neuron's output (None when
    the model is not an MLP of plain layers), the output and the point's own loss."""
    x, target = _point(state, index)
    loss = sample_loss(state, index)
    neurons = None
    if layered(state.model):
        neurons = [[column[0] for column in layer] for layer in neuron_columns(state.model, [[v] for v in x])]
    return {"index": index, "inputs": x, "neurons": neurons, "output": _output_of(state, x), "target": target,
            "loss": loss.data, "test": state.data.test[index]}


def _output_of(state: Any, x: list[float]) -> float:
    from autograd import no_grad

    with no_grad():
        return one_output(state.model(x)).data


def sample_loss(state: Any, index: int) -> Value:
    """This one point's loss as a fresh graph (no penalty): inputs named as the diagram names them."""
    x, target = _point(state, index)
    inputs = [Value(v, FEATURES[name][0]) for v, name in zip(x, state.features)]
    output = one_output(state.model(inputs))
    loss = state.trainer.loss_fn([output], [target])
    loss.label = "loss"
    return loss


def graph_svg(state: Any, index: int) -> str:
    """The computation graph of the point's loss after its backward pass, neuron by neuron (SVG text)."""
    from autograd import draw_dot

    loss = sample_loss(state, index)
    params = list(state.model.parameters())
    kept = [p.grad for p in params]  # the last training step's gradients, which the dashboard shows
    for p in params:
        p.grad = 0.0
    loss.backward()  # every gradient in the picture is this one point's
    options = {"clusters": state.model} if hasattr(state.model, "clusters") else {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a large graph still draws (Graphviz takes its time)
            return draw_dot(loss, **options).picture("svg").decode("utf-8")
    finally:
        for p, grad in zip(params, kept):
            p.grad = grad


def walkthrough_page(state: Any, index: int) -> str:
    """The backprop walkthrough of the point's loss with the update at the current learning rate,
    as the engine's own offline page; a ValueError when the graph is too big to follow."""
    from autograd import walkthrough
    from autograd.player.steps import LargeWalkthroughWarning

    loss = sample_loss(state, index)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LargeWalkthroughWarning)
        try:
            steps = walkthrough(loss, lr=state.trainer.lr, parameters=state.model.parameters())
        except LargeWalkthroughWarning as warning:
            raise ValueError(f"{warning} In the playground: fewer neurons.") from None
    return steps.html(title=f"Backprop for point {index}")
