"""Convolution in scalars: Conv1d and Conv2d with PyTorch's arguments, and the output-size rule.

A kernel is a small set of weights slid over the input; every output position reuses the same
weights (weight sharing). Each output value is ONE fused node, y = b + sum w * x over its window,
so a shared weight's gradient is the sum of its contributions from every position: the engine's
ordinary rule for a node used more than once. Weights are labelled by their index, e.g.
conv1.w[0,0,1,2] (out channel, in channel, row, column), so pictures and explain() read well.

A sample is nested lists [channel][position] (1-D) or [channel][row][col] (2-D) of numbers or Values.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from functools import lru_cache
from itertools import product
from operator import itemgetter
from typing import Any

from autograd import Value
from autograd.value import all_values

from .activations import ACTIVATION_OPS, ActivationFn, resolve
from .init import initialize_, make_rng
from .layers import Init
from .module import Module, Parameter
from .windows import index_text, nest, output_labels, output_size, padding_pairs, read_sample, sizes, windows

__all__ = ["Conv1d", "Conv2d", "output_size"]

MAX_WEIGHTS = 1_000_000  # ~200 MB of Values; a kernel of 10**6 x 10**6 would never finish allocating


def _getter(indices: list[int]) -> Any:
    """itemgetter that always returns a tuple (itemgetter(i) alone returns the bare item)."""
    if len(indices) == 1:
        i = indices[0]
        return lambda seq: (seq[i],)
    return itemgetter(*indices) if indices else (lambda seq: ())


@lru_cache(maxsize=256)
def _gathers(spatial: tuple[int, ...], channels: int, kernel: tuple[int, ...], stride: tuple[int, ...],
             pads: tuple[tuple[int, int], ...]) -> tuple[tuple[int, ...], list[tuple[Any, Any]]]:
    """Per output position: (pick its weights from a flat [in][k...] list, pick its inputs from a flat
    [in][n...] sample), across every input channel. The weight picker is None for a window that
    covers the whole kernel (no padding in it): then the kernel is used as it is."""
    out, plan = windows(spatial, kernel, stride, pads)
    k_size, n_size = math.prod(kernel), math.prod(spatial)
    getters = []
    for pairs in plan:
        ws = [c * k_size + k for c in range(channels) for k, _ in pairs]
        xs = [c * n_size + i for c in range(channels) for _, i in pairs]
        getters.append((None if ws == list(range(channels * k_size)) else _getter(ws), _getter(xs)))
    return out, getters


class _ConvNd(Module):
    """The shared body of Conv1d and Conv2d; `dims` is the number of spatial dimensions."""

    dims = 0
    _show_children = False

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | tuple[int, ...],
                 stride: int | tuple[int, ...] = 1, padding: int | tuple[int, ...] | str = 0, bias: bool = True, *,
                 activation: str | ActivationFn | None = None, init: Init = None, seed: int | None = None,
                 rng: random.Random | None = None, name: str = "conv") -> None:
        self.in_channels = sizes(in_channels, 1, "in_channels", 1)[0]
        self.out_channels = sizes(out_channels, 1, "out_channels", 1)[0]
        self.kernel_size = sizes(kernel_size, self.dims, "kernel_size", 1)
        self.stride = sizes(stride, self.dims, "stride", 1)
        self.padding, self._pads = padding_pairs(padding, self.kernel_size, self.stride, type(self).__name__)
        if not isinstance(bias, bool):
            raise TypeError(f"bias must be True or False, got {bias!r}")
        if not isinstance(name, str) or not name:
            raise TypeError(f"name must be a non-empty str such as 'conv1', got {name!r}")
        act, self._fn = resolve(activation, nonlin=False)
        if self._fn is None:
            raise ValueError(f"{act!r} is not an elementwise activation; a convolution takes one such as 'relu'")
        self.activation, self.name = act, name
        count = self.out_channels * self.in_channels * math.prod(self.kernel_size)
        if count > MAX_WEIGHTS:  # checked before allocating: each weight is a Value of ~200 bytes
            raise ValueError(f"{type(self).__name__}({in_channels}, {out_channels}, kernel_size={kernel_size}) would "
                             f"have {count:,} weights (a scalar engine holds each as one Value; the limit is "
                             f"{MAX_WEIGHTS:,}); use a smaller kernel or fewer channels")
        kernel_at = list(product(*(range(k) for k in self.kernel_size)))
        self.weight = [[nest([Parameter(0.0, f"{name}.w{index_text(o, c, *at)}") for at in kernel_at],
                             (1, *self.kernel_size))[0]
                        for c in range(self.in_channels)] for o in range(self.out_channels)]
        self.bias = [Parameter(0.0, f"{name}.b[{o}]") for o in range(self.out_channels)] if bias else None
        initialize_(self, init, rng=make_rng(seed, rng))

    def kernel(self, out_channel: int) -> list[Value]:
        """The weights of one output channel as a flat list, in [in][k...] (C) order."""
        flat: list[Value] = []
        for per_channel in self.weight[out_channel]:
            flat.extend(_flatten(per_channel))
        return flat

    def forward(self, x: Any) -> list:
        who = f"{type(self).__name__}({self.extra_repr()})"
        if type(x).__module__.split(".")[0] == "numpy" and callable(getattr(x, "tolist", None)):
            x = x.tolist()  # an array as nested lists (a 0-d array as its number, refused just below)
        if _depth(x) == self.dims + 2:
            layout = "[channel][position]" if self.dims == 1 else "[channel][row][col]"
            raise ValueError(f"{who} takes one sample at a time, {layout}, but got a batch of {len(x)} "
                             "samples; call it per sample: [conv(x) for x in X]")
        xs, shape = read_sample(x, self.dims, who, self.in_channels)
        try:
            out, getters = _gathers(shape[1:], self.in_channels, self.kernel_size, self.stride, self._pads)
        except ValueError as error:
            raise ValueError(f"{who}: {error}") from None
        labels = output_labels(self.name, self.out_channels, out)
        fn = None if self.activation == "identity" else self._fn
        # An activation that is one op (relu, tanh, ...) is built together with each window's dot node.
        op, params = ACTIVATION_OPS.get(fn, (None, ()))
        xs = tuple(xs)
        xdata = tuple([x.data for x in xs])  # read once for every window and every output channel
        maps = []
        for o in range(self.out_channels):
            w, b = tuple(self.kernel(o)), self.bias[o] if self.bias is not None else None
            if all_values(w) and (b is None or type(b) is Value):
                # Each window's numbers are picked from the kernel's and the sample's, read once above:
                # the same nodes as Value.dot(pick_w(w), pick_x(xs), b), without re-reading or re-checking.
                wdata = tuple([p.data for p in w])
                ys = [Value._dot_node(w if pick_w is None else pick_w(w), pick_x(xs), b,
                                      wdata if pick_w is None else pick_w(wdata), pick_x(xdata), label, op, params)
                      for (pick_w, pick_x), label in zip(getters, labels[o])]
                activated = op is not None
            else:  # a weight replaced by a number: the plain version turns it into a constant
                ys = [Value.dot(w if pick_w is None else pick_w(w), pick_x(xs), b) for pick_w, pick_x in getters]
                for y, label in zip(ys, labels[o]):
                    y.label = label
                activated = False
            if fn and not activated:
                ys = [fn(y) for y in ys]
            maps.append(nest(ys, (1, *out))[0])
        return maps

    def weight_groups(self) -> Iterator[tuple[list[Value], Value | None, int, int]]:
        # PyTorch's fans for a convolution: fan_in = in_channels * kernel area, fan_out = out_channels * area.
        area = math.prod(self.kernel_size)
        for o in range(self.out_channels):
            yield (self.kernel(o), self.bias[o] if self.bias is not None else None,
                   self.in_channels * area, self.out_channels * area)

    def _collect_clusters(self, path: tuple[str, ...], out: dict[Value, tuple[str, ...]]) -> None:
        box = path or (self.cluster_name(1),)
        for o in range(self.out_channels):  # one box per kernel: its weights and bias
            for p in self.kernel(o) + ([self.bias[o]] if self.bias is not None else []):
                out.setdefault(p, box + (f"{self.name} out channel {o}",))

    def extra_repr(self) -> str:
        def show(t: tuple[int, ...]) -> str:
            return str(t[0]) if self.dims == 1 else str(t)

        parts = [f"{self.in_channels}, {self.out_channels}, kernel_size={show(self.kernel_size)}"]
        if any(s != 1 for s in self.stride):
            parts.append(f"stride={show(self.stride)}")
        if isinstance(self.padding, str):  # 'same' or 'valid', kept as given (as PyTorch does)
            parts.append(f"padding={self.padding!r}")
        elif any(self.padding):
            parts.append(f"padding={show(self.padding)}")
        if self.bias is None:
            parts.append("bias=False")
        if self.activation != "identity":
            parts.append(self.activation)
        return ", ".join(parts)


def _depth(x: Any) -> int:
    """How many levels of lists x has, following first items (a [channel][position] sample: 2)."""
    depth = 0
    while isinstance(x, (list, tuple)) and x:
        x, depth = x[0], depth + 1
    return depth


def _flatten(node: Any) -> list:
    if isinstance(node, list):
        return [v for item in node for v in _flatten(item)]
    return [node]


class Conv1d(_ConvNd):
    """1-D convolution (cross-correlation, as PyTorch): a sample [in_channels][n] gives
    [out_channels][n_out] with n_out = floor((n + 2 padding - kernel_size) / stride) + 1 and

        y[o][i] = bias[o] + sum_c sum_k weight[o][c][k] * x[c][i * stride - padding + k]

    Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True); padding may also
    be 'valid' (none) or 'same' (keep the size; stride 1). Keywords as Layer: activation (None =
    linear, as PyTorch), init / seed / rng; and name, the label prefix ('conv'; give each layer its
    own, e.g. 'conv1', 'conv2').
    """

    dims = 1


class Conv2d(_ConvNd):
    """2-D convolution (cross-correlation, as PyTorch): a sample [in_channels][h][w] gives
    [out_channels][h_out][w_out], each size by floor((n + 2p - k) / s) + 1, and

        y[o][i][j] = bias[o] + sum_c sum_{a,b} weight[o][c][a][b] * x[c][i*s_h - p_h + a][j*s_w - p_w + b]

    kernel_size, stride and padding are an int or a pair (rows, cols); padding may also be 'valid' or
    'same'; other arguments as Conv1d.
    """

    dims = 2
