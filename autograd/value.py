"""`Value`: a scalar that records every operation on it into a computation graph."""

from __future__ import annotations

import math
import operator
import threading
import warnings
from collections.abc import Iterable
from typing import Any

from . import ops, pickling
from .backward import run_backward
from .checks import is_real
from .grad_mode import AllThreads, this_thread

_ROLES = ("parameter", "input", "constant")


class TracingThreads:
    """How many threads are tracing for `compile` right now (codegen/watch.py keeps the count).

    While it is 0, eager code pays one class-attribute test and nothing more, as with grad mode.
    """

    threads: int = 0


class _ThreadTracing(threading.local):
    # A class attribute is the default each new thread sees: not tracing.
    watch: Any = None  # this thread's watcher while it traces (codegen/watch.py), else None


tracing = _ThreadTracing()


def _looked(what: str) -> None:
    """Tell this thread's watcher, if it is tracing, that the traced code looked at a Value's number."""
    watch = tracing.watch
    if watch is not None:
        watch.saw(f"{what} of a Value")


class IdentityComparisonWarning(UserWarning):
    """``Value == number``: `==` on Values is identity, so comparing with a number is always False."""


def _to_float(data: Any) -> float:
    if isinstance(data, Value):
        raise TypeError(f"Value(data) must be a real number, got a Value {data!r}; use .data or .detach()")
    if not is_real(data):
        raise TypeError(f"Value(data) must be a real number, got {type(data).__name__} {data!r}")
    try:
        return float(data)
    except OverflowError:  # an int too large for a float rounds to infinity, as IEEE does
        return math.inf if data > 0 else -math.inf


def _fmt(x: Any) -> str:
    if isinstance(x, Value):
        return f"{x.data:.6g} (differentiable)"
    if not is_real(x):  # None, or something wrong that the repr must still show
        return repr(x)
    return f"{x:.6g}"


class Value:
    """A scalar node: ``.data``, ``.grad`` (None until a backward pass reaches it), an optional ``.label``,
    ``.op`` (the name of the op that produced it), ``.op_class`` (that op's class, which knows how
    it is written), ``.parents`` (an ordered tuple, so ``a * a`` keeps both edges), ``.params`` (the
    op's constant parameters, such as leaky_relu's slope), ``.local_grads`` (d(self)/d(parent) for each
    parent) and ``.role``.

    Those are the names to read. The slots behind them belong to the engine: ``_op``, ``_partials``,
    ``_kind`` and ``_params``. ``_prev`` holds the parents under micrograd's name, so
    code written for micrograd (``for child in v._prev``) runs unchanged; it is the one alias.
    """

    # Slots instead of a __dict__ keep a node small; no closures keep the graph free of reference
    # cycles, so a graph is freed as soon as it is unreachable, without the garbage collector.
    # The hot loops (backward, the topological order, compile's tracing, pickling) read the slots
    # directly: a property call per node and edge would cost them a measurable share of their time.
    __slots__ = ("data", "grad", "_label", "_prev", "_op", "_partials", "_params", "_kind")

    def __init__(self, data: float, label: str = "") -> None:
        self.data = data if type(data) is float else _to_float(data)
        self.grad: Any = None
        self.label = label
        self._prev: tuple[Value, ...] = ()
        self._op: type[ops.Op] | None = None
        self._partials: tuple | None = None
        self._params: tuple = ()
        self._kind: str | None = None

    @classmethod
    def from_op(cls, op: type[ops.Op], parents: tuple[Value, ...], params: tuple = ()) -> Value:
        """Build the node ``op(*parents, *params)``; the single place where graph nodes are made
        (`_dot_node` is its twin for a neuron's fused node, the commonest node with many inputs)."""
        record = AllThreads.enabled or this_thread.enabled  # see grad_mode.py for why two tests
        n = len(parents)
        # While tracing, the engine computes on plain floats (float() of a watched number): only the
        # traced code sees watched ones, whose arithmetic runs in Python (codegen/watch.py).
        traced = TracingThreads.threads and tracing.watch is not None
        # The one- and two-input cases are most nodes: spelled out, the rules are called with the
        # numbers themselves, where op.forward(*args) would first pack them into a tuple.
        if n == 1 and not params:
            x = float(parents[0].data) if traced else parents[0].data
            out = op.forward(x)
            partials = op.local_grads(out, x) if record else None
        elif n == 2 and not params:
            a, b = parents[0].data, parents[1].data
            if traced:
                a, b = float(a), float(b)
            out = op.forward(a, b)
            partials = op.local_grads(out, a, b) if record else None
        else:
            args: Any = [float(p.data) for p in parents] if traced else [p.data for p in parents]
            if params:
                args.extend(params)
            out = op.forward(*args)
            partials = op.local_grads(out, *args) if record else None  # evaluated while the floats are at hand
        node = _new(cls)  # skips __init__'s checks: out is already a number
        node.data = out
        node.grad = None
        node._label = ""
        node._kind = None
        node._partials = partials
        if record:
            node._prev = parents
            node._op = op
            node._params = params
        else:  # no_grad: a plain leaf, nothing recorded
            node._prev = ()
            node._op = None
            node._params = ()
        if traced:  # a number the traced code may read and branch on (codegen/watch.py)
            node.data = tracing.watch.looked(out)
        return node

    @classmethod
    def _dot_node(cls, ws: tuple[Value, ...], xs: tuple[Value, ...], bias: Value | None,
                  wdata: tuple, xdata: tuple, label: str = "", activation: type[ops.Op] | None = None,
                  params: tuple = (), activation_label: str = "") -> Value:
        """The node ``dot(ws, xs, bias)`` (ops.Dot) for a caller that has checked its operands: ws and xs
        tuples of Values of one length, bias a Value or None, and wdata, xdata the tuples of their .data.
        With an `activation` op (and its `params`), the unit's second node ``activation(dot, *params)``
        is built too and returned: a neuron's two nodes in one call.

        The nodes are the ones ``from_op(ops.Dot, ws + xs + (bias,))`` and ``from_op(activation, (dot,),
        params)`` build, made without re-reading numbers the caller already holds: a layer reads its
        inputs' numbers once for all its units, a convolution its kernel's once for all positions. A
        neuron is most of a network's work, so this path is worth its lines; from_op stays the plain
        version.
        """
        traced = TracingThreads.threads and tracing.watch is not None
        b = 0.0 if bias is None else bias.data
        if traced:  # the engine computes on plain floats (a watched float's arithmetic runs in Python)
            wdata, xdata, b = tuple(map(float, wdata)), tuple(map(float, xdata)), float(b)
        record = AllThreads.enabled or this_thread.enabled
        node = _new(cls)  # as in from_op
        # Dot.forward's sum and Dot.local_grads' tuple, on the numbers at hand: the same floats.
        node.data = z = sum(map(operator.mul, wdata, xdata), b)
        node.grad = None
        node._label = label
        node._kind = None
        node._params = ()
        if record:
            node._prev = ws + xs if bias is None else ws + xs + (bias,)
            node._op = ops.Dot
            node._partials = xdata + wdata if bias is None else xdata + wdata + (1.0,)
        else:  # no_grad
            node._prev = ()
            node._op = None
            node._partials = None
        if traced:  # a number the traced code may read and branch on (codegen/watch.py), as in from_op
            node.data = tracing.watch.looked(z)
        if activation is None:
            return node
        out = _new(cls)  # from_op's one-input case, on the net input z already at hand
        # Spelled out for no parameters (relu, tanh, sigmoid): a call with *() costs a tuple per node.
        out.data = a = activation.forward(z, *params) if params else activation.forward(z)
        out.grad = None
        out._label = activation_label
        out._kind = None
        if record:
            out._prev = (node,)
            out._op = activation
            out._params = params
            out._partials = activation.local_grads(a, z, *params) if params else activation.local_grads(a, z)
        else:
            out._prev = ()
            out._op = None
            out._params = ()
            out._partials = None
        if traced:
            out.data = tracing.watch.looked(a)
        return out

    @classmethod
    def constant(cls, x: float) -> Value:
        """A number the student did not name (the 2 in ``2 * x``), drawn as a constant."""
        v = cls(x)
        v._kind = "constant"
        return v

    # ---- what a student inspects ------------------------------------------------------------
    @property
    def label(self) -> str:
        """The node's name in pictures, tables and generated code ('' for none)."""
        return self._label

    @label.setter
    def label(self, label: str) -> None:
        # Checked here, where it is set: a None or a number would break pickling, drawing and
        # to_source much later, far from the line that caused it.
        if type(label) is not str and not isinstance(label, str):
            raise TypeError(f"Value label must be a str, got {type(label).__name__} {label!r}; "
                            f"use '' for no label, or str(...) for a number")
        self._label = label

    @property
    def op(self) -> str:
        """The name of the op that produced this node ('' for a leaf)."""
        return self._op.name if self._op is not None else ""

    @property
    def op_class(self) -> type[ops.Op] | None:
        """The Op class that produced this node (None for a leaf): its symbol, formula and rules."""
        return self._op

    @property
    def params(self) -> tuple:
        """The op's constant parameters, in order: (0.01,) for leaky_relu(0.01), (2.0,) for x ** 2."""
        return self._params

    @property
    def parents(self) -> tuple[Value, ...]:
        """The inputs of the op that produced this node, in order (() for a leaf); micrograd's ``_prev``."""
        return self._prev

    @property
    def local_grads(self) -> tuple | None:
        """d(self)/d(parent) for each parent, as floats (None for a leaf)."""
        return self._partials

    @property
    def role(self) -> str:
        """'intermediate' for op results; for leaves 'parameter', 'constant' or 'input' (the default)."""
        if self._op is not None:
            return "intermediate"
        return self._kind or "input"

    @role.setter
    def role(self, role: str) -> None:
        if role not in _ROLES:
            raise ValueError(f"role must be one of {_ROLES}, got {role!r}")
        if self._op is not None:
            raise ValueError(f"only a leaf can be a {role}; this Value was produced by {self.op!r}")
        self._kind = role

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={_fmt(self.data)}, grad={_fmt(self.grad)}{label})"

    def __format__(self, spec: str) -> str:
        return format(self.data, spec) if spec else repr(self)

    # Turning a Value into a Python number, or comparing it, is a decision compile() cannot
    # replay: each of these tells a tracing thread's watcher (one class-attribute test otherwise).
    def item(self) -> float:
        if TracingThreads.threads:
            _looked("item")
        return float(self.data)

    def __float__(self) -> float:
        if TracingThreads.threads:
            _looked("__float__")
        return float(self.data)

    def __int__(self) -> int:
        """Truncates toward zero, as PyTorch's int(tensor): int(Value(2.7)) == 2."""
        if TracingThreads.threads:
            _looked("__int__")
        return int(self.data)

    def __round__(self, ndigits: int | None = None) -> float:
        if TracingThreads.threads:
            _looked("__round__")
        return round(float(self.data), ndigits)

    # Comparisons look at .data and return a bool; they are not recorded. `==` stays identity,
    # as in micrograd, so Values can be dict keys and set members (the graph walk relies on it);
    # comparing with a number is then always False, which is never what was meant: it warns.
    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Value):
            return self is other
        if _is_real(other):
            warnings.warn(
                f"Value == {other!r} compares identity, not data, so it is always False; "
                f"compare the numbers instead: value.data == {other!r}",
                IdentityComparisonWarning, stacklevel=2,
            )
            return False
        return NotImplemented

    def __bool__(self) -> bool:
        """As PyTorch's one-element tensors: False for 0.0, so ``if loss:`` means ``if loss.data != 0``."""
        if TracingThreads.threads:
            _looked("__bool__")
        return bool(self.data)

    def __lt__(self, other: Any) -> bool:
        if TracingThreads.threads:
            _looked("__lt__")
        return self.data < _number(other)

    def __le__(self, other: Any) -> bool:
        if TracingThreads.threads:
            _looked("__le__")
        return self.data <= _number(other)

    def __gt__(self, other: Any) -> bool:
        if TracingThreads.threads:
            _looked("__gt__")
        return self.data > _number(other)

    def __ge__(self, other: Any) -> bool:
        if TracingThreads.threads:
            _looked("__ge__")
        return self.data >= _number(other)

    __hash__ = object.__hash__

    # ---- arithmetic (numbers on either side become constants) ---------------------------------
    def __add__(self, other: Any) -> Value:
        return _binary(ops.Add, self, other)

    def __radd__(self, other: Any) -> Value:
        return _binary(ops.Add, other, self)

    def __sub__(self, other: Any) -> Value:
        return _binary(ops.Sub, self, other)

    def __rsub__(self, other: Any) -> Value:
        return _binary(ops.Sub, other, self)

    def __mul__(self, other: Any) -> Value:
        return _binary(ops.Mul, self, other)

    def __rmul__(self, other: Any) -> Value:
        return _binary(ops.Mul, other, self)

    def __truediv__(self, other: Any) -> Value:
        return _binary(ops.Div, self, other)

    def __rtruediv__(self, other: Any) -> Value:
        return _binary(ops.Div, other, self)

    def __pow__(self, exponent: Any) -> Value:
        if isinstance(exponent, Value):
            return Value.from_op(ops.Pow, (self, exponent))
        if _is_real(exponent):
            return Value.from_op(ops.PowConst, (self,), (_to_float(exponent),))
        return NotImplemented

    def __rpow__(self, base: Any) -> Value:
        return _binary(ops.Pow, base, self)

    def __neg__(self) -> Value:
        return Value.from_op(ops.Neg, (self,))

    def __abs__(self) -> Value:
        return Value.from_op(ops.Abs, (self,))

    # ---- functions and activations ------------------------------------------------------------
    def exp(self) -> Value:
        return Value.from_op(ops.Exp, (self,))

    def log(self) -> Value:
        return Value.from_op(ops.Log, (self,))

    def sqrt(self) -> Value:
        return Value.from_op(ops.Sqrt, (self,))

    def abs(self) -> Value:
        return Value.from_op(ops.Abs, (self,))

    def arctan(self) -> Value:
        return Value.from_op(ops.Arctan, (self,))

    def sin(self) -> Value:
        return Value.from_op(ops.Sin, (self,))

    def cos(self) -> Value:
        return Value.from_op(ops.Cos, (self,))

    def tanh(self) -> Value:
        return Value.from_op(ops.Tanh, (self,))

    def sigmoid(self) -> Value:
        return Value.from_op(ops.Sigmoid, (self,))

    def relu(self) -> Value:
        return Value.from_op(ops.ReLU, (self,))

    def leaky_relu(self, slope: float = 0.01) -> Value:
        return Value.from_op(ops.LeakyReLU, (self,), (_param("slope", slope),))

    def prelu(self, slope: Value | float) -> Value:
        """Leaky ReLU whose slope is a Value, so it receives a gradient and can be learned."""
        return _binary(ops.PReLU, self, slope, "slope")

    def elu(self, alpha: float = 1.0) -> Value:
        return Value.from_op(ops.ELU, (self,), (_param("alpha", alpha),))

    def gelu(self) -> Value:
        return Value.from_op(ops.GELU, (self,))

    def swish(self) -> Value:
        return Value.from_op(ops.Swish, (self,))

    silu = swish  # PyTorch's name for the same function

    def softplus(self) -> Value:
        return Value.from_op(ops.Softplus, (self,))

    def softsign(self) -> Value:
        return Value.from_op(ops.Softsign, (self,))

    def step(self) -> Value:
        return Value.from_op(ops.Step, (self,))

    def max(self, *others: Value | float) -> Value:
        """The largest of self and others in one node (``a.max(b, c)`` or ``Value.max(a, b, c)``)."""
        if not all_values(others):  # numbers among them become constants
            others = tuple(_operand(o, "max() argument") for o in others)
        return Value.from_op(ops.Max, (self, *others))

    @staticmethod
    def sum(values: Iterable[Value | float]) -> Value:
        """x_1 + ... + x_n as one node (Python's ``sum(values)`` also works, as a chain of +)."""
        parents = tuple(values)
        if not all_values(parents):  # numbers among them become constants
            parents = tuple(_operand(v, "sum() term") for v in parents)
        if not parents:
            return Value.constant(0.0)
        return Value.from_op(ops.Sum, parents)

    @staticmethod
    def dot(weights: Iterable[Value | float], inputs: Iterable[Value | float],
            bias: Value | float | None = None) -> Value:
        """A neuron's net input ``b + sum_i w_i x_i`` as one node (parents: w_1..w_n, x_1..x_n, b)."""
        ws, xs = tuple(weights), tuple(inputs)
        if len(ws) != len(xs):
            raise ValueError(f"dot() needs as many inputs as weights: got {len(xs)} inputs for {len(ws)} weights")
        parents = ws + xs if bias is None else ws + xs + (bias,)
        if not all_values(parents):  # numbers among them become constants
            parents = tuple(_operand(p, "dot() operand") for p in parents)
            n = len(ws)
            ws, xs, bias = parents[:n], parents[n:2 * n], None if bias is None else parents[-1]
        return Value._dot_node(ws, xs, bias, tuple([w.data for w in ws]), tuple([x.data for x in xs]))

    # ---- gradients ----------------------------------------------------------------------------
    def backward(self, gradient: float = 1.0, *, create_graph: bool = False) -> None:
        """Backpropagate from this node: fill ``.grad`` of every node behind it with d(self)/d(node).

        Semantics are PyTorch's: this node's gradient is seeded with `gradient` (1 by default);
        the gradients of intermediate nodes are reset and recomputed on every call (and stay
        readable afterwards: the textbook's Err_j is minus the gradient of unit j's net input);
        leaf gradients accumulate across calls until ``zero_grad()``. Calling it on a leaf works
        (its gradient grows by `gradient`). The walk is iterative, so depth is no limit.
        With ``create_graph=True`` the gradients are themselves Values with a graph of their own,
        so they can be differentiated again and drawn.
        """
        run_backward(self, gradient, create_graph)

    def zero_grad(self, set_to_none: bool = False) -> None:
        """Forget the accumulated gradient: 0.0 (as micrograd's ``p.grad = 0``), or None with set_to_none=True.

        Module.zero_grad and Optimizer.zero_grad take the same switch; backward() treats None and 0.0
        alike. Only the defaults differ, each that of the library the object comes from: micrograd's
        0.0 for Values and Modules (so ``p.data -= lr * p.grad`` works on every parameter), PyTorch's
        None for optimisers (so step() leaves alone a parameter that no backward pass reached).
        """
        self.grad = None if set_to_none else 0.0

    def detach(self) -> Value:
        """A new leaf with the same data and label, cut off from the graph."""
        return Value(self.data, self.label)

    # ---- copy and pickle, without recursion (see pickling.py) -------------------------------
    def __reduce_ex__(self, protocol: Any) -> tuple:
        return pickling.reduce(self)

    def __setstate__(self, grads: list) -> None:
        pickling.restore_grads(self, grads)

    def __copy__(self) -> Value:
        """A shallow copy: a new node with the same data, gradient, label and parents."""
        twin = type(self).__new__(type(self))
        for slot in Value.__slots__:
            setattr(twin, slot, getattr(self, slot))
        return twin

    def draw(self, **options: Any) -> Any:
        """The graph behind this node as a picture: see `autograd.draw.render.draw_dot`."""
        from .draw.render import draw_dot  # imported here so the engine never depends on rendering

        return draw_dot(self, **options)

    def walkthrough(self, **options: Any) -> Any:
        """Forward and backward on the graph behind this node, step by step: see `autograd.walkthrough`."""
        from .player.steps import walkthrough  # imported here: walkthrough.py imports this module

        return walkthrough(self, **options)


_new = object.__new__


def _is_real(x: Any) -> bool:
    """checks.is_real, with the two common exact types tested first: this runs on every operator call."""
    return type(x) is float or type(x) is int or is_real(x)


_ONLY_VALUES = frozenset([Value])


def all_values(items: tuple) -> bool:
    """True when every item is exactly a Value (a C-speed check for the fused neuron node)."""
    return _ONLY_VALUES.issuperset(map(type, items))


def _operand(x: Any, what: str) -> Value:
    if isinstance(x, Value):
        return x
    if _is_real(x):
        return Value.constant(x)
    raise TypeError(f"{what} must be a Value or a real number, got {type(x).__name__} {x!r}")


def _binary(op: type[ops.Op], a: Any, b: Any, what: str | None = None) -> Any:
    """Record ``op(a, b)``, turning a number on either side into a constant node."""
    if type(a) is not Value:
        if not (isinstance(a, Value) or _is_real(a)):
            return NotImplemented
        a = a if isinstance(a, Value) else Value.constant(a)
    if type(b) is not Value:
        if not (isinstance(b, Value) or _is_real(b)):
            if what:
                raise TypeError(f"{what} must be a Value or a real number, got {type(b).__name__} {b!r}")
            return NotImplemented
        b = b if isinstance(b, Value) else Value.constant(b)
    return Value.from_op(op, (a, b))


def _number(x: Any) -> float:
    if isinstance(x, Value):
        return x.data
    if _is_real(x):
        return x
    raise TypeError(f"cannot compare a Value with {type(x).__name__} {x!r}")


def _param(name: str, x: Any) -> float:
    if not _is_real(x):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__} {x!r}")
    return float(x)
