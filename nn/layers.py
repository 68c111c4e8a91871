"""Neuron and Layer with micrograd's structure (Layer.neurons, Neuron.w, Neuron.b), and `features`, which
reads one sample. A unit computes its net input as ONE fused node, I = b + sum_i w_i x_i, then its
activation node O = f(I). MLP and Sequential live in models.py, Maxout in maxout.py.
"""

from __future__ import annotations

import numbers
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from autograd import Value
from autograd.checks import integer, items, reals
from autograd.value import all_values

from .activations import ACTIVATION_OPS, ActivationFn, identity, resolve
from .functional import softmax
from .init import initialize_, make_rng
from .module import Module, Parameter

Init = str | Callable[..., Module] | None


def features(x: Any, n: int, who: str | Callable[[], str]) -> list:
    """A sample as a list of n features; a lone number or Value counts as one feature. `who` names the
    caller in error messages (a function giving the name, so a correct sample costs no string)."""
    if type(x) is list and len(x) == n and all_values(x):  # the common case, a list of Values: nothing to check
        return x[:]
    if callable(who):
        who = who()
    if isinstance(x, (Value, numbers.Real)):
        xs = [x]
    elif isinstance(x, (str, bytes)) or not hasattr(x, "__iter__"):
        raise TypeError(f"{who} expects a sample of {n} numbers or Values, got {type(x).__name__} {x!r}")
    else:
        xs = list(x)
    if len(xs) != n:
        nested = bool(xs) and all(isinstance(v, (list, tuple)) for v in xs)  # a convolution's feature map
        hint = "; this sample is nested lists (a feature map): put nn.Flatten() in front of the layer" if nested else ""
        raise ValueError(f"{who} expects {n} input feature{'s' if n != 1 else ''} per sample, got {len(xs)}{hint}")
    for v in xs:
        if type(v) is not Value and type(v) is not float and not isinstance(v, (Value, numbers.Real)):
            hint = " (it takes one sample at a time: [model(x) for x in X])" if hasattr(v, "__len__") else ""
            raise TypeError(f"{who}: a feature must be a number or a Value, got {type(v).__name__} {v!r}{hint}")
    return xs


_NOT_ONE_OP = (None, ())  # what ACTIVATION_OPS gives for prelu or a function of the student's own


def _weight_label(i: int, j: int) -> str:
    """Han & Kamber's w_ij (from unit i to unit j): 'w14', or 'w10,11' once numbers have two digits."""
    return f"w{i}{j}" if i < 10 and j < 10 else f"w{i},{j}"


class Neuron(Module):
    """One unit: net input I = b + sum_i w_i x_i (one 'dot' node), output O = f(I)."""

    cluster_kind = "Neuron"
    _show_children = False

    def __init__(self, nin: int, nonlin: bool = True, *, activation: str | ActivationFn | None = None,
                 init: Init = None, seed: int | None = None, rng: random.Random | None = None,
                 _defer_init: bool = False) -> None:
        nin = integer("nin (the number of inputs)", nin, low=1)
        name, fn = resolve(activation, nonlin)
        if name in ("softmax", "maxout"):
            raise ValueError(f"{name!r} acts on a whole layer: use Layer(..., activation='softmax') "
                             "or Maxout(nin, nout)")
        self.w = [Parameter(0.0, f"w{i + 1}") for i in range(nin)]
        self.b = Parameter(0.0, "b")  # micrograd starts biases at 0
        if name == "prelu":
            self.slope = Parameter(0.25, "α")  # PyTorch's initial PReLU slope; learned per unit
        self.activation = name
        self.nonlin = name != "identity"  # micrograd's flag, kept for code that reads it
        self._fn = fn
        self.unit: int | None = None  # the textbook's unit number, once label_textbook() has run
        self.name = ""  # the unit's place in a model ('L1.n2'), once label_names() has run
        if not _defer_init:
            initialize_(self, init, rng=make_rng(seed, rng))

    def forward(self, x: Any) -> Value:
        return self._unit(features(x, len(self.w), f"Neuron({len(self.w)})"))

    def _unit(self, xs: Any, xdata: tuple | None = None) -> Value:
        """O = f(I), I = b + sum_i w_i x_i. A layer passes xs as a tuple of Values and their numbers in
        xdata, read once for all its units; the net input is then built without Value.dot's checks."""
        ws, b = tuple(self.w), self.b
        if self._labels_name != self.name or self._labels_unit != self.unit:
            self._relabel()
        # The weights' numbers; a weight that is not a Value (replaced by a number) is left out, and
        # then the counts differ: checking the types while reading costs less than a check of its own.
        wdata = tuple([w.data for w in ws if type(w) is Value])
        if xdata is not None and len(wdata) == len(ws) == len(xs) and type(b) is Value:
            if self._fn is identity:  # a linear unit: its one node is its output (O4, or .a)
                return Value._dot_node(ws, xs, b, wdata, xdata, self._out_label or self._net_label)
            op, params = ACTIVATION_OPS.get(self._fn, _NOT_ONE_OP)
            if op is not None:  # an activation that is one op: the unit's two nodes in one call
                return Value._dot_node(ws, xs, b, wdata, xdata, self._net_label, op, params, self._out_label)
            net = Value._dot_node(ws, xs, b, wdata, xdata, self._net_label)
        else:  # the plain version: checks every operand and turns numbers into constants
            net = Value.dot(ws, xs, b)
            net.label = self._net_label
        out = net.prelu(self.slope) if self.activation == "prelu" else self._fn(net)
        if self._out_label:  # a linear unit's single node is its output: its label becomes O4 (or .a)
            out.label = self._out_label
        return out

    # The labels of the unit's two nodes follow from `unit` and `name`: worked out when those change
    # (in _relabel), not made again for every sample. Class defaults: no unit has been labelled yet.
    _labels_unit: int | None = None
    _labels_name: str | None = None
    _net_label = _out_label = ""

    def _relabel(self) -> None:
        """Like the book, I4 = net input of unit 4 and O4 its output; else L1.n2.z = w·x + b and
        L1.n2.a = g(z), unique in a picture of the whole model; else no labels."""
        if self.unit is not None:
            self._net_label, self._out_label = f"I{self.unit}", f"O{self.unit}"
        elif self.name:
            self._net_label, self._out_label = f"{self.name}.z", f"{self.name}.a"
        else:
            self._net_label = self._out_label = ""
        self._labels_unit, self._labels_name = self.unit, self.name

    def label_names(self, name: str) -> None:
        """Default names, unique across a model: 'L1.n2' gives L1.n2.w1, ..., L1.n2.b (and .z, .a)."""
        self.name = name
        for i, w in enumerate(self.w):
            w.label = f"{name}.w{i + 1}"
        self.b.label = f"{name}.b"
        if self.activation == "prelu":
            self.slope.label = f"{name}.α"

    def weight_groups(self) -> Iterator[tuple[list[Value], Value | None, int, int]]:
        yield self.w, self.b, len(self.w), 1

    def set_weights(self, weights: Sequence[float], bias: float | None = None) -> None:
        """Set w_1..w_n (and b) from plain numbers, e.g. neuron.set_weights([0.2, 0.4, -0.5], -0.4)."""
        values = reals(f"{self.cluster_name(1)} weights", weights, len(self.w))
        b = None if bias is None else reals(f"{self.cluster_name(1)} bias", [bias], 1)[0]
        for w, v in zip(self.w, values):
            w.data = v
        if b is not None:
            self.b.data = b

    def label_textbook(self, unit: int, first_input: int = 1, suffix: str = "") -> None:
        """Han & Kamber's names: weights w_ij (input unit i to this unit j), bias θj, PReLU slope αj."""
        self.unit = unit
        for i, w in enumerate(self.w):
            w.label = _weight_label(first_input + i, unit) + suffix
        self.b.label = f"θ{unit}{suffix}"
        if self.activation == "prelu":
            self.slope.label = f"α{unit}"

    def cluster_name(self, index: int) -> str:
        return f"Neuron {self.unit if self.unit is not None else index}"

    def extra_repr(self) -> str:
        return f"{len(self.w)}, {self.activation}"


class Layer(Module):
    """nout units seeing the same inputs. Returns one Value when nout == 1 (as micrograd), else a list.

    activation: a name from nn.activations ('relu', 'sigmoid', 'prelu', 'softmax', ...) or a function;
    None keeps micrograd's rule (ReLU if nonlin else linear). 'softmax' normalises the layer's outputs.
    """

    cluster_kind = "Layer"
    _show_children = False

    def __init__(self, nin: int, nout: int, *, activation: str | ActivationFn | None = None,
                 nonlin: bool = True, init: Init = None, seed: int | None = None,
                 rng: random.Random | None = None, _defer_init: bool = False) -> None:
        nin = integer("nin (the number of inputs)", nin, low=1)
        nout = integer("nout (the number of units)", nout, low=1)
        name, _ = resolve(activation, nonlin)
        if name == "maxout":
            raise ValueError("a maxout layer is its own module: use Maxout(nin, nout, pieces=2)")
        if name == "softmax" and nout < 2:
            raise ValueError("a softmax output needs at least 2 units (softmax of one score is always 1)")
        unit_activation = "identity" if name == "softmax" else activation
        self.neurons = [Neuron(nin, nonlin, activation=unit_activation, _defer_init=True) for _ in range(nout)]
        self.label_names("")
        self.activation = name
        self.input_labels: list[str] | None = None  # textbook mode names plain-number inputs x1, x2, ...
        if not _defer_init:
            initialize_(self, init, rng=make_rng(seed, rng))

    @property
    def nin(self) -> int:
        return len(self.neurons[0].w)

    @property
    def nout(self) -> int:
        return len(self.neurons)

    def forward(self, x: Any) -> Value | list[Value]:
        xs = features(x, self.nin, lambda: f"Layer({self.nin} -> {self.nout})")
        if not all_values(xs):
            # Numbers become input nodes once, shared by every unit (drawn as the input layer), rather
            # than one constant per unit; textbook mode names them x1, x2, ...
            names = self.input_labels or [""] * len(xs)
            xs = [v if isinstance(v, Value) else Value(v, name) for v, name in zip(xs, names)]
        xs = tuple(xs)
        xdata = tuple([v.data for v in xs])  # read once: every unit of the layer sees the same inputs
        outs = [n._unit(xs, xdata) for n in self.neurons]
        if self.activation == "softmax":
            for n, z in zip(self.neurons, outs):
                if n.unit is not None:
                    z.label = f"I{n.unit}"
            outs = softmax(outs)
            for n, o in zip(self.neurons, outs):
                if n.unit is not None:
                    o.label = f"O{n.unit}"
        return outs[0] if len(outs) == 1 else outs

    def weight_groups(self) -> Iterator[tuple[list[Value], Value | None, int, int]]:
        for n in self.neurons:
            yield n.w, n.b, self.nin, self.nout

    def _checked(self, weights: Any, biases: Any, where: str) -> tuple[list[list[float]], list[float] | None]:
        items(f"{where}: weights (one row per unit, each with {self.nin} numbers)", weights, self.nout)
        rows = [reals(f"{where}, unit {j + 1} weights", row, self.nin) for j, row in enumerate(weights)]
        bs = None if biases is None else reals(f"{where} biases (one per unit)", biases, self.nout)
        return rows, bs

    def _assign(self, rows: list[list[float]], biases: list[float] | None) -> None:
        for j, n in enumerate(self.neurons):
            n.set_weights(rows[j], None if biases is None else biases[j])

    def set_weights(self, weights: Sequence[Sequence[float]], biases: Sequence[float] | None = None) -> None:
        """One row per unit with its incoming weights: layer.set_weights([[w14, w24, w34], [w15, w25, w35]],
        biases=[θ4, θ5]). Nothing changes when a shape is wrong."""
        self._assign(*self._checked(weights, biases, f"Layer({self.nin} -> {self.nout})"))

    def get_weights(self) -> tuple[list[list[float]], list[float]]:
        """(rows of weights, biases) as plain floats, in set_weights' layout."""
        return [[w.data for w in n.w] for n in self.neurons], [n.b.data for n in self.neurons]

    def label_names(self, name: str) -> None:
        """Default names: unit j of layer 'L1' is 'L1.nj' (just 'nj' for a layer on its own)."""
        for j, n in enumerate(self.neurons, start=1):
            n.label_names(f"{name}.n{j}" if name else f"n{j}")

    def label_textbook(self, first_input: int = 1, first_unit: int | None = None,
                       label_inputs: bool = True) -> int:
        """Number inputs first_input.. and units first_unit.. (default: right after the inputs), as Han
        & Kamber do; returns the next free unit number."""
        first_unit = first_input + self.nin if first_unit is None else first_unit
        for k, n in enumerate(self.neurons):
            n.label_textbook(first_unit + k, first_input)
        self.input_labels = [f"x{first_input + i}" for i in range(self.nin)] if label_inputs else None
        return first_unit + self.nout

    def extra_repr(self) -> str:
        return f"{self.nin} -> {self.nout}, {self.activation}"
