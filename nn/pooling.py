"""What follows a convolution: max and average pooling (PyTorch's arguments), and Flatten, which
hands the feature maps to an ordinary Layer (Unflatten goes the other way). Pooling has no
parameters; each channel is pooled on its own, with the same output-size rule as a convolution.
"""

from __future__ import annotations

from typing import Any

from autograd import Value, ops
from autograd.checks import integer

from .module import Module
from .windows import is_sequence, nest, output_labels, read_sample, sizes, windows


class _PoolNd(Module):
    """The shared body of the pooling layers: slide a window over each channel and reduce it."""

    dims = 0

    def __init__(self, kernel_size: int | tuple[int, ...], stride: int | tuple[int, ...] | None = None,
                 padding: int | tuple[int, ...] = 0, *, name: str = "pool") -> None:
        self.kernel_size = sizes(kernel_size, self.dims, "kernel_size", 1)
        # PyTorch's default: windows side by side, stride = kernel_size.
        self.stride = self.kernel_size if stride is None else sizes(stride, self.dims, "stride", 1)
        self.padding = sizes(padding, self.dims, "padding", 0)
        if any(2 * p > k for p, k in zip(self.padding, self.kernel_size)):
            raise ValueError(f"padding {self.padding} must be at most half of kernel_size {self.kernel_size} "
                             "(as PyTorch), so every window holds at least one real input")
        if not isinstance(name, str) or not name:
            raise TypeError(f"name must be a non-empty str such as 'pool1', got {name!r}")
        self.name = name

    def forward(self, x: Any) -> list:
        who = f"{type(self).__name__}({self.extra_repr()})"
        xs, shape = read_sample(x, self.dims, who)
        channels, spatial = shape[0], shape[1:]
        try:
            out, plan = windows(spatial, self.kernel_size, self.stride, tuple((p, p) for p in self.padding))
        except ValueError as error:
            raise ValueError(f"{who}: {error}") from None
        labels = output_labels(self.name, channels, out)
        n = len(xs) // channels
        maps = []
        for c in range(channels):
            ys = [self._reduce([xs[c * n + i] for _, i in pairs]) for pairs in plan]
            for y, label in zip(ys, labels[c]):
                y.label = label
            maps.append(nest(ys, (1, *out))[0])
        return maps

    def _reduce(self, window: list[Value]) -> Value:
        raise NotImplementedError

    def extra_repr(self) -> str:
        def show(t: tuple[int, ...]) -> str:
            return str(t[0]) if self.dims == 1 else str(t)

        parts = [f"kernel_size={show(self.kernel_size)}"]
        if self.stride != self.kernel_size:
            parts.append(f"stride={show(self.stride)}")
        if any(self.padding):
            parts.append(f"padding={show(self.padding)}")
        return ", ".join(parts)


class _MaxPool(_PoolNd):
    def _reduce(self, window: list[Value]) -> Value:
        # One n-ary max node per window: the gradient flows to the largest input (ties share it).
        # Padding is left out of the window, which is PyTorch's -inf padding. read_sample has made
        # every input a Value, so the node is built directly (as window[0].max(*window[1:]) would).
        return Value.from_op(ops.Max, tuple(window))


class MaxPool1d(_MaxPool):
    """y[c][i] = max of x[c] over the window at i * stride - padding (size kernel_size, stride
    kernel_size by default); d y / d x = 1 for the largest input of the window, 0 for the others.
    Ties share the gradient evenly (the engine's max; PyTorch's max_pool gives it all to the first)."""

    dims = 1


class MaxPool2d(_MaxPool):
    """y[c][i][j] = max over the kernel_size window at (i * s_h - p_h, j * s_w - p_w); one max node
    per window, so the gradient reaches only the winning pixel. Ties share it evenly (the engine's
    max; PyTorch's max_pool2d gives it all to the first), which after a ReLU changes no weight's gradient."""

    dims = 2


class AvgPool2d(_PoolNd):
    """y[c][i][j] = (sum of the window) / (k_h k_w);  d y / d x = 1 / (k_h k_w) for each input in the
    window. As PyTorch (count_include_pad=True), padded zeros count in the divisor."""

    dims = 2

    def _reduce(self, window: list[Value]) -> Value:
        return Value.sum(window) / (self.kernel_size[0] * self.kernel_size[1])


class Flatten(Module):
    """A whole sample (nested lists of any depth: [channel][row][col]) as one flat list, in C order
    (channel by channel, row by row), ready for a Layer. Like PyTorch's nn.Flatten on one sample."""

    def forward(self, x: Any) -> list:
        flat: list = []
        stack = [x]
        while stack:  # iterative, so depth is no limit; reversed keeps C order
            item = stack.pop()
            if is_sequence(item):
                stack.extend(reversed(list(item)))
            elif isinstance(item, (str, bytes)):
                raise TypeError(f"Flatten expects nested lists of numbers or Values, found {item!r}")
            else:
                flat.append(item)
        return flat


class Unflatten(Module):
    """A flat sample (size numbers in one list, as fit(), predict() and an MLP take it) as nested lists
    of `unflattened_size`, in C order: Unflatten(1, (1, 8, 8)) makes a one-channel 8 x 8 image for
    Conv2d. The arguments are PyTorch's nn.Unflatten(dim, unflattened_size) for a batch of flat
    samples, where dim 1 (or -1) is the whole sample; so a CNN that starts with it trains with fit().
    """

    def __init__(self, dim: int, unflattened_size: tuple[int, ...]) -> None:
        if integer("dim", dim) not in (1, -1):
            raise ValueError(f"Unflatten works on one flat sample: dim must be 1 (or -1), got {dim!r}")
        if not isinstance(unflattened_size, (tuple, list)) or not unflattened_size:
            raise TypeError(f"unflattened_size must be a tuple of sizes such as (1, 8, 8), got {unflattened_size!r}")
        self.dim = dim
        self.unflattened_size = sizes(tuple(unflattened_size), len(unflattened_size), "unflattened_size", 1)

    @property
    def nin(self) -> int:
        """The number of features a sample must have (fit() checks its data against it)."""
        total = 1
        for n in self.unflattened_size:
            total *= n
        return total

    def forward(self, x: Any) -> list:
        if not is_sequence(x) or any(is_sequence(v) for v in x):
            raise TypeError(f"Unflatten takes one flat sample (a list of {self.nin} numbers), got {type(x).__name__}")
        if len(x) != self.nin:
            raise ValueError(f"Unflatten{self.unflattened_size} needs {self.nin} numbers per sample, got {len(x)}")
        return nest(list(x), self.unflattened_size)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
