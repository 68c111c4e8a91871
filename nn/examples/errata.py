"""Slips in the decks, each shown next to what chalkgrad computes (kindly: every deck has some).

- deck 001 (Seattle U): the update "w := w + alpha dJ/dw" climbs the cost (see house_price.one_step);
- deck 001's table: ELU written alpha (e^{-x} - 1) for x < 0; it is alpha (e^{x} - 1);
- deck 002 (Unicamp): leaky ReLU "gives x if x is positive and 0 otherwise, range [0, inf)" (copied from
  the ReLU slide); its own formula says 0.01 x for x <= 0, so the range is (-inf, inf);
- deck 003 (UVA): "dE/dw1 = dE/dh1 = df4/dz1 df3/dh1 df2/dw1 df1/dw1"; the chain is
  dE/dw1 = df4/dy_hat * df3/dh1 * df2/dz1 * df1/dw1 (see block_view);
- deck 004 (Lecture 11): a convolution of an n x n image is "(n - 1) x (n - 1)"; with a k x k kernel
  (no padding, stride 1) it is (n - k + 1) x (n - k + 1), which is n - 1 only for k = 2.
"""

from __future__ import annotations

import math

from autograd import Value
from autograd.formatting import Table

from .printed import mark


def elu_as_printed(x: float, alpha: float = 1.0) -> float:
    return alpha * (math.exp(-x) - 1) if x < 0 else x


def leaky_relu_as_printed(x: float) -> float:
    """The slide's words: x if positive, 0 otherwise."""
    return x if x > 0 else 0.0


def conv2d(image: list[list[Value | float]], kernel: list[list[Value | float]]) -> list[list[Value]]:
    """'valid' 2-D convolution (cross-correlation, as deep-learning libraries compute it), stride 1,
    no padding: out[r][c] = sum_ij kernel[i][j] image[r + i][c + j]; one Value per output pixel."""
    n, k = len(image), len(kernel)
    flat_kernel = [w if isinstance(w, Value) else Value(w) for row in kernel for w in row]
    out = []
    for r in range(n - k + 1):
        out.append([Value.dot(flat_kernel, [image[r + i][c + j] for i in range(k) for j in range(k)])
                    for c in range(len(image[0]) - k + 1)])
    return out


def table() -> Table:
    rows = []
    for x in (-1.0, -2.0):
        ours = Value(x).elu(1.0).data
        rows.append(["001", f"ELU({x:g}), α = 1", f"{elu_as_printed(x):.4f}", f"{ours:.4f}",
                     f"α(e^x − 1) = {math.exp(x) - 1:.4f}", mark(abs(ours - (math.exp(x) - 1)) < 1e-15)])
    for x in (-2.0, -0.5):
        ours = Value(x).leaky_relu(0.01).data
        rows.append(["002", f"leaky ReLU({x:g})", f"{leaky_relu_as_printed(x):g}", f"{ours:g}", f"0.01x = {0.01 * x:g}",
                     mark(ours == 0.01 * x)])
    for n, k in ((5, 2), (5, 3), (6, 4)):
        image = [[float(r * n + c) for c in range(n)] for r in range(n)]
        out = conv2d(image, [[1.0] * k for _ in range(k)])
        rows.append(["004", f"conv of {n}×{n} by {k}×{k}", f"{n - 1}×{n - 1}", f"{len(out)}×{len(out[0])}",
                     f"(n−k+1) = {n - k + 1}", mark(len(out) == n - k + 1)])
    return Table(["deck", "", "as printed", "chalkgrad", "correct formula", "ok"], rows, title="Deck errata")


def main() -> None:
    print(table())


if __name__ == "__main__":
    main()
