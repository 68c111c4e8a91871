"""Deck 004 (Lecture 11) on regularisation and ensembles, as small experiments with known answers:

- L1 against L2: on a linear model where only 3 of 8 features matter, an L1 penalty (applied as its
  proximal step, soft-thresholding w := sign(w) max(|w| - lr lam, 0)) drives the useless weights to
  exactly 0; L2 only makes them small; L1 + L2 (elastic net) does both.
- bagging: k models on bootstrap samples, averaged. For squared error the ensemble's error is the
  members' mean error minus their spread (the ambiguity decomposition, exact):
      (y_bar - t)^2 = mean_k (y_k - t)^2 - mean_k (y_k - y_bar)^2
- Monte-Carlo dropout: dropout kept on at test time, T predictions averaged; their spread is a band.
- "batch normalisation allows a higher learning rate" (deck 003), tested: the same tanh network with and
  without BatchNorm1d, trained by SGD at several learning rates.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable
from typing import Any

from autograd import Value, no_grad
from nn import (
    MLP,
    SGD,
    Adam,
    BatchNorm1d,
    Dropout,
    Layer,
    Sequential,
    Tanh,
    datasets,
    fit,
    l1_penalty,
    l2_penalty,
    mse_loss,
)

TRUE_W = [3.0, -2.0, 1.5, 0.0, 0.0, 0.0, 0.0, 0.0]  # only the first three features matter


def sparse_data(n: int = 40, noise: float = 0.5, seed: int = 0) -> tuple[list[list[float]], list[float]]:
    rng = random.Random(seed)
    X = [[rng.gauss(0, 1) for _ in TRUE_W] for _ in range(n)]
    y = [sum(w * x for w, x in zip(TRUE_W, row)) + rng.gauss(0, noise) for row in X]
    return X, y


def soft_threshold_(params: list[Value], amount: float) -> None:
    """The proximal step of amount * sum|w|: w := sign(w) max(|w| - amount, 0), so a small weight lands on 0."""
    for p in params:
        shrunk = abs(p.data) - amount
        p.data = math.copysign(shrunk, p.data) if shrunk > 0 else 0.0  # +0.0, not -0.0


def fit_linear(l1: float = 0.0, l2: float = 0.0, proximal: bool = True, epochs: int = 300, lr: float = 0.05,
               data: tuple | None = None) -> list[float]:
    """A linear model y = w.x + b by full-batch gradient descent on MSE + l2 sum w^2 + l1 sum |w|.
    proximal=True applies the L1 part as soft-thresholding after each step; False adds l1 * sum|w| to
    the loss (its subgradient sign(w) makes a weight hop around 0 instead of landing on it)."""
    X, y = data or sparse_data()
    model = Layer(len(TRUE_W), 1, nonlin=False, seed=1)
    weights = model.neurons[0].w
    opt = SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        loss = mse_loss([model(x) for x in X], y)
        if l2:
            loss = loss + l2 * l2_penalty(weights)
        if l1 and not proximal:
            loss = loss + l1 * l1_penalty(weights)
        loss.backward()
        opt.step()
        if l1 and proximal:
            soft_threshold_(weights, lr * l1)
    return [w.data for w in weights]


def bootstrap(X: list, y: list, rng: random.Random) -> tuple[list, list]:
    """n samples drawn with replacement from the n given (about 63% distinct)."""
    idx = [rng.randrange(len(X)) for _ in X]
    return [X[i] for i in idx], [y[i] for i in idx]


def bagging(k: int = 8, seed: int = 0, epochs: int = 150) -> dict[str, Any]:
    """k 1-10-1 tanh networks, each on a bootstrap sample of 12 noisy sin points, judged on 30 others."""
    X, y = datasets.make_regression_1d(12, noise=0.3, seed=3)
    X_test, y_test = datasets.make_regression_1d(30, noise=0.0, seed=103, x_range=(-2.9, 2.9))
    rng = random.Random(seed)
    members = []
    for i in range(k):
        Xb, yb = bootstrap(X, y, rng)
        model = MLP(1, [10, 1], activation="tanh", seed=100 + i)
        fit(model, Xb, yb, "mse", Adam(model.parameters(), lr=0.05), epochs=epochs, progress=False,
            compile=True)  # the same weights as eager training, replayed as float code
        members.append(model)
    with no_grad():
        preds = [[m(x).data for x in X_test] for m in members]
    average = [statistics.fmean(col) for col in zip(*preds)]
    member_errors = [statistics.fmean((p - t) ** 2 for p, t in zip(row, y_test)) for row in preds]
    spread = statistics.fmean(statistics.fmean((p - a) ** 2 for p in col) for col, a in zip(zip(*preds), average))
    return {"X": X, "y": y, "X_test": X_test, "y_test": y_test, "members": members, "predictions": preds,
            "average": average, "member_errors": member_errors,
            "bagged_error": statistics.fmean((a - t) ** 2 for a, t in zip(average, y_test)), "spread": spread}


def dropout_network(p: float = 0.2, seed: int = 3) -> Sequential:
    return Sequential(Layer(1, 32, activation="tanh", seed=seed), Dropout(p, seed=seed),
                      Layer(32, 1, nonlin=False, seed=seed + 1))


def mc_dropout(model: Sequential, xs: list[float], passes: int = 50) -> tuple[list[float], list[float]]:
    """Mean and standard deviation over `passes` forward passes with dropout ON (model.train())."""
    model.train()
    with no_grad():
        runs = [[model([x]).data for x in xs] for _ in range(passes)]
    model.eval()
    cols = list(zip(*runs))
    return [statistics.fmean(c) for c in cols], [statistics.pstdev(c) for c in cols]


def deep_tanh(sizes: list[int], batch_norm: bool, init: Any = "lecun_normal", seed: int = 0) -> Sequential:
    """Linear layers, each followed by BatchNorm1d (optional) and tanh, then one linear output unit."""
    modules: list[Any] = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        modules.append(Layer(a, b, activation="identity", init=init, seed=seed + i))
        if batch_norm:
            modules.append(BatchNorm1d(b))
        modules.append(Tanh())
    modules.append(Layer(sizes[-1], 1, nonlin=False, init=init, seed=seed + len(sizes)))
    return Sequential(*modules)


def batch_norm_learning_rates(rates: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0), seed: int = 0,
                              epochs: int = 10) -> dict[bool, list[float]]:
    """Final training loss of a 2-8-8-8-8-1 tanh network (Xavier start) on 60 two-moons points, mini-batches
    of 20, plain SGD, for each learning rate: {False: without batch norm, True: with it}. Trained compiled
    (batch norm's statistics replay too): the same losses as eager training, about 4x sooner."""
    X, y = datasets.make_moons(60, noise=0.1, seed=0)
    out: dict[bool, list[float]] = {False: [], True: []}
    for bn in (False, True):
        for lr in rates:
            model = deep_tanh([2, 8, 8, 8, 8], bn, seed=seed)
            history = fit(model, X, y, "bce_with_logits", SGD(model.parameters(), lr=lr), epochs=epochs,
                          batch_size=20, seed=seed, progress=False, compile=True)
            out[bn].append(history.loss[-1])
    return out


def descend(f: Callable[[Value, Value], Value], start: tuple[float, float], optimizer: Callable, steps: int) -> list:
    """The path of (x, y) minimising f(x, y) from `start` with optimizer(params) (e.g. lambda ps: SGD(ps, lr=0.1))."""
    x, y = Value(start[0], "x"), Value(start[1], "y")
    opt = optimizer([x, y])
    path = [(x.data, y.data)]
    for _ in range(steps):
        opt.zero_grad()
        f(x, y).backward()
        opt.step()
        path.append((x.data, y.data))
    return path


def two_minima(x: Value, y: Value) -> Value:
    """f(x, y) = x^4 - 3 x^2 + x + y^2: a local minimum near x = 1.13 and the global one near x = -1.30."""
    return x**4 - 3 * x**2 + x + y**2


def saddle(x: Value, y: Value) -> Value:
    """f(x, y) = x^2 - y^2 (+ y^4 / 4 so it has minima at y = +-sqrt 2): a saddle point at the origin."""
    return x**2 - y**2 + 0.25 * y**4


def main() -> None:
    for name, kw in (("L2 (0.1)", dict(l2=0.1)), ("L1 (0.5), subgradient", dict(l1=0.5, proximal=False)),
                     ("L1 (0.5), proximal", dict(l1=0.5)), ("L1 (0.5) + L2 (0.05)", dict(l1=0.5, l2=0.05))):
        w = fit_linear(**kw)
        print(f"{name:24s} weights {[round(v, 3) for v in w]}  exactly zero: {sum(v == 0.0 for v in w)}")


if __name__ == "__main__":
    main()
