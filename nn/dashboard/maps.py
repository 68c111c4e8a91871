"""Heat maps: the network's output and every neuron's output over a grid of points.

For an MLP of plain layers the grid goes through the network a neuron at a time, as columns of
floats (one list per neuron over all the grid's points), with each activation's forward formula
from the engine's ops: no graph is built, so a 50 x 50 map costs a few tens of milliseconds. Any
other model is run point by point without recording a graph, and shows its output map only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd import no_grad
from autograd.ops.activations import ELU, GELU, LeakyReLU, ReLU, Sigmoid, Softplus, Swish, Tanh

from ..layers import Layer
from ..models import MLP
from .features import FEATURES, columns
from .trainer import one_output

# Each playground activation on a plain float: the engine op's own forward formula.
ON_FLOATS: dict[str, Callable[[float], float]] = {
    "identity": lambda z: z, "linear": lambda z: z, "tanh": Tanh.forward, "relu": ReLU.forward,
    "sigmoid": Sigmoid.forward, "logistic": Sigmoid.forward, "leaky_relu": lambda z: LeakyReLU.forward(z, 0.01),
    "elu": lambda z: ELU.forward(z, 1.0), "gelu": GELU.forward, "swish": Swish.forward, "silu": Swish.forward,
    "softplus": Softplus.forward,
}


def grid(extent: list[float], resolution: int, dims: int) -> list[list[float]]:
    """The points of the map, row by row from the top (y high) down: resolution^2 points in 2-D,
    `resolution` points along x in 1-D."""
    x_lo, x_hi, y_lo, y_hi = extent
    xs = [x_lo + (x_hi - x_lo) * (i + 0.5) / resolution for i in range(resolution)]
    if dims == 1:
        return [[x] for x in xs]
    ys = [y_hi - (y_hi - y_lo) * (j + 0.5) / resolution for j in range(resolution)]
    return [[x, y] for y in ys for x in xs]


def layered(model: Any) -> bool:
    """Whether the neuron-by-neuron columns apply: an MLP of Layers with activations known here."""
    return isinstance(model, MLP) and all(
        type(layer) is Layer and all(n.activation in ON_FLOATS for n in layer.neurons) for layer in model.layers)


def neuron_columns(model: MLP, inputs: list[list[float]]) -> list[list[list[float]]]:
    """Per layer, per neuron, the neuron's output at every point: O = f(b + sum_i w_i x_i)."""
    layers = []
    for layer in model.layers:
        outs = []
        for neuron in layer.neurons:
            z = _weighted_sum([neuron.b.data] * len(inputs[0]), [w.data for w in neuron.w], inputs)
            outs.append(list(map(ON_FLOATS[neuron.activation], z)))
        layers.append(outs)
        inputs = outs
    return layers


def _weighted_sum(z: list[float], weights: list[float], columns: list[list[float]]) -> list[float]:
    """z + sum_i w_i * column_i point by point, in the order i = 1, 2, ...; four columns a pass,
    since in Python a pass over 2,500 points costs more than the arithmetic inside it."""
    for k in range(0, len(columns), 4):
        ws, cs = weights[k:k + 4], columns[k:k + 4]
        if len(cs) == 4:
            (a, b, c, d), (p, q, r, t) = ws, cs
            z = [s + a * v + b * w + c * x + d * y for s, v, w, x, y in zip(z, p, q, r, t)]
        elif len(cs) == 3:
            (a, b, c), (p, q, r) = ws, cs
            z = [s + a * v + b * w + c * x for s, v, w, x in zip(z, p, q, r)]
        elif len(cs) == 2:
            (a, b), (p, q) = ws, cs
            z = [s + a * v + b * w for s, v, w in zip(z, p, q)]
        else:
            a, p = ws[0], cs[0]
            z = [s + a * v for s, v in zip(z, p)]
    return z


def maps(model: Any, features: list[str], points: list[list[float]]) -> dict[str, Any]:
    """{'inputs': one column per feature, 'layers': per layer per neuron (None when the model is not
    layered), 'output': the model's output column} over `points`."""
    inputs = columns(points, features)
    if layered(model):
        layers = neuron_columns(model, inputs)
        return {"inputs": inputs, "layers": layers, "output": layers[-1][0]}
    formulas = [FEATURES[name][2] for name in features]
    with no_grad():
        output = [one_output(model([f(p) for f in formulas])).data for p in points]
    return {"inputs": inputs, "layers": None, "output": output}
