"""Sliding windows, shared by convolution and pooling: the output-size rule, reading a sample of
nested lists, and which inputs each window position covers (worked out once per shape, then cached).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product
from typing import Any

from autograd import Value
from autograd.checks import integer, is_real


def output_size(n: int, kernel_size: int, stride: int = 1, padding: int = 0) -> int:
    """Positions a kernel of size k takes along an input of size n:  floor((n + 2p - k) / s) + 1.

    With stride 1 and no padding this is n - k + 1: the deck's (n - 1) x (n - 1) image is the case
    of a 2 x 2 kernel; padding p = (k - 1) / 2 keeps the size n (for odd k).
    """
    n, kernel_size = integer("n", n, low=1), integer("kernel_size", kernel_size, low=1)
    stride, padding = integer("stride", stride, low=1), integer("padding", padding, low=0)
    if n + 2 * padding < kernel_size:
        raise ValueError(f"a kernel of size {kernel_size} does not fit an input of size {n} with padding "
                         f"{padding}: use a smaller kernel or more padding")
    return (n + 2 * padding - kernel_size) // stride + 1


def sizes(value: Any, dims: int, name: str, low: int) -> tuple[int, ...]:
    """An int or a tuple of `dims` ints (PyTorch accepts both), checked: each a whole number >= low."""
    one_or_tuple = f"a whole number >= {low} or a tuple of {dims}"
    items = tuple(value) if isinstance(value, (tuple, list)) else (value,) * dims
    if len(items) != dims:
        raise ValueError(f"{name} must be {one_or_tuple}, got {value!r}")
    try:
        return tuple(integer(name, v, low=low) for v in items)
    except (TypeError, ValueError) as error:  # the same type, with the tuple form added to the hint
        raise type(error)(f"{error} ({name} is {one_or_tuple}, got {value!r})") from None


def index_text(*ks: int) -> str:
    """[0,1,2]: the index part of a label such as conv1.w[0,1,2]."""
    return "[" + ",".join(map(str, ks)) + "]"


def read_sample(x: Any, dims: int, who: str, channels: int | None = None) -> tuple[list, tuple[int, ...]]:
    """A [channel][position] or [channel][row][col] sample as (flat list in C order, (C, *spatial)).

    Plain numbers become input Values once, labelled x[c,i,j], so every window shares the same node.
    """
    layout = "[channel][position]" if dims == 1 else "[channel][row][col]"
    shape: list[int] = []
    level = [x]
    for depth in range(dims + 1):  # level by level: the channels, then rows, then the numbers
        width, below = None, []
        for node in level:
            if not is_sequence(node):
                raise TypeError(f"{who} takes one sample as nested lists {layout}, got {type(node).__name__} "
                                f"at depth {depth} (one sample at a time: [model(x) for x in X])")
            width = len(node) if width is None else width
            if len(node) != width or not width:
                raise ValueError(f"{who}: the sample is ragged or empty: lists of {len(node)} and {width} "
                                 f"items at depth {depth} of {layout}")
            below.extend(node)
        shape.append(width)
        level = below
    if channels is not None and shape[0] != channels:
        raise ValueError(f"{who} expects {channels} input channel{'s' if channels != 1 else ''}, got {shape[0]} "
                         f"(a sample is {layout}; wrap a single-channel image as [image])")
    if _ONLY_VALUES.issuperset(map(type, level)):
        return level, tuple(shape)
    labels = input_labels(tuple(shape))
    flat = []
    for k, v in enumerate(level):
        if isinstance(v, Value):
            flat.append(v)
        elif is_real(v):
            flat.append(Value(v, labels[k]))
        else:
            raise TypeError(f"{who}: {labels[k]} must be a number or a Value, got {type(v).__name__} {v!r}")
    return flat, tuple(shape)


_ONLY_VALUES = frozenset([Value])


def is_sequence(node: Any) -> bool:
    """A list, a tuple, or anything sized and iterable such as a NumPy array; not a string."""
    return isinstance(node, (list, tuple)) or (
        not isinstance(node, (str, bytes, Value)) and hasattr(node, "__len__") and hasattr(node, "__iter__"))


@lru_cache(maxsize=64)
def input_labels(shape: tuple[int, ...]) -> tuple[str, ...]:
    """x[c,i,j] for every position of a sample, in C order, made once per shape."""
    return tuple("x" + index_text(*at) for at in product(*(range(n) for n in shape)))


def nest(flat: list, shape: tuple[int, ...]) -> list:
    """A flat C-order list back into nested lists of the given shape."""
    for size in reversed(shape[1:]):
        flat = [flat[k:k + size] for k in range(0, len(flat), size)]
    return flat


@lru_cache(maxsize=256)
def windows(spatial: tuple[int, ...], kernel: tuple[int, ...], stride: tuple[int, ...],
            pads: tuple[tuple[int, int], ...]) -> tuple[tuple[int, ...], tuple[tuple[tuple[int, int], ...], ...]]:
    """(output spatial shape, for each output position in C order the pairs (kernel offset, input
    offset) it covers), both offsets flat in C order. pads: (zeros before, zeros after) per axis.
    Positions in the zero padding are left out: a zero adds nothing to the sum and gets no gradient,
    so the graph stays the size of the real work."""
    for n, k, (before, after) in zip(spatial, kernel, pads):
        if n + before + after < k:
            raise ValueError(f"a kernel of size {k} does not fit an input of size {n} with padding "
                             f"{before if before == after else (before, after)}: use a smaller kernel or more padding")
    out = tuple((n + before + after - k) // s + 1 for n, k, s, (before, after) in zip(spatial, kernel, stride, pads))
    kernel_at = list(product(*(range(k) for k in kernel)))
    plan = []
    for pos in product(*(range(o) for o in out)):
        pairs = []
        for k_flat, offs in enumerate(kernel_at):
            idx = [pos[d] * stride[d] - pads[d][0] + offs[d] for d in range(len(spatial))]
            if all(0 <= i < n for i, n in zip(idx, spatial)):
                flat = 0
                for i, n in zip(idx, spatial):
                    flat = flat * n + i
                pairs.append((k_flat, flat))
        plan.append(tuple(pairs))
    return out, tuple(plan)


def padding_pairs(padding: Any, kernel: tuple[int, ...], stride: tuple[int, ...],
                  who: str) -> tuple[Any, tuple[tuple[int, int], ...]]:
    """(padding as the module shows it, (before, after) zeros per axis) from PyTorch's choices: an int,
    a tuple, 'valid' (none) or 'same' (the output keeps the input's size; stride 1 only). For an
    even kernel 'same' cannot be symmetric: like PyTorch, the extra zero goes after."""
    if padding == "valid":
        return "valid", tuple((0, 0) for _ in kernel)
    if padding == "same":
        if any(s != 1 for s in stride):
            raise ValueError(f"{who}: padding='same' needs stride=1 (as in PyTorch); give the padding as a number")
        return "same", tuple(((k - 1) // 2, k - 1 - (k - 1) // 2) for k in kernel)
    if isinstance(padding, str):
        raise ValueError(f"{who}: padding must be a whole number, a tuple, 'valid' or 'same', got {padding!r}")
    given = sizes(padding, len(kernel), "padding", 0)
    return given, tuple((p, p) for p in given)


@lru_cache(maxsize=256)
def output_labels(name: str, channels: int, out: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    """name.y[o,i,j] for every output channel and position, made once per shape."""
    return tuple(tuple(f"{name}.y{index_text(o, *pos)}" for pos in product(*(range(n) for n in out)))
                 for o in range(channels))
