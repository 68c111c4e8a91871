"""`gradcheck`: compare backward()'s gradients with central differences, as a report a student can read."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .checks import is_real, real
from .grad_mode import no_grad
from .value import Value


@dataclass
class GradcheckRow:
    """One input's verdict: analytic vs numeric gradient."""

    name: str
    value: float
    analytic: float
    numeric: float
    abs_error: float
    rel_error: float
    passed: bool
    on_kink: bool  # left and right slopes disagree: the derivative is not defined here

    @classmethod
    def compare(cls, name: str, value: float, analytic: float, f_minus: float, f_0: float, f_plus: float,
                eps: float, atol: float, rtol: float) -> GradcheckRow:
        """The verdict from f at value - eps, value and value + eps: the numeric slope is the central
        difference; the input is on a kink when the one-sided slopes disagree."""
        numeric = (f_plus - f_minus) / (2 * eps)
        abs_error = abs(analytic - numeric)
        rel_error = abs_error / max(abs(numeric), abs(analytic), 1e-300)
        left, right = (f_0 - f_minus) / eps, (f_plus - f_0) / eps
        on_kink = abs(left - right) > 1e3 * eps * max(1.0, abs(left), abs(right)) + 10 * atol
        passed = math.isfinite(abs_error) and abs_error <= atol + rtol * abs(numeric)
        return cls(name, value, analytic, numeric, abs_error, rel_error, passed, on_kink)


@dataclass
class GradcheckReport:
    rows: list[GradcheckRow]
    eps: float

    @property
    def passed(self) -> bool:
        return all(row.passed for row in self.rows)

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        header = f"{'input':>8} {'value':>12} {'analytic':>14} {'numeric':>14} {'abs err':>10} {'rel err':>10}  result"
        lines = [header]
        for r in self.rows:
            verdict = "ok" if r.passed else "FAIL"
            if r.on_kink:
                verdict += " (on a kink: left and right slopes differ)"
            lines.append(
                f"{r.name:>8} {r.value:>12.6g} {r.analytic:>14.8g} {r.numeric:>14.8g} "
                f"{r.abs_error:>10.2e} {r.rel_error:>10.2e}  {verdict}"
            )
        lines.append(f"central differences with h = {self.eps:g}: {'all passed' if self.passed else 'FAILED'}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def gradcheck(fn: Callable[..., Value], inputs: Sequence[Value | float], eps: float = 1e-6,
              atol: float = 1e-5, rtol: float = 1e-4) -> GradcheckReport:
    """Check d fn / d input_i from backward() against (f(x+h) - f(x-h)) / 2h for every input of a function.
    (For every parameter of a model, on a batch and a loss, use nn.gradcheck(model, loss, X, targets).)

    `fn` takes one Value per input and returns a Value. An input passes when
    |analytic - numeric| <= atol + rtol * |numeric|. An input on a kink (the one-sided slopes
    (f(x+h) - f(x))/h and (f(x) - f(x-h))/h disagree) is flagged: there the derivative is a convention.
    """
    if not callable(fn):
        raise TypeError(f"gradcheck needs a function, got {type(fn).__name__}")
    if callable(getattr(fn, "parameters", None)):  # a model checks its parameters, not its inputs
        raise TypeError("autograd.gradcheck(fn, inputs) checks a function's inputs; for every parameter of "
                        "a model use nn.gradcheck(model, loss, X, targets)")
    eps = real("eps", eps, low=0, low_open=True)
    atol, rtol = real("atol", atol, low=0), real("rtol", rtol, low=0)
    start = [x.data if isinstance(x, Value) else x for x in inputs]
    for x in start:
        if not is_real(x):
            raise TypeError(f"gradcheck inputs must be Values or real numbers, got {type(x).__name__} {x!r}")
    leaves = [Value(float(x), label=getattr(orig, "label", "")) for x, orig in zip(start, inputs)]
    out = fn(*leaves)
    if not isinstance(out, Value):
        raise TypeError(f"gradcheck: fn must return a Value, got {type(out).__name__}")
    out.backward()

    def f(values: list[float]) -> float:
        with no_grad():
            return fn(*[Value(v) for v in values]).data

    rows = []
    for i, leaf in enumerate(leaves):
        def shifted(h: float, i: int = i) -> float:
            values = list(start)
            values[i] = start[i] + h
            return f(values)

        analytic = 0.0 if leaf.grad is None else leaf.grad  # never reached by backward: d out/d x = 0
        rows.append(GradcheckRow.compare(leaf.label or f"x{i}", start[i], analytic, shifted(-eps), out.data,
                                         shifted(eps), eps, atol, rtol))
    return GradcheckReport(rows, eps)
