"""Fitting a drawing to a slide: where each value sits along the flow, the estimated size of every
candidate layout, dot's own measurement of the few most promising ones, and which row of a wrapped
chain each value goes in. autograd/draw/layout.py holds the candidates and the estimate itself."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

from autograd.draw import layout as layout_
from autograd.draw import style
from autograd.draw.clusters import INPUT_LAYER
from autograd.value import Value

# Above ESTIMATE_UP_TO values the layout is not even estimated (no layout fits a slide); up to
# MEASURE_UP_TO, dot draws the MEASURED_CANDIDATES most promising layouts (~20 ms each) to pick the best.
ESTIMATE_UP_TO = 1000
MEASURE_UP_TO = 150
MEASURED_CANDIDATES = 4


def ranks(drawing: Any, compact: bool) -> dict[Value, int]:
    """Each drawn value's step along the flow, as dot would rank it: results after their inputs (two
    steps when an op node sits between), leaves just before the first op that reads them."""
    step = 1 if compact else 2
    rank: dict[Value, int] = {}
    for v in drawing.shown:
        if v.parents:
            rank[v] = max([rank[p] for p in v.parents if p in rank and p.parents] or [0]) + step
    for v in reversed(drawing.shown):
        if not v.parents:
            users = [rank[u] - step + 1 for u in drawing.consumers.get(v, ()) if u in rank]
            gap = 2 if drawing.path_of.get(v) == INPUT_LAYER else 1
            rank[v] = min(users, default=0) - gap
    return rank


def boxes(drawing: Any, compact: bool, tables: bool) -> list[layout_.Box]:
    """The text of every node the layout would draw, with its rank, for the size estimate."""
    number, out = drawing.number, []
    for v, r in ranks(drawing, compact).items():
        if tables and v in drawing.groups:
            group = drawing.groups[v]
            if v is group[0]:
                rows = [f"{drawing.label(p)} {number(p.data)} {number(p.grad)}" for p in group]
                out.append(layout_.Box(r, rows, rows=len(rows) + 1))  # + the header row
            continue
        cells = [drawing.symbol(v)] if compact and v.parents else []
        if v.role == "constant" and v not in drawing.names:
            cells.append(style.compact(v.data))
        else:
            cells += [drawing.label(v)] if v.label or v in drawing.names else []
            cells += [f"data {number(v.data)}", f"grad {number(v.grad)}"]
        out.append(layout_.Box(r, cells))
        if v.parents and not compact:
            out.append(layout_.Box(r - 1, [drawing.symbol(v)], is_op=True))
    return out


def choose_layout(drawing: Any, measure: Callable[[layout_.Layout], float]) -> layout_.Layout:
    """The layout the options ask for, or, where they leave it open, the most familiar one whose text
    is large enough on a slide (estimated for every candidate, then measured for the best few:
    `measure(layout)` draws the picture with that layout and gives its smallest text in px)."""
    opts, clustered = drawing.opts, bool(drawing.mapping)
    options = layout_.candidates(opts.rankdir, opts.layout, opts.compact,
                                 wrappable=not clustered and not opts.legend, count=len(drawing.shown),
                                 clustered=clustered)
    if drawing.names:  # a batch: parameter tables would be cut off from the samples' boxes
        options = [o for o in options if not o.tables] or options
    if len(options) == 1 or len(drawing.shown) > ESTIMATE_UP_TO:
        return options[0]
    sized = {(o.compact, o.tables): boxes(drawing, o.compact, o.tables) for o in options}
    nodesep = float(style.GRAPH_ATTRS["nodesep"]) * layout_.POINTS_PER_INCH
    ranksep = float(style.GRAPH_ATTRS["ranksep"]) * layout_.POINTS_PER_INCH
    estimates = {o: layout_.fitted_px(*layout_.estimate(sized[o.compact, o.tables], o, nodesep, ranksep,
                                                        clustered)) for o in options}
    best = layout_.choose(options, estimates.__getitem__)
    if not opts.measure or len(drawing.shown) > MEASURE_UP_TO or shutil.which("dot") is None:
        return best  # asked to, without dot, or for a big graph: the estimate decides alone
    ranked = sorted(options, key=lambda o: (-min(estimates[o], layout_.GOOD_ENOUGH_PX), options.index(o)))
    shortlist = sorted(ranked[:MEASURED_CANDIDATES], key=options.index)
    measured = {}
    for candidate in shortlist:
        try:
            measured[candidate] = measure(candidate)
        except Exception:  # noqa: BLE001 - dot failing here is reported when the picture is shown
            return best
    return layout_.choose(shortlist, measured.__getitem__)


def band_of(drawing: Any) -> dict[Value, int]:
    """Which row of a wrapped chain each value is drawn in (none when the chain is not wrapped)."""
    if drawing.layout.bands == 1:
        return {}
    rank = ranks(drawing, drawing.layout.compact)
    distinct = sorted(set(rank.values()))
    per_band = -(-len(distinct) // drawing.layout.bands)
    where = {r: i // per_band for i, r in enumerate(distinct)}
    return {v: where[r] for v, r in rank.items()}


def remedies(opts: Any, several_samples: bool) -> list[tuple[str, dict[str, Any]]]:
    """Option changes that might make a picture fit a slide: (how to write it, the changed options)."""
    found: list[tuple[str, dict[str, Any]]] = []
    if opts.compact is not True:
        found.append(("compact=True", {"compact": True}))
    if opts.rankdir != "auto":
        found.append(("rankdir='auto'", {"rankdir": "auto"}))
    if several_samples and opts.clusters is not None and opts.group_by == "neuron":
        found.append(("group_by='sample'", {"group_by": "sample"}))
    if len(found) > 1:  # all of them together
        found.append((", ".join(text for text, _ in found), {k: v for _, change in found for k, v in change.items()}))
    return found


def advice(redraw: Callable[..., Any], opts: Any, several_samples: bool) -> str:
    """What to do about a picture too large for a slide, naming only remedies that work: each is tried
    (one dot run each); when none would do, how to draw a smaller part instead."""
    for text, change in remedies(opts, several_samples):
        try:
            if redraw(**change).slide_fit() >= layout_.READABLE_PX:
                return f"Draw it with {text} (tried: its text is large enough)."
        except Exception:  # noqa: BLE001 - a remedy dot cannot draw is no remedy
            continue
    if several_samples:
        return ("No drawing option makes it fit: draw one sample, e.g. draw_dot(mse_loss(model(X[0]), Y[0]), "
                "clusters=model), or one neuron of the batch, draw_dot(loss, only=model.layers[0].neurons[0]).")
    return ("No drawing option makes it fit: draw a part of it, one neuron (draw_dot(loss, "
            "only=model.layers[0].neurons[0])) or the values near one node (draw_dot(loss, around=node, depth=2)).")
