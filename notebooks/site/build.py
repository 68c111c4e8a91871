"""Build the offline course site: JupyterLite running Python in the browser (Pyodide), with chalkgrad,
its dependencies and Graphviz in WebAssembly preinstalled, every notebook, and the playground page.

    python notebooks/site/build.py OUT_DIR [--cache DIR]

Everything comes from npm (package-lock.json beside this file) and PyPI (the pins below) at build time;
the site itself asks nothing of any other server. `make site` installs what this needs first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wheels import browser_wheel, lock_entry, pinned_wheels, prune_lock  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NODE = HERE / "node_modules"
# The kernel's own needs from Pyodide's distribution (npm's pyodide holds none of its wheels, so they
# come from PyPI at the versions its lock file names), and what chalkgrad needs on top.
KERNEL_PACKAGES = ["micropip", "ipython", "jedi", "tqdm", "typing-extensions"]
PYPI_PINS = ["graphviz==0.21", "anywidget==0.11.0", "ipywidgets==8.1.9", "jupyterlab-widgets==3.0.17",
             "psygnal==0.16.1", "comm==0.2.3"]
PRELOADED = ["chalkgrad", "chalkgrad-browser", "graphviz", "tqdm", "anywidget", "ipywidgets",
             "jupyterlab-widgets", "psygnal", "typing-extensions"]
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"


def step(message: str) -> None:
    print(f"[site {time.strftime('%H:%M:%S')}] {message}", flush=True)


def npm_packages() -> None:
    """Pyodide, Graphviz in WebAssembly and the font, exactly as package-lock.json pins them."""
    if (NODE / ".package-lock.json").exists() and \
            (NODE / ".package-lock.json").stat().st_mtime >= (HERE / "package-lock.json").stat().st_mtime:
        return
    step("npm ci")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE, check=True)


def pyodide_folder(lite: Path, cache: Path) -> list[str]:
    """static/pyodide: the core from npm, and a lock file pruned to the wheels the site carries."""
    target = lite / "static" / "pyodide"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "package.json"):
        shutil.copy2(NODE / "pyodide" / name, target / name)
    lock = json.loads((NODE / "pyodide" / "pyodide-lock.json").read_text())
    kept = prune_lock(lock, KERNEL_PACKAGES, cache / "wheels", target)
    extras = pinned_wheels(PYPI_PINS, cache / "wheels") + [chalkgrad_wheel(cache), browser_wheel(NODE, cache)]
    for wheel in extras:
        shutil.copy2(wheel, target / wheel.name)
        entry = lock_entry(wheel)
        lock["packages"][entry["name"]] = entry
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    (lite / "pypi").mkdir(exist_ok=True)  # the kernel installs comm from here, as piplite would
    comm = next(w for w in extras if w.name.startswith("comm-"))
    shutil.copy2(comm, lite / "pypi" / comm.name)
    return kept + [lock_entry(w)["name"] for w in extras]


def chalkgrad_wheel(cache: Path) -> Path:
    """chalkgrad itself, built from this checkout."""
    out = cache / "chalkgrad-wheel"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("chalkgrad-*.whl"))


def lite_config(lite: Path) -> None:
    settings = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": PRELOADED}}
    config = {"jupyter-config-data": {"appName": "chalkgrad", "litePluginSettings": {KERNEL_SETTINGS: settings}}}
    (lite / "jupyter-lite.json").write_text(json.dumps(config, indent=1))
    # Render every cell, not only those scrolled into view: a course notebook is short, and a printed or
    # searched page then holds all of it. No news feed: it would ask the internet.
    overrides = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
                 "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
    (lite / "overrides.json").write_text(json.dumps(overrides, indent=1))


def contents() -> list[Path]:
    """Every notebook, and the assignments folder when there is one."""
    found = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assignments = ROOT / "notebooks" / "assignments"
    return found + ([assignments] if assignments.is_dir() else [])


def lite_build(lite: Path, out: Path) -> None:
    step("jupyter lite build")
    command = [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(lite), "--output-dir", str(out),
               "--no-sourcemaps"]  # a third of the site's size, and only for debugging JupyterLab itself
    for item in contents():
        command += ["--contents", str(item)]
    subprocess.run(command, cwd=lite, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where the site goes (replaced)")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "site-cache",
                        help="downloads and wheels kept between builds (default: build/site-cache)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    cache, lite = args.cache.resolve(), args.cache.resolve() / "lite"
    lite.mkdir(parents=True, exist_ok=True)
    npm_packages()
    step("Pyodide and the wheels")
    packages = pyodide_folder(lite, cache)
    lite_config(lite)
    staged = cache / "out"
    shutil.rmtree(staged, ignore_errors=True)
    # The build tool remembers finished steps and would skip merging jupyter-lite.json into a fresh
    # output folder; forgetting them costs a few seconds.
    (lite / ".jupyterlite.doit.db").unlink(missing_ok=True)
    lite_build(lite, staged)
    shutil.copytree(HERE / "playground", staged / "playground")
    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(staged, out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    step(f"done in {time.monotonic() - started:.0f} s: {out} ({size / 1e6:.0f} MB, {len(packages)} Python packages)")
    print(f"Serve it with:  python -m http.server -d {out} 8000   then open http://127.0.0.1:8000/lab/index.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
