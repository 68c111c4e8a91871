"""The way on to PyTorch: `to_torch(model)` gives the same network as a `torch.nn.Sequential` (float64),
`from_torch(module)` brings one back as an `nn.MLP`. torch is optional and imported only when called.

A chalkgrad layer of n units becomes `torch.nn.Linear(nin, n)` (weight row j = unit j's w, bias = its b),
followed by the activation's own torch module. The torch model takes a batch: a tensor of shape (N, nin).
"""

from __future__ import annotations

import importlib
from typing import Any

from .activations import ACTIVATIONS
from .layers import Layer
from .models import MLP
from .module import Module

# chalkgrad's activation name -> (torch.nn class name, its arguments), chosen so both compute the same
# function: GELU in its tanh form, PyTorch's default slopes, and Softplus with a threshold high enough that
# torch computes log(1 + e^x) itself (its default, 20, returns x above 20: off by up to 2e-9).
TORCH_MODULES: dict[str, tuple[str, dict[str, Any]] | None] = {
    "identity": None, "linear": None,
    "sigmoid": ("Sigmoid", {}), "logistic": ("Sigmoid", {}),
    "tanh": ("Tanh", {}),
    "relu": ("ReLU", {}),
    "leaky_relu": ("LeakyReLU", {"negative_slope": 0.01}),
    "elu": ("ELU", {"alpha": 1.0}),
    "gelu": ("GELU", {"approximate": "tanh"}),
    "swish": ("SiLU", {}), "silu": ("SiLU", {}),
    "softplus": ("Softplus", {"beta": 1.0, "threshold": 700.0}),
    "softmax": ("Softmax", {"dim": -1}),
    "prelu": ("PReLU", {}),  # one learned slope per unit, copied from each Neuron.slope
}


def _torch() -> Any:
    try:
        return importlib.import_module("torch")
    except ImportError as err:
        raise ImportError("to_torch/from_torch need PyTorch, which chalkgrad does not install. The CPU build "
                          "is enough: pip install torch --index-url https://download.pytorch.org/whl/cpu") from err


def _layers(model: Module) -> list[Layer]:
    layers = model.layers if isinstance(model, MLP) else [model] if isinstance(model, Layer) else None
    if layers is None:
        raise TypeError(f"to_torch takes an nn.MLP or an nn.Layer, got {type(model).__name__}")
    for i, layer in enumerate(layers, start=1):
        if not isinstance(layer, Layer) or layer.activation not in TORCH_MODULES:
            what = getattr(layer, "activation", type(layer).__name__)
            raise ValueError(f"layer {i} ({what!r}) has no torch.nn counterpart; to_torch handles the activations "
                             f"{', '.join(TORCH_MODULES)}")
        if not _own_activation(layer):
            raise ValueError(f"layer {i}'s activation is a function of your own named {layer.activation!r}, "
                             "and to_torch cannot see what it computes (another slope, say); give the "
                             f"layer the name instead (activation={layer.activation!r}) to export it, or "
                             "add the torch module yourself")
    return layers


def _own_activation(layer: Layer) -> bool:
    """True when the layer's units use chalkgrad's own function for their activation's name: a
    callable is matched by identity, never by its __name__."""
    if layer.activation in ("prelu", "softmax"):  # the layer's own work, not a function of the user's
        return True
    own = ACTIVATIONS.get(layer.activation)
    return own is not None and all(neuron._fn is own for neuron in layer.neurons)


def to_torch(model: MLP | Layer) -> Any:
    """An equivalent `torch.nn.Sequential` in float64: Linear layers with this model's weights, each followed by
    its activation module. Outputs and gradients agree with chalkgrad's to rounding (about 1e-15)."""
    torch = _torch()
    parts = []
    for layer in _layers(model):
        weights, biases = layer.get_weights()
        linear = torch.nn.Linear(layer.nin, layer.nout, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(weights, dtype=torch.float64))
            linear.bias.copy_(torch.tensor(biases, dtype=torch.float64))
        parts.append(linear)
        spec = TORCH_MODULES[layer.activation]
        if spec is None:
            continue
        if spec[0] == "PReLU":
            activation = torch.nn.PReLU(layer.nout, dtype=torch.float64)
            with torch.no_grad():
                activation.weight.copy_(torch.tensor([n.slope.data for n in layer.neurons], dtype=torch.float64))
        else:
            activation = getattr(torch.nn, spec[0])(**spec[1])
        parts.append(activation)
    return torch.nn.Sequential(*parts)


def _activation_name(module: Any) -> str:
    """chalkgrad's name for a torch activation module, if chalkgrad computes the same function."""
    kind = type(module).__name__
    for name, spec in TORCH_MODULES.items():
        if spec is not None and spec[0] == kind:
            settings = {key: getattr(module, key) for key in spec[1] if key != "threshold"}
            if settings == {key: v for key, v in spec[1].items() if key != "threshold"}:
                return name
            raise ValueError(f"{module!r}: chalkgrad's {name} has {spec[1]}; give the module those settings")
    raise ValueError(f"{module!r} has no chalkgrad counterpart; from_torch takes Linear layers, each followed by "
                     "at most one of: " + ", ".join(sorted({s[0] for s in TORCH_MODULES.values() if s})))


def from_torch(module: Any) -> MLP:
    """An `nn.MLP` with the weights of `module`: a torch.nn.Sequential of Linear layers (with bias), each followed
    by at most one activation module (as `to_torch` makes them), or a single Linear."""
    torch = _torch()
    parts = list(module.children()) if isinstance(module, torch.nn.Sequential) else [module]
    layers: list[list[Any]] = []  # [linear, activation module or None]
    for part in parts:
        if isinstance(part, torch.nn.Linear):
            if part.bias is None:
                raise ValueError(f"{part!r} has no bias, but every chalkgrad unit has one: use bias=True")
            layers.append([part, None])
        elif not layers or layers[-1][1] is not None:
            raise ValueError(f"{part!r} must follow a Linear layer (one activation per layer)")
        else:
            _activation_name(part)  # checks it before anything is built
            layers[-1][1] = part
    if not layers:
        raise TypeError(f"from_torch takes a torch.nn.Sequential of Linear layers, got {type(module).__name__}")
    names = ["identity" if act is None else _activation_name(act) for _, act in layers]
    mlp = MLP(layers[0][0].in_features, [linear.out_features for linear, _ in layers], activation=names, seed=0)
    mlp.set_weights([linear.weight.detach().double().tolist() for linear, _ in layers],
                    [linear.bias.detach().double().tolist() for linear, _ in layers])
    for layer, name, (_, act) in zip(mlp.layers, names, layers):
        if name == "prelu":
            slopes = act.weight.detach().double().tolist()
            if len(slopes) not in (1, layer.nout):
                raise ValueError(f"{act!r} has {len(slopes)} slopes for a layer of {layer.nout} units")
            for j, neuron in enumerate(layer.neurons):
                neuron.slope.data = slopes[j if len(slopes) > 1 else 0]
    return mlp
