"""The demo's MLP and training step written by hand in plain Python floats: the practical speed limit
that any scalar engine written in Python can approach but not beat."""

from __future__ import annotations


class FloatMLP:
    """A ReLU MLP (ReLU on every layer but the last) held as floats: weights[l][j][i], biases[l][j].

    The parameters are ordered as micrograd's `MLP.parameters()` orders them (layer by layer, neuron
    by neuron, weights then bias), so gradients can be compared entry by entry.
    """

    def __init__(self, weights: list[list[list[float]]], biases: list[list[float]]):
        if len(weights) != len(biases) or not weights:
            raise ValueError("FloatMLP needs one weight matrix and one bias vector per layer")
        self.weights = weights
        self.biases = biases

    @classmethod
    def from_values(cls, sizes: list[int], values: list[float]) -> FloatMLP:
        """Build from layer sizes [nin, h1, ..., nout] and a flat list in micrograd's parameter order."""
        weights, biases, it = [], [], iter(values)
        for nin, nout in zip(sizes, sizes[1:]):
            rows, bias = [], []
            for _ in range(nout):
                rows.append([float(next(it)) for _ in range(nin)])
                bias.append(float(next(it)))
            weights.append(rows)
            biases.append(bias)
        if next(it, None) is not None:
            raise ValueError("more parameter values than the layer sizes hold")
        return cls(weights, biases)

    def parameters(self) -> list[float]:
        """Current values, flat, in micrograd's parameter order."""
        return [v for W, B in zip(self.weights, self.biases) for row, b in zip(W, B) for v in (*row, b)]

    def activations(self, x: list[float]) -> list[list[float]]:
        """Every layer's output for input x, x first: act_j = relu(b_j + sum_i w_ji * a_i)."""
        layers = [x]
        last = len(self.weights) - 1
        for depth, (W, B) in enumerate(zip(self.weights, self.biases)):
            a, out = layers[-1], []
            for row, b in zip(W, B):
                act = b  # micrograd starts the sum at the bias: sum(w*x, b)
                for w, ai in zip(row, a):
                    act += w * ai
                out.append(act if depth == last or act > 0.0 else 0.0)
            layers.append(out)
        return layers

    def __call__(self, x: list[float]) -> float:
        """The network's single output (score) for input x."""
        return self.activations(x)[-1][0]

    def step(
        self, X: list[list[float]], y: list[float], learning_rate: float, alpha: float = 1e-4
    ) -> tuple[float, list[float]]:
        """One step of the demo: loss = mean_i relu(1 - y_i*score_i) + alpha * sum_p p^2, then SGD.

        Returns the loss and the gradient (flat, micrograd's order) taken before the update.
        """
        n = len(X)
        inv_n = 1.0 / n
        gW = [[[0.0] * len(row) for row in W] for W in self.weights]
        gB = [[0.0] * len(B) for B in self.biases]
        last = len(self.weights) - 1
        data_loss = 0.0
        for x, yi in zip(X, y):
            layers = self.activations(x)
            margin = 1.0 + -yi * layers[-1][0]
            if margin <= 0.0:
                continue  # relu'(margin) = 0: this point adds nothing to loss or gradient
            data_loss += margin
            delta = [-yi * inv_n]  # d loss / d score
            for depth in range(last, -1, -1):
                a, out, W = layers[depth], layers[depth + 1], self.weights[depth]
                if depth != last:  # relu passes the gradient only where its output is positive
                    delta = [d if o > 0.0 else 0.0 for d, o in zip(delta, out)]
                back = [0.0] * len(a)
                for j, d in enumerate(delta):
                    if d == 0.0:
                        continue
                    gB[depth][j] += d
                    row, grow = W[j], gW[depth][j]
                    for i, ai in enumerate(a):
                        grow[i] += ai * d
                        back[i] += row[i] * d
                delta = back
        reg = 0.0
        for W, B, GW, GB in zip(self.weights, self.biases, gW, gB):
            for j, row in enumerate(W):
                for i, w in enumerate(row):
                    reg += w * w
                    GW[j][i] += 2.0 * alpha * w  # d(alpha * w^2)/dw
                reg += B[j] * B[j]
                GB[j] += 2.0 * alpha * B[j]
        grads = [g for GW, GB in zip(gW, gB) for row, b in zip(GW, GB) for g in (*row, b)]
        for W, B, GW, GB in zip(self.weights, self.biases, gW, gB):
            for j, row in enumerate(W):
                for i in range(len(row)):
                    row[i] -= learning_rate * GW[j][i]
                B[j] -= learning_rate * GB[j]
        return data_loss * inv_n + alpha * reg, grads
