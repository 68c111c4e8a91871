"""Han & Kamber's network from chalkgrad's public API: the book's MLP, one training step (forward,
E = ½(T - O)², backward(), SGD), the picture of its graph, and training on past the book."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograd import Value
from autograd.formatting import Table
from nn import MLP, half_squared_error
from nn.optim import SGD

from .han_kamber_book import INITIAL, INPUT, LAYERS, LEARNING_RATE, SOURCES, TARGET
from .units import find_units


def build_network(weights: Mapping[str, float] = INITIAL) -> MLP:
    """The book's 3-2-1 network of sigmoid units, labelled as the book labels it (w14 ... θ6, I4, O4, ...)."""
    model = MLP(3, [len(units) for units in LAYERS], activation="sigmoid", output_activation="sigmoid",
                labels="textbook")
    model.set_weights([[[weights[f"w{i}{j}"] for i in SOURCES[j]] for j in units] for units in LAYERS],
                      [[weights[f"θ{j}"] for j in units] for units in LAYERS])
    return model


@dataclass
class Step:
    """One training step on one tuple. `values`: the quantities of the book's tables -- I_j, O_j, Err_j
    (read from autograd as -dE/dI_j) and every weight and bias after the update; `gradients`: dE/dw by
    label; `before`: the weights and biases before it; `picture`: the graph after backward(), if drawn."""

    loss: Value
    values: dict[str, float]
    gradients: dict[str, float]
    before: dict[str, float]
    picture: Any = None


def train_step(model: MLP, x: Sequence[float] = INPUT, target: float = TARGET, optimizer: SGD | None = None,
               draw: bool = False) -> Step:
    """Forward, E = ½(T - O)², backward(), one optimizer step (SGD with l = 0.9 unless given)."""
    optimizer = optimizer or SGD(model.parameters(), lr=LEARNING_RATE)
    model.zero_grad()
    loss = half_squared_error(model(x), target)
    loss.label = "E"
    loss.backward()
    values: dict[str, float] = {}
    for unit in find_units(loss):
        values.update({f"I{unit.number}": unit.net.data, f"O{unit.number}": unit.out.data,
                       f"Err{unit.number}": unit.err})
    params = model.parameters()
    picture = None
    if draw:  # drawn now, while the parameters still hold the values the gradients were computed at
        from autograd import draw_dot

        picture = draw_dot(loss, clusters=model, fold_constants=True)
    gradients, before = {p.label: float(p.grad) for p in params}, {p.label: p.data for p in params}
    optimizer.step()
    values.update({p.label: p.data for p in params})
    return Step(loss, values, gradients, before, picture)


def save_picture(step: Step, out_dir: str | Path = "out", name: str = "han_kamber_graph") -> str:
    """Save the step's graph as PNG and SVG in out_dir (and its DOT text, which needs no Graphviz);
    return where it went, or what to install when Graphviz's `dot` is missing."""
    if step.picture is None:
        return "no picture: the step was run with draw=False"
    import graphviz

    from autograd.draw.render import install_command

    try:
        source = step.picture.save(str(Path(out_dir, f"{name}.gv")))
        paths = [step.picture.save(str(Path(out_dir, f"{name}.{ext}"))) for ext in ("png", "svg")]
    except graphviz.ExecutableNotFound:
        return (f"no picture written: Graphviz's `dot` program was not found (the tables above do not need it).\n"
                f"  Install it with:  {install_command()}\n  and run again. The graph's DOT text is in {source}.")
    except (OSError, graphviz.CalledProcessError) as error:
        return f"no picture written: {error}"
    return f"{paths[0]} (also {paths[1]})\n  the network's computation graph after backward(), neuron by neuron"


def continue_training(model: MLP, tuples: Sequence[tuple[Sequence[float], float]], epochs: int,
                      optimizer: SGD | None = None) -> Table:
    """Go on past the book: `epochs` passes over `tuples` ((x, T) pairs), updating after each tuple as the
    book does (SGD with l = 0.9 unless given). One row per step: the output before the update and E."""
    optimizer = optimizer or SGD(model.parameters(), lr=LEARNING_RATE)
    out = f"O{LAYERS[-1][-1]}"
    rows = []
    for epoch in range(1, epochs + 1):
        for x, t in tuples:
            step = train_step(model, x, t, optimizer)
            rows.append([str(epoch), "(" + ", ".join(f"{xi:g}" for xi in x) + ")", f"{t:g}",
                         f"{step.values[out]:.4f}", f"{step.loss.data:.6f}"])
    return Table(["epoch", "tuple x", "T", f"{out} before the update", f"E = ½(T - {out})²"], rows)
