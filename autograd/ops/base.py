"""The one pattern every op follows, and the helpers that let one backward rule run on floats or Values."""

from __future__ import annotations

from typing import Any

from .. import floatmath


class Op:
    """An operation: its forward formula and its local derivatives, written side by side.

    ``forward(*inputs, *params)`` computes the output from plain floats.
    ``local_grads(out, *inputs, *params)`` returns d(out)/d(input_i) for every input.
    It is written with ordinary arithmetic, so the same rule runs on floats (the fast path,
    evaluated once when the node is built) and on `Value`s (``backward(create_graph=True)``,
    which makes gradients differentiable). Ops never touch ``.grad``: the engine multiplies
    these local derivatives by the output's gradient and accumulates them, in one place.

    Keeping ``local_grads`` differentiable: its arguments may be floats or Values, so
      - use ``+ - * /`` and ``**`` on them (``div`` and ``pow`` here for IEEE float semantics),
        and reuse ``out`` where the derivative is a function of it (``1 - out * out`` for tanh);
      - for a function, call another op through ``call(Exp, x)``, never ``math.exp(x)``: math.*
        turns a Value into a float (``Value.__float__``), so the first derivative is still right
        but the gradient's graph is cut and ``create_graph=True`` gives a wrong second derivative;
      - decide kinks and branches on ``num(x)`` (the decision itself is not differentiated).
    Each op needs a row in the op table of tests/autograd/test_ops.py, which checks first and
    second derivatives against central differences.
    """

    name = "?"  # what the graph shows for this op

    @staticmethod
    def forward(*args: float) -> float:
        raise NotImplementedError

    @staticmethod
    def local_grads(out: Any, *args: Any) -> tuple:
        raise NotImplementedError


def _is_plain(x: Any) -> bool:
    """x is a plain number (the fast path, on floats), not a Value being differentiated (create_graph)."""
    return type(x) is float or isinstance(x, (int, float))  # the exact-type test answers most calls


def num(x: Any) -> float:
    """The number behind x. Kinks and branches are decided on numbers; the decision is not recorded."""
    # Runs in the local derivative of every ReLU and max node: a float is answered without a call.
    if type(x) is float or isinstance(x, (int, float)):
        return x
    return x.data


def call(op: type[Op], x: Any, *params: Any) -> Any:
    """Apply a one-input op to a float, or record it on a Value (so a rule can use other ops)."""
    if _is_plain(x):
        return op.forward(x, *params)
    return x.from_op(op, (x,), params)


def div(a: Any, b: Any) -> Any:
    """a / b for floats (IEEE: x/0 = inf) or Values."""
    if _is_plain(a) and _is_plain(b):
        return floatmath.div(a, b)
    return a / b


def pow(a: Any, b: Any) -> Any:  # noqa: A001
    """a ** b for floats (IEEE: nan, never complex) or Values."""
    if _is_plain(a) and _is_plain(b):
        return floatmath.pow(a, b)
    return a**b
