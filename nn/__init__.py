"""chalkgrad's neural-network library: modules, layers, activations, initialisation, losses, training.

Built on the `autograd` engine; everything here is made of scalar `Value`s.
"""

# First, before anything touches the engine: fail with a clear message if `import autograd` finds
# another package of that name (importing nn._check runs the check).
from . import _check  # noqa: F401  isort: skip
from . import activation_layers, datasets, functional, init, optim, schedules, train
from .activation_layers import *  # noqa: F403  (Activation, Identity and one module per activation op: nn.Tanh, ...)
from .activations import ACTIVATIONS
from .batches import minibatches
from .conv import Conv1d, Conv2d, output_size
from .fit_options import FitOptions
from .functional import log_softmax, logsumexp, softmax
from .layer_stats import layer_outputs, layer_statistics
from .layers import Layer, Neuron
from .losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    half_squared_error,
    hinge_loss,
    huber_loss,
    kl_div,
    l1_loss,
    l1_penalty,
    l2_penalty,
    mse_loss,
    sse_loss,
)
from .masked import MaskedLayer
from .maxout import Maxout, MaxoutUnit
from .model_gradcheck import gradcheck
from .models import MLP, Sequential
from .module import Module, Parameter
from .optim import SGD, Adadelta, Adagrad, Adam, Adamax, NAdam, Optimizer, RMSprop
from .pooling import AvgPool2d, Flatten, MaxPool1d, MaxPool2d, Unflatten
from .regularization import BatchNorm, BatchNorm1d, Dropout
from .schedules import ExponentialLR, InverseTimeLR, LambdaLR, LRScheduler, StepLR
from .serialization import load, save
from .tables import book_vs_ours, unit_table
from .torch_bridge import from_torch, to_torch
from .train import History, evaluate, fit, predict

__all__ = [
    "functional", "init", "ACTIVATIONS",
    "Module", "Parameter", "Neuron", "Layer", "MLP", "Maxout", "MaxoutUnit", "Sequential",
    "Dropout", "BatchNorm1d", "BatchNorm",
    "softmax", "log_softmax", "logsumexp",
    "mse_loss", "sse_loss", "half_squared_error", "l1_loss", "huber_loss", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "cross_entropy", "kl_div", "hinge_loss", "l1_penalty", "l2_penalty",
    "save", "load",
]
__all__ += [
    "datasets", "optim", "schedules", "train",
    "Optimizer", "SGD", "Adagrad", "Adadelta", "RMSprop", "Adam", "Adamax", "NAdam",
    "LRScheduler", "StepLR", "ExponentialLR", "InverseTimeLR", "LambdaLR",
    "fit", "evaluate", "predict", "History", "FitOptions",
]
__all__ += ["Conv1d", "Conv2d", "output_size", "MaxPool1d", "MaxPool2d", "AvgPool2d", "Flatten", "Unflatten"]
__all__ += ["to_torch", "from_torch"]
__all__ += [
    "unit_table", "book_vs_ours", "gradcheck", "layer_outputs", "layer_statistics", "minibatches", "MaskedLayer",
]
__all__ += activation_layers.__all__

# The live training dashboard (its widget loads anywidget only when shown).
from .dashboard import playground  # noqa: E402

__all__ += ["playground"]

from . import exercises  # noqa: E402,F401  (last: the exercises build on everything above)
