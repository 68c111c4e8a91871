"""Import guard: make sure `import autograd` finds chalkgrad's engine, not PyPI's package of the same name.

PyPI's popular `autograd` (HIPS autograd) also installs a top-level module called `autograd`. When it
shadows ours, `nn` would fail later with a puzzling AttributeError; this check fails early and says why.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

# Both packages live side by side: in the source folder, or both in site-packages after `pip install .`.
_PROJECT_ROOT = Path(__file__).resolve().parent.parent

_FIX = (
    "Fix: give chalkgrad its own virtual environment, from the chalkgrad folder:\n"
    "    python -m venv .venv && .venv/bin/pip install -e .\n"
    "or remove the other package from this environment:  pip uninstall autograd"
)


def _location(module: ModuleType) -> str:
    file = getattr(module, "__file__", None)
    if file:
        return str(file)
    paths = list(getattr(module, "__path__", []) or [])
    return ", ".join(str(p) for p in paths) or "an unknown place (no __file__)"


def _inside_project(module: ModuleType) -> bool:
    """True when the module's files sit in the folder that also holds this `nn` package."""
    file = getattr(module, "__file__", None)
    places = [file] if file else list(getattr(module, "__path__", []) or [])
    if not places:
        return False
    for place in places:
        path = Path(place).resolve()
        package_dir = path.parent if path.suffix == ".py" else path
        if package_dir.parent != _PROJECT_ROOT:
            return False
    return True


def check_engine(module: ModuleType | None = None) -> ModuleType:
    """Return chalkgrad's `autograd` module, or raise ImportError explaining the name clash and its fix.

    `module` is the module to inspect (default: whatever `import autograd` resolves to).
    """
    if module is None:
        try:
            module = importlib.import_module("autograd")
        except ImportError as err:
            raise ImportError(
                f"chalkgrad's nn needs its engine package `autograd`, and importing it failed: {err}\n"
                + _FIX
            ) from err
    has_value = hasattr(module, "Value")
    if has_value and _inside_project(module):
        return module
    why = "it has no `autograd.Value`" if not has_value else "it is not the one installed with chalkgrad"
    raise ImportError(
        f"`import autograd` found a different package at {_location(module)} ({why}).\n"
        "chalkgrad's nn needs chalkgrad's own engine, also named `autograd`; the other one is most "
        "likely HIPS autograd from PyPI, which uses the same top-level name.\n" + _FIX
    )



check_engine()  # runs when `nn` is imported (nn/__init__.py imports this module first)
