"""Grad mode: whether new operations are recorded into the graph (`no_grad`, `enable_grad`).

The mode belongs to each thread, as in PyTorch: `no_grad` in one thread never stops another
thread from recording, and every new thread starts with recording on.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class _ThreadMode(threading.local):
    # A class attribute is the default each new thread sees: recording on.
    enabled: bool = True


class AllThreads:
    """``AllThreads.enabled`` is True while no thread has recording off.

    Reading a thread-local costs more than reading a class attribute, and building a node asks
    "record?" every time. So the hot path asks ``AllThreads.enabled or this_thread.enabled``:
    while nobody is inside `no_grad` the first test answers, as fast as a single global flag.
    """

    enabled: bool = True


this_thread = _ThreadMode()
_lock = threading.Lock()
_threads_off = 0  # how many threads have recording switched off


def is_grad_enabled() -> bool:
    """True when operations on `Value`s are being recorded for `backward()` in this thread."""
    return this_thread.enabled


def _set_grad_enabled(mode: bool) -> bool:
    """Set this thread's mode; return the previous one."""
    global _threads_off
    previous = this_thread.enabled
    if mode != previous:
        this_thread.enabled = mode
        with _lock:  # two threads entering or leaving no_grad at once must not lose a count
            _threads_off += -1 if mode else 1
            AllThreads.enabled = _threads_off == 0
    return previous


class _SetGradMode:
    """Context manager and decorator that sets grad mode, restoring the previous mode on exit.

    Works as ``with no_grad():``, ``@no_grad()`` and, as PyTorch allows, ``@no_grad``.
    """

    mode: bool

    def __new__(cls, fn: Callable | None = None) -> Any:
        if fn is None:
            return super().__new__(cls)
        if not callable(fn):
            raise TypeError(f"{cls.__name__}() takes no arguments (use `with {cls.__name__}():`), "
                            f"got {type(fn).__name__} {fn!r}")
        return cls()(fn)  # used as a bare decorator: @no_grad

    def __init__(self, fn: Callable | None = None) -> None:
        self._previous = True

    def __enter__(self) -> None:
        self._previous = _set_grad_enabled(self.mode)

    def __exit__(self, *exc_info: object) -> None:
        _set_grad_enabled(self._previous)

    def __call__(self, fn: F) -> F:
        if not callable(fn):
            raise TypeError(f"@{type(self).__name__}() decorates a function, got {type(fn).__name__}")

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with type(self)():
                return fn(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


class no_grad(_SetGradMode):  # noqa: N801 - PyTorch's name
    """Stop recording in this thread: results are plain leaf `Value`s (fast inference, optimiser updates).

    Use as ``with no_grad(): ...`` or as a decorator, ``@no_grad`` or ``@no_grad()``.
    """

    mode = False


class enable_grad(_SetGradMode):  # noqa: N801 - PyTorch's name
    """Record operations again, even inside `no_grad` (``with enable_grad():``, ``@enable_grad``)."""

    mode = True
