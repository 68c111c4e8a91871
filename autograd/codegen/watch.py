"""Watching a traced forward for Python that branches on a Value, which no replay could follow.

While ``compile`` traces: comparisons, ``float()`` and ``round()`` of a Value are recorded, and so
are comparisons of a number that code outside autograd read from ``.data`` (or computed from it).
Reading ``.data`` alone is fine (a check, a running statistic): only a decision on it is a branch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..value import Value

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep  # autograd/, not codegen/
_WATCHED = ("__lt__", "__le__", "__gt__", "__ge__", "__float__", "__round__", "item")


class GraphDependsOnData(RuntimeError):
    """The traced Python looked at a Value's number, so the graph it built may depend on the data."""


_SEEN: list | None = None  # while tracing: where the traced code looked at a number in the graph


def _record(what: str) -> None:
    if _SEEN is not None:
        _SEEN.append(f"{what} at {_caller()}")


class _Looked(float):
    """A Value's number as traced code reads it (``v.data``). Reading it is fine (a check, a
    running statistic); comparing it, or a number computed from it, is a branch on the data."""

    __slots__ = ()
    __hash__ = float.__hash__


def _compare(name: str) -> Callable:
    method = getattr(float, name)

    def compared(self: float, *args: Any) -> Any:
        _record(f"{name} of a Value's .data")
        return method(self, *args)

    return compared


def _carry(name: str) -> Callable:
    method = getattr(float, name)

    def carried(self: float, *args: Any) -> Any:
        result = method(self, *args)
        return _Looked(result) if type(result) is float else result

    return carried


for _name in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__", "__bool__", "__int__",
              "__round__", "__trunc__", "__floor__", "__ceil__"):
    setattr(_Looked, _name, _compare(_name))
for _name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__",
              "__rtruediv__", "__pow__", "__rpow__", "__neg__", "__pos__", "__abs__", "__floordiv__",
              "__rfloordiv__", "__mod__", "__rmod__"):
    setattr(_Looked, _name, _carry(_name))


def _caller() -> str:
    """file:line of the first frame outside autograd: where the student's code looked."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
    return "an unknown place" if frame is None else f"{frame.f_code.co_filename}:{frame.f_lineno}"


@contextmanager
def watching() -> Iterator[list[str]]:
    """While tracing: comparisons and float() of a Value are recorded, and so are comparisons of
    the number ``.data`` gives code outside autograd (the engine reads .data to compute; that
    never changes the graph)."""
    global _SEEN
    saved = {name: Value.__dict__[name] for name in _WATCHED + ("data",)}
    slot = saved["data"]

    def watch(name: str) -> Callable:
        method = saved[name]

        def watched(self: Value, *args: Any) -> Any:
            _record(f"{name} of a Value")
            return method(self, *args)

        return watched

    def read(self: Value) -> float:
        value = slot.__get__(self, Value)
        if sys._getframe(1).f_code.co_filename.startswith(_PACKAGE):
            return value
        return _Looked(value)

    _SEEN = seen = []
    try:
        for name in _WATCHED:
            setattr(Value, name, watch(name))
        Value.data = property(read, slot.__set__)
        yield seen
    finally:
        _SEEN = None
        for name, original in saved.items():
            setattr(Value, name, original)


