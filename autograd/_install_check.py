"""Is `autograd` chalkgrad's? Folder checks for installs that share the name with HIPS autograd.

PyPI's HIPS autograd also installs a top-level package `autograd`. pip puts both into one
site-packages/autograd/ folder without a word; whichever came last owns the shared __init__.py, and
uninstalling either one deletes it. This module only reads folders (it imports neither package), so
`nn` can load it by its file path even when `import autograd` finds the other package. Every message
names the one fix that works in that state and never a command that would break the other package.
"""

from __future__ import annotations

import json
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

CHALKGRAD_FILES = ("value.py", "backward.py", "grad_mode.py")  # files only chalkgrad's engine has
HIPS_FILES = ("tracer.py", "differential_operators.py", "wrap_util.py")  # files only HIPS autograd has
FIRST_CELL = "the first cell for hosted notebooks in chalkgrad's README"


class InstallWarning(UserWarning):
    """chalkgrad works, but the environment around it is in a mixed state (HIPS autograd is broken)."""


@dataclass(frozen=True)
class Folder:
    """What one `autograd/` folder holds."""

    path: Path
    init: str | None  # who wrote __init__.py: 'chalkgrad', 'hips', 'other', or None when it is missing
    chalkgrad: bool  # chalkgrad's engine files are there
    hips: bool  # HIPS autograd's files are there

    @property
    def merged(self) -> bool:
        return self.chalkgrad and self.hips

    @property
    def half_uninstalled(self) -> bool:
        return self.init is None and (self.chalkgrad or self.hips)


def inspect(path: str | Path) -> Folder:
    """Look at an `autograd/` folder without importing anything from it."""
    path = Path(path)
    init = path / "__init__.py"
    try:
        text = init.read_text(encoding="utf-8", errors="replace")
    except OSError:
        owner = None
    else:
        owner = ("chalkgrad" if "from .value import Value" in text
                 else "hips" if "differential_operators" in text else "other")
    return Folder(path, owner, all((path / f).is_file() for f in CHALKGRAD_FILES),
                  all((path / f).is_file() for f in HIPS_FILES))


def folders_on_path(search_path: list[str] | None = None) -> list[Folder]:
    """Every `autograd/` folder on sys.path, in the order `import autograd` looks at them."""
    found, seen = [], set()
    for entry in sys.path if search_path is None else search_path:
        candidate = Path(entry or ".") / "autograd"
        try:
            key = candidate.resolve()
            if key in seen or not candidate.is_dir():
                continue
        except OSError:
            continue
        seen.add(key)
        found.append(inspect(candidate))
    return found


def _pip(*args: str) -> str:
    return f"    {sys.executable} -m pip " + " ".join(args)


def hips_requirement(folder: Path) -> str:
    """'autograd==1.9.1' from the HIPS dist-info beside the folder, so the fix restores that release."""
    versions = sorted(p.name[len("autograd-"):-len(".dist-info")] for p in folder.parent.glob("autograd-*.dist-info"))
    return f"autograd=={versions[-1]}" if versions else "autograd"


def chalkgrad_requirement(folder: Path) -> str:
    """What pip reinstalls chalkgrad from: the wheel or URL it came from (pip's direct_url.json), else its name."""
    for info in sorted(folder.parent.glob("chalkgrad-*.dist-info")):
        try:
            return json.loads((info / "direct_url.json").read_text(encoding="utf-8"))["url"]
        except (OSError, ValueError, KeyError):
            return "chalkgrad==" + info.name[len("chalkgrad-"):-len(".dist-info")]
    return "chalkgrad"


def merged_message(folder: Folder, imported_from: Path | None = None) -> str:
    """chalkgrad and HIPS autograd share one folder. One fix, whoever wrote the shared __init__.py last.
    imported_from: where this process's chalkgrad comes from, when that is another folder."""
    who = {
        "chalkgrad": "chalkgrad was installed last and replaced HIPS autograd's autograd/__init__.py, so HIPS "
                     "autograd is broken in this environment (chalkgrad works for now).",
        "hips": "HIPS autograd was installed last and replaced chalkgrad's autograd/__init__.py, so `import "
                "autograd` finds HIPS autograd and chalkgrad does not work.",
    }.get(folder.init or "", "Their shared autograd/__init__.py is missing, so neither package works.")
    if imported_from is not None:
        who += f" (This program's chalkgrad comes from another folder, {imported_from}, and works.)"
    return (
        f"chalkgrad and HIPS autograd (another package whose top-level name is also `autograd`) are installed "
        f"in one folder: {folder.path}. {who}\n"
        "Fix: run both lines, in this order. The first removes chalkgrad's files, and with them the "
        "__init__.py the two share; the second puts back all of HIPS autograd's files:\n"
        + _pip("uninstall -y chalkgrad") + "\n"
        + _pip("install --force-reinstall --no-deps", hips_requirement(folder.path)) + "\n"
        f"Then use chalkgrad from a virtual environment of its own, or from a folder of its own first on "
        f"sys.path ({FIRST_CELL}). Uninstalling HIPS autograd here instead would delete chalkgrad's __init__.py too."
    )


def chalkgrad_half_message(folder: Folder) -> str:
    """HIPS autograd was uninstalled from the shared folder and took chalkgrad's __init__.py with it."""
    return (
        f"chalkgrad's engine in {folder.path} has lost its __init__.py: HIPS autograd (same top-level name, "
        "`autograd`) was uninstalled from the folder the two shared, and pip deleted the __init__.py they had in "
        "common. chalkgrad's other files are still there, so `import autograd` finds an empty namespace package.\n"
        "Fix: put back chalkgrad's files (nothing else is touched):\n"
        + _pip("install --force-reinstall --no-deps", chalkgrad_requirement(folder.path))
    )


def hips_half_message(folder: Folder, chalkgrad_dir: Path) -> str:
    """chalkgrad was uninstalled from the shared folder and took HIPS autograd's __init__.py with it."""
    return (
        f"HIPS autograd in {folder.path} has lost its __init__.py: chalkgrad was uninstalled from the folder the "
        "two packages shared, and pip deleted the __init__.py they had in common, so HIPS autograd is broken in "
        f"this environment. chalkgrad itself is imported from {chalkgrad_dir} and works.\n"
        "Fix: put back HIPS autograd's files (chalkgrad's folder is not touched):\n"
        + _pip("install --force-reinstall --no-deps", hips_requirement(folder.path)) + "\n"
        f"and keep chalkgrad's folder first on sys.path ({FIRST_CELL} does that), so that `import autograd` "
        "still finds chalkgrad."
    )


def shadowed_message(found: Path, chalkgrad_dir: Path, already_imported: bool) -> str:
    """`import autograd` found another package, from a folder of its own, before chalkgrad's."""
    head = (f"`import autograd` found another package of that name at {found} (most likely HIPS autograd), "
            f"not chalkgrad's engine in {chalkgrad_dir / 'autograd'}; chalkgrad's nn needs its own engine.\n")
    if already_imported:
        return head + (
            f"chalkgrad's folder {chalkgrad_dir} is first on sys.path, but the other package had been imported "
            "before that.\nFix: restart Python (in a notebook: restart the kernel or runtime) and run "
            f"{FIRST_CELL} before anything imports autograd. Both packages stay installed as they are."
        )
    return head + (
        "Fix, leaving the other package installed as it is: put chalkgrad's folder first on sys.path before "
        "anything imports autograd:\n"
        f"    import sys; sys.path.insert(0, {str(chalkgrad_dir)!r})\n"
        f"(in a notebook: restart the kernel, then run that line or {FIRST_CELL} first), "
        "or use chalkgrad from a virtual environment of its own."
    )


def warn_about_neighbours(package_dir: str | Path) -> list[str]:
    """Called by chalkgrad's `autograd/__init__.py`: warn about every mixed state visible from here.

    chalkgrad works in each of these states (this code is running), but HIPS autograd may not.
    Returns the messages, one per folder in trouble.
    """
    here = Path(package_dir)
    messages = []
    for folder in [inspect(here), *(f for f in folders_on_path() if f.path.resolve() != here.resolve())]:
        if folder.merged:
            messages.append(merged_message(folder, None if folder.path == here else here.parent))
        elif folder.half_uninstalled and folder.hips:
            messages.append(hips_half_message(folder, here.parent))
        elif folder.half_uninstalled:
            messages.append(chalkgrad_half_message(folder))
    for message in messages:
        warnings.warn(message, InstallWarning, stacklevel=2)
    return messages
