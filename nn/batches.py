"""minibatches: the samples in batches of batch_size for a hand-written training loop (the UVA deck's
mini-batch SGD), reshuffled on every pass when shuffle is on."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any

from autograd.checks import integer

from .init import make_rng

__all__ = ["minibatches"]


def minibatches(X: Sequence, y: Sequence, batch_size: int, *, shuffle: bool = True, seed: int | None = None,
                rng: random.Random | None = None, drop_last: bool = False) -> Iterator[tuple[list, list]]:
    """Yield (X_batch, y_batch) pairs covering every sample once: ceil(n / batch_size) batches, the last
    smaller unless drop_last. One call is one epoch; call it again for the next (a new order each time
    when shuffle is on and rng is shared; seed fixes the order of this pass).

        for epoch in range(10):
            for xb, yb in nn.minibatches(X, y, 8, rng=rng):
                optimizer.zero_grad(); loss = nn.mse_loss([model(x) for x in xb], yb); loss.backward(); optimizer.step()
    """
    if isinstance(X, (str, bytes)) or not isinstance(X, Sequence) or isinstance(y, (str, bytes)) \
            or not isinstance(y, Sequence):
        raise TypeError("minibatches(X, y, batch_size) needs X and y as lists (samples and their targets)")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)} targets")
    integer("batch_size", batch_size, low=1)
    order = list(range(len(X)))
    if shuffle:
        make_rng(seed, rng).shuffle(order)
    stop = len(order) - len(order) % batch_size if drop_last else len(order)
    for start in range(0, stop, batch_size):
        batch: list[Any] = order[start:start + batch_size]
        yield [X[i] for i in batch], [y[i] for i in batch]
