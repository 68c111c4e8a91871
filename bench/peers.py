"""The engines the benchmark compares: chalkgrad, micrograd 0.1.0 and (on request) PyTorch 2.13.0.

Installs a missing peer into the running interpreter with pip, pinned to an exact version, and wraps
each engine in one `Engine` record so every workload runs the same code on all of them.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import random
import subprocess
import sys
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

MICROGRAD_PIN = "micrograd==0.1.0"
TORCH_PIN = "torch==2.13.0"  # exact: a bare `torch` would float to whatever is newest


def installed_version(distribution: str) -> str | None:
    """The installed version of a distribution, or None when it is not installed."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _matches(found: str | None, wanted: str) -> bool:
    """pip's `==` ignores a local label: torch 2.13.0+cpu satisfies torch==2.13.0."""
    return found is not None and found.split("+")[0] == wanted


def ensure_installed(pin: str) -> str:
    """Install `name==version` with this interpreter's pip unless exactly that version is present."""
    name, _, version = pin.partition("==")
    if not version:
        raise ValueError(f"peers are installed pinned to an exact version, got {pin!r}")
    if not _matches(installed_version(name), version):
        print(f"Installing {pin} into {sys.prefix} ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", pin], check=True)
        importlib.invalidate_caches()
    found = installed_version(name)
    if not _matches(found, version):
        raise RuntimeError(f"wanted {pin} but pip left {name} {found}")
    return found


@dataclass(frozen=True)
class Engine:
    """What a workload needs from an engine; every field is called the same way for all engines."""

    name: str
    version: str
    Value: Callable[[float], Any]  # wraps a float as the engine's scalar (a leaf that takes grads)
    MLP: Callable[[int, list[int]], Any] | None  # micrograd's MLP(nin, nouts) signature
    assign: Callable[[Any, float], None]  # overwrite a parameter's value in place
    no_grad: Callable[[], Any] = nullcontext  # context manager for inference
    nary_sum: Callable[[list], Any] = sum  # the engine's way of summing many terms
    draw_dot: Callable[[Any], Any] | None = None  # root -> graphviz.Digraph
    count_nodes: Callable[[Any], int] | None = None  # number of Values in a graph


def _set_data(p: Any, x: float) -> None:
    p.data = x


def chalkgrad() -> Engine:
    """chalkgrad from this repository: autograd/ (with its renderer) and nn/'s MLP."""
    autograd = importlib.import_module("autograd")
    return Engine(
        name="chalkgrad",
        version=installed_version("chalkgrad") or "source",
        Value=autograd.Value,
        MLP=importlib.import_module("nn").MLP,
        assign=_set_data,
        no_grad=autograd.no_grad,
        nary_sum=autograd.Value.sum,
        draw_dot=autograd.draw_dot,
        count_nodes=lambda root: len(autograd.topological_order(root)),
    )


def micrograd() -> Engine:
    """micrograd 0.1.0 exactly as published; its notebook's draw_dot lives in bench/classic_dot.py."""
    from micrograd.engine import Value
    from micrograd.nn import MLP

    from bench.classic_dot import count_nodes, draw_dot

    return Engine(
        name="micrograd",
        version=installed_version("micrograd"),
        Value=Value,
        MLP=MLP,
        assign=_set_data,
        draw_dot=draw_dot,
        count_nodes=count_nodes,
    )


def torch_scalar() -> Engine:
    """PyTorch used as a scalar engine: every number a 0-d float64 tensor with requires_grad."""
    import torch

    def scalar(x: float) -> Any:
        return torch.tensor(float(x), dtype=torch.float64, requires_grad=True)

    def assign(p: Any, x: float) -> None:
        with torch.no_grad():
            p.fill_(x)

    class Module:
        def zero_grad(self) -> None:
            for p in self.parameters():
                p.grad = None  # what torch.optim does by default

    # micrograd's nn.py line for line, with micrograd's Value swapped for a scalar tensor
    class Neuron(Module):
        def __init__(self, nin: int, nonlin: bool = True):
            self.w = [scalar(random.uniform(-1, 1)) for _ in range(nin)]
            self.b = scalar(0.0)
            self.nonlin = nonlin

        def __call__(self, x):
            act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
            return act.relu() if self.nonlin else act

        def parameters(self):
            return self.w + [self.b]

    class Layer(Module):
        def __init__(self, nin: int, nout: int, **kwargs):
            self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

        def __call__(self, x):
            out = [n(x) for n in self.neurons]
            return out[0] if len(out) == 1 else out

        def parameters(self):
            return [p for n in self.neurons for p in n.parameters()]

    class MLP(Module):
        def __init__(self, nin: int, nouts: list[int]):
            sz = [nin] + nouts
            self.layers = [
                Layer(sz[i], sz[i + 1], nonlin=i != len(nouts) - 1) for i in range(len(nouts))
            ]

        def __call__(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

        def parameters(self):
            return [p for layer in self.layers for p in layer.parameters()]

    return Engine(
        name="torch",
        version=torch.__version__,
        Value=scalar,
        MLP=MLP,
        assign=assign,
        no_grad=torch.no_grad,
    )
