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

from autograd.checks import is_real
from autograd.files import write_atomically

from .module import Module

FORMAT = "chalkgrad.parameters"
VERSION = 1


def _readable(x: float) -> float | str:
    return x if math.isfinite(x) else repr(x)  # JSON has no inf or nan


def _number(name: str, x: Any) -> float:
    """A parameter's or buffer's number as a float (an int set by hand, p.data = 1, is one too)."""
    if not is_real(x):
        raise TypeError(f"cannot save {name}: its value is {type(x).__name__} {x!r}, not a number")
    return float(x)


def save(model: Module, path: str | os.PathLike) -> None:
    """Write model's parameters and buffers to a JSON file at path.

    The whole text is built before the file is touched and then written atomically (autograd.files):
    saving over a good file either replaces it or leaves it as it was.
    """
    if not isinstance(model, Module):
        raise TypeError(f"save expects a Module, got {type(model).__name__}")
    parameters = [(name, p.label, _number(name, p.data)) for name, p in model.named_parameters()]
    document = {
        "format": FORMAT,
        "version": VERSION,
        "architecture": repr(model),
        "parameters": [{"name": name, "label": label, "value": _readable(x), "hex": x.hex()}
                       for name, label, x in parameters],
        "buffers": [{"name": name, "hex": [_number(name, v).hex() for v in _as_list(value)],
                     "scalar": not isinstance(value, (list, tuple))}
                    for name, value in model.named_buffers()],
    }
    text = json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a label with a lone surrogate: JSON's \u escapes keep it exactly
        text = json.dumps(document, indent=1, ensure_ascii=True, allow_nan=False) + "\n"
    write_atomically(path, text)


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def load(model: Module, path: str | os.PathLike, strict: bool = True) -> Module:
    """Read parameters saved by `save` into model (in place) and return it.

    The parameter names must match exactly; with strict (the default) the architecture text must match
    too, so e.g. a sigmoid network's weights do not silently load into a ReLU network. A damaged file
    raises ValueError naming the file and the field; the model is changed only when the whole file is good.
    """
    if not isinstance(model, Module):
        raise TypeError(f"load expects a Module to fill, got {type(model).__name__}")
    document = _read_document(path)
    file = os.fspath(path)
    architecture = _field(document, "architecture", str, file)
    entries = _field(document, "parameters", list, file)
    saved = [_field(entry, "name", str, file, f"parameters[{i}]") for i, entry in enumerate(entries)]
    names = [name for name, _ in model.named_parameters()]
    where = f"{file} does not match this model"
    if saved != names:
        missing = [n for n in names if n not in saved]
        extra = [n for n in saved if n not in names]
        detail = (f"the file has {len(saved)} parameters, the model {len(names)}; "
                  f"missing from the file: {missing[:4]}{' ...' if len(missing) > 4 else ''}; "
                  f"not in the model: {extra[:4]}{' ...' if len(extra) > 4 else ''}")
        raise ValueError(f"{where}: {detail}\nfile:  {architecture}\nmodel: {model!r}")
    if strict and architecture != repr(model):
        raise ValueError(f"{where} (same parameter names, different architecture; pass strict=False "
                         f"to load anyway)\nfile:  {architecture}\nmodel: {model!r}")
    state: dict[str, Any] = {name: _float_entry(entry, file, f"parameters[{i}] ({name})")
                             for i, (name, entry) in enumerate(zip(saved, entries))}
    for i, entry in enumerate(_field(document, "buffers", list, file)):
        name = _field(entry, "name", str, file, f"buffers[{i}]")
        hexes = _field(entry, "hex", list, file, f"buffers[{i}] ({name})")
        values = [_from_hex(h, file, f"buffers[{i}] ({name}).hex[{k}]") for k, h in enumerate(hexes)]
        if entry.get("scalar") and len(values) != 1:
            raise ValueError(f"{file}: field buffers[{i}] ({name}) is a scalar but holds {len(values)} numbers")
        state[name] = values[0] if entry.get("scalar") else values
    model.load_state_dict(state)
    return model


def _read_document(path: str | os.PathLike) -> dict:
    """The file's JSON object, checked to be a chalkgrad parameter file of a version we read."""
    file = os.fspath(path)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ValueError(f"{file} is not a text file, so not a chalkgrad parameter file ({err})") from err
    except json.JSONDecodeError as err:
        raise ValueError(f"{file} is not a JSON file ({err})") from err
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"{file} is not a chalkgrad parameter file (no format '{FORMAT}')")
    if document.get("version") != VERSION:
        raise ValueError(f"{file} has format version {document.get('version')!r}; "
                         f"this chalkgrad reads version {VERSION}")
    return document


def _field(entry: Any, key: str, kind: type, file: str, where: str = "") -> Any:
    """entry[key], checked to be of the given kind; otherwise an error naming the file and the field."""
    field = f"{where}.{key}" if where else key
    if not isinstance(entry, dict):
        raise ValueError(f"{file}: field {where} should be an object with '{key}', got {type(entry).__name__}; "
                         "the file is damaged: save the model again")
    if key not in entry:
        raise ValueError(f"{file}: field '{field}' is missing; the file is damaged: save the model again")
    value = entry[key]
    if not isinstance(value, kind):
        raise ValueError(f"{file}: field '{field}' should be a {kind.__name__}, got {type(value).__name__} "
                         f"{value!r}; the file is damaged: save the model again")
    return value


def _float_entry(entry: Any, file: str, where: str) -> float:
    return _from_hex(_field(entry, "hex", str, file, where), file, f"{where}.hex")


def _from_hex(text: Any, file: str, field: str) -> float:
    if not isinstance(text, str):
        raise ValueError(f"{file}: field '{field}' should be a float in hex (str), got {type(text).__name__} "
                         f"{text!r}; the file is damaged: save the model again")
    try:
        return float.fromhex(text)
    except ValueError as err:
        raise ValueError(f"{file}: field '{field}' is {text!r}, not a float in hex (as float.hex writes); "
                         "the file is damaged: save the model again") from err
