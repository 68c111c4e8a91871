"""save / load a model's parameters (and buffers) as JSON, with an exact, bit-identical round trip.

Each number is stored as float.hex (exact, and also right for inf and nan) next to a readable decimal;
load reads the hex. The file also records the architecture (the model's repr) and every parameter's
name, so loading into a model of another shape fails with a message saying what differs.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from .module import Module

FORMAT = "chalkgrad.parameters"
VERSION = 1


def _readable(x: float) -> float | str:
    return x if math.isfinite(x) else repr(x)  # JSON has no inf or nan


def save(model: Module, path: str | os.PathLike) -> None:
    """Write model's parameters and buffers to a JSON file at path."""
    if not isinstance(model, Module):
        raise TypeError(f"save expects a Module, got {type(model).__name__}")
    document = {
        "format": FORMAT,
        "version": VERSION,
        "architecture": repr(model),
        "parameters": [{"name": name, "label": p.label, "value": _readable(p.data), "hex": p.data.hex()}
                       for name, p in model.named_parameters()],
        "buffers": [{"name": name, "hex": [float(v).hex() for v in _as_list(value)],
                     "scalar": not isinstance(value, (list, tuple))}
                    for name, value in model.named_buffers()],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def load(model: Module, path: str | os.PathLike, strict: bool = True) -> Module:
    """Read parameters saved by `save` into model (in place) and return it.

    The parameter names must match exactly; with strict (the default) the architecture text must match
    too, so e.g. a sigmoid network's weights do not silently load into a ReLU network.
    """
    if not isinstance(model, Module):
        raise TypeError(f"load expects a Module to fill, got {type(model).__name__}")
    with open(path, encoding="utf-8") as f:
        try:
            document = json.load(f)
        except json.JSONDecodeError as err:
            raise ValueError(f"{os.fspath(path)} is not a JSON file ({err})") from err
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"{os.fspath(path)} is not a chalkgrad parameter file (no format '{FORMAT}')")
    if document.get("version") != VERSION:
        raise ValueError(f"{os.fspath(path)} has format version {document.get('version')!r}; "
                         f"this chalkgrad reads version {VERSION}")
    saved = [entry["name"] for entry in document["parameters"]]
    names = [name for name, _ in model.named_parameters()]
    where = f"{os.fspath(path)} does not match this model"
    if saved != names:
        missing = [n for n in names if n not in saved]
        extra = [n for n in saved if n not in names]
        detail = (f"the file has {len(saved)} parameters, the model {len(names)}; "
                  f"missing from the file: {missing[:4]}{' ...' if len(missing) > 4 else ''}; "
                  f"not in the model: {extra[:4]}{' ...' if len(extra) > 4 else ''}")
        raise ValueError(f"{where}: {detail}\nfile:  {document['architecture']}\nmodel: {model!r}")
    if strict and document["architecture"] != repr(model):
        raise ValueError(f"{where} (same parameter names, different architecture; pass strict=False "
                         f"to load anyway)\nfile:  {document['architecture']}\nmodel: {model!r}")
    state: dict[str, Any] = {e["name"]: float.fromhex(e["hex"]) for e in document["parameters"]}
    for entry in document["buffers"]:
        values = [float.fromhex(h) for h in entry["hex"]]
        state[entry["name"]] = values[0] if entry.get("scalar") else values
    model.load_state_dict(state)
    return model
