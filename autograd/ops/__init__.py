"""The op rules: each differentiable primitive as one small class (forward formula + local derivatives)."""

# Each file lists its ops in its __all__; a new op is a class there and a name in that list.
from .activations import *  # noqa: F403
from .arithmetic import *  # noqa: F403
from .base import Op
from .choices import *  # noqa: F403
from .functions import *  # noqa: F403
from .reductions import *  # noqa: F403

# The registry: every op class, and those that nn offers as activations (nn.ACTIVATIONS, nn.Tanh, ...).
ALL_OPS: tuple[type[Op], ...] = tuple(
    v for v in list(globals().values()) if isinstance(v, type) and issubclass(v, Op) and v is not Op)
ACTIVATION_OPS: tuple[type[Op], ...] = tuple(op for op in ALL_OPS if op.activation)

__all__ = ["Op", "ALL_OPS", "ACTIVATION_OPS", *(op.__name__ for op in ALL_OPS)]
