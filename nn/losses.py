"""Loss functions with the decks' formulas and PyTorch's names and reductions, plus L1/L2 penalties.

Calling convention: loss(predictions, targets). predictions is a list over samples of a Value (one
output) or a list of Values (several outputs); targets is the matching list of numbers, class indices
or lists. One sample (a Value and a number) works too. reduction='mean' | 'sum' | 'none' as PyTorch:
'mean' averages over every element ('none' returns the per-element losses in the predictions' shape).
'batchmean' sums over every element and divides by the number of SAMPLES m: the decks' J(Θ) = (1/m) Σ_i Σ_k,
which is 'mean' times K for K outputs per sample ('mean' divides by m·K).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from autograd import Value, ops
from autograd.checks import is_integer, is_real, one_of, real

from .functional import logsumexp
from .module import Module

_REDUCTIONS = ("mean", "sum", "none", "batchmean")
Term = Callable[[Value, float], Value]  # the loss of one element: (prediction, target) -> Value
Check = Callable[[float, float, str], None]  # raises when (prediction, target) do not fit the loss


def _target(t: Any, name: str, where: str) -> float | Value:
    if _is_input(t):  # compiled training feeds each batch's targets into one graph
        return t
    if not is_real(t):
        hint = " (use .data for a Value)" if isinstance(t, Value) else ""
        raise TypeError(f"{name}: target {where} must be a number, got {type(t).__name__} {t!r}{hint}")
    return float(t)


class _Feeding(threading.local):
    on = False  # per thread, as grad mode: one thread tracing never changes another's losses


_feeding = _Feeding()


@contextmanager
def targets_fed() -> Iterator[None]:
    """While fit(compile=True) traces: targets may be input Values of the graph (one graph per batch
    size serves every batch), rather than numbers built into it as constants. Their numbers were
    checked when fit measured the untrained model. Outside it a Value target is refused (use .data)."""
    before, _feeding.on = _feeding.on, True
    try:
        yield
    finally:
        _feeding.on = before


def _is_input(t: Any) -> bool:
    return _feeding.on and isinstance(t, Value)


def _prediction(p: Any, name: str, where: str) -> Value:
    if isinstance(p, Value):
        return p
    if is_real(p):
        return Value.constant(p)
    raise TypeError(f"{name}: prediction {where} must be a Value or a number, got {type(p).__name__} {p!r}")


def _is_list(x: Any) -> bool:
    return isinstance(x, (list, tuple))


def _as_batch(x: Any) -> Any:
    """A numpy array as nested lists (fit accepts numpy targets, so the losses do too), and a
    generator or other iterable of predictions as a list, so it is not read as one prediction."""
    if callable(getattr(x, "tolist", None)) and type(x).__module__.split(".")[0] == "numpy":
        return x.tolist()
    if isinstance(x, Iterable) and not isinstance(x, (list, tuple, str, bytes, dict, Value)):
        return list(x)
    return x


def _elementwise(name: str, term: Term, predictions: Any, targets: Any, reduction: str,
                 check: Check | None = None) -> Any:
    """Apply term(prediction, target) to every element and reduce; 'none' keeps the predictions' shape."""
    one_of(f"{name}: reduction", reduction, _REDUCTIONS)
    predictions, targets = _as_batch(predictions), _as_batch(targets)
    single = not _is_list(predictions)
    preds, tgts = ([predictions], [targets]) if single else (predictions, targets)
    if single and _is_list(targets):
        raise ValueError(f"{name}: got one prediction but {len(targets)} targets")
    if not _is_list(tgts):
        raise ValueError(f"{name}: got {len(preds)} predictions but a single target {targets!r}")
    if len(preds) != len(tgts):
        raise ValueError(f"{name}: got {len(preds)} predictions but {len(tgts)} targets")
    if not preds:
        raise ValueError(f"{name}: got no predictions (an empty batch)")
    shaped: list[Any] = []
    terms: list[Value] = []
    for i, (p, t) in enumerate(zip(preds, tgts)):
        if _is_list(p):
            if not _is_list(t) or len(t) != len(p):
                got = f"{len(t)} targets" if _is_list(t) else f"the single target {t!r}"
                raise ValueError(f"{name}: sample {i} has {len(p)} outputs but {got}; give each sample "
                                 f"a row of {len(p)} targets (one-hot rows for class labels, or use "
                                 "cross_entropy, which takes class indices)")
            row = []
            for k, (pk, tk) in enumerate(zip(p, t)):
                row.append(_term(name, term, pk, tk, f"{i}[{k}]", check))
            shaped.append(row)
            terms.extend(row)
        else:
            if _is_list(t):
                raise ValueError(_one_output_list_target(name, i, t))
            shaped.append(_term(name, term, p, t, str(i), check))
            terms.append(shaped[-1])
    if reduction == "none":
        return shaped[0] if single else shaped
    if len(terms) == 1:  # one element: its loss is the answer, without a one-term sum in the graph
        return terms[0]
    total = Value.sum(terms)
    if reduction == "batchmean":  # the decks' 1/m: per sample, summed over its K outputs
        return total / len(preds)
    return total / len(terms) if reduction == "mean" else total


def _one_output_list_target(name: str, i: int, t: Any) -> str:
    """The message for a list target next to a single-Value prediction (one output per sample)."""
    return (f"{name}: sample {i} is one output (a single Value) but its target is a list {list(t)!r}; "
            "give one number per sample for a one-output model, e.g. y = [1.0, -1.0, ...] "
            "(flatten a column with [t[0] for t in y])")


def _term(name: str, term: Term, p: Any, t: Any, where: str, check: Check | None) -> Value:
    value, target = _prediction(p, name, where), _target(t, name, where)
    # A check raises or passes: either way the graph below is the same, so a compiled trace may read
    # the number (float() of .data is not watched). A fed target was checked by fit beforehand.
    if check is not None and not isinstance(target, Value):
        check(float(value.data), target, f"{name}: sample {where}")
    return term(value, target)


def mse_loss(predictions: Any, targets: Any, reduction: str = "mean") -> Any:
    """Mean squared error: (1/N) sum_i (y_i - y_hat_i)^2;  d/dy_hat_i = -2 (y_i - y_hat_i) / N"""
    return _elementwise("mse_loss", lambda p, t: (p - t) ** 2, predictions, targets, reduction)


def sse_loss(predictions: Any, targets: Any) -> Value:
    """Sum of squared errors: sum_i (y_i - y_hat_i)^2 (the UVA deck's SSE)."""
    return _elementwise("sse_loss", lambda p, t: (p - t) ** 2, predictions, targets, "sum")


def half_squared_error(predictions: Any, targets: Any, reduction: str = "sum") -> Any:
    """Han & Kamber's error E = 1/2 sum_k (t_k - o_k)^2;  dE/do_k = -(t_k - o_k), which gives the
    book's Err_k = o_k (1 - o_k) (t_k - o_k) for a sigmoid unit. Summed by default, as in the book."""
    return _elementwise("half_squared_error", lambda p, t: 0.5 * (t - p) ** 2, predictions, targets, reduction)


def l1_loss(predictions: Any, targets: Any, reduction: str = "mean") -> Any:
    """Mean absolute error (MAE, L1 loss): (1/N) sum_i |y_i - y_hat_i|;  d/dy_hat_i = -sign(y_i - y_hat_i) / N"""
    return _elementwise("l1_loss", lambda p, t: abs(p - t), predictions, targets, reduction)


def huber_loss(predictions: Any, targets: Any, reduction: str = "mean", delta: float = 1.0) -> Any:
    """Huber loss (PyTorch's): with d = y_hat - y,  1/2 d^2 if |d| < delta, else delta (|d| - delta/2).
    Quadratic near 0, linear (robust to outliers) far away; the two pieces meet smoothly at |d| = delta."""
    delta = real("huber_loss: delta", delta, low=0, low_open=True, finite=False)  # inf: all quadratic

    def term(p: Value, t: float) -> Value:  # the piece is chosen inside the op, at every step
        return Value.from_op(ops.Huber, (p - t,), (delta,))

    return _elementwise("huber_loss", term, predictions, targets, reduction)


def _check_probability_target(p: float, t: float, where: str) -> None:
    if not 0.0 <= t <= 1.0:
        raise ValueError(f"{where}: target {t!r} is not a probability in [0, 1] (binary labels are 0 or 1)")


def _log_clamped(x: Value) -> Value:
    """log(x), but never below -100: PyTorch's BCELoss convention, so a probability of exactly 0 or 1
    gives a large finite loss instead of inf. Below the clamp the term is a constant (gradient 0)."""
    return Value.from_op(ops.ClampedLog, (x,))


def binary_cross_entropy(predictions: Any, targets: Any, reduction: str = "mean") -> Any:
    """BCE from probabilities: -(y log p + (1 - y) log(1 - p));  d/dp = (p - y) / (p (1 - p)).

    Each log is clamped to >= -100: PyTorch's convention, so p = 0 or 1 gives a loss of at most 100
    instead of inf. Where the clamp acts the term is constant and passes no gradient (PyTorch's backward
    divides by max(p (1 - p), 1e-12) instead; we add no hidden epsilon). For raw scores use
    binary_cross_entropy_with_logits: it is exact where this one saturates."""
    def check(p: float, t: float, where: str) -> None:
        if not 0.0 <= p <= 1.0:  # also rejects nan
            raise ValueError(f"{where}: prediction {p!r} is not a probability in [0, 1]; apply sigmoid "
                             "first, or pass raw scores to binary_cross_entropy_with_logits")
        _check_probability_target(p, t, where)

    def term(p: Value, t: float | Value) -> Value:
        if isinstance(t, Value):  # a target fed at each step: both parts, one of them times 0 for a label
            return -(t * _log_clamped(p) + (1.0 - t) * _log_clamped(1.0 - p))
        parts = []  # a part with weight 0 is left out: it adds nothing, and log(0) would be clamped for nothing
        if t != 0.0:
            parts.append(t * _log_clamped(p))
        if t != 1.0:
            parts.append((1.0 - t) * _log_clamped(1.0 - p))
        return -(parts[0] if len(parts) == 1 else parts[0] + parts[1])

    return _elementwise("binary_cross_entropy", term, predictions, targets, reduction, check)


def binary_cross_entropy_with_logits(predictions: Any, targets: Any, reduction: str = "mean") -> Any:
    """BCE from a raw score z (p = sigmoid(z)): softplus(z) - y z = log(1 + e^z) - y z;  d/dz = sigmoid(z) - y.
    softplus is computed stably, so z = +-1000 gives finite losses and gradients."""
    return _elementwise("binary_cross_entropy_with_logits", lambda z, t: z.softplus() - t * z,
                        predictions, targets, reduction, _check_probability_target)


def hinge_loss(predictions: Any, targets: Any, reduction: str = "mean") -> Any:
    """micrograd's SVM ("max-margin") loss: relu(1 - y * score) with labels y in {-1, +1}."""
    def check(p: float, t: float, where: str) -> None:
        if t not in (-1.0, 1.0):
            raise ValueError(f"{where}: hinge_loss targets must be -1 or +1, got {t!r} "
                             "(map 0/1 labels with y = 2 * label - 1)")

    return _elementwise("hinge_loss", lambda s, t: (1.0 - t * s).relu(), predictions, targets, reduction, check)


def kl_div(predictions: Any, targets: Any, reduction: str = "mean", log_target: bool = False) -> Any:
    """KL divergence as PyTorch's kl_div: predictions are LOG-probabilities log q (e.g. log_softmax),
    targets probabilities p; per element p (log p - log q), and 0 where p = 0.
    'sum' of one distribution is KL(p || q); 'batchmean' divides the sum by the number of samples."""
    def check(p: float, t: float, where: str) -> None:
        if not log_target and not t >= 0.0:
            raise ValueError(f"{where}: target {t!r} is not a probability (must be >= 0)")

    def term(log_q: Value, t: float) -> Value:
        if log_target:
            return math.exp(t) * (t - log_q)
        return (t * (math.log(t) - log_q)) if t > 0 else 0.0 * log_q

    one_of("kl_div: reduction", reduction, (*_REDUCTIONS, "batchmean"))
    mode = "sum" if reduction == "batchmean" else reduction
    loss = _elementwise("kl_div", term, predictions, targets, mode, check)
    return loss / (len(predictions) if _is_list(predictions) else 1) if reduction == "batchmean" else loss


def cross_entropy(predictions: Any, targets: Any, reduction: str = "mean") -> Any:
    """Softmax cross-entropy from raw class scores z (logits), as PyTorch's cross_entropy:
    -sum_k y_k log softmax(z)_k, which for a class index c is logsumexp(z) - z_c;
    d/dz_k = softmax(z)_k - y_k  (the deck's y_hat - y).

    A sample is a list of K >= 2 scores (a batch is a list of such rows, one per sample); its target is
    a class index 0..K-1 or a list of K probabilities summing to 1 (one-hot or soft). Stricter than
    PyTorch, which accepts one class and soft targets of any sum: both are mistakes here, refused with
    the fix. 'mean' averages over samples. logsumexp is shifted by the max, so scores of +-1000 work.
    Pass raw scores from a linear output layer: softmax is part of this loss, so a softmax output
    layer in front of it would apply softmax twice.
    """
    name = "cross_entropy"
    one_of(f"{name}: reduction", reduction, _REDUCTIONS)
    batch, samples, tgts = _score_rows(predictions, targets)
    losses = [_cross_entropy_one(z, t, f"{name}: sample {i}") for i, (z, t) in enumerate(zip(samples, tgts))]
    if reduction == "none":
        return losses if batch else losses[0]
    if len(losses) == 1:
        return losses[0]
    total = Value.sum(losses)
    return total / len(losses) if reduction in ("mean", "batchmean") else total  # one loss per sample


_ONE_OUTPUT_HINT = ("if these are the outputs of a one-output model, cross_entropy needs a row of K >= 2 class "
                    "scores per sample (make the last layer K units wide), or use "
                    "binary_cross_entropy_with_logits for one output")


def _score_rows(predictions: Any, targets: Any) -> tuple[bool, list, list]:
    """(is a batch, rows of class scores, one target per row): one row of K scores per sample.

    A list of lists is a batch; a flat list is the K scores of one sample (as PyTorch's (C,) input).
    """
    name = "cross_entropy"
    if not _is_list(predictions) or not predictions:
        raise TypeError(f"{name}: expected a non-empty list of class scores (logits) for one sample, or a "
                        f"list of such rows for a batch, got {type(predictions).__name__} {predictions!r}")
    rows = [_is_list(z) for z in predictions]
    if not any(rows):  # one sample: a flat row of scores
        return False, [predictions], [targets]
    if not all(rows):
        i = rows.index(False)
        raise ValueError(f"{name}: sample {i} is a single score {predictions[i]!r}, but a batch needs a row "
                         "of class scores per sample")
    k = len(predictions[0])
    for i, z in enumerate(predictions):
        if len(z) != k:
            raise ValueError(f"{name}: sample {i} has {len(z)} class scores but sample 0 has {k}; "
                             "every sample needs one score per class")
    if not _is_list(targets):
        raise ValueError(f"{name}: got {len(predictions)} samples but a single target {targets!r}; "
                         "give one class index (or one row of probabilities) per sample")
    if len(predictions) != len(targets):
        raise ValueError(f"{name}: got {len(predictions)} samples but {len(targets)} targets")
    return True, list(predictions), list(targets)


def _cross_entropy_one(z: Any, t: Any, where: str) -> Value:
    scores = [_prediction(v, "cross_entropy", where) for v in z]
    k = len(scores)
    if k < 2:
        raise ValueError(f"{where}: one class score: softmax over one class is always 1 and the loss "
                         "always 0; use binary_cross_entropy_with_logits for one output, or K >= 2 scores")
    if _is_list(t):
        probs = _probability_row(t, k, where)
        lse = logsumexp(scores)
        # Classes with y_k = 0 add nothing; a one-hot target gives the same graph as its class index.
        parts = [lse - zk if y == 1.0 else y * (lse - zk) for zk, y in zip(scores, probs) if y != 0.0]
        return parts[0] if len(parts) == 1 else Value.sum(parts)
    if _is_input(t):  # a class index fed at each step: the op picks z_c
        return logsumexp(scores) - Value.from_op(ops.Pick, (*scores, t))
    if not is_integer(t):
        raise TypeError(f"{where}: target must be a class index (an int) or a list of {k} probabilities, "
                        f"got {type(t).__name__} {t!r}")
    if not 0 <= t < k:
        raise ValueError(f"{where}: class index {t} is out of range for {k} classes (0..{k - 1})")
    return logsumexp(scores) - scores[int(t)]


def _probability_row(t: Any, k: int, where: str) -> list[float]:
    """A target row of K class probabilities (one-hot or soft), checked to be a distribution."""
    whole = all(is_integer(y) for y in t)
    hint = f"; {_ONE_OUTPUT_HINT}" if whole else ""
    if len(t) != k:
        raise ValueError(f"{where}: {k} class scores but a target of {len(t)} probabilities{hint}")
    probs = [_target(y, "cross_entropy", where) for y in t]
    if any(not 0.0 <= y <= 1.0 for y in probs):
        raise ValueError(f"{where}: target {list(t)!r} must hold probabilities in [0, 1] "
                         f"(a one-hot list, or give the class index instead){hint}")
    if abs(sum(probs) - 1.0) > 1e-6:
        raise ValueError(f"{where}: target {list(t)!r} sums to {sum(probs):g}, not 1: a target row is a "
                         f"distribution over the {k} classes (one-hot, or give the class index){hint}")
    return probs


def _parameters(params: Module | Iterable[Value], name: str) -> list[Value]:
    items = params.parameters() if isinstance(params, Module) else list(params)
    for p in items:
        if not isinstance(p, Value):
            raise TypeError(f"{name} expects a model or a list of parameter Values, got {type(p).__name__} {p!r}")
    return items


def l1_penalty(params: Module | Iterable[Value]) -> Value:
    """L1 penalty sum_i |w_i|;  d/dw_i = sign(w_i). Add lam * l1_penalty(model) to the loss."""
    ps = _parameters(params, "l1_penalty")
    return Value.sum([abs(p) for p in ps])


def l2_penalty(params: Module | Iterable[Value]) -> Value:
    """L2 penalty sum_i w_i^2 (the squared L2 norm);  d/dw_i = 2 w_i.

    Add lam * l2_penalty(model) to the loss, as micrograd's alpha * sum(p * p). (PyTorch's
    weight_decay=lam in SGD matches lam / 2 * l2_penalty.) Computed as one fused node w . w.
    """
    ps = _parameters(params, "l2_penalty")
    return Value.dot(ps, ps) if ps else Value.constant(0.0)


# The losses that accept their targets as input Values (cross_entropy: class indices only), so one
# compiled graph serves every batch of a size, shuffled or not; fit(compile=True) reads this.
TARGETS_AS_INPUTS = frozenset({
    mse_loss, sse_loss, l1_loss, huber_loss, half_squared_error, hinge_loss, binary_cross_entropy,
    binary_cross_entropy_with_logits, cross_entropy,
})
