"""Deck 002 (Unicamp): backpropagation with accumulators, in the deck's notation, checked against backward().

    Set Delta_ij^(l) = 0.  For i = 1..m: forward to a^(l); delta^(L) = a^(L) - y^(i);
    delta^(l) = (Theta^(l))^T delta^(l+1) .* a^(l) (1 - a^(l));  Delta_ij^(l) += a_j^(l) delta_i^(l+1).
    D_ij^(l) = Delta_ij^(l) / m  =  dJ/dTheta_ij^(l)

for the deck's cross-entropy J(Theta) = -(1/m) sum_i sum_k [y_k log h_k + (1 - y_k) log(1 - h_k)] of
sigmoid outputs. The deck's J divides by m (samples): nn.binary_cross_entropy(..., reduction='batchmean').
reduction='mean' (PyTorch's default) divides by m*K (every output), giving D / K.
Column j = 0 of Theta^(l) holds the biases (a_0^(l) = 1), as in the deck.
"""

from __future__ import annotations

import math

from autograd.formatting import Table
from nn import MLP, binary_cross_entropy

from .printed import mark

# Ours (the deck has no numbers): m = 4 samples, 2 inputs, 3 hidden units, K = 2 sigmoid outputs.
X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [[0, 1], [1, 0], [1, 0], [0, 1]]  # (XOR, XNOR) one-hot


def network(seed: int = 2) -> MLP:
    return MLP(2, [3, 2], activation="sigmoid", output_activation="sigmoid", seed=seed)


def thetas(model: MLP) -> list[list[list[float]]]:
    """Theta^(1), Theta^(2): one row per unit of the next layer, [bias, w_1, ..., w_n]."""
    return [[[n.b.data] + [w.data for w in n.w] for n in layer.neurons] for layer in model.layers]


def _sigmoid_layer(theta: list[list[float]], a: list[float]) -> list[float]:
    return [1 / (1 + math.exp(-(row[0] + sum(t * x for t, x in zip(row[1:], a))))) for row in theta]


def accumulate(model: MLP, X: list = X, Y: list = Y) -> list[list[list[float]]]:
    """The deck's algorithm with plain floats: returns D^(l) = Delta^(l) / m, shaped as Theta^(l)."""
    theta = thetas(model)
    Delta = [[[0.0] * len(row) for row in t] for t in theta]           # Set Delta_ij^(l) = 0
    for x, y in zip(X, Y):                                              # For i = 1 to m
        a = [list(x)]                                                   # a^(1) = x^(i)
        for t in theta:                                                 # forward propagation
            a.append(_sigmoid_layer(t, a[-1]))
        delta = [ak - yk for ak, yk in zip(a[-1], y)]                   # delta^(L) = a^(L) - y^(i)
        deltas = [delta]
        for l in range(len(theta) - 1, 0, -1):                          # delta^(L-1) ... delta^(2)
            back = [sum(theta[l][i][j + 1] * delta[i] for i in range(len(delta))) for j in range(len(a[l]))]
            delta = [b * al * (1 - al) for b, al in zip(back, a[l])]    # .* g'(z^(l)) = a (1 - a)
            deltas.insert(0, delta)
        for l in range(len(theta)):                                     # Delta_ij += a_j delta_i
            a_with_bias = [1.0] + a[l]
            for i, d in enumerate(deltas[l]):
                for j, aj in enumerate(a_with_bias):
                    Delta[l][i][j] += aj * d
    m = len(X)
    return [[[v / m for v in row] for row in layer] for layer in Delta]  # D = Delta / m


def autograd_gradients(model: MLP, reduction: str = "batchmean", X: list = X, Y: list = Y) -> list:
    """dJ/dTheta from backward(), in the same layout as accumulate()."""
    model.zero_grad()
    binary_cross_entropy([model(x) for x in X], Y, reduction=reduction).backward()
    return [[[n.b.grad] + [w.grad for w in n.w] for n in layer.neurons] for layer in model.layers]


def table(model: MLP | None = None) -> Table:
    model = model or network()
    D, G, M = accumulate(model), autograd_gradients(model), autograd_gradients(model, "mean")
    K = len(Y[0])
    rows = []
    for l, (dl, gl, ml) in enumerate(zip(D, G, M), start=1):
        for i, (dr, gr, mr) in enumerate(zip(dl, gl, ml), start=1):
            for j, (d, g, mv) in enumerate(zip(dr, gr, mr)):
                rows.append([f"Θ({l})_{i}{j}", f"{d:.10f}", f"{g:.10f}", f"{mv:.10f}",
                             mark(abs(d - g) < 1e-12 and abs(d / K - mv) < 1e-12)])
    return Table(["", "D = Δ/m (the deck)", "backward(), 'batchmean'", f"backward(), 'mean' (= D/{K})", "ok"], rows,
                 title=f"Delta rule with accumulators (deck 002), m = {len(X)} samples, K = {K} outputs")


def main() -> None:
    print(table())


if __name__ == "__main__":
    main()
