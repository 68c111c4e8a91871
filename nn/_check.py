"""Import guard: make sure `import autograd` finds chalkgrad's engine, not PyPI's package of the same name.

PyPI's popular `autograd` (HIPS autograd) also installs a top-level package called `autograd`. When it
shadows ours, `nn` would fail later with a puzzling AttributeError; this check fails early, says which
mixed state the environment is in, and gives the one fix that works there. The folder checks and the
messages live in autograd/_install_check.py, loaded by file path: `import autograd` may be the other package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

# nn and chalkgrad's autograd are installed side by side: both in the source folder, or both in one
# site-packages (or private) folder.
_HOME = Path(__file__).resolve().parent.parent
_ENGINE = _HOME / "autograd"


def _install_check() -> ModuleType:
    name = "_chalkgrad_install_check"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _ENGINE / "_install_check.py")
        sys.modules[name] = importlib.util.module_from_spec(spec)  # registered first, as dataclasses need
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def _places(module: ModuleType) -> list[Path]:
    """The folder(s) a package was imported from: its __file__'s folder, or a namespace package's __path__."""
    file = getattr(module, "__file__", None)
    if file:
        path = Path(file).resolve()
        return [path.parent if path.suffix == ".py" else path]
    return [Path(p).resolve() for p in (getattr(module, "__path__", None) or [])]


def _comes_first(mine: Path, theirs: Path | None) -> bool:
    """True when `mine` is on sys.path before `theirs`: then `import autograd` ran before sys.path was set."""
    entries = [Path(p or ".").resolve() for p in sys.path]
    return mine in entries and (theirs not in entries or entries.index(mine) < entries.index(theirs))


def diagnose(module: ModuleType | None, error: ImportError | None = None) -> str | None:
    """Why `module` (what `import autograd` gave, or None when it raised `error`) is not chalkgrad's engine
    beside this nn; None when it is."""
    places = [] if module is None else _places(module)
    if module is not None and hasattr(module, "Value") and places == [_ENGINE]:
        return None
    check = _install_check()
    here = check.inspect(_ENGINE)
    if here.merged:
        return check.merged_message(here)
    if here.half_uninstalled and not here.hips:
        return check.chalkgrad_half_message(here)
    if module is None:
        return (f"chalkgrad's nn needs its engine package `autograd` (in {_ENGINE}), and importing it failed: "
                f"{error}\nFix: reinstall chalkgrad, or run from the chalkgrad folder.")
    where = ", ".join(str(p) for p in places) or "an unknown place (no __file__)"
    if hasattr(module, "Value") and all(check.inspect(p).init == "chalkgrad" for p in places):
        return (f"`import autograd` found another copy of chalkgrad's engine at {where}, while this nn comes from "
                f"{_HOME}: two copies of chalkgrad are on sys.path.\nFix: put the one you want first on sys.path:\n"
                f"    import sys; sys.path.insert(0, {str(_HOME)!r})\n(in a notebook: restart the kernel first).")
    theirs = places[0].parent if places else None
    return check.shadowed_message(Path(where), _HOME, already_imported=_comes_first(_HOME, theirs))


def check_engine(module: ModuleType | None = None) -> ModuleType:
    """Return chalkgrad's `autograd` module, or raise ImportError explaining the name clash and its fix.

    `module` is the module to inspect (default: whatever `import autograd` resolves to).
    """
    error = None
    if module is None:
        try:
            module = importlib.import_module("autograd")
        except ImportError as err:
            error = err
    problem = diagnose(module, error)
    if problem:
        raise ImportError(problem) from error
    return module


check_engine()  # runs when `nn` is imported (nn/__init__.py imports this module first)
