"""chalkgrad's autodiff engine: `Value` records operations into a graph; `backward()` walks it in reverse."""

__version__ = "0.1.0"  # the one place the version is written: pyproject.toml reads it from here

from . import _install_check
from .backward import grad
from .codegen.compiled import Compiled, GraphDependsOnData, compile  # noqa: F401 (compile: see __all__)
from .codegen.source import to_source
from .dual import Dual
from .forward import hvp, jvp
from .grad_mode import enable_grad, is_grad_enabled, no_grad
from .gradcheck import GradcheckReport, gradcheck
from .graph import topological_order
from .player.steps import walkthrough
from .teach import explain, trace
from .value import Value

__all__ = ["Value", "grad", "jvp", "hvp", "Dual", "no_grad", "enable_grad", "is_grad_enabled", "topological_order",
           "gradcheck", "GradcheckReport", "trace", "explain", "draw_dot",
           "walkthrough", "to_source", "Compiled", "GraphDependsOnData"]  # compile: not in *, it would hide the builtin

# HIPS autograd shares our top-level name: say so at import if the two got mixed up in one folder.
_install_check.warn_about_neighbours(__path__[0])


def __getattr__(name: str):
    # The renderer is loaded on first use, so importing the engine never needs graphviz.
    if name == "draw_dot":
        from .draw.render import draw_dot

        return draw_dot
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
