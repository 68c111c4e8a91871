"""chalkgrad as users install it: wheel and sdist built by `python -m build`, checked by twine, and the wheel
installed offline into a fresh virtual environment, then run from a folder outside the repository."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile

import pytest

import autograd

from . import venvs

pytestmark = pytest.mark.slow


def test_wheel_and_sdist_build_without_deprecation_warnings():
    log = venvs.built().log
    assert "Successfully built" in log
    # e.g. setuptools' "`project.license` as a TOML table is deprecated" for the old licence form
    assert not re.search(r"deprecat", log, flags=re.I), log


def test_twine_check_passes():
    b = venvs.built()
    out = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", b.wheel, b.sdist],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.count("PASSED") == 2, out.stdout + out.stderr


def test_wheel_holds_both_packages_the_licence_and_the_one_version():
    wheel = venvs.built().wheel
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA")).rsplit("/", 1)[0]
        metadata = z.read(f"{info}/METADATA").decode()
        licence = z.read(f"{info}/licenses/LICENSE").decode()
    assert {n.split("/")[0] for n in names} == {"autograd", "nn", info}
    assert "autograd/ops/base.py" in names and "nn/examples/han_kamber.py" in names
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert licence.startswith("MIT License") and "Classifier: License" not in metadata
    assert f"Version: {autograd.__version__}\n" in metadata
    assert wheel.name == f"chalkgrad-{autograd.__version__}-py3-none-any.whl"


def test_sdist_holds_what_a_rebuild_needs():
    with tarfile.open(venvs.built().sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"LICENSE", "README.md", "pyproject.toml", "autograd/__init__.py", "nn/__init__.py"} <= names


def test_wheel_installs_offline_and_runs_from_outside_the_repository(tmp_path):
    python, work = venvs.new_venv(tmp_path / "venv"), tmp_path / "work"
    work.mkdir()
    env = venvs.offline_env(tmp_path / "home")
    install = venvs.run([python, "-m", "pip", "install", venvs.built().wheel], cwd=work, env=env)
    assert not re.search(r"deprecat", install.stdout + install.stderr, flags=re.I), install.stdout + install.stderr

    where = venvs.run([python, "-c", "import autograd, nn; print(autograd.__file__); print(nn.__file__)"],
                      cwd=work, env=env).stdout.split()
    assert all(str(venvs.site_packages(python)) in w for w in where), where  # not the checkout

    demo = venvs.run([python, "-m", "nn.examples.han_kamber"], cwd=work, env=env)
    assert re.search(r"^O6 +0\.474 +0\.474 +✓", demo.stdout, flags=re.M), demo.stdout  # the book's O6
    assert (work / "out" / "han_kamber_graph.png").stat().st_size > 1000  # drawn by Graphviz's dot

    readme = (venvs.ROOT / "README.md").read_text(encoding="utf-8")
    engine_example = re.findall(r"```python\n(.*?)```", readme, flags=re.S)[0]
    out = venvs.run([python, "-c", engine_example], cwd=work, env=env)
    assert out.stdout.strip() == "0.7071  dO/dw1 = 1.0000"

    listing = venvs.run([python, "-m", "nn.examples", "--help"], cwd=work, env=env).stdout
    assert "han_kamber" in listing and "xor" in listing
