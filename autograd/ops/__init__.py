"""The op rules: each differentiable primitive as one small class (forward formula + local derivatives)."""

from .activations import ELU, GELU, LeakyReLU, PReLU, ReLU, Sigmoid, Softplus, Step, Swish, Tanh
from .arithmetic import Add, Div, Mul, Neg, Pow, PowConst, Sub
from .base import Op
from .choices import ClampedLog, FiniteMaxShift, Huber, MaxShift, Pick
from .functions import Abs, Arctan, Exp, Log, Sqrt
from .reductions import Dot, Max, Sum

__all__ = [
    "Op", "Add", "Sub", "Mul", "Div", "Neg", "Pow", "PowConst",
    "Exp", "Log", "Sqrt", "Abs", "Arctan",
    "Tanh", "Sigmoid", "ReLU", "LeakyReLU", "PReLU", "ELU", "GELU", "Swish", "Softplus", "Step",
    "Sum", "Dot", "Max", "MaxShift", "FiniteMaxShift", "ClampedLog", "Huber", "Pick",
]
