"""``compile``: trace a loss once, then replay its forward and backward as straight-line float code.

The static-graph contract: the replay runs the graph traced from the example, with new input
numbers and the parameters' current values. Ops that branch on data (relu, max, abs, step, ...)
branch inside the generated code, so they stay correct. What cannot be replayed is a branch in
the *Python* that built the graph (``if v > 0:``, ``if v.data > 0:``, ``float(v)``): tracing
watches for it (watch.py) and refuses, since another input could have built another graph.
"""

from __future__ import annotations

import builtins
import gc
import math
import operator
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .. import ops
from ..checks import is_real, one_of
from ..grad_mode import enable_grad
from ..graph import topological_order
from ..value import Value
from . import tables
from .source import Source, Writer, forward_lines, zero_lines
from .watch import GraphDependsOnData, forget_looks, watching

LINES_LIMIT = 200_000  # above this many lines, compile() switches to loops over index tables
# Generating and compiling the code takes about 10 kB of memory per node (measured on a chain:
# 0.5 GB at 50,000 nodes, 2.1 GB at 200,000), where eager backward needs a few hundred bytes.
NODES_LIMIT = 200_000
_MODES = ("auto", "lines", "tables")


_gc_lock = threading.Lock()
_gc_pauses = [0, False]  # compiles running now, and whether the collector was on before the first


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while code is generated, and as found afterwards.

    Generating the code allocates ~10 small tuples a node and no reference cycles, but every
    allocation counts towards a collection that walks the whole traced graph: left on, the
    collector takes about a third of the compile time (measured on the micrograd demo)."""
    with _gc_lock:
        if _gc_pauses[0] == 0:
            _gc_pauses[1] = gc.isenabled()
            gc.disable()
        _gc_pauses[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses[0] -= 1
            if _gc_pauses[0] == 0 and _gc_pauses[1]:
                gc.enable()


# Python compiles generated text at ~10 us a line. The same model traced again (a rerun cell, a
# comparison of learning rates) generates the same text: its code object is kept, for small texts.
# The text is the key, so a kept code is exactly what compiling the text again would give.
_CODES: dict[str, Any] = {}
_CODES_KEPT, _CODE_CHARS = 64, 200_000


def _code(source: str) -> Any:
    code = _CODES.get(source)
    if code is None:
        code = builtins.compile(source, "<autograd.compile>", "exec")
        if len(source) <= _CODE_CHARS:
            if len(_CODES) >= _CODES_KEPT:
                _CODES.clear()
            _CODES[source] = code
    return code


def _leaves(structure: Any, path: str = "inputs") -> Any:
    """The same nesting of lists with every number made an input Value."""
    if is_real(structure):
        return Value(structure)
    if isinstance(structure, (list, tuple)):
        return [_leaves(x, f"{path}[{i}]") for i, x in enumerate(structure)]
    raise TypeError(f"{path} must be a number or a list of numbers, got {type(structure).__name__}")


_NESTED = (list, tuple)
_NUMBERS = {float, int}


def _flatten(structure: Any, out: list) -> list:
    if not isinstance(structure, _NESTED):
        out.append(structure)
    elif set(map(type, structure)) <= _NUMBERS or not any(isinstance(x, _NESTED) for x in structure):
        out.extend(structure)  # a row of numbers at once (the first check runs in C: an image's row is 64)
    else:
        for x in structure:
            _flatten(x, out)
    return out


class Compiled:
    """A traced loss as float code: ``step(inputs)`` returns the loss and adds each parameter's
    gradient into its ``.grad``, exactly as ``loss.backward()`` on a fresh graph would.
    ``step.forward(inputs)``: (loss, outputs as numbers) without a backward pass, when the traced
    function returned ``(loss, outputs)``.

    With ``update`` (see `compile`) the call also steps the optimiser; with ``backward=False`` only
    ``forward`` works. ``last_outputs``: the outputs' values in the last call, flat (None without
    outputs).

    ``source``: the generated code; ``mode``: 'lines' (straight-line) or 'tables' (loops over index
    tables); ``nodes``: the traced graph's size; ``compile_seconds``: generating and compiling the
    code (tracing not included).
    """

    def __init__(self, loss: Value, params: list[Value], inputs: Any, outputs: Any = None,
                 mode: str = "auto", update: Any = None, backward: bool = True) -> None:
        started = time.perf_counter()
        self.backward = backward
        self.params = params
        self.update = update
        self.last_outputs: Any = None
        self._kept: tuple | None = None  # forward()'s numbers and values, for the next call
        flat = _flatten(inputs, [])
        order = topological_order(loss)
        forget_looks(order)
        _check_size(len(order))
        self.nodes = len(order)
        self._outputs = outputs
        wanted_out = None if outputs is None else _flatten(outputs, [])
        in_graph = set(order)
        # Eager backward leaves the gradient of a parameter the loss does not reach untouched
        # (None after zero_grad, which step() skips): so does the replay.
        self._reached = tuple(k for k, p in enumerate(params) if p in in_graph)
        ending = _ending(update)
        with _collector_paused():
            source, namespace = _generate(order, loss, params if backward else [], flat, wanted_out,
                                          mode if backward else "tables", ending, params)
            namespace["RI"] = self._reached
            self.mode = "tables" if "T" in namespace else "lines"
            self.source = Source(source)
            exec(_code(source), namespace)
        self._replay = namespace["replay"]
        self._values = namespace.get("values")
        self._n_inputs = len(flat)
        self.compile_seconds = time.perf_counter() - started

    def _inputs(self, inputs: Any) -> list:
        X = _flatten(inputs, [])
        if len(X) != self._n_inputs:
            raise ValueError(f"the compiled loss was traced with {self._n_inputs} input numbers, "
                             f"got {len(X)}; pass data shaped like the example")
        kinds = set(map(type, X))
        if kinds <= {float}:  # the usual cases, checked and converted in C
            return X
        if kinds <= _NUMBERS:  # class indices among them: float() keeps a float itself
            try:
                return list(map(float, X))
            except OverflowError:  # an int too large: Value makes it +-inf
                pass
        try:  # floats, as Value(x) would hold them: an int computes differently (exactly, no inf)
            return [x if type(x) is float else Value(x).data for x in X]
        except TypeError as error:
            raise TypeError(f"the compiled loss takes numbers as inputs: {error}") from None

    def __call__(self, inputs: Any = ()) -> float:
        if not self.backward:
            raise TypeError("this replay was compiled with backward=False: call forward(inputs)")
        params = self.params
        P, X = [p.data for p in params], self._inputs(inputs)
        G = [0.0 if p.grad is None else p.grad for p in params]
        V = self._forward_of(P, X)
        if self.update is None:
            loss, grads, _, self.last_outputs = self._replay(P, X, G, (), (), V)
            for k in self._reached:
                params[k].grad = grads[k]
            return loss
        H, S = self.update.arguments()
        loss, grads, P, self.last_outputs = self._replay(P, X, G, H, S, V)
        self.update.store(self._reached, S)
        self._write_back(grads, P)
        return loss

    def steps(self, batches: Iterable, after: Callable[[Any], None] | None = None) -> float:
        """Train on each batch of inputs in turn: as ``opt.zero_grad(); step(inputs)`` for each would,
        with the fused update (``update=``) moving the parameters. Between the steps the parameters'
        values and the optimiser's state stay in the replay's lists, and are written back once at
        the end (also when a step raises or the loop is interrupted): reading and writing them costs
        a third of a small graph's step. The hyperparameters are read at every step.
        ``after(outputs)``: called after each step with its ``last_outputs``. Returns the last loss."""
        update = self.update
        if update is None:
            raise TypeError("steps() needs a replay compiled with update=: without it the optimiser "
                            "steps in Python after each call; call step(inputs) and opt.step()")
        params, reached = self.params, self._reached
        P, S = [p.data for p in params], update.state()
        zeros, grads, loss = [0.0] * len(params), None, math.nan
        try:
            for inputs in batches:
                X = self._inputs(inputs)
                loss, grads, P, self.last_outputs = self._replay(P, X, zeros, update.hyper(), S,
                                                                 self._forward_of(P, X))
                if after is not None:
                    after(self.last_outputs)
        finally:
            if grads is not None:  # at least one step ran
                update.store(reached, S)
                for p in params:  # zero_grad's None: eager backward leaves an unreached one so
                    p.grad = None
                self._write_back(grads, P)
        return loss

    def _write_back(self, grads: list, P: list) -> None:
        """The gradients and new values of the parameters the loss reached, as a step leaves them."""
        params = self.params
        for k in self._reached:
            p = params[k]
            p.grad, p.data = grads[k], P[k]

    def _forward_of(self, P: list, X: list) -> list | None:
        """The values forward() computed, when it ran on these very numbers (the same objects), as
        when fit measures an epoch and then steps on the same batch: its forward pass is then done."""
        kept, self._kept = self._kept, None
        if kept is None or len(kept[0]) != len(P) or len(kept[1]) != len(X):
            return None
        if all(map(operator.is_, kept[0], P)) and all(map(operator.is_, kept[1], X)):
            return kept[2]
        return None

    def forward(self, inputs: Any = ()) -> tuple[float, Any]:
        if self._values is None:
            raise TypeError("forward() needs outputs: let the traced function return (loss, outputs)")
        P, X = [p.data for p in self.params], self._inputs(inputs)
        loss, flat, values = self._values(P, X)
        self._kept = None if values is None else (P, X, values)
        return loss, _nest(self._outputs, iter(flat))

    def __repr__(self) -> str:
        return (f"Compiled(nodes={self.nodes}, params={len(self.params)}, inputs={self._n_inputs}, "
                f"compile_seconds={self.compile_seconds:.3f})")


def _check_size(nodes: int) -> None:
    if nodes > NODES_LIMIT:
        raise ValueError(f"the traced graph has {nodes:,} nodes; compiling it would take about "
                         f"{nodes * 10_000 / 1e9:.2g} GB of memory (compile() stops at {NODES_LIMIT:,} nodes). "
                         "Compile a smaller piece (one batch, fewer samples), or keep the eager "
                         "loss.backward(), which handles graphs of any size")


def _nest(structure: Any, flat: Any) -> Any:
    if isinstance(structure, (list, tuple)):
        return [_nest(x, flat) for x in structure]
    return next(flat)


def _ending(update: Any) -> Any:
    """The replay's last lines: (loss, gradients, new parameter values or None, output values or
    None), with an update the optimiser's step first, which fills NEW with the new values."""
    def ending(loss: str, grads: str, outputs: str) -> list[str]:
        if update is None:
            return [f"return {loss}, {grads}, None, {outputs}"]
        return [f"GRADS = {grads}", "NEW = list(P)", *update.source.splitlines(),
                f"return {loss}, GRADS, NEW, {outputs}"]

    return ending


def _generate(order: list, root: Value, differentiated: list[Value], inputs: list[Value],
              outputs: list[Value] | None, mode: str, ending: Any, params: list[Value]) -> tuple[str, dict]:
    """``def replay(P, X, G)``: parameter values, input values and parameter gradients in;
    (loss, new parameter gradients) out. Only gradients that reach a `differentiated` parameter
    (all of them, or none for a forward-only replay) are computed.
    With outputs, also ``def values(P, X)``: the forward alone, (loss, output values) out."""
    in_graph = set(order)
    wanted = set(differentiated)
    for node in order:  # a node needs a gradient when a parameter lies behind it
        if node._op is not None and not wanted.isdisjoint(node._prev):
            wanted.add(node)
    known = set(params) | set(inputs)
    for node in order:
        if node._op is None and node not in known and node.role != "constant":
            label = f" {node.label!r}" if node.label else ""
            raise ValueError(f"the loss uses a leaf{label} ({node.data!r}) that is neither a parameter "
                             "nor made from the inputs; add it to params, or make it Value.constant(x)")
    for out in outputs or ():
        if out not in in_graph:
            raise ValueError(f"output {out!r} is not part of the loss's graph; return outputs the loss uses")
    if mode == "auto":  # straight lines run fastest, but compiling them costs ~10 µs a line
        lines = sum(len(n._prev) for n in order if n in wanted) + len(order)
        mode = "tables" if lines > LINES_LIMIT and root._op is not None else "lines"
    if mode == "tables":
        w = Writer({}, {}, comments=False)
        source, space = tables.generate(order, root, params, inputs, outputs, wanted, w, ending)
        return "\n".join(_head(w) + ["", source]), space
    return _lines(order, root, params, inputs, outputs, wanted, known, ending), {}


def _lines(order: list, root: Value, params: list[Value], inputs: list[Value],
           outputs: list[Value] | None, wanted: set, known: set, ending: Any) -> str:
    """The replay as straight lines: one statement per node and one per edge."""
    in_graph = set(order)
    name = {node: f"v{i}" for i, node in enumerate(order)}
    grad = {node: f"g{i}" for i, node in enumerate(order) if node in wanted}
    grad.update({p: f"g{i}_p" for i, p in enumerate(params) if p not in in_graph})
    w = Writer(name, grad, comments=False)
    forward = [_unpack([name.get(p, "_") for p in params], "P"),
               _unpack([name[x] if x in in_graph else "_" for x in inputs], "X"), *forward_lines(w, order, known)]
    body = [*forward, _unpack([grad[p] for p in params], "G")]
    body += zero_lines(grad[n] for n in order if n in wanted and n._op is not None)
    if root in wanted:
        body.append(f"{grad[root]} += 1.0")
    body.append("skip_zeros = zeros_skippable(G)")
    for node in reversed(order):
        if node._op is not None and node in wanted:
            edges = w.edges(node, wanted.__contains__)
            if node._op is ops.Dot and len(node._prev) > 2 and len(edges) > 1:  # the engine's skip (backward.py)
                body.append(f"if not ({grad[node]} == 0.0 and skip_zeros and math.isfinite({name[node]})):")
                edges = ["    " + line for line in edges]
            body.extend(edges)
    outs = "None" if outputs is None else f"({''.join(name[o] + ', ' for o in outputs)})"
    body += ending(name[root], f"[{', '.join(grad[p] for p in params)}]", outs)
    text = _head(w) + ["", "def replay(P, X, G, H=(), S=(), V=None):"] + ["    " + line for line in body]
    if outputs is not None:
        forward.append(f"return {name[root]}, ({''.join(name[o] + ', ' for o in outputs)}), None")
        text += ["", "", "def values(P, X):"] + ["    " + line for line in forward]
    return "\n".join(text) + "\n"


def _head(w: Writer) -> list[str]:
    head = ["import math", "from autograd import floatmath", "from autograd.backward import zeros_skippable"]
    if w.ops:
        head.append(f"from autograd.ops import {', '.join(sorted(w.ops))}")
    return head


def _unpack(names: list[str], source: str) -> str:
    return f"{', '.join(names)}, = {source}" if names else f"assert not {source}"


def compile(fn: Callable[[Any], Value], params: Iterable[Value], example: Any = (), *,  # noqa: A001
            mode: str = "auto", update: Any = None, backward: bool = True) -> Compiled:
    """Trace ``fn(inputs)`` once on `example` and return its compiled replay (see `Compiled`).

    example: a number or (nested) list of numbers; fn receives the same nesting of input Values
    and returns the loss Value, or ``(loss, outputs)`` to read outputs with ``forward``.
    params: the leaves to differentiate (``model.parameters()``); their values are read at every
    call. Every other leaf must be a constant (``Value.constant``, or a number written into the
    expression); it is built into the code.

    mode: 'lines' (one line of Python per node and per edge: the fastest replay), 'tables' (loops
    over index tables: slower to run, but compiles in a fraction of the time), or 'auto': lines up
    to LINES_LIMIT lines, tables above. Both give the engine's numbers to the last bit.

    update: an optimiser's step as code (``nn.fused.fused_update(opt, params)``): each call then also
    moves the parameters and the optimiser's state, exactly as ``opt.step()`` after the replay would.

    backward=False: the forward alone, for ``forward(inputs)`` (an evaluation): no gradient code is
    generated, and the code is loops over tables (cheapest to compile).

    Raises GraphDependsOnData when fn compares a Value (or a number read from its .data) or
    converts it with float(): the graph could then differ for other data, so it cannot be replayed.
    """
    if not callable(fn):
        raise TypeError(f"compile() needs the function that builds the loss, got {type(fn).__name__}")
    one_of("mode", mode, _MODES)
    params = list(params)
    for p in params:
        if not isinstance(p, Value) or p._op is not None:
            raise TypeError(f"params must be leaf Values (model.parameters()), got {p!r}")
    if len(set(params)) != len(params):
        raise ValueError("params lists a Value twice; pass each parameter once")
    if update is not None and (len(update.params) != len(params)
                               or any(a is not b for a, b in zip(update.params, params))):
        raise ValueError("update= must step exactly the compiled params, in their order: "
                         "make it with fused_update(optimizer, params)")
    inputs = _leaves(example, "example")
    with enable_grad(), watching([*params, *_flatten(inputs, [])]) as seen:
        loss = fn(inputs)
    outputs = None
    if isinstance(loss, tuple) and len(loss) == 2:
        loss, outputs = loss
    if seen:
        raise GraphDependsOnData(
            f"the traced function looked at a number inside the graph ({seen[0]}"
            f"{f' and {len(seen) - 1} more' if len(seen) > 1 else ''}), so the graph it builds may "
            "depend on the data and cannot be replayed. Branch inside the graph with an op "
            "(relu, max, abs, step) instead, or keep the eager loss.backward()")
    if not isinstance(loss, Value):
        raise TypeError(f"fn must return the loss as a Value, got {type(loss).__name__} {loss!r}")
    for out in _flatten(outputs, []) if outputs is not None else ():
        if not isinstance(out, Value):
            raise TypeError(f"outputs must be Values (or lists of them), got {type(out).__name__} {out!r}")
    return Compiled(loss, params, inputs, outputs, mode, update, backward)

