"""compile() traces in one thread without touching another: the watch belongs to the tracing thread."""

from __future__ import annotations

import threading
import time

import pytest

import nn
from autograd import GraphDependsOnData, Value, compile
from autograd.value import _Tracing

ROUNDS = 15


def _class_attributes() -> dict:
    return dict(vars(Value))


def _branching(w: Value):
    def forward(x):
        h = w * x[0]
        time.sleep(0)  # let the other threads run between building and branching
        return h.relu() if h.data > 0 else -h  # a branch on the data: must be refused
    return forward


def _clean(w: Value):
    def forward(x):
        h = w * x[0]
        time.sleep(0)
        return (h - 1.0).relu() * x[1]
    return forward


def _run_together(jobs: list) -> list:
    """Start every job at the same moment in its own thread; each returns ('ok', result) or ('raised', error)."""
    start = threading.Barrier(len(jobs))
    out: list = [None] * len(jobs)

    def run(i, job):
        start.wait()
        try:
            out[i] = ("ok", job())
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            out[i] = ("raised", error)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _compare_eagerly():
    hits = 0
    for _ in range(2000):
        hits += Value(0.3) < 0.5  # plain eager comparisons in a thread that does not trace
    return hits


def _replays_like_eager(seed: int):
    w = Value(0.5 + seed)
    step = compile(_clean(w), [w], [2.0, 3.0])
    got = [step([x, 2.0]) for x in (-1.0, 0.5, 4.0)]
    expected = [((w.data * x - 1.0) if w.data * x - 1.0 > 0 else 0.0) * 2.0 for x in (-1.0, 0.5, 4.0)]
    return got == expected


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_threads_tracing_and_comparing_at_once_do_not_see_each_other(round_):
    before = _class_attributes()
    jobs = [lambda: compile(_branching(Value(0.5)), [], [2.0]),
            lambda: _replays_like_eager(round_),
            _compare_eagerly,
            lambda: compile(_branching(Value(-0.5)), [], [2.0]),
            lambda: _replays_like_eager(round_ + 1)]
    results = _run_together(jobs)
    for i in (0, 3):  # the branching traces are refused, each with its own finding
        kind, error = results[i]
        assert kind == "raised" and isinstance(error, GraphDependsOnData), results[i]
        assert "__gt__ of a Value's .data" in str(error) and "test_compiled_threads.py" in str(error)
    assert results[1] == ("ok", True) and results[4] == ("ok", True), results
    assert results[2] == ("ok", 2000)
    assert _class_attributes() == before  # no method or descriptor of Value was swapped
    assert _Tracing.threads == 0


def test_fit_compiled_in_three_threads_leaves_value_alone():
    X, y = nn.datasets.make_moons(12, noise=0.1, signed=True)
    before = _class_attributes()

    def train(seed):
        model = nn.MLP(2, [3, 1], seed=seed)
        history = nn.fit(model, X, y, "mse", nn.SGD(model.parameters(), lr=0.1), epochs=3,
                         progress=False, compile=True)
        return history.loss[-1]

    for _ in range(3):
        results = _run_together([lambda s=s: train(s) for s in range(3)])
        assert all(kind == "ok" for kind, _ in results), results
    assert _class_attributes() == before
    assert type(vars(Value)["data"]).__name__ == "member_descriptor"
    eager = nn.MLP(2, [3, 1], seed=0)
    nn.fit(eager, X, y, "mse", nn.SGD(eager.parameters(), lr=0.1), epochs=3, progress=False)
    assert all(type(p.data) is float for p in eager.parameters())


def test_the_trace_gives_back_plain_floats():
    w = Value(0.5)
    kept = []

    def forward(x):
        h = w * x[0]
        kept.append(h)
        return h.tanh()

    compile(forward, [w], [2.0])
    assert type(w.data) is float and type(kept[0].data) is float
    assert (Value(0.3) < 0.5) is True  # outside a trace a comparison is plain and unrecorded
