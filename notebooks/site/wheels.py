"""The site's Python wheels: Pyodide's lock file pruned to the pure-Python wheels the kernel needs (fetched
from PyPI at the lock's versions, their hashes rewritten), chalkgrad's own dependencies, and the small
`chalkgrad_browser` wheel that carries Graphviz in WebAssembly and the Arimo font from npm."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

BROWSER_PACKAGE = "chalkgrad_browser"
FONT_FILES = {("arimo-latin-400-normal.woff2", 400), ("arimo-latin-700-normal.woff2", 700),
              ("arimo-greek-400-normal.woff2", 400), ("arimo-greek-700-normal.woff2", 700),
              ("arimo-latin-ext-400-normal.woff2", 400)}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def download(specs: list[str], folder: Path) -> list[Path]:
    """Pure-Python wheels for `name==version` specs, from PyPI once, then from the cache folder."""
    folder.mkdir(parents=True, exist_ok=True)

    def cached(spec: str) -> Path | None:
        name, version = spec.split("==")
        return next((p for p in folder.glob("*.whl")
                     if normal(p.name.split("-")[0]) == normal(name) and p.name.split("-")[1] == version), None)

    missing = [s for s in specs if cached(s) is None]
    if missing:
        pure = ["--python-version", "3.14", "--implementation", "py", "--abi", "none", "--platform", "any"]
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", *pure,
                        "-d", str(folder), *missing], check=True)
    wheels = [cached(s) for s in specs]
    for spec, wheel in zip(specs, wheels):
        if wheel is None or not wheel.name.endswith("-none-any.whl"):
            raise SystemExit(f"no pure-Python wheel for {spec} on PyPI ({wheel}): the browser cannot use it")
    return wheels


def pinned_wheels(pins: list[str], folder: Path) -> list[Path]:
    return download(pins, folder)


def prune_lock(lock: dict, roots: list[str], folder: Path, target: Path) -> list[str]:
    """Keep only `roots` and what they depend on; their wheels come from PyPI into `target`."""
    packages, keep, todo = lock["packages"], [], list(roots)
    key = {normal(n): n for n in packages}  # depends may spell a name prompt_toolkit, its key prompt-toolkit
    while todo:
        name = key[normal(todo.pop())]
        if name not in keep:
            keep.append(name)
            todo += packages[name]["depends"]
    wheels = download([f"{n}=={packages[n]['version']}" for n in keep], folder)
    for name, wheel in zip(keep, wheels):
        shutil.copy2(wheel, target / wheel.name)
        packages[name].update(file_name=wheel.name, sha256=sha256(wheel), unvendored_tests=False)
    lock["packages"] = {n: packages[n] for n in sorted(keep)}
    return keep


def lock_entry(wheel: Path) -> dict:
    """The pyodide-lock.json entry for a pure-Python wheel."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        fields = dict(re.findall(r"^(Name|Version): (.+)$", z.read(meta).decode(), re.M))
    tops = sorted({n.split("/")[0].removesuffix(".py") for n in names
                   if not n.split("/")[0].endswith((".dist-info", ".data")) and (n.endswith(".py") or "/" in n)})
    return {"name": normal(fields["Name"].strip()), "version": fields["Version"].strip(), "file_name": wheel.name,
            "install_dir": "site", "sha256": sha256(wheel), "package_type": "package", "imports": tops,
            "depends": [], "unvendored_tests": False, "shared_library": False}


def font_css(node: Path) -> str:
    """@font-face rules for Arimo, the fonts inlined (an SVG shown as an image may load nothing else)."""
    files, rules = node / "@fontsource" / "arimo" / "files", []
    for name, weight in sorted(FONT_FILES):
        data = base64.b64encode((files / name).read_bytes()).decode()
        rules.append(f"@font-face{{font-family:chalkgrad-sans;font-weight:{weight};"
                     f"src:url(data:font/woff2;base64,{data}) format('woff2')}}")
    return "".join(rules)


def browser_wheel(node: Path, cache: Path) -> Path:
    """chalkgrad_browser: Graphviz in WebAssembly (an ES module) and the font, as package data."""
    version = json_version(node / "@hpcc-js" / "wasm-graphviz" / "package.json")
    files = {
        f"{BROWSER_PACKAGE}/__init__.py": '"""Graphviz in WebAssembly and the Arimo font, for chalkgrad in a '
                                          'browser tab (read by autograd/draw/backend.py)."""\n',
        f"{BROWSER_PACKAGE}/graphviz.mjs": (node / "@hpcc-js/wasm-graphviz/dist/index.js").read_text(),
        f"{BROWSER_PACKAGE}/fonts.css": font_css(node),
        f"{BROWSER_PACKAGE}/LICENSE-graphviz": (node / "@hpcc-js/wasm-graphviz/LICENSE").read_text(),
        f"{BROWSER_PACKAGE}/LICENSE-arimo": (node / "@fontsource/arimo/LICENSE").read_text(),
    }
    info = f"{BROWSER_PACKAGE}-{version}.dist-info"
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: chalkgrad-browser\nVersion: {version}\n"
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: chalkgrad-site\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = [f"{n},sha256={_b64(hashlib.sha256(t.encode()).digest())},{len(t.encode())}" for n, t in files.items()]
    files[f"{info}/RECORD"] = "\n".join(record + [f"{info}/RECORD,,"]) + "\n"
    wheel = cache / f"{BROWSER_PACKAGE}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), text)  # reproducible
    return wheel


def json_version(path: Path) -> str:
    import json

    return json.loads(path.read_text())["version"]


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
