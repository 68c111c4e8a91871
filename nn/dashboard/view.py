"""What the widget draws, as JSON: the controls and the network (small, sent on every change) and the
heat maps (sent after training). Map values travel as integers from -100 to 100 (a colour scale
has no more steps than that), each map with the largest |value| it was scaled by."""

from __future__ import annotations

import math
from typing import Any

from .data import DATASETS
from .features import FEATURES, available
from .maps import grid, layered, maps
from .network import ACTIVATIONS, MAX_LAYERS, MAX_NEURONS
from .sample import forward_path
from .trainer import OPTIMIZERS

RESOLUTION = 50  # the output map: 50 x 50 points (1-D regression: 50 points along x)
THUMB_EVERY = 2  # a neuron's small map takes every 2nd row and column of the grid (25 x 25)
CURVE_POINTS = 400  # the loss curves sent: every k-th epoch once there are more epochs than this


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, 6)


def _weights(model: Any) -> list | None:
    """Per layer, per neuron: incoming [weight, gradient] pairs and the bias's."""
    if not layered(model):
        return None
    def pair(p: Any) -> list:
        return [_finite(p.data), _finite(p.grad) if isinstance(p.grad, (int, float)) else None]

    return [[{"w": [pair(w) for w in n.w], "b": pair(n.b)} for n in layer.neurons] for layer in model.layers]


def _thinned(values: list[float]) -> list[float | None]:
    every = -(-len(values) // CURVE_POINTS)
    return [_finite(v) for v in values[::every]]


def controls(state: Any) -> dict[str, Any]:
    """The dashboard without its maps: settings, points, network, curves, the picked point."""
    d, h, spec = state.data, state.history, state.spec
    train, test = state.losses()
    layers = ([{"size": size, "activation": act} for size, act in zip(spec.hidden, spec.activations)]
              if spec is not None else None)
    code = (spec.to_python(state.trainer.optimizer_name, state.trainer.lr,
                           "bce_with_logits" if d.task == "classification" else "mse",
                           state.trainer.l1, state.trainer.l2, state.trainer.batch_size) if spec else "")
    return {
        "task": d.task, "data": d.name, "noise": d.noise, "test_fraction": d.test_fraction,
        "datasets": list(DATASETS), "extent": d.extent, "dims": d.dims,
        "points": [[*p, t, int(test)] for p, t, test in zip(d.points, d.targets, d.test)],
        **{k: v for k, v in state.settings.items()}, "optimizers": list(OPTIMIZERS),
        "activations": list(ACTIVATIONS), "limits": {"layers": MAX_LAYERS, "neurons": MAX_NEURONS},
        "editable": spec is not None, "model": state.model_name,
        "features": state.features,
        "feature_options": [[name, FEATURES[name][0]] for name in available(d.dims)],
        "layers": layers, "weights": _weights(state.model),
        "epoch": h.epochs, "train_loss": _finite(train), "test_loss": _finite(test),
        "accuracy": _finite((h.val_accuracy or [h.start.get("val_accuracy")])[-1]),
        "curves": {"train": _thinned(h.curve("loss")[1]),
                   "test": _thinned(h.curve("val_loss")[1]) if "val_loss" in h.start else []},
        "picked": forward_path(state, state.picked) if state.picked is not None else None,
        "code": code,
    }


def _quantised(values: list[float], scale: float) -> list[int]:
    """round(100 v / scale) per value (nan and inf as 0): a colour step per integer."""
    if math.isfinite(sum(values)):  # the usual case, one check for the whole map
        k = 100.0 / scale
        return [round(v * k) for v in values]
    return [round(100 * v / scale) if math.isfinite(v) else 0 for v in values]


def _scaled(values: list[float], every: int = 1, width: int = RESOLUTION) -> dict[str, Any]:
    if every > 1:  # every `every`-th row and column of a width x width grid
        values = [v for row in range(0, len(values) // width, every)
                  for v in values[row * width:(row + 1) * width:every]]
    finite = [v for v in (max(values), -min(values)) if math.isfinite(v)] if values else []
    if len(finite) < 2:
        finite = [abs(v) for v in values if math.isfinite(v)]
    scale = max(finite, default=0.0) or 1.0
    return {"scale": scale, "q": _quantised(values, scale)}


def heat_maps(state: Any, resolution: int = RESOLUTION) -> dict[str, Any]:
    """The output over the plot (classification: 2p - 1 = tanh(score / 2), from -1 for class 0 to +1
    for class 1; regression: the prediction along x), and every feature's and neuron's small map."""
    d = state.data
    points = grid(d.extent, resolution, d.dims)
    columns = maps(state.model, state.features, points)
    out = columns["output"]
    if d.task == "classification":
        output = {"scale": 1.0, "q": _quantised([math.tanh(s / 2) for s in out], 1.0)}
    else:
        output = {"scale": 1.0, "values": [_finite(v) for v in out]}
    every = THUMB_EVERY if d.dims == 2 else 1
    thumbs = lambda cols: [_scaled(c, every, resolution) for c in cols]  # noqa: E731
    return {"resolution": resolution, "dims": d.dims, "output": output,
            "inputs": thumbs(columns["inputs"]),
            "layers": [thumbs(layer) for layer in columns["layers"]] if columns["layers"] else None}
