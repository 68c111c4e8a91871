"""Hostile input, table-driven: each row is a call and what it must give back.

A row expects an exception (its type and a fragment of its message, which should name the problem
and the fix), a warning, or a value. Add a row for every bad input a student meets; the table is
meant to grow. Op values at nan and inf have their own table: tests/autograd/test_ieee_table.py.
"""

from __future__ import annotations

import copy
import json
import math
import pickle
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import nn
from autograd import Value, grad, no_grad
from autograd.value import IdentityComparisonWarning

nan, inf = math.nan, math.inf


@dataclass(frozen=True)
class Row:
    name: str
    call: Callable[[Path], Any]           # gets a fresh temporary directory
    raises: type[BaseException] | None = None
    match: str = ""                       # a regular expression the message must contain
    warns: type[Warning] | None = None
    check: Callable[[Any], bool] | None = None  # what the result must satisfy


# ---- small builders ---------------------------------------------------------------------------------


def _model(nouts=(4, 1), **kw):
    return nn.MLP(2, list(nouts), seed=0, **kw)


def _fit(X, y, loss="mse", model=None, lr=0.1, **kw):
    model = model or _model()
    kw.setdefault("epochs", 2)
    kw.setdefault("progress", False)
    return nn.fit(model, X, y, loss, nn.SGD(model.parameters(), lr=lr), **kw)


def _moons_with_a_nan():
    X, y = nn.datasets.make_moons(30, noise=0.1, signed=True)
    X[7] = [X[7][0], nan]
    return X, y


def _saved(tmp: Path, mutate: Callable[[dict], Any] | None = None, raw: bytes | None = None) -> Path:
    """A parameter file for _model(), damaged by `mutate` (or replaced by raw bytes)."""
    path = tmp / "model.json"
    nn.save(_model(), path)
    if raw is not None:
        path.write_bytes(raw)
    elif mutate is not None:
        document = json.loads(path.read_text())
        mutate(document)
        path.write_text(json.dumps(document))
    return path


def _load(tmp: Path, **damage) -> Any:
    return nn.load(_model(), _saved(tmp, **damage))


def _with_nan_weight():
    model = _model()
    model.layers[0].neurons[1].b.data = nan
    return model


def _chain(n: int) -> Value:
    y = Value(0.5)
    for _ in range(n):
        y = y * 1.0001
    return y


def _deepcopied_model_agrees() -> bool:
    X, y = nn.datasets.make_moons(10, noise=0.1, signed=True)
    model = _model()
    _fit(X, y, "hinge", model=model)
    twin = copy.deepcopy(model)
    shared = {id(p) for p in model.parameters()} & {id(p) for p in twin.parameters()}
    return not shared and nn.predict(twin, X) == nn.predict(model, X)


def _backward_then(gradient: Any) -> tuple[Value, Value]:
    a = Value(2.0)
    b = a * 3
    b.backward()
    b.backward(gradient=gradient)
    return a, b


def _cross_entropy_one_output_fit():
    X, y = nn.datasets.make_blobs(12, centers=3, seed=0)
    return _fit(X, y, "cross_entropy")


def _softmax_then_cross_entropy():
    X, y = nn.datasets.make_blobs(12, centers=3, seed=0)
    return _fit(X, y, "cross_entropy", model=_model((4, 3), output_activation="softmax"))


def _negative_schedule():
    X, y = nn.datasets.make_moons(10, noise=0.1, signed=True)
    model = _model()
    opt = nn.SGD(model.parameters(), lr=1.0)
    return nn.fit(model, X, y, "hinge", opt, epochs=200, progress=False,
                  scheduler=nn.LambdaLR(opt, lambda k: 1.0 - 0.9 * k / 100))


def _numpy_fit():
    np = pytest.importorskip("numpy")
    X, y = nn.datasets.make_moons(20, noise=0.1, signed=True)
    return _fit(np.array(X), np.array(y), "hinge")


def _thread_sees(fn):
    import threading

    out = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0]


# ---- the table --------------------------------------------------------------------------------------

ROWS = [
    # 1. nan no longer vanishes through ReLU; nan in the data is refused before training.
    Row("relu(nan) is nan", lambda t: Value(nan).relu().data, check=math.isnan),
    Row("relu(nan) passes gradient 1", lambda t: (lambda x: (x.relu().backward(), x.grad)[1])(Value(nan)),
        check=lambda g: g == 1.0),
    Row("step(nan) is nan", lambda t: Value(nan).step().data, check=math.isnan),
    Row("hinge loss of a nan score is nan", lambda t: nn.hinge_loss(Value(nan), 1.0).data, check=math.isnan),
    Row("nan feature in two moons", lambda t: _fit(*_moons_with_a_nan(), "hinge"),
        ValueError, r"sample 7 of X, feature 1, is nan"),
    Row("inf target", lambda t: _fit([[0.0, 1.0], [1.0, 0.0]], [1.0, inf]),
        ValueError, r"target 1 of the y for X is inf"),
    Row("nan in validation data", lambda t: _fit([[0.0, 1.0], [1.0, 0.0]], [1.0, 0.0],
                                                 validation_data=([[nan, 0.0]], [1.0])),
        ValueError, r"sample 0 of validation X, feature 0, is nan"),
    Row("nan weight before training", lambda t: _fit([[0.0, 1.0]], [1.0], model=_with_nan_weight()),
        ValueError, r"parameter layers\.0\.neurons\.1\.b of the model is nan; re-create"),
    Row("predict on nan", lambda t: nn.predict(_model(), [[0.0, nan]]), ValueError, r"feature 1, is nan"),
    # 2. cross_entropy: one row of scores per sample.
    Row("cross_entropy of one-output predictions", lambda t: nn.cross_entropy(
        [Value(.5), Value(-.2), Value(1.)], [0, 1, 1]), ValueError, r"sums to 2, not 1.*one-output model"),
    Row("cross_entropy with a one-output model in fit", lambda t: _cross_entropy_one_output_fit(),
        ValueError, r"needs one score per class.*this model has one output"),
    Row("cross_entropy rows of one score", lambda t: nn.cross_entropy([[Value(1.0)], [Value(2.0)]], [0, 0]),
        ValueError, r"one class score.*binary_cross_entropy_with_logits"),
    Row("cross_entropy ragged rows", lambda t: nn.cross_entropy([[1.0, 2.0], [1.0, 2.0, 3.0]], [0, 1]),
        ValueError, r"sample 1 has 3 class scores but sample 0 has 2"),
    Row("cross_entropy batch mixing rows and scores", lambda t: nn.cross_entropy([[1.0, 2.0], 3.0], [0, 1]),
        ValueError, r"sample 1 is a single score"),
    Row("cross_entropy soft target not summing to 1", lambda t: nn.cross_entropy([1.0, 2.0], [0.5, 0.6]),
        ValueError, r"sums to 1.1, not 1"),
    Row("cross_entropy of a single Value", lambda t: nn.cross_entropy(Value(1.0), 0),
        TypeError, r"list of class scores"),
    Row("cross_entropy one-hot row still works", lambda t: nn.cross_entropy([0.0, 0.0], [0, 1]).data,
        check=lambda v: v == pytest.approx(math.log(2))),
    # 3. softmax applied twice.
    Row("softmax output with cross_entropy", lambda t: _softmax_then_cross_entropy(),
        warns=UserWarning, match=r"applies softmax and cross_entropy applies it again.*output_activation=None"),
    Row("sigmoid output with bce_with_logits", lambda t: _fit(
        [[0.0, 1.0], [1.0, 0.0]], [1.0, 0.0], "bce_with_logits", model=_model(output_activation="sigmoid")),
        warns=UserWarning, match=r"applies sigmoid and bce_with_logits applies it again"),
    # 4. grad mode is per thread.
    Row("no_grad here, recording in a new thread", lambda t: _in_no_grad(lambda: _thread_sees(
        lambda: (Value(1.0) * 2).op)), check=lambda op: op == "*"),
    Row("no_grad with an argument", lambda t: no_grad(3), TypeError, r"takes no arguments"),
    Row("fit inside no_grad", lambda t: _in_no_grad(lambda: _fit([[0.0, 1.0]], [1.0])),
        RuntimeError, r"inside no_grad\(\).*call fit outside"),
    # 5. training that used to fail quietly.
    Row("non-finite loss", lambda t: _fit([[1.0, 1.0], [2.0, 2.0]], [2.0, 4.0], epochs=500, lr=10.0,
                                          model=nn.Neuron(2, activation="identity", init="zeros")).__class__,
        warns=RuntimeWarning, match=r"loss became .* in epoch \d+; the model keeps its weights"),
    Row("schedule turning the learning rate negative", lambda t: _negative_schedule(),
        ValueError, r"LambdaLR would set the learning rate to -0\.008.* at epoch 112.*max\(0\.1"),
    Row("schedule stepped by hand past zero", lambda t: [s.step() for s in [nn.LambdaLR(
        nn.SGD([Value(1.0)], lr=1.0), lambda k: 1 - k)] for _ in range(2)], ValueError, r"-1\.0 at epoch 2"),
    Row("numpy X and y are accepted", lambda t: _numpy_fit().epochs, check=lambda e: e == 2),
    # 6. messages that used to mislead.
    Row("one-element target lists for a one-output model", lambda t: nn.hinge_loss(
        [Value(0.5), Value(-0.5)], [[1], [-1]]), ValueError, r"sample 0 is one output .* target is a list \[1\]"),
    Row("BatchNorm1d given one sample", lambda t: nn.BatchNorm1d(8)([Value(1.0)] * 8),
        ValueError, r"flat list of 8 numbers, i\.e\. one sample.*\[sample\]"),
    Row("BatchNorm1d one sample in training", lambda t: nn.BatchNorm1d(2)([[1.0, 2.0]]),
        ValueError, r"at least 2 samples"),
    Row("save file: hex missing", lambda t: _load(t, mutate=lambda d: d["parameters"][0].pop("hex")),
        ValueError, r"model\.json: field 'parameters\[0\] \(layers\.0\.neurons\.0\.w\.0\)\.hex' is missing"),
    Row("save file: hex not a string", lambda t: _load(t, mutate=lambda d: d["parameters"][1].update(hex=1.5)),
        ValueError, r"model\.json: field 'parameters\[1\] \(.*\)\.hex' should be a str, got float"),
    Row("save file: hex not a number", lambda t: _load(t, mutate=lambda d: d["parameters"][0].update(hex="x")),
        ValueError, r"model\.json: field 'parameters\[0\] \(.*\)\.hex' is 'x', not a float in hex"),
    Row("save file: parameters missing", lambda t: _load(t, mutate=lambda d: d.pop("parameters")),
        ValueError, r"model\.json: field 'parameters' is missing"),
    Row("save file: a parameter not an object", lambda t: _load(t, mutate=lambda d: d["parameters"].append(3)),
        ValueError, r"model\.json: field parameters\[\d+\] should be an object"),
    Row("save file: binary garbage", lambda t: _load(t, raw=b"\x89PNG\r\n\x1a\n\xff\xfe"),
        ValueError, r"model\.json is not a text file"),
    Row("save file: not JSON", lambda t: _load(t, raw=b"weights: 1, 2"), ValueError, r"model\.json is not a JSON"),
    Row("save file: architecture missing", lambda t: _load(t, mutate=lambda d: d.pop("architecture")),
        ValueError, r"field 'architecture' is missing"),
    Row("save file: buffers wrong type", lambda t: _load(t, mutate=lambda d: d.update(buffers={})),
        ValueError, r"field 'buffers' should be a list"),
    Row("backward(gradient=numpy array)", lambda t: _backward_then(pytest.importorskip("numpy").ones(2)),
        TypeError, r"numpy\.ndarray.*float\(g\)"),
    Row("backward(gradient='a')", lambda t: _backward_then("a"), TypeError, r"must be a real number, got str 'a'"),
    # 7. Python semantics.
    Row("Value == number", lambda t: Value(1.0) == 1, warns=IdentityComparisonWarning,
        match=r"value\.data == 1"),
    Row("bool(Value(0.0))", lambda t: bool(Value(0.0)), check=lambda b: b is False),
    Row("Values in a set", lambda t: len({Value(1.0), Value(1.0)}), check=lambda n: n == 2),
    # 8. deep graphs and the standard library.
    Row("deepcopy of a 10,000-node chain", lambda t: copy.deepcopy(_chain(10_000)).data,
        check=lambda v: v == _chain(10_000).data),
    Row("pickle of a 10,000-node chain", lambda t: pickle.loads(pickle.dumps(_chain(10_000))).data,
        check=lambda v: v == _chain(10_000).data),
    Row("deepcopy of a trained model", lambda t: _deepcopied_model_agrees(), check=lambda ok: ok),
    # Clear errors that already worked: they must stay clear.
    Row("Value('a')", lambda t: Value("a"), TypeError, r"must be a real number, got str"),
    Row("Value + str", lambda t: Value(1.0) + "a", TypeError, r"unsupported operand"),
    Row("wrong number of inputs", lambda t: _model()([1.0, 2.0, 3.0]), ValueError, r"expects 2 input features"),
    Row("empty optimiser", lambda t: nn.SGD([], lr=0.1), ValueError, r"empty parameter list"),
    Row("negative learning rate", lambda t: nn.SGD(_model().parameters(), lr=-1), ValueError, r"lr must be"),
    Row("unknown loss", lambda t: _fit([[0.0, 1.0]], [1.0], "msq"), ValueError, r"unknown loss 'msq'"),
    Row("hinge with 0/1 labels", lambda t: nn.hinge_loss([Value(0.5), Value(0.2)], [1, 0]),
        ValueError, r"y = 2 \* label - 1"),
    Row("probability out of range for bce", lambda t: nn.binary_cross_entropy(Value(1.5), 1),
        ValueError, r"apply sigmoid first"),
    Row("grad of an unused input", lambda t: grad(Value(1.0) * 2, [Value(3.0)]), ValueError, r"allow_unused"),
    Row("a one-unit softmax layer", lambda t: _model((1,), output_activation="softmax"),
        ValueError, r"softmax output needs at least 2 units"),
    Row("ragged samples", lambda t: _fit([[0.0, 1.0], [1.0]], [1.0, 0.0]), ValueError,
        r"sample 1 of X has 1 features but the model takes 2"),
]


def _in_no_grad(fn):
    with no_grad():
        return fn()


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_hostile_input(row, tmp_path):
    check_row(row, tmp_path)


def check_row(row: Row, tmp_path: Path) -> None:
    """Run one row and assert what it expects (the sibling tables use this too)."""
    if row.raises is not None:
        with pytest.raises(row.raises, match=row.match):
            row.call(tmp_path)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = row.call(tmp_path)
    if row.warns is not None:
        hits = [w for w in caught if issubclass(w.category, row.warns)]
        assert hits, f"expected a {row.warns.__name__}, got {[str(w.message) for w in caught]}"
        assert any(re.search(row.match, str(w.message)) for w in hits), [str(w.message) for w in hits]
    if row.check is not None:
        assert row.check(result), f"{row.name}: got {result!r}"


def test_every_row_expects_something():
    for row in ROWS:
        assert row.raises or row.warns or row.check, row.name
