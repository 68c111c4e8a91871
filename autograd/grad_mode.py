"""Grad mode: whether new operations are recorded into the graph (`no_grad`, `enable_grad`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class _GradMode:
    # A class attribute rather than a module global so every op reads it with one attribute lookup.
    enabled: bool = True


def is_grad_enabled() -> bool:
    """True when operations on `Value`s are being recorded for `backward()`."""
    return _GradMode.enabled


class _SetGradMode:
    """Context manager and decorator that sets grad mode, restoring the previous mode on exit."""

    mode: bool

    def __enter__(self) -> None:
        self._previous = _GradMode.enabled
        _GradMode.enabled = self.mode

    def __exit__(self, *exc_info: object) -> None:
        _GradMode.enabled = self._previous

    def __call__(self, fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with type(self)():
                return fn(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


class no_grad(_SetGradMode):  # noqa: N801 - PyTorch's name
    """Stop recording: results are plain leaf `Value`s (fast inference, optimiser updates).

    Use as ``with no_grad(): ...`` or as a decorator ``@no_grad()``.
    """

    mode = False


class enable_grad(_SetGradMode):  # noqa: N801 - PyTorch's name
    """Record operations again, even inside `no_grad` (``with enable_grad(): ...`` or ``@enable_grad()``)."""

    mode = True
