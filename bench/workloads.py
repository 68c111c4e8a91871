"""The benchmark's workloads, each written once and run unchanged on every engine (see bench/peers.py).

Each function does one measured thing and returns plain numbers; repetitions, medians and the
table are run.py's and report.py's business.
"""

from __future__ import annotations

import gc
import math
import random
import tracemalloc
from time import perf_counter
from typing import Any

from bench.peers import Engine
from bench.purefloat import FloatMLP

SIZES = [2, 16, 16, 1]  # micrograd's demo MLP: 2 inputs, two hidden ReLU layers of 16, 1 output
CHAIN_FACTOR = 1.0000001  # close to 1 so a million products stay finite


def initial_weights(seed: int = 1337) -> list[float]:
    """The demo MLP's starting weights: micrograd's own init, random.uniform(-1, 1) from `random`."""
    state = random.getstate()  # leave the caller's random stream where it was
    random.seed(seed)
    try:
        from micrograd.nn import MLP

        return [float(p.data) for p in MLP(SIZES[0], SIZES[1:]).parameters()]
    finally:
        random.setstate(state)


def demo_model(engine: Engine, weights: list[float]) -> Any:
    """engine's MLP(2, [16, 16, 1]) with its parameters overwritten by `weights`."""
    model = engine.MLP(SIZES[0], SIZES[1:])
    params = model.parameters()
    if len(params) != len(weights):
        raise ValueError(f"{engine.name}'s MLP has {len(params)} parameters, expected {len(weights)}")
    for p, w in zip(params, weights):
        engine.assign(p, w)
    return model


def demo_step(engine: Engine, model: Any, X: list, y: list, learning_rate: float = 0.05) -> float:
    """One step of micrograd's demo.ipynb training loop, verbatim: hinge loss + 1e-4 L2, SGD.

    loss = mean_i relu(1 - y_i * model(x_i)) + 1e-4 * sum_p p^2; then p -= lr * dloss/dp.
    """
    Value = engine.Value
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum(p * p for p in model.parameters())
    total_loss = data_loss + reg_loss
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    model.zero_grad()
    total_loss.backward()
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    del accuracy  # computed because the demo computes it; the benchmark only times it
    return float(total_loss.data)


def float_step(model: FloatMLP, X: list, y: list, learning_rate: float = 0.05) -> float:
    """The same step in hand-written floats (bench/purefloat.py)."""
    return model.step(X, y, learning_rate)[0]


def close(a: float, b: float, tol: float = 1e-12) -> bool:
    """Equal to within tol, relative for large numbers and absolute near zero."""
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def gradient_check(engines: list[Engine], X: list, y: list, weights: list[float]) -> dict:
    """One demo step from identical weights on every engine and on floats; compare with micrograd.

    Returns, per engine, the largest absolute gradient difference and whether loss and every
    gradient agree with micrograd's to 1e-12.
    """
    by_name = {e.name: e for e in engines}
    reference = demo_model(by_name["micrograd"], weights)
    ref_loss = demo_step(by_name["micrograd"], reference, X, y)
    ref_grads = [float(p.grad) for p in reference.parameters()]
    found = {}
    for engine in engines:
        if engine.name == "micrograd":
            continue
        model = demo_model(engine, weights)
        loss = demo_step(engine, model, X, y)
        found[engine.name] = (loss, [float(p.grad) for p in model.parameters()])
    found["pure float"] = FloatMLP.from_values(SIZES, weights).step(X, y, 0.05)
    report = {}
    for name, (loss, grads) in found.items():
        diffs = [abs(g - r) for g, r in zip(grads, ref_grads)]
        report[name] = {
            "parameters": len(grads),
            "max_abs_diff": max(diffs + [abs(loss - ref_loss)]),
            "agree": len(grads) == len(ref_grads)
            and close(loss, ref_loss)
            and all(close(g, r) for g, r in zip(grads, ref_grads)),
        }
    return report


def inference(engine: Engine, model: Any, X: list) -> list:
    """The model's forward on every point with gradient recording off (where the engine has it)."""
    with engine.no_grad():
        return [model(x) for x in X]


def deep_chain(engine: Engine, n: int) -> dict:
    """y = x * c * c * ... (n multiplications), then y.backward(); forward and backward timed apart.

    dy/dx = c^n is checked. A RecursionError in backward is returned as the engine's failure.
    """
    x = engine.Value(1.0)
    gc.collect()
    start = perf_counter()
    y = x
    for _ in range(n):
        y = y * CHAIN_FACTOR
    forward = perf_counter() - start
    result: dict[str, Any] = {"forward_s": forward}
    start = perf_counter()
    try:
        y.backward()
    except RecursionError:
        result["error"] = "RecursionError"
        return result
    result["backward_s"] = perf_counter() - start
    if not math.isclose(float(x.grad), CHAIN_FACTOR**n, rel_tol=1e-9):
        raise AssertionError(f"{engine.name}: chain gradient {x.grad} != {CHAIN_FACTOR ** n}")
    return result


def wide_sum(engine: Engine, n: int) -> dict:
    """One sum of n leaf terms (the engine's n-ary sum) and its backward; every term's grad is 1."""
    terms = [engine.Value(float(i % 10)) for i in range(n)]
    gc.collect()
    start = perf_counter()
    total = engine.nary_sum(terms)
    result: dict[str, Any] = {"forward_s": perf_counter() - start}
    start = perf_counter()
    try:
        total.backward()
    except RecursionError:
        result["error"] = "RecursionError"
        return result
    result["backward_s"] = perf_counter() - start
    if float(total.data) != sum(i % 10 for i in range(n)) or any(t.grad != 1.0 for t in terms):
        raise AssertionError(f"{engine.name}: wrong sum or gradients in the wide sum")
    return result


def bytes_per_node(engine: Engine, n: int) -> dict:
    """tracemalloc bytes to build y = x * c * c * ... with n multiplications.

    Each multiplication adds one op node and the leaf its operator wraps the float c in, the same
    for both engines; the result is given per multiplication and per Value object.
    """
    x = engine.Value(1.0)
    gc.collect()
    tracemalloc.start()
    try:
        y = x
        for _ in range(n):
            y = y * CHAIN_FACTOR
        allocated = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    values = engine.count_nodes(y) if engine.count_nodes else 2 * n + 1
    return {"per_op": allocated / n, "per_value": allocated / (values - 1), "values": values}


def render_graph(engine: Engine, n_terms: int = 250) -> Any:
    """sum_i w_i * x_i over n_terms pairs, after backward: 4 * n_terms + 1 Values (1,001 for 250)."""
    ws = [engine.Value(0.01 * i) for i in range(n_terms)]
    xs = [engine.Value(1.0 - 0.003 * i) for i in range(n_terms)]
    root = sum(w * x for w, x in zip(ws, xs))
    root.backward()  # so the drawing shows gradients, as it does in class
    return root


def render(engine: Engine, root: Any) -> str:
    """Build the graph's DOT text (no layout: that is Graphviz's work, not the engine's)."""
    return engine.draw_dot(root).source
