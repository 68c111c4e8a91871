"""chalkgrad beside HIPS autograd (the other top-level `autograd`, preinstalled on Colab and Kaggle).

The slow tests build real virtual environments with HIPS autograd 1.9.1, offline from the wheelhouse:
the README's first cell for hosted notebooks against chalkgrad's built wheel, and every mixed state pip
can leave behind, each detected at import with a fix that is then run to show that it works.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from autograd import _install_check

from . import venvs

SHOW_WARNINGS = ("import warnings\nwarnings.simplefilter('always')\n"
                 "warnings.showwarning = lambda m, *a, **k: print('WARNING>>>', m, '<<<WARNING')\n")


def _warnings(output: str) -> list[str]:
    return [part.split("<<<WARNING")[0].strip() for part in output.split("WARNING>>>")[1:]]


def _assert_safe(message: str) -> list[list[str]]:
    """The advised pip commands never uninstall HIPS autograd (that deletes chalkgrad's __init__.py too)."""
    commands = venvs.fix_commands(message)
    for cmd in commands:
        assert not ("uninstall" in cmd and any(arg.startswith("autograd") for arg in cmd)), message
    return commands


def _apply(commands: list[list[str]], python: Path, work: Path) -> None:
    for cmd in commands:
        assert cmd[0] == str(python), cmd  # the fix names this environment's own python
        venvs.run(cmd, cwd=work, env=venvs.offline_env())


# ---- what a folder holds: fast checks on folders made by hand ------------------------------------------

def _folder(tmp_path: Path, init: str | None, chalkgrad: bool, hips: bool) -> Path:
    path = tmp_path / "autograd"
    path.mkdir()
    for name in (_install_check.CHALKGRAD_FILES if chalkgrad else ()) + (_install_check.HIPS_FILES if hips else ()):
        (path / name).write_text("")
    texts = {"chalkgrad": "from .value import Value\n", "hips": "from .differential_operators import grad\n"}
    if init:
        (path / "__init__.py").write_text(texts[init])
    return path


@pytest.mark.parametrize("init, chalkgrad, hips, merged, half", [
    ("chalkgrad", True, False, False, False),
    ("hips", False, True, False, False),
    ("chalkgrad", True, True, True, False),
    ("hips", True, True, True, False),
    (None, True, False, False, True),
    (None, False, True, False, True),
])
def test_a_folder_is_read_without_importing_it(tmp_path, init, chalkgrad, hips, merged, half):
    found = _install_check.inspect(_folder(tmp_path, init, chalkgrad, hips))
    assert (found.init, found.chalkgrad, found.hips) == (init, chalkgrad, hips)
    assert (found.merged, found.half_uninstalled) == (merged, half)


def test_the_fix_restores_the_hips_release_that_was_installed(tmp_path):
    folder = _install_check.inspect(_folder(tmp_path, "chalkgrad", True, True))
    (tmp_path / "autograd-1.9.1.dist-info").mkdir()
    message = _install_check.merged_message(folder)
    assert "chalkgrad was installed last" in message and "HIPS autograd is broken" in message
    uninstall, reinstall = _assert_safe(message)
    assert uninstall[-3:] == ["uninstall", "-y", "chalkgrad"]
    assert reinstall[-4:] == ["install", "--force-reinstall", "--no-deps", "autograd==1.9.1"]


def test_a_half_uninstalled_chalkgrad_is_put_back_from_where_it_came(tmp_path):
    folder = _install_check.inspect(_folder(tmp_path, None, True, False))
    info = tmp_path / "chalkgrad-0.1.0.dist-info"
    info.mkdir()
    assert _assert_safe(_install_check.chalkgrad_half_message(folder))[0][-1] == "chalkgrad==0.1.0"
    (info / "direct_url.json").write_text(json.dumps({"url": "file:///wheels/chalkgrad-0.1.0-py3-none-any.whl"}))
    assert _assert_safe(_install_check.chalkgrad_half_message(folder))[0][-1].startswith("file:///wheels/")


def test_a_clean_environment_gives_no_warning():
    import autograd

    assert _install_check.warn_about_neighbours(autograd.__path__[0]) == []


# ---- the README's first cell for hosted notebooks ---------------------------------------------------

CHALKGRAD_WORKS = ("import autograd, nn\n"
                   "assert autograd.__file__.startswith(str(folder)), autograd.__file__\n"
                   "x = autograd.Value(0.5); y = x.tanh(); y.backward()\n"
                   "m = nn.MLP(2, [3, 1], seed=0); assert isinstance(m([1.0, 2.0]), autograd.Value)\n"
                   "print('chalkgrad works', round(x.grad, 6))\n")


@pytest.mark.slow
def test_first_cell_runs_chalkgrad_beside_hips_and_leaves_hips_untouched(tmp_path):
    python, work, home = venvs.hips_venv(tmp_path / "venv"), tmp_path / "work", tmp_path / "home"
    work.mkdir()
    before = venvs.hips_files(python)
    env = venvs.offline_env(home)
    for _ in range(2):  # the second run finds chalkgrad's folder and installs nothing
        out = venvs.run([python, "-W", "error::UserWarning", "-c", venvs.hosted_cell() + CHALKGRAD_WORKS],
                        cwd=work, env=env)
        assert "chalkgrad works 0.786448" in out.stdout, out.stderr
    assert (home / ".chalkgrad" / "autograd" / "value.py").is_file()
    assert venvs.hips_files(python) == before  # byte for byte
    assert "HIPS autograd works" in venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env).stdout


@pytest.mark.slow
def test_first_cell_does_nothing_where_autograd_is_already_chalkgrad(tmp_path):
    home = tmp_path / "home"
    env = venvs.offline_env(home)
    env["PYTHONPATH"] = str(venvs.ROOT)  # as in a checkout, where chalkgrad is what `import autograd` finds
    out = venvs.run([sys.executable, "-c", venvs.hosted_cell() + "print(autograd.__file__)"],
                    cwd=tmp_path, env=env)
    assert out.stdout.strip() == str(venvs.ROOT / "autograd" / "__init__.py")
    assert not (home / ".chalkgrad").exists()


@pytest.mark.slow
def test_first_cell_then_a_notebook_runs_top_to_bottom_beside_hips(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbclient")
    python, work, home = venvs.hips_venv(tmp_path / "venv"), tmp_path / "work", tmp_path / "home"
    work.mkdir()
    before = venvs.hips_files(python)
    # Like a hosted image, the environment has Jupyter and matplotlib: borrow ours, after its own packages
    # (a bare path in a .pth file; our editable chalkgrad is not activated by it).
    ours = next(Path(p) for p in sys.path if p.endswith("site-packages") and Path(p, "ipykernel").is_dir())
    (venvs.site_packages(python) / "zz_jupyter.pth").write_text(str(ours) + "\n")
    spec = tmp_path / "jupyter" / "kernels" / "hips"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f",
                                                           "{connection_file}"], "language": "python",
                                                  "display_name": "hosted"}))
    source = sorted((venvs.ROOT / "notebooks").glob("01_*.ipynb"))[0]
    nb = nbformat.read(source, as_version=4)  # as committed: it starts with the README's first cell
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert first.source + "\n" == venvs.hosted_cell()
    nb.cells.append(nbformat.v4.new_code_cell("assert autograd.__file__.startswith(str(folder)), autograd.__file__"))
    nbformat.write(nb, work / "hosted.ipynb")
    runner = ("import nbformat, nbclient\n"
              "nb = nbformat.read('hosted.ipynb', as_version=4)\n"
              "nbclient.NotebookClient(nb, kernel_name='hips', timeout=120,\n"
              "                        resources={'metadata': {'path': '.'}}).execute()\n")
    env = venvs.offline_env(home)
    env["JUPYTER_PATH"] = str(tmp_path / "jupyter")
    venvs.run([sys.executable, "-c", runner], cwd=work, env=env, timeout=600)
    assert (home / ".chalkgrad" / "nn" / "__init__.py").is_file()
    (venvs.site_packages(python) / "zz_jupyter.pth").unlink()
    assert venvs.hips_files(python) == before
    assert "HIPS autograd works" in venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env).stdout


# ---- each mixed state: detected at import, and the advised fix works ---------------------------------

def _state(tmp_path: Path):
    python, work = venvs.hips_venv(tmp_path / "venv"), tmp_path / "work"
    work.mkdir()
    return python, work, venvs.offline_env(tmp_path / "home"), venvs.hips_files(python, compiled=False)


@pytest.mark.slow
def test_chalkgrad_installed_over_hips_warns_and_the_fix_restores_hips(tmp_path):
    python, work, env, before = _state(tmp_path)
    venvs.run([python, "-m", "pip", "install", "chalkgrad"], cwd=work, env=env)
    assert venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env, check=False).returncode != 0
    out = venvs.run([python, "-c", SHOW_WARNINGS + "import autograd; print(autograd.Value)"], cwd=work, env=env)
    [message] = _warnings(out.stdout)
    assert "chalkgrad was installed last" in message
    assert "HIPS autograd is broken" in message and str(venvs.site_packages(python) / "autograd") in message
    _apply(_assert_safe(message), python, work)
    assert "HIPS autograd works" in venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env).stdout
    assert venvs.hips_files(python, compiled=False) == before


@pytest.mark.slow
def test_hips_installed_over_chalkgrad_stops_nn_and_the_fix_restores_hips(tmp_path):
    python, work, env, before = _state(tmp_path)
    venvs.run([python, "-m", "pip", "install", "chalkgrad"], cwd=work, env=env)
    venvs.run([python, "-m", "pip", "install", "--force-reinstall", "--no-deps", venvs.HIPS], cwd=work, env=env)
    out = venvs.run([python, "-c", "import nn"], cwd=work, env=env, check=False)
    assert out.returncode != 0 and "ImportError" in out.stderr
    message = out.stderr[out.stderr.index("ImportError: ") + len("ImportError: "):]
    assert "HIPS autograd was installed last" in message and "chalkgrad does not work" in message
    assert "HIPS autograd works" in venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env).stdout
    _apply(_assert_safe(message), python, work)
    assert "HIPS autograd works" in venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env).stdout
    assert venvs.hips_files(python, compiled=False) == before


@pytest.mark.slow
def test_hips_uninstalled_from_a_shared_folder_stops_nn_and_the_fix_restores_chalkgrad(tmp_path):
    python, work, env, _ = _state(tmp_path)
    venvs.run([python, "-m", "pip", "install", venvs.built().wheel], cwd=work, env=env)  # from a wheel file
    venvs.run([python, "-m", "pip", "uninstall", "-y", "autograd"], cwd=work, env=env)
    out = venvs.run([python, "-c", "import nn"], cwd=work, env=env, check=False)
    assert out.returncode != 0
    message = out.stderr[out.stderr.index("ImportError: ") + len("ImportError: "):]
    assert "lost its __init__.py" in message and "HIPS autograd" in message
    commands = _assert_safe(message)
    assert commands[0][-1] == venvs.built().wheel.as_uri()  # put back from the wheel it came from
    _apply(commands, python, work)
    out = venvs.run([python, "-W", "error::UserWarning", "-c", "import nn; from autograd import Value; print('ok')"],
                    cwd=work, env=env)
    assert out.stdout.strip() == "ok"


@pytest.mark.slow
def test_chalkgrad_uninstalled_from_a_shared_folder_is_reported_by_the_first_cell(tmp_path):
    python, work, env, before = _state(tmp_path)
    venvs.run([python, "-m", "pip", "install", "chalkgrad"], cwd=work, env=env)
    venvs.run([python, "-m", "pip", "uninstall", "-y", "chalkgrad"], cwd=work, env=env)
    assert venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env, check=False).returncode != 0
    out = venvs.run([python, "-c", SHOW_WARNINGS + venvs.hosted_cell() + CHALKGRAD_WORKS],
                    cwd=work, env=env)
    assert "chalkgrad works" in out.stdout
    [message] = _warnings(out.stdout)
    assert "HIPS autograd in" in message and "lost its __init__.py" in message
    _apply(_assert_safe(message), python, work)
    assert "HIPS autograd works" in venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env).stdout
    assert venvs.hips_files(python, compiled=False) == before
    out = venvs.run([python, "-c", SHOW_WARNINGS + venvs.hosted_cell() + CHALKGRAD_WORKS],
                    cwd=work, env=env)
    assert "chalkgrad works" in out.stdout and _warnings(out.stdout) == []


@pytest.mark.slow
def test_hips_first_on_sys_path_stops_nn_with_a_fix_that_touches_nothing(tmp_path):
    python, work, env, before = _state(tmp_path)
    private = tmp_path / "private"
    venvs.run([python, "-m", "pip", "install", "-q", "--target", private, "chalkgrad"], cwd=work, env=env)
    out = venvs.run([python, "-c", f"import sys; sys.path.append({str(private)!r}); import nn"],
                    cwd=work, env=env, check=False)
    message = out.stderr[out.stderr.index("ImportError: ") + len("ImportError: "):]
    assert "sys.path.insert(0, " in message and str(private) in message
    assert _assert_safe(message) == []
    advised = next(line.strip() for line in message.splitlines() if "sys.path.insert" in line)
    check = advised + "\nimport nn, autograd; print(autograd.Value)"
    out = venvs.run([python, "-W", "error::UserWarning", "-c", check],
                    cwd=work, env=env)
    assert "autograd.value.Value" in out.stdout
    # The same, but HIPS autograd was imported before the folder was put first: restart, nothing else.
    out = venvs.run([python, "-c", f"import autograd, sys; sys.path.insert(0, {str(private)!r}); import nn"],
                    cwd=work, env=env, check=False)
    assert "restart Python" in out.stderr and "Both packages stay installed" in out.stderr
    assert venvs.hips_files(python, compiled=False) == before


@pytest.mark.slow
def test_first_cell_over_a_merged_folder_runs_chalkgrad_and_names_the_folder_to_repair(tmp_path):
    python, work, env, before = _state(tmp_path)
    venvs.run([python, "-m", "pip", "install", "chalkgrad"], cwd=work, env=env)
    venvs.run([python, "-m", "pip", "install", "--force-reinstall", "--no-deps", venvs.HIPS], cwd=work, env=env)
    out = venvs.run([python, "-c", SHOW_WARNINGS + venvs.hosted_cell() + CHALKGRAD_WORKS], cwd=work, env=env)
    assert "chalkgrad works" in out.stdout
    [message] = _warnings(out.stdout)
    assert "HIPS autograd was installed last" in message and "comes from another folder" in message
    _apply(_assert_safe(message), python, work)
    assert "HIPS autograd works" in venvs.run([python, "-c", venvs.HIPS_WORKS], cwd=work, env=env).stdout
    assert venvs.hips_files(python, compiled=False) == before
    out = venvs.run([python, "-c", SHOW_WARNINGS + venvs.hosted_cell() + CHALKGRAD_WORKS], cwd=work, env=env)
    assert "chalkgrad works" in out.stdout and _warnings(out.stdout) == []


def test_nn_explains_an_autograd_that_came_from_nowhere_it_can_name():
    import types

    from nn._check import diagnose

    message = diagnose(types.ModuleType("autograd"))  # no __file__, no __path__
    assert "an unknown place" in message and "sys.path" in message
    assert _assert_safe(message) == []
