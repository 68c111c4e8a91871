"""The one pattern every op follows, and the helpers that let one backward rule run on floats or Values."""

from __future__ import annotations

from collections.abc import Sequence
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

    How the op looks is its own business too: ``symbol`` is what a picture writes in the op's node,
    ``formula`` how the walkthrough and ``to_source`` comments write it applied to its inputs.
    An op marked ``activation`` joins nn's activation table and gets an activation module there,
    under its ``name`` (which is also its Value method) and its ``aliases``. So a new activation is
    this class (listed in its file's ``__all__``), its Value method, and its rows in the op tables
    of tests/autograd (test_ops.py; test_ieee_table.py and test_torch_reference.py for PyTorch).
    """

    name = "?"  # the engine's name for the op (Value.op); for a function, also its Value method
    activation = False  # a unit's activation: nn.ACTIVATIONS and an nn module (nn.Tanh, ...) come from it
    aliases: tuple[str, ...] = ()  # more names for it in nn's table ('logistic' for sigmoid)
    defaults: tuple[float, ...] = ()  # the parameters nn's table uses (leaky_relu's slope 0.01)
    adds_inputs = False  # its output is the sum of its inputs (+, sum): a neuron's net input flows through

    @classmethod
    def symbol(cls, n_inputs: int, params: Sequence[float] = ()) -> str:
        """What a picture writes in the op's node: its name, with any parameters ('leaky_relu(0.01)')."""
        return cls.name + (f"({', '.join(f'{p:g}' for p in params)})" if params else "")

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        """The op applied to its inputs written as text (names or numbers): 'tanh(a)', 'a + b'."""
        return f"{cls.name}({', '.join([*inputs, *params])})"

    @classmethod
    def statement(cls, names: Sequence[str], numbers: Sequence[str], params: Sequence[str] = ()) -> str:
        """The formula in names, then in numbers, as a hand calculation writes it: 'a * b = 2 * 3'."""
        return f"{cls.formula(names, params)} = {cls.formula(numbers, params)}"

    @staticmethod
    def forward(*args: float) -> float:
        raise NotImplementedError

    @staticmethod
    def local_grads(out: Any, *args: Any) -> tuple:
        raise NotImplementedError


class Infix:
    """Mixed into an operator written between its two inputs, as the student typed it: a + b, a ** b."""

    @classmethod
    def formula(cls, inputs: Sequence[str], params: Sequence[str] = ()) -> str:
        return f" {cls.name} ".join(inputs)


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
