"""What the install and coexistence tests share: chalkgrad's wheel built once, fresh virtual environments,
and pip run offline from the wheelhouse that `make wheelhouse` fills (the tests themselves never download)."""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = Path(os.environ.get("CHALKGRAD_WHEELHOUSE", ROOT / ".wheelhouse"))
HIPS = "autograd==1.9.1"  # the release Google Colab's images ship


def _scratch(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def wheelhouse() -> Path:
    if not any(WHEELHOUSE.glob("autograd-*.whl")):
        pytest.fail(f"the offline wheelhouse {WHEELHOUSE} is missing or empty: run `make wheelhouse` "
                    "(it downloads HIPS autograd, numpy and chalkgrad's dependencies once)")
    return WHEELHOUSE


def offline_env(home: Path | None = None, *, with_chalkgrad: bool = True) -> dict[str, str]:
    """The environment for a child process: pip finds packages only in the wheelhouse and (with_chalkgrad)
    beside chalkgrad's freshly built wheel; no setting of this machine's pip or of the test run leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    links = [str(wheelhouse())] + ([str(built().wheel.parent)] if with_chalkgrad else [])
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_FIND_LINKS=" ".join(links),
               PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1", PYTHONDONTWRITEBYTECODE="1")
    if home is not None:
        env["HOME"] = str(home)
    return env


def run(cmd: list, *, cwd: Path, env: dict[str, str], check: bool = True, timeout: int = 300):
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({result.returncode}):\n"
                             f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path
    log: str  # what `python -m build` printed


@functools.cache
def built() -> Built:
    """chalkgrad's sdist, and the wheel built from it, by `python -m build` in an isolated environment
    (setuptools comes from the wheelhouse). Built once per test run."""
    out = _scratch("chalkgrad-dist-")
    result = run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=ROOT,
                 env=offline_env(with_chalkgrad=False))
    wheels, sdists = list(out.glob("chalkgrad-*.whl")), list(out.glob("chalkgrad-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, result.stdout
    return Built(wheels[0], sdists[0], result.stdout + result.stderr)


def new_venv(path: Path, *, with_pip: bool = True) -> Path:
    """A fresh virtual environment (pip from Python's own bundled copy: no download); returns its python."""
    subprocess.run([sys.executable, "-m", "venv", *([] if with_pip else ["--without-pip"]), path], check=True,
                   capture_output=True, timeout=300)
    return path / "bin" / "python"


@functools.cache
def _hips_template() -> Path:
    venv = _scratch("hips-venv-") / "venv"
    python = new_venv(venv)
    run([python, "-m", "pip", "install", HIPS], cwd=venv, env=offline_env(with_chalkgrad=False))
    return venv


def hips_venv(path: Path) -> Path:
    """A virtual environment with HIPS autograd (and numpy) installed, as on a hosted notebook; returns its
    python. Copied from one made per test run: a venv's files do not depend on where it lies."""
    shutil.copytree(_hips_template(), path, symlinks=True)
    return path / "bin" / "python"


def site_packages(python: Path) -> Path:
    return next((python.parent.parent / "lib").glob("python3*/site-packages"))


def hips_files(python: Path, compiled: bool = True) -> dict[str, str]:
    """sha256 of every file HIPS autograd's RECORD lists, plus the list of what its folder holds.
    compiled=False leaves out the .pyc files pip writes: reinstalling writes them again, with new times."""
    site = site_packages(python)
    record = next(site.glob("autograd-*.dist-info")) / "RECORD"
    out = {}
    for line in record.read_text().splitlines():
        name = line.split(",")[0]
        if name and not name.endswith("RECORD") and (compiled or "__pycache__" not in name):
            out[name] = hashlib.sha256((site / name).read_bytes()).hexdigest()
    out["<autograd/ holds>"] = " ".join(sorted(str(p.relative_to(site)) for p in (site / "autograd").rglob("*")
                                               if "__pycache__" not in p.parts))
    return out


HIPS_WORKS = ("import autograd.numpy as np\nfrom autograd import elementwise_grad, grad\n"
              "assert abs(grad(np.tanh)(0.5) - (1 - np.tanh(0.5) ** 2)) < 1e-15\n"
              "print('HIPS autograd works', elementwise_grad(np.sin)(np.zeros(2)))\n")


def fix_commands(message: str) -> list[list[str]]:
    """The pip commands a message advises (lines '    /path/python -m pip ...'), as argument lists."""
    return [line.split() for line in message.splitlines() if re.match(r"\s+\S+ -m pip ", line)]


def hosted_cell() -> str:
    """The README's first cell for hosted notebooks, exactly as printed there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Hosted notebooks"):]
    return re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)
