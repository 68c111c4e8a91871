"""Turns the benchmark's raw measurements into the printed table, the target verdicts and the JSON.

Every target of the issue is one row: the figures it rests on, the ratio, the target, met or not.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

from bench.timing import median

COLUMNS = ["workload", "chalkgrad", "micrograd (gc on)", "micrograd (gc off)", "torch",
           "pure float", "ratio", "target", "met?"]  # fmt: skip
DEMO_RACERS = ("chalkgrad", "micrograd (gc on)", "micrograd (gc off)", "torch", "pure float")


def seconds(s: float | None) -> str:
    """A duration in the unit that keeps it readable ('' when not measured)."""
    if s is None:
        return ""
    if s >= 1.0:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} µs"


def times(ratio: float | None) -> str:
    if ratio is None:
        return ""
    return f"{ratio:.1f}x" if ratio >= 10 else f"{ratio:.2f}x"


class Table:
    """Rows of the printed table plus, for each target row, a verdict for the JSON."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.verdicts: list[dict] = []
        self._workload = ""

    def add(self, workload: str, figures: dict[str, str], ratio: float | None, target: str,
            met: bool | None, ratio_text: str | None = None) -> None:  # fmt: skip
        """One row; `figures` maps column names to cells, a blank workload continues the last one."""
        self._workload = workload or self._workload
        cells = [workload] + [figures.get(column, "") for column in COLUMNS[1:6]]
        shown = ratio_text if ratio_text is not None else times(ratio)
        verdict = "n/a" if met is None else ("yes" if met else "NO")
        self.rows.append(cells + [shown, target, verdict])
        self.verdicts.append({"workload": self._workload, "target": target, "ratio": ratio, "met": met})


def _median_of(results: dict, workload: str, who: str) -> float | None:
    samples = results.get(workload, {}).get(who)
    return median(samples) if samples else None


def _graph_cell(entry: dict | None, key: str, scale: float, unit: str) -> str:
    """A median scaled into `unit`, or the error that stopped the engine before it got there."""
    if not entry:
        return ""
    if entry.get(key):
        return f"{median(entry[key]) * scale:.3g} {unit}"
    return f"fails ({entry['error']})" if entry.get("error") else ""


def _demo_rows(table: Table, results: dict, points: int) -> None:
    d = {who: _median_of(results, "demo_step", who) for who in DEMO_RACERS}
    cg = d["chalkgrad"]
    name = f"demo step, {points} points"
    on, off, pure = d["micrograd (gc on)"] / cg, d["micrograd (gc off)"] / cg, cg / d["pure float"]
    table.add(name, {k: seconds(v) for k, v in d.items()}, on,
              ">= 20x faster than micrograd (gc on)", on >= 20)  # fmt: skip
    table.add("", {}, off, ">= 2x faster than micrograd (gc off)", off >= 2)
    if d["torch"]:
        table.add("", {}, d["torch"] / cg, "faster than PyTorch scalar autograd", d["torch"] > cg)
    else:
        table.add("", {}, None, "faster than PyTorch scalar autograd", None, "not run (TORCH=1)")
    table.add("", {}, pure, "stretch: within 5x of pure floats (ratio = chalkgrad/pure)", pure <= 5)


def eager_rows(results: dict) -> tuple[list[list[str]], list[dict]]:
    """The eager demo step against pure floats, as its own row (`run.py --only eager`)."""
    table = Table()
    cg, pure = _median_of(results, "demo_step", "chalkgrad"), _median_of(results, "demo_step", "pure float")
    if cg and pure:
        table.add("demo step eager vs pure floats", {"chalkgrad": seconds(cg), "pure float": seconds(pure)},
                  cg / pure, "<= 5x (ratio = eager/pure)", cg / pure <= 5)  # fmt: skip
    return table.rows, table.verdicts


def _graph_rows(table: Table, results: dict, sizes: dict) -> None:
    chain = results.get("deep_chain")
    if chain:
        n = sizes["chain"]
        cg, mg = chain.get("chalkgrad"), chain.get("micrograd")
        per_node = 1e6 / n
        table.add(f"deep chain, {n:,} nodes: forward",
                  {"chalkgrad": _graph_cell(cg, "forward_s", per_node, "µs/node"),
                   "micrograd (gc on)": _graph_cell(mg, "forward_s", per_node, "µs/node")},
                  None, "(no target)", None)  # fmt: skip
        backward = median(cg["backward_s"]) * per_node if cg and cg.get("backward_s") else None
        table.add("deep chain: backward",
                  {"chalkgrad": _graph_cell(cg, "backward_s", per_node, "µs/node"),
                   "micrograd (gc on)": _graph_cell(mg, "backward_s", per_node, "µs/node")},
                  None, "no RecursionError; < 1 µs/node", backward is not None and backward < 1)  # fmt: skip
    wide = results.get("wide_sum")
    if wide:
        cells = {}
        for who, column in (("chalkgrad", "chalkgrad"), ("micrograd", "micrograd (gc on)")):
            entry = wide.get(who)
            if entry:
                backward = seconds(median(entry["backward_s"])) if entry.get("backward_s") else (
                    f"fails ({entry.get('error')})")
                cells[column] = f"{seconds(median(entry['forward_s']))} + {backward}"
        ok = bool(wide.get("chalkgrad", {}).get("backward_s"))
        table.add(f"wide sum, {sizes['wide']:,} terms: fwd + bwd", cells, None,
                  "runs (micrograd's sum() is a chain of adds)", ok)  # fmt: skip
    mem = results.get("memory")
    if mem:
        cg, mg = mem["chalkgrad"]["per_op"], mem["micrograd"]["per_op"]
        table.add(f"memory, {sizes['memory']:,}-op graph, bytes/op",
                  {"chalkgrad": f"{cg:.0f} B", "micrograd (gc on)": f"{mg:.0f} B"},
                  cg / mg, "<= half of micrograd (ratio = chalkgrad/micrograd)", cg <= mg / 2)  # fmt: skip


def rows(results: dict, sizes: dict) -> tuple[list[list[str]], list[dict]]:
    """Table rows and the list of target verdicts (workload, target, ratio, met) for the JSON."""
    table = Table()
    if "demo_step" in results:
        _demo_rows(table, results, sizes["points"])
    grads = results.get("gradients")
    if grads:
        agree = all(entry["agree"] for entry in grads.values())
        cells = {who: f"{entry['max_abs_diff']:.1e}" for who, entry in grads.items()}
        cells["micrograd (gc on)"] = "reference"
        table.add("gradients vs micrograd, max |diff|", cells, None, "identical to 1e-12", agree,
                  "all agree" if agree else "DIFFER")  # fmt: skip
    _graph_rows(table, results, sizes)
    if "inference" in results:
        d = {who: _median_of(results, "inference", who) for who in
             ("chalkgrad", "micrograd", "torch", "pure float")}  # fmt: skip
        cells = {k: seconds(v) for k, v in d.items() if k != "micrograd"}
        cells["micrograd (gc on)"] = seconds(d["micrograd"])
        ratio = d["chalkgrad"] / d["pure float"]
        table.add(f"no_grad forward, {sizes['points']} points", cells, ratio,
                  "within 10x of pure floats (ratio = chalkgrad/pure)", ratio <= 10)  # fmt: skip
    if "render" in results:
        r = results["render"]
        cg, mg = median(r["chalkgrad"]), median(r["micrograd"])
        table.add(f"DOT text, {r['nodes']['chalkgrad']:,}-node graph",
                  {"chalkgrad": seconds(cg), "micrograd (gc on)": seconds(mg)}, mg / cg,
                  "(no target; ratio = micrograd/chalkgrad)", None)  # fmt: skip
    state = results.get("global_state")
    if state:
        table.add("interpreter state after chalkgrad",
                  {"chalkgrad": "unchanged" if state["unchanged"] else "CHANGED"}, None,
                  "gc, thresholds, recursion limit, grad mode as found", state["unchanged"])  # fmt: skip
    return table.rows, table.verdicts


def markdown(rows: list[list[str]]) -> str:
    """A Markdown table, padded so it also reads well in a terminal."""
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    return "\n".join([line(COLUMNS), line(["-" * w for w in widths])] + [line(r) for r in rows])


def machine() -> dict[str, Any]:
    """Where the figures come from: they only mean something next to this."""
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
    }


def write_json(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
