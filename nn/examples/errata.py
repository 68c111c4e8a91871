"""Slips in the decks, each shown next to what chalkgrad computes (kindly: every deck has some).

- deck 001 (Seattle U): the update "w := w + alpha dJ/dw" climbs the cost (see house_price.one_step);
- deck 001's table: ELU written alpha (e^{-x} - 1) for x < 0; it is alpha (e^{x} - 1);
- deck 002 (Unicamp): leaky ReLU "gives x if x is positive and 0 otherwise, range [0, inf)" (copied from
  the ReLU slide); its own formula says 0.01 x for x <= 0, so the range is (-inf, inf);
- deck 003 (UVA): "dE/dw1 = dE/dh1 = df4/dz1 df3/dh1 df2/dw1 df1/dw1"; the chain is
  dE/dw1 = df4/dy_hat * df3/dh1 * df2/dz1 * df1/dw1 (see block_view);
- deck 004 (Lecture 11): a convolution of an n x n image is "(n - 1) x (n - 1)"; with a k x k kernel
  (no padding, stride 1) it is (n - k + 1) x (n - k + 1), which is n - 1 only for k = 2;
- deck 000 (UT Austin): momentum's mu, "values range from 0 to 1 (larger values mean greater friction)":
  backwards; v = mu v - lr dx keeps the fraction mu of the velocity, so a larger mu is less friction;
- deck 000's output-layer slide: dE/dw_jk = -(t_k - o_k) sigma'(...) drops the factor 2 of (t_k - o_k)^2
  and the input o_j that the slide before it has;
- deck 000's softmax: the denominator is printed sum_j e^{z_k} (a sum over j of a term without j); it is
  sum_j e^{z_j};
- deck 003 (UVA): leaky ReLU max(0.1 x, x), where deck 002 (Unicamp) uses 0.01 x: a convention, not a slip,
  but the two decks disagree;
- deck 003: dy_i/dz_i = y_i (1 - y_i) is only the diagonal of the softmax Jacobian; off the diagonal
  dy_i/dz_j = -y_i y_j.
"""

from __future__ import annotations

import math

from autograd import Value
from autograd.formatting import Table
from nn.functional import softmax
from nn.module import Parameter
from nn.optim import SGD

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


def coasting_velocity(mu: float, steps: int = 10) -> float:
    """The velocity left after `steps` steps with zero gradient, from v = 1, as nn.SGD(momentum=mu) runs it."""
    x = Parameter(0.0)
    optimizer = SGD([x], lr=1.0, momentum=mu)
    x.grad = -1.0  # one push: the velocity becomes 1 (PyTorch's convention: the first step's velocity is the gradient)
    optimizer.step()
    for _ in range(steps):  # then coasting: no gradient, the velocity alone moves x
        before = x.data
        x.grad = 0.0
        optimizer.step()
    return x.data - before  # the last step's move is its velocity (lr = 1)


def output_weight_gradient(o_j: float, w_jk: float, t_k: float) -> tuple[float, float]:
    """dE/dw_jk for E = (t_k - o_k)^2, o_k = sigmoid(w_jk o_j): as the output-layer slide prints it, and the
    engine's."""
    w = Value(w_jk)
    o_k = (w * o_j).sigmoid()
    ((t_k - o_k) ** 2).backward()
    s = o_k.data
    return -(t_k - s) * s * (1 - s), w.grad


SOFTMAX_SCORES = {"Dog": -3.44, "Cat": 1.16, "Boat": -0.81, "Airplane": 3.91}  # deck 000's table


def softmax_as_printed(scores: dict[str, float], name: str, k: str = "Airplane") -> float:
    """e^{z_i} / sum_j e^{z_k}, reading the printed z_k as one class's score (the last one's)."""
    return math.exp(scores[name]) / (len(scores) * math.exp(scores[k]))


def softmax_jacobian(scores: dict[str, float], i: str, j: str) -> float:
    """dy_i/dz_j by the engine: y = softmax(z), backward from y_i."""
    z = {name: Value(s) for name, s in scores.items()}
    y = dict(zip(z, softmax(list(z.values()))))
    y[i].backward()
    return z[j].grad


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
        rows.append(["004", f"conv of {n}×{n} by {k}×{k}", f"(n−1)×(n−1), here {n - 1}×{n - 1}",
                     f"{len(out)}×{len(out[0])}", f"(n−k+1) = {n - k + 1}", mark(len(out) == n - k + 1)])
    for mu in (0.9, 0.1):
        left = coasting_velocity(mu)
        right = math.isclose(left, mu ** 10, rel_tol=1e-4)  # x - before loses digits: not to the last bit
        rows.append(["000", f"momentum μ = {mu}: velocity left after 10 steps", "larger μ, more friction",
                     f"{left:.3g}", f"μ¹⁰ = {mu ** 10:.3g} (larger μ, less friction)", mark(right)])
    printed, ours = output_weight_gradient(o_j=0.8, w_jk=0.3, t_k=1.0)
    s = 1 / (1 + math.exp(-0.24))
    rows.append(["000", "output layer ∂E/∂w_jk (o_j = 0.8, w = 0.3, t = 1)", f"{printed:.4f}", f"{ours:.4f}",
                 f"−2(t−o)σ′·o_j = {-2 * (1 - s) * s * (1 - s) * 0.8:.4f}",
                 mark(math.isclose(ours, -2 * (1 - s) * s * (1 - s) * 0.8))])
    p_cat = softmax([Value(v) for v in SOFTMAX_SCORES.values()])[1].data
    rows.append(["000", "softmax: P(Cat), denominator Σ_j e^{z_k}", f"{softmax_as_printed(SOFTMAX_SCORES, 'Cat'):.4f}",
                 f"{p_cat:.4f}", "e^{z_i} / Σ_j e^{z_j} (the deck's table: 0.0596)", mark(round(p_cat, 4) == 0.0596)])
    ours_cat = softmax_jacobian(SOFTMAX_SCORES, "Cat", "Cat")
    for slope, deck in ((0.1, "003"), (0.01, "002")):
        leaky = Value(-2.0).leaky_relu(slope).data
        rows.append([deck, f"leaky ReLU(−2), slope {slope}", f"{slope * -2:g}", f"{leaky:g}",
                     "a convention: the decks differ", mark(leaky == slope * -2)])
    off = softmax_jacobian(SOFTMAX_SCORES, "Cat", "Airplane")
    y = {k: math.exp(v) / sum(math.exp(u) for u in SOFTMAX_SCORES.values()) for k, v in SOFTMAX_SCORES.items()}
    diagonal = y["Cat"] * (1 - y["Cat"])
    rows.append(["003", "softmax Jacobian ∂y_Cat/∂z_Cat", "y(1 − y)", f"{ours_cat:.4f}",
                 f"y_i(1 − y_i) = {diagonal:.4f}", mark(math.isclose(ours_cat, diagonal))])
    rows.append(["003", "softmax Jacobian ∂y_Cat/∂z_Airplane", "(not given)", f"{off:.4f}",
                 f"−y_i y_j = {-y['Cat'] * y['Airplane']:.4f}", mark(math.isclose(off, -y["Cat"] * y["Airplane"]))])
    return Table(["deck", "", "as printed", "chalkgrad", "correct formula", "ok"], rows, title="Deck errata")


def main() -> None:
    print(table())


if __name__ == "__main__":
    main()
