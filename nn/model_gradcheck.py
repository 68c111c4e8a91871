"""gradcheck for a whole model: every parameter's backward() gradient against central differences
(L(p + h) - L(p - h)) / 2h, each parameter named as a student finds it (its label, or its layer and
unit numbered from 1)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from autograd import Value, no_grad
from autograd.checks import real
from autograd.formatting import Table
from autograd.gradcheck import GradcheckReport, GradcheckRow

from .data import batch_outputs, check_samples  # the same checks and forward as fit()
from .metrics import loss_by_name
from .module import Module

__all__ = ["ModelGradcheck", "gradcheck"]


@dataclass(repr=False)
class ModelGradcheck(GradcheckReport):
    """One row per parameter; true (``bool(report)``) when every parameter passed. Printed as a Table."""

    @property
    def max_abs_error(self) -> float:
        return max(row.abs_error for row in self.rows)

    def table(self) -> Table:
        rows = [[r.name, f"{r.value:.6g}", f"{r.analytic:.8g}", f"{r.numeric:.8g}", f"{r.abs_error:.1e}",
                 ("ok" if r.passed else "FAIL") + (" (on a kink)" if r.on_kink else "")] for r in self.rows]
        verdict = "all passed" if self.passed else "FAILED"
        return Table(["parameter", "value", "backward()", "central difference", "abs error", "result"], rows,
                     title=f"gradient check, h = {self.eps:g}: {verdict}")

    def __str__(self) -> str:
        return str(self.table())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def _names(model: Module, params: list[Value]) -> list[str]:
    """Labels when they tell the parameters apart (w14, θ4); otherwise 'Layer 1 / Neuron 2 / w1'."""
    labels = [p.label for p in params]
    if all(labels) and len(set(labels)) == len(labels):
        return labels
    where = model.clusters()
    return [" / ".join([*where.get(p, ()), p.label or f"parameter {k}"]) for k, p in enumerate(params, start=1)]


def gradcheck(model: Module, loss: str | Callable, X: Sequence, targets: Sequence, *, eps: float = 1e-6,
              atol: float = 1e-6, rtol: float = 1e-4) -> ModelGradcheck:
    """Check d loss / d p from backward() for every parameter p of `model` on the batch (X, targets).
    (autograd.gradcheck(fn, inputs) is the same check for the inputs of a function of Values.)

    loss: a function loss(predictions, targets) such as nn.mse_loss, or a name 'mse', 'bce', ...
    A parameter passes when |backward - numeric| <= atol + rtol * |numeric|. The model must be
    deterministic: call model.eval() first if it has dropout. Parameters are put back afterwards.
    """
    if not isinstance(model, Module):
        raise TypeError(f"nn.gradcheck(model, loss, X, targets) needs a Module, got {type(model).__name__}; "
                        "for a function of Values use autograd.gradcheck(fn, inputs)")
    loss_fn, _ = loss_by_name(loss)
    X = check_samples(X, None)
    if isinstance(targets, (str, bytes)) or not isinstance(targets, Sequence) or len(targets) != len(X):
        raise ValueError(f"targets must be a list with one target per sample ({len(X)})")
    eps = real("eps", eps, low=0, low_open=True)
    atol, rtol = real("atol", atol, low=0), real("rtol", rtol, low=0)
    params = model.parameters()
    if not params:
        raise ValueError("the model has no parameters to check")

    def value() -> float:
        with no_grad():
            return float(loss_fn(batch_outputs(model, list(X)), list(targets)).data)

    if value() != value():
        raise ValueError("the loss changes between two identical calls (dropout in training mode?): "
                         "call model.eval() before gradcheck")
    saved = [p.grad for p in params]
    for p in params:
        p.grad = 0.0
    out = loss_fn(batch_outputs(model, list(X)), list(targets))
    if not isinstance(out, Value):
        raise TypeError(f"the loss must return a Value, got {type(out).__name__}")
    out.backward()
    analytic = [float(p.grad) for p in params]
    f_0, rows = out.data, []
    try:
        for name, p, grad in zip(_names(model, params), params, analytic):
            start = p.data
            p.data = start + eps
            f_plus = value()
            p.data = start - eps
            f_minus = value()
            p.data = start
            rows.append(GradcheckRow.compare(name, start, grad, f_minus, f_0, f_plus, eps, atol, rtol))
    finally:
        for p, g in zip(params, saved):
            p.grad = g
    return ModelGradcheck(rows, eps)
