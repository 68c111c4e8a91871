"""`Module`, the base of every model: finds its parameters, names them, switches train/eval mode.

Parameters are found automatically: every leaf `Value` held in an attribute (directly, or inside a
list, tuple or dict, or inside a sub-module) is a parameter. Order: a module's own parameters in the
order its attributes were set, then each sub-module's, depth first (as PyTorch lists them).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from typing import Any

from autograd import Value
from autograd.value import all_values


def Parameter(data: float, label: str = "") -> Value:  # noqa: N802 - named like torch.nn.Parameter
    """A leaf Value marked as a parameter (drawn as one, and found by `Module.parameters()`)."""
    value = Value(data, label)
    value.role = "parameter"
    return value


def _walk(obj: Any, name: str | None, values: bool = True) -> Iterator[tuple[str | None, Any]]:
    """(name, item) for every Value or Module inside obj, looking into lists, tuples and dicts.

    parameters() runs on every training step, so the walk can be told to make no names (name None:
    every name is None) or to pass over the Values (values=False, for the sub-modules alone).
    """
    if isinstance(obj, Module) or (values and isinstance(obj, Value)):
        yield name, obj
    elif isinstance(obj, (list, tuple)):
        if (name is None or not values) and all_values(obj):  # a list of weights: no step per weight
            if values:
                yield from zip(repeat(None), obj)
            return
        for i, item in enumerate(obj):
            if isinstance(item, _HOLDERS):  # a number or a string holds nothing: no generator for it
                yield from _walk(item, None if name is None else f"{name}.{i}", values)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            if isinstance(item, _HOLDERS):
                yield from _walk(item, None if name is None else f"{name}.{key}", values)


class Module:
    """Base class for layers and models: subclasses set attributes in `__init__` and write `forward`."""

    training: bool = True  # a class default, so subclasses need not call super().__init__()
    _buffer_names: tuple[str, ...] = ()  # non-trainable state that save/load keep (running statistics)
    _show_children: bool = True  # False for modules whose repr summarises their parts

    def __setattr__(self, name: str, value: Any) -> None:
        # Leaf Values stored on a module are its parameters; marking them lets graphs draw them so.
        for _, item in _walk(value, name):
            if isinstance(item, Value) and not item.parents and item.role == "input":
                item.role = "parameter"
        object.__setattr__(self, name, value)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must define forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def forward_batch(self, batch: list) -> list:
        """The outputs for a whole batch of samples. Most modules see one sample at a time; modules
        that need the batch at once (BatchNorm1d) override this, and fit() and predict() call it."""
        return [self(x) for x in batch]

    # ---- finding parts ----------------------------------------------------------------------------
    def _members(self, named: bool = True, values: bool = True) -> Iterator[tuple[str | None, Any]]:
        for attr, value in vars(self).items():
            if isinstance(value, _HOLDERS):  # a number, a string or a function holds nothing to walk
                yield from _walk(value, attr if named else None, values)

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """The direct sub-modules with their attribute paths, e.g. ('layers.0', Layer(...))."""
        for name, item in self._members(values=False):
            if isinstance(item, Module):
                yield name, item

    def named_modules(self, prefix: str = "") -> Iterator[tuple[str, Module]]:
        """This module and every sub-module, depth first, each once."""
        seen: set[int] = set()
        stack = [(prefix, self)]
        while stack:
            name, module = stack.pop()
            if id(module) in seen:
                continue
            seen.add(id(module))
            yield name, module
            children = [(f"{name}.{n}" if name else n, m) for n, m in module.named_children()]
            stack.extend(reversed(children))

    def named_parameters(self) -> list[tuple[str, Value]]:
        """(name, parameter) pairs in a stable order, e.g. ('layers.0.neurons.1.w.2', Value(...))."""
        return self._parameters(named=True)

    def parameters(self) -> list[Value]:
        """Every parameter (leaf Value) of this module and its sub-modules, in a stable order."""
        return self._parameters(named=False)  # the same walk, without making a name for each

    def _parameters(self, named: bool) -> list:
        out: list = []
        seen: set[Value] = set()  # a parameter shared by two modules is listed once, as in PyTorch
        for prefix, module in self.named_modules():
            for name, item in module._members(named):
                if isinstance(item, Value) and not item.parents and item not in seen:
                    seen.add(item)
                    out.append((f"{prefix}.{name}" if prefix else name, item) if named else item)
        return out

    def named_buffers(self) -> list[tuple[str, Any]]:
        """Non-trainable state (e.g. BatchNorm running statistics) as (name, value) pairs."""
        return [(f"{prefix}.{b}" if prefix else b, getattr(module, b))
                for prefix, module in self.named_modules() for b in module._buffer_names]

    def weight_groups(self) -> Iterator[tuple[list[Value], Value | None, int, int]]:
        """(weights, bias, fan_in, fan_out) for each unit: what nn.init fills. Default: the sub-modules'."""
        for _, child in self.named_children():
            yield from child.weight_groups()

    # ---- training -----------------------------------------------------------------------------
    def zero_grad(self, set_to_none: bool = False) -> None:
        """Set every parameter's gradient to 0.0, micrograd's reset (gradients accumulate across
        backward() calls), or to None with set_to_none=True, as Optimizer.zero_grad does by default.
        See Value.zero_grad for why the defaults differ."""
        for p in self.parameters():
            p.grad = None if set_to_none else 0.0

    def train(self, mode: bool = True) -> Module:
        """Training mode (dropout drops, batch norm uses batch statistics); returns self."""
        if not isinstance(mode, bool):
            raise TypeError(f"train(mode) expects True or False, got {mode!r}")
        for _, module in self.named_modules():
            module.training = mode
        return self

    def eval(self) -> Module:
        """Evaluation mode (dropout passes inputs through, batch norm uses running statistics)."""
        return self.train(False)

    # ---- state ------------------------------------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """Parameter values (floats) and buffers by name; `load_state_dict` puts them back."""
        state: dict[str, Any] = {name: p.data for name, p in self.named_parameters()}
        state.update((name, _copy(value)) for name, value in self.named_buffers())
        return state

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Set every parameter's .data (and buffers) from `state`; the names must match exactly."""
        params = dict(self.named_parameters())
        buffers = dict(self.named_buffers())
        missing = [n for n in [*params, *buffers] if n not in state]
        unexpected = [n for n in state if n not in params and n not in buffers]
        if missing or unexpected:
            raise ValueError(f"state does not match {type(self).__name__}: missing {missing[:5]}"
                             f"{' ...' if len(missing) > 5 else ''}, unexpected {unexpected[:5]}"
                             f"{' ...' if len(unexpected) > 5 else ''}")
        for name, p in params.items():
            p.data = float(state[name])
        for prefix, module in self.named_modules():
            for b in module._buffer_names:
                setattr(module, b, _copy(state[f"{prefix}.{b}" if prefix else b]))

    # ---- pictures and printing ------------------------------------------------------------------
    @property
    def cluster_kind(self) -> str:
        """What the neuron-level view calls this kind of module ('Layer', 'Neuron', ...)."""
        return type(self).__name__

    def cluster_name(self, index: int) -> str:
        """The box this module is drawn in by the neuron-level view, e.g. 'Layer 2'."""
        return f"{self.cluster_kind} {index}"

    def clusters(self) -> dict[Value, tuple[str, ...]]:
        """{parameter: ('Layer 1', 'Neuron 4')}, outer to inner; used by draw_dot(loss, clusters=model)."""
        out: dict[Value, tuple[str, ...]] = {}
        self._collect_clusters((), out)
        return out

    def _collect_clusters(self, path: tuple[str, ...], out: dict[Value, tuple[str, ...]]) -> None:
        for _, item in self._members():
            if isinstance(item, Value) and not item.parents:
                out.setdefault(item, path or (self.cluster_name(1),))
        counts: dict[str, int] = {}  # numbered per kind: Layer 1, Dropout 1, Layer 2, ...
        for _, child in self.named_children():
            counts[child.cluster_kind] = counts.get(child.cluster_kind, 0) + 1
            child._collect_clusters(path + (child.cluster_name(counts[child.cluster_kind]),), out)

    def extra_repr(self) -> str:
        """The part of the repr between the parentheses, before the parameter count."""
        return ""

    def __repr__(self) -> str:
        extra = self.extra_repr()
        head = f"{type(self).__name__}({extra}{', ' if extra else ''}parameters={len(self.parameters())})"
        if not self._show_children:
            return head
        lines = [head]
        for name, child in self.named_children():
            lines.append(f"  ({name}): " + repr(child).replace("\n", "\n  "))
        return "\n".join(lines)


_HOLDERS = (Value, Module, list, tuple, dict)  # what _walk looks into


def _copy(value: Any) -> Any:
    """Buffers are floats or lists of floats; copy lists so saved state does not change later."""
    return [float(v) for v in value] if isinstance(value, (list, tuple)) else float(value)
