"""fit(compile=True): each batch's training step traced once (autograd.compile) and replayed as float
code, with the same numbers as the eager loop in nn.train; what cannot replay is refused up front
(fit_checks.check_compilable)."""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import nullcontext
from itertools import groupby
from typing import Any

from autograd import Value, no_grad
from autograd import compile as compile_replay

from . import losses
from .data import batch_outputs
from .fit_checks import check_compilable
from .fit_plan import Plan, model_mode, objective
from .fused import NotFusable, fused_update
from .metrics import as_floats
from .regularization import BatchNorm1d, BatchStats, Dropout, MaskFeed

__all__ = ["replayed"]

# fit(compile=True) replays straight lines from this many steps on, loops over tables below: lines
# compile ~9x slower (0.64 s against 0.07 s on the micrograd demo) and replay ~1.5x faster.
LINES_FROM_STEPS = 500


def replayed(plan: Plan, eager_measure: Callable) -> tuple[Callable, Callable]:
    """fit(compile=True)'s iteration and evaluation: a batch's graph is traced once (autograd.compile),
    then replayed as float code; the numbers are the eager path's. The targets are inputs of the
    graph when the loss accepts them (one trace per batch size, so shuffled batches replay too);
    otherwise they are built into it (one trace per batch: the batches must repeat). Dropout's
    factors are inputs too, drawn at every step as eager training draws them (regularization.MaskFeed).
    SGD's and Adam's step runs inside the replay (nn.fused); other optimisers step in Python after it.
    Straight lines replay fastest but take ~10x longer to compile than loops over tables, which
    win below ~500 steps (measured on the micrograd demo). eager_measure(plan, X, y): the eager loop's
    measure, for what the replay cannot measure (batch norm's eval mode)."""
    fed = _targets_fed(plan)
    check_compilable(plan, fed)
    modules = [m for _, m in getattr(plan.model, "named_modules", list)()]
    dropouts = [m for m in modules if isinstance(m, Dropout)]
    norms = [m for m in modules if isinstance(m, BatchNorm1d)]
    modal = bool(dropouts or norms)  # the training graph is not the evaluation graph
    steps = plan.epochs * math.ceil(len(plan.train[0]) / plan.batch_size)
    mode = "lines" if steps >= LINES_FROM_STEPS else "tables"
    try:
        update = fused_update(plan.optimizer, plan.params)
    except NotFusable:  # the reason: nn.fused.fused_update(optimizer) says it
        update = None
    replays: dict = {}

    def batch_key(X: list, y: list) -> Any:  # batches of one key share a trace
        return len(X) if fed else tuple(map(repr, y))

    def replay(X: list, y: list) -> tuple[Any, MaskFeed | None, BatchStats | None]:
        # Without dropout or batch norm the training graph is the evaluation graph: one trace serves both.
        key = (modal, batch_key(X, y))
        if key not in replays:
            feed = MaskFeed(dropouts) if dropouts else None
            stats = BatchStats(norms) if norms else None
            replays[key] = _trace(plan, X, y, fed, feed, stats, mode, update)
        return replays[key]

    def steps(plan: Plan, batches: list[tuple[list, list]]) -> None:
        # Batches of one replay in a row step together (Compiled.steps keeps the weights in its lists).
        for _, run in groupby(batches, lambda batch: batch_key(*batch)):
            run = list(run)
            _step_replayed(plan, *replay(*run[0]), run, fed)

    def evaluate(plan: Plan, X: list, y: list) -> tuple[float, float | None]:
        # A full batch's training graph serves the evaluation too (also before the first step) when
        # training and eval mode build the same graph.
        key = (False, batch_key(X, y))
        if key not in replays and not modal and len(X) == plan.batch_size:
            replay(X, y)
        if key in replays:
            loss, (preds, _) = replays[key][0].forward([X, y if fed else [], []])
            return loss, plan.accuracy_fn([as_floats(p) for p in preds], y) if plan.accuracy_fn else None
        if norms:  # eval mode reads the running estimates, which move at every step, as numbers
            return eager_measure(plan, X, y)
        if fed and not modal:  # the training graph of a batch that size gives its predictions
            return _measure_predicted(plan, X, y, replays, lambda xs, ys: replay(xs, ys)[0].forward([xs, ys, []])[1][0],
                                      fed, batch_key(X, y))
        return _measure_predicted(plan, X, y, replays, None, fed, batch_key(X, y))

    return steps, evaluate


def _step_replayed(plan: Plan, compiled: Any, feed: MaskFeed | None, stats: BatchStats | None,
                   batches: list[tuple[list, list]], fed: bool) -> None:
    """One step per batch with one replay: all in one call with a fused update, else each replay
    followed by the optimiser's step in Python."""
    inputs = ([X, y if fed else [], feed.draw() if feed else []] for X, y in batches)
    # the running estimates move after each step; eager moves them in its forward
    after = None if stats is None else \
        lambda outputs: stats.move(outputs[len(outputs) - len(stats.nodes):])
    if compiled.update is not None:
        compiled.steps(inputs, after)
        return
    for batch in inputs:
        plan.optimizer.zero_grad()
        compiled(batch)
        if after is not None:
            after(compiled.last_outputs)
        plan.optimizer.step()


def _trace(plan: Plan, X: list, y: list, fed: bool, feed: MaskFeed | None, stats: BatchStats | None,
           mode: str, update: Any, backward: bool = True) -> tuple[Any, Any, Any]:
    """The compiled objective of one batch shape: inputs [samples, targets (or []), dropout factors];
    outputs the predictions, then batch norm's batch statistics (moved into the running estimates
    after each step)."""
    norms = stats.recorded() if stats is not None else nullcontext()
    masks: list = []
    if feed is not None:  # a dry forward counts the factors the batch draws, without drawing them
        with feed.fed(), norms, no_grad():
            batch_outputs(plan.model, X)
        masks = [1.0] * len(feed.order)

    def batch_objective(inputs: list) -> tuple[Value, list]:
        xs, ys, factors = inputs
        with feed.fed(factors) if feed is not None else nullcontext(), \
                stats.recorded() if stats is not None else nullcontext():
            preds = batch_outputs(plan.model, xs)
        with losses.targets_fed() if fed else nullcontext():
            loss = objective(plan.loss_fn, preds, ys if fed else y, plan.extra, plan.model)
        return loss, [preds, stats.nodes if stats is not None else []]

    compiled = compile_replay(batch_objective, plan.params, [X, y if fed else [], masks], mode=mode,
                              update=update, backward=backward)
    return compiled, feed, stats


def _measure_predicted(plan: Plan, X: list, y: list, replays: dict, predict: Callable | None,
                       fed: bool, key: Any) -> tuple[float, float | None]:
    """Loss and accuracy on a set that is not a training batch (all the samples after mini-batches,
    validation): the predictions, batch by batch (a sample's outputs do not depend on its batch),
    from predict(samples, targets) or else a forward-only replay traced in eval mode, then the loss
    on them, replayed too, as the eager measure computes it. fed: whether the targets are graph inputs;
    key: the set's batch key (its size, or its targets), naming its loss replay."""
    preds = []
    for start in range(0, len(X), plan.batch_size):
        chunk = X[start:start + plan.batch_size]
        if predict is not None:
            preds += predict(chunk, y[start:start + plan.batch_size])
            continue
        if ("predict", len(chunk)) not in replays:
            replays["predict", len(chunk)] = _trace_predictions(plan, chunk)
        preds += replays["predict", len(chunk)].forward(chunk)[1]
    if ("loss", key) not in replays:
        replays["loss", key] = _trace_loss(plan, preds, y, fed)
    loss = replays["loss", key].forward([preds, y if fed else []])[0]
    return loss, plan.accuracy_fn(preds, y) if plan.accuracy_fn else None


def _trace_loss(plan: Plan, preds: list, y: list, fed: bool) -> Any:
    """The objective on given predictions (inputs of the graph, as the targets when fed), forward only."""

    def loss_on_predictions(inputs: list) -> tuple[Value, list]:
        outputs, ys = inputs
        with losses.targets_fed() if fed else nullcontext():
            return objective(plan.loss_fn, outputs, ys if fed else y, plan.extra, plan.model), []

    return compile_replay(loss_on_predictions, plan.params, [preds, y if fed else []], backward=False)


def _trace_predictions(plan: Plan, X: list) -> Any:
    """The model's outputs for a batch shaped like X, in eval mode, as a forward-only replay."""

    def outputs(xs: list) -> tuple[Value, list]:
        preds = batch_outputs(plan.model, xs)
        flat = [v for p in preds for v in (p if isinstance(p, (list, tuple)) else [p])]
        return Value.sum(flat), preds  # a root that holds every output

    with model_mode(plan.model, training=False):
        return compile_replay(outputs, plan.params, X, backward=False)


def _targets_fed(plan: Plan) -> bool:
    """Whether the targets can be inputs of the compiled graph (else they are constants in it)."""
    if plan.loss_fn not in losses.TARGETS_AS_INPUTS:
        return False
    y = plan.train[1]  # cross_entropy's target rows (probabilities) stay constants; its class indices are fed
    return plan.loss_fn is not losses.cross_entropy or not any(isinstance(t, (list, tuple)) for t in y)
