"""`make bench` rows: forward mode against reverse mode, the cost argument measured.

A function of n inputs and 1 output needs n forward sweeps (`jvp`, one per input) for its gradient
and 1 reverse sweep (`backward`); a function of 1 input and m outputs needs 1 forward sweep for its
m derivatives and m reverse sweeps. Both modes give the same numbers (checked before timing); the
table is sweeps and seconds for n = m = 1, 10, 100, and the rows at 100 expect the one-sweep mode
to win. The graph is built once, outside the timing.
"""

from __future__ import annotations

from bench.timing import clock, median

SIZES = (1, 10, 100)


TRUNK = 50  # ops shared by every input's path (or every output's): the part one sweep covers once


def _trunk(z):
    for _ in range(TRUNK):
        z = (z * 0.9).sin() + z
    return z


def many_inputs(n: int):
    """s = Σ_i sin(x_i) · x_(i+1 mod n), then a trunk of shared ops: n inputs, one output."""
    from autograd import Value

    xs = [Value(0.1 * i + 0.5, f"x{i + 1}") for i in range(n)]
    return xs, _trunk(Value.sum(xs[i].sin() * xs[(i + 1) % n] for i in range(n)))


def many_outputs(m: int):
    """h = a trunk of shared ops on x, then y_j = sin(j·h) · h, j = 1..m: one input, m outputs."""
    from autograd import Value

    x = Value(0.7, "x")
    h = _trunk(x)
    return x, [(j * h).sin() * h for j in range(1, m + 1)]


def gradient_ways(n: int) -> dict:
    """The gradient of many_inputs(n) by n forward sweeps and by one reverse sweep."""
    from autograd import grad, jvp

    xs, y = many_inputs(n)
    forward = lambda: [jvp(y, {x: 1.0}).derivative for x in xs]  # noqa: E731 - n sweeps
    reverse = lambda: grad(y, xs)  # noqa: E731 - one sweep
    return {"forward": (forward, n), "reverse": (reverse, 1)}


def jacobian_column_ways(m: int) -> dict:
    """The m derivatives of many_outputs(m) by one forward sweep and by m reverse sweeps."""
    from autograd import grad, jvp

    x, ys = many_outputs(m)
    forward = lambda: jvp(ys, {x: 1.0}).derivative  # noqa: E731 - one sweep
    reverse = lambda: [grad(y, [x])[0] for y in ys]  # noqa: E731 - m sweeps
    return {"forward": (forward, 1), "reverse": (reverse, m)}


def measure(results: dict, reps: int, sizes: tuple[int, ...] = SIZES) -> None:
    """Sweeps and median seconds of both modes for each shape and size into results['modes']."""
    table = []
    for shape, ways in (("n inputs -> 1 output", gradient_ways), ("1 input -> m outputs", jacobian_column_ways)):
        for size in sizes:
            found = ways(size)
            (fwd, fwd_sweeps), (rev, rev_sweeps) = found["forward"], found["reverse"]
            a, b = fwd(), rev()
            if any(abs(p - q) > 1e-12 * (1 + abs(q)) for p, q in zip(a, b)):
                raise AssertionError(f"forward and reverse mode disagree on {shape}, size {size}")
            fwd_s = median([clock(fwd) for _ in range(reps)])
            rev_s = median([clock(rev) for _ in range(reps)])
            table.append({"shape": shape, "size": size, "forward_sweeps": fwd_sweeps, "reverse_sweeps": rev_sweeps,
                          "forward_s": fwd_s, "reverse_s": rev_s})
    results["modes"] = table


def add_rows(rows: list[list[str]], verdicts: list[dict], results: dict) -> None:
    """One row per shape at the largest size: the mode with one sweep should be the faster."""
    from bench.report import COLUMNS, seconds

    largest = max(entry["size"] for entry in results.get("modes", [])) if results.get("modes") else None
    for entry in results.get("modes", []):
        if entry["size"] != largest:
            continue
        one_sweep_forward = entry["forward_sweeps"] == 1
        fast, slow = ((entry["forward_s"], entry["reverse_s"]) if one_sweep_forward
                      else (entry["reverse_s"], entry["forward_s"]))
        name = (f"{entry['shape'].replace('n ', f'{largest} ').replace('m ', f'{largest} ')}: forward "
                f"{entry['forward_sweeps']} sweeps {seconds(entry['forward_s'])}, reverse "
                f"{entry['reverse_sweeps']} sweeps {seconds(entry['reverse_s'])}")
        winner = "forward" if one_sweep_forward else "reverse"
        target = f"{winner} (1 sweep) faster"
        ratio = slow / fast
        cells = {"workload": name, "chalkgrad": seconds(fast), "ratio": f"{ratio:.1f}x", "target": target,
                 "met?": "yes" if ratio > 1 else "NO"}
        rows.append([cells.get(column, "") for column in COLUMNS])
        verdicts.append({"workload": name, "target": target, "ratio": ratio, "met": ratio > 1})


def run(results: dict, rows: list[list[str]], verdicts: list[dict], reps: int) -> None:
    """Measure and add the rows: the one call bench/run.py makes."""
    measure(results, reps)
    add_rows(rows, verdicts, results)
    print("  forward vs reverse mode: done", flush=True)
