"""Watching a traced forward for Python that branches on a Value, which no replay could follow.

While ``compile`` traces in a thread: comparisons, ``bool()``, ``int()``, ``float()`` and
``round()`` of a Value are recorded, and so are comparisons of a number that code outside
autograd read from ``.data`` (or computed from it). Reading ``.data`` alone is fine (a check, a
running statistic): only a decision on it is a branch.

The watch belongs to the tracing thread, as grad mode does (grad_mode.py): `Value` keeps its
methods, and another thread, tracing or not, is neither seen nor disturbed. The numbers the traced
code can read are `_Looked` floats: the nodes built while this thread traces hold them, and so do
the inputs and parameters, lent for the trace and given back as plain floats.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..value import TracingThreads, Value, tracing

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep  # autograd/, not codegen/
_count_lock = threading.Lock()


class GraphDependsOnData(RuntimeError):
    """The traced Python looked at a Value's number, so the graph it built may depend on the data."""


class _Looked(float):
    """A Value's number as traced code reads it (``v.data``). Reading it is fine (a check, a
    running statistic); comparing it, or a number computed from it, is a branch on the data.
    Outside a tracing thread it behaves as the float it is."""

    __slots__ = ()
    __hash__ = float.__hash__


def _compare(name: str) -> Callable:
    method = getattr(float, name)

    def compared(self: float, *args: Any) -> Any:
        watch = tracing.watch
        # autograd's own code (Value.__lt__, an op's forward) compares to compute, not to branch
        if watch is not None and not sys._getframe(1).f_code.co_filename.startswith(_PACKAGE):
            watch.saw(f"{name} of a Value's .data")
        return method(self, *args)

    return compared


def _carry(name: str) -> Callable:
    method = getattr(float, name)

    def carried(self: float, *args: Any) -> Any:
        result = method(self, *args)
        if type(result) is float and tracing.watch is not None:
            return _Looked(result)
        return result

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


class _Watch:
    """One tracing thread's findings: where the traced code looked at a number in the graph."""

    looked = _Looked  # Value.from_op wraps each new node's number with it

    def __init__(self) -> None:
        self.seen: list[str] = []

    def saw(self, what: str) -> None:
        self.seen.append(f"{what} at {_caller()}")


@contextmanager
def watching(leaves: Iterable[Value] = ()) -> Iterator[list[str]]:
    """Watch this thread while it traces; yields the list of findings.

    `leaves` (the inputs and parameters) hold watched numbers during the trace; each gets its
    plain float back afterwards unless something else wrote to it meanwhile.
    """
    watch, outer = _Watch(), tracing.watch
    lent = []
    for leaf in leaves:
        leaf.data = looked = _Looked(leaf.data)
        lent.append((leaf, looked))
    tracing.watch = watch
    with _count_lock:  # two threads starting or ending a trace at once must not lose a count
        TracingThreads.threads += 1
    try:
        yield watch.seen
    finally:
        with _count_lock:
            TracingThreads.threads -= 1
        tracing.watch = outer
        for leaf, looked in lent:
            if leaf.data is looked:
                leaf.data = float(looked)


def tracing_now() -> bool:
    """Whether this thread is tracing for `compile` now: a layer that keeps state from the numbers it
    sees (batch norm's running estimates) can refuse, as a replay would not run that Python."""
    return tracing.watch is not None


def forget_looks(nodes: Iterable[Value]) -> None:
    """Give the traced graph's nodes plain floats again, so nothing watched outlives the trace."""
    for node in nodes:
        if type(node.data) is _Looked:
            node.data = float(node.data)
