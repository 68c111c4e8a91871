"""Backprop by hand through two layers a scalar engine builds from many nodes: softmax with cross-entropy
(each score's gradient), and a 1-D convolution (its kernel weights, each shared by every position)."""

from __future__ import annotations

from autograd import Value
from nn import Conv1d, cross_entropy, sse_loss
from nn.examples.softmax_table import SCORES

from .base import rounded
from .graphs import GraphExercise


class SoftmaxCrossEntropy(GraphExercise):
    name = "softmax_cross_entropy"
    title = "The gradient of softmax followed by cross-entropy"
    hints = ("Compute the probabilities first: ŷ_k = e^{z_k} / Σ_j e^{z_j}.",
             "The loss is −log ŷ_c for the true class c. Its gradient with respect to each score z_k is "
             "one short expression in ŷ_k and the one-hot target y_k.",
             "It is ŷ_k − y_k: the probability, minus 1 for the true class only.")

    def _build(self) -> None:
        if self.seed == 0:  # the UT Austin deck's softmax table; the image is a cat
            self.scores, self.target = dict(SCORES), 1
        else:
            names = ("Dog", "Cat", "Boat", "Airplane")
            self.scores = {n: rounded(self.rng, -4, 4, 2) for n in names}
            self.target = self.rng.randrange(len(names))

    def describe(self) -> str:
        names = list(self.scores)
        return (f"Scores (logits) z for the classes {', '.join(names)}; the true class is "
                f"{names[self.target]} (index {self.target}); L = cross_entropy(z, {self.target}) = −log softmax(z)_c")

    def asked(self) -> list[str]:
        return [f"z_{n}" for n in self.scores]

    def graph(self) -> Value:
        z = [Value(s, f"z_{n}") for n, s in self.scores.items()]
        loss = cross_entropy(z, self.target)
        loss.label = "L"
        return loss


class ConvSharedWeight(GraphExercise):
    name = "conv_shared_weight"
    title = "A convolution's kernel weight gradient: one weight, used at every position"
    hints = ("Write out every output: y_i = k0·x_i + k1·x_(i+1) + k2·x_(i+2).",
             "dL/dy_i = 2 (y_i − t_i) for the summed squared error.",
             "k_j appears in every output y_i: its gradient adds up dL/dy_i · x_(i+j) over all positions i.")

    def _build(self) -> None:
        r = self.rng
        self.x = [float(r.randint(-3, 3)) for _ in range(6)]
        self.kernel = [rounded(r, -1, 1) for _ in range(3)]
        self.targets = [float(r.randint(-2, 2)) for _ in range(4)]

    def describe(self) -> str:
        return (f"A 1-D convolution (no bias, stride 1) of x = {self.x} with a kernel (k0, k1, k2); "
                f"L = Σ_i (y_i − t_i)² with targets t = {self.targets}")

    def asked(self) -> list[str]:
        return ["k0", "k1", "k2"]

    def graph(self) -> Value:
        conv = Conv1d(1, 1, 3, bias=False)
        for k, (w, v) in enumerate(zip(conv.kernel(0), self.kernel)):
            w.data, w.label = v, f"k{k}"
        ys = conv([self.x])[0]
        loss = sse_loss(ys, self.targets)
        loss.label = "L"
        return loss
