"""Hostile input, third pass: the same table as test_hostile.py, for threads, saves, generated code
and the quieter defects. Each row is a call and the error, warning or value it must give back."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import nn
from autograd import GraphDependsOnData, Value, compile
from tests.test_hostile import Row, check_row


def _moons():
    return nn.datasets.make_moons(12, noise=0.1, signed=True)


def _fit_compiled(loss: str, nout: int = 1, y=None):
    X, signed = _moons()
    model = nn.MLP(2, [3, nout], seed=0)
    return nn.fit(model, X, y or signed, loss, nn.SGD(model.parameters(), lr=0.1), epochs=1,
                  progress=False, compile=True)


def _fit_shuffled_kl_div():
    X, _ = _moons()
    model = nn.MLP(2, [3, 2], seed=0)
    return nn.fit(model, X, [[0.5, 0.5]] * len(X), "kl_div", nn.SGD(model.parameters(), lr=0.1), batch_size=4,
                  progress=False, compile=True)


def _trace_in_a_thread_while_comparing_here():
    import threading

    out = []
    w = Value(0.5)
    t = threading.Thread(target=lambda: out.append(compile(lambda x: (w * x[0]).tanh(), [w], [1.0])))
    t.start()
    while t.is_alive():
        _ = Value(0.3) < 0.5  # an eager comparison here is not the other thread's branch
    t.join()
    return out[0]([2.0])


def _step_with_grad(opt_class, grad, **kw):
    p = Value(1.0)
    opt = opt_class([p], lr=0.1, **kw)
    p.grad = grad
    opt.step()
    return p.data


def _schedule_then_group():
    opt = nn.SGD([Value(1.0)], lr=1.0)
    schedule = nn.ExponentialLR(opt, gamma=0.5)
    opt.add_param_group({"params": [Value(2.0)], "lr": 0.4})
    schedule.step()
    return [g["lr"] for g in opt.param_groups]


def _create_graph_chain(n: int):
    x = Value(0.3, "x")
    y = x
    for _ in range(n):
        y = y.tanh()
    y.backward(create_graph=True)
    return x, y


def _pickled_create_graph_chain_agrees(copy_fn) -> bool:
    x, y = _create_graph_chain(1000)
    twin = copy_fn(y)
    leaf = twin
    while leaf.parents:
        leaf = leaf.parents[0]
    return twin.data == y.data and leaf.grad.data == x.grad.data and leaf is not x


def _pickle_round_trip(v):
    import pickle

    return pickle.loads(pickle.dumps(v))


def _compile_a_chain_over_the_limit(limit: int = 1000):
    """compile() with its node limit lowered to `limit` (the real one, 200,000, takes seconds to reach)."""
    from autograd.codegen import compiled

    w = Value(1.0)

    def chain(x):
        y = x[0] * w
        for _ in range(limit):
            y = y * 1.0000001
        return y

    saved, compiled.NODES_LIMIT = compiled.NODES_LIMIT, limit
    try:
        return compile(chain, [w], [1.0])
    finally:
        compiled.NODES_LIMIT = saved


def _set_label(label):
    v = Value(1.0)
    v.label = label
    return v


ROWS = [
    # Tracing belongs to the tracing thread.
    Row("compile in a thread while another compares", lambda t: _trace_in_a_thread_while_comparing_here(),
        check=lambda v: v == pytest.approx(math.tanh(1.0))),
    Row("compile of a branch on .data", lambda t: compile(lambda x: x[0] if x[0].data > 0 else -x[0], [], [1.0]),
        GraphDependsOnData, r"__gt__ of a Value's \.data at .*test_hostile_guards\.py"),
    Row("int(Value(2.7))", lambda t: int(Value(2.7)), check=lambda n: n == 2 and type(n) is int),
    Row("int(Value(-2.7))", lambda t: int(Value(-2.7)), check=lambda n: n == -2),
    # fit(compile=True) with the losses that choose inside the graph (max shift, clamp, Huber's pieces).
    Row("fit(compile=True, loss='cross_entropy') compiles",
        lambda t: _fit_compiled("cross_entropy", 2, [0, 1] * 6).epochs, check=lambda e: e == 1),
    Row("fit(compile=True, loss='huber') compiles", lambda t: _fit_compiled("huber").epochs,
        check=lambda e: e == 1),
    Row("fit(compile=True) with shuffled batches and kl_div", lambda t: _fit_shuffled_kl_div(),
        ValueError, r"builds the targets into the graph.*shuffle=False"),
    Row("fit(compile=True, loss='kl_div') compiles", lambda t: _fit_compiled("kl_div", 2, [[0.5, 0.5]] * 12).epochs,
        check=lambda e: e == 1),
    # Optimisers.
    Row("a group's momentum is checked", lambda t: nn.SGD([{"params": [Value(1.0)], "momentum": -5.0}], lr=0.1),
        ValueError, r"momentum must be a finite number >= 0, got -5\.0"),
    Row("SGD(lr=0) as PyTorch", lambda t: _step_with_grad(nn.SGD, 1.0, momentum=0.0) and
        nn.SGD([Value(1.0)], lr=0).param_groups[0]["lr"], check=lambda lr: lr == 0.0),
    Row("SGD of a non-leaf", lambda t: nn.SGD([Value(1.0) * 2], lr=0.1),
        ValueError, r"result of '\*', not a leaf"),
    Row("Adam(eps=0) with a zero gradient", lambda t: _step_with_grad(nn.Adam, 0.0, eps=0.0), check=math.isnan),
    Row("Adam(betas=0.9)", lambda t: nn.Adam([Value(1.0)], betas=0.9),
        TypeError, r"betas must be a pair of numbers \(beta1, beta2\)"),
    Row("p.grad = '0.5'", lambda t: _step_with_grad(nn.SGD, "0.5"),
        TypeError, r"gradient of .* must be a number, got str '0\.5'"),
    Row("schedule made before add_param_group", lambda t: _schedule_then_group(),
        check=lambda lrs: lrs == [0.5, 0.2]),
    # Deep graphs, labels, sizes.
    Row("pickle after backward(create_graph=True) on a 1000-step tanh chain",
        lambda t: _pickled_create_graph_chain_agrees(_pickle_round_trip), check=lambda ok: ok),
    Row("deepcopy after backward(create_graph=True) on a 1000-step tanh chain",
        lambda t: _pickled_create_graph_chain_agrees(__import__("copy").deepcopy), check=lambda ok: ok),
    Row("v.label = None", lambda t: _set_label(None), TypeError, r"label must be a str, got NoneType None; use ''"),
    Row("v.label = 5", lambda t: _set_label(5), TypeError, r"label must be a str, got int 5.*str\(\.\.\.\)"),
    Row("Value(1.0, label=5)", lambda t: Value(1.0, 5), TypeError, r"label must be a str"),
    Row("compile of a graph too big to compile", lambda t: _compile_a_chain_over_the_limit(),
        ValueError, r"has 2,003 nodes; compiling it would take about 0\.02 GB .*stops at 1,000 nodes.*eager"),
    Row("gradcheck of a constant function", lambda t: __import__("autograd").gradcheck(lambda x: Value(1.0), [2.0]),
        check=lambda report: report.rows[0].analytic == 0.0 and "all passed" in str(report)),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_hostile_input(row, tmp_path: Path):
    check_row(row, tmp_path)


def test_every_row_expects_something():
    for row in ROWS:
        assert row.raises or row.warns or row.check, row.name
