"""The layout's promises, checked on the source: the public import paths work, modules import each
other without a circle, the engine core imports no wing (pictures, walkthrough, codegen), no function
is over 60 lines, and no module imports another module's private name."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("autograd", "nn")
CORE = ("autograd.value", "autograd.ops", "autograd.graph", "autograd.backward", "autograd.grad_mode",
        "autograd.checks", "autograd.floatmath")
WINGS = ("autograd.draw", "autograd.player", "autograd.codegen")
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    """Every module of the two packages by dotted name (a package by its __init__.py)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _absolute(name: str, node: ast.ImportFrom) -> str:
    """The module an ``from ... import`` statement in module `name` names, as a dotted path."""
    if not node.level:
        return node.module or ""
    base = name.split(".") if _is_package(name) else name.split(".")[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _top_level_imports(tree: ast.Module) -> list[ast.stmt]:
    """Import statements that run when the module is imported: at top level, or inside a top-level
    if/try (but not ``if TYPE_CHECKING:``), never inside a function or class body."""
    found, todo = [], list(tree.body)
    while todo:
        stmt = todo.pop(0)
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            found.append(stmt)
        elif isinstance(stmt, ast.If) and "TYPE_CHECKING" not in ast.unparse(stmt.test):
            todo += stmt.body + stmt.orelse
        elif isinstance(stmt, ast.Try):
            todo += stmt.body + stmt.orelse + stmt.finalbody + [s for h in stmt.handlers for s in h.body]
    return found


def _imports(name: str) -> set[str]:
    """The modules of ours that module `name` imports at import time."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    targets = set()
    for stmt in _top_level_imports(tree):
        if isinstance(stmt, ast.Import):
            targets |= {alias.name for alias in stmt.names}
            continue
        module = _absolute(name, stmt)
        for alias in stmt.names:  # `from . import losses` imports the module nn.losses
            sub = f"{module}.{alias.name}"
            targets.add(sub if sub in MODULES else module)
    return {t for t in targets if t in MODULES and t != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iteratively)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


# ---- the public import paths ---------------------------------------------------------------------

def test_every_public_import_path_works():
    # In a fresh interpreter, so that nothing imported by other tests can hide a missing name.
    code = ("from autograd import Value, draw_dot, walkthrough, to_source, trace, explain, grad, no_grad, gradcheck\n"
            "import autograd\n"
            "assert callable(autograd.compile) and autograd.compile.__module__ == 'autograd.codegen.compiled'\n"
            "import nn\n"
            "assert callable(nn.fit) and callable(nn.gradcheck) and nn.MLP\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name):
    importlib.import_module(name)


# ---- imports flow one way ------------------------------------------------------------------------

def test_the_scan_sees_imports():
    """The scanner itself: it finds known edges, so an empty result below means something."""
    assert "autograd.backward" in GRAPH["autograd.value"]
    assert "autograd.ops" in GRAPH["autograd.value"]
    assert "autograd.draw.options" in GRAPH["autograd.player.steps"]
    assert "nn.losses" in GRAPH["nn.metrics"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_among_modules():
    assert _cycles(GRAPH) == [], "modules that import each other at import time"


def test_the_core_imports_no_wing_at_module_level():
    core = {name for name in MODULES if _under(name, CORE)}
    reached, todo = set(core), list(core)
    while todo:  # everything the core needs at import time, directly or through another module
        for target in GRAPH[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    wings = sorted(name for name in reached if _under(name, WINGS))
    assert not wings, f"the core reaches {wings} at import time; import them inside the function that needs them"
    assert not any(name == "autograd" or _under(name, ("nn",)) for name in reached - core)


# ---- small functions, public names ---------------------------------------------------------------

def _functions(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_no_function_is_over_60_lines():
    long = []
    for path in MODULES.values():
        for fn in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            lines = fn.end_lineno - fn.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long.append(f"{path.relative_to(ROOT)}:{fn.lineno} {fn.name} ({lines} lines)")
    assert not long, "split these into named steps:\n" + "\n".join(long)


def test_no_module_imports_another_modules_private_name():
    found = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for stmt in ast.walk(tree):
            if not isinstance(stmt, ast.ImportFrom) or stmt.module == "__future__":
                continue
            module = _absolute(name, stmt)
            for alias in stmt.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                # a package may import its own private module (nn/__init__.py runs nn._check)
                own_module = f"{module}.{alias.name}" in MODULES and module == name
                if private and not own_module:
                    found.append(f"{path.relative_to(ROOT)}:{stmt.lineno} imports {alias.name} from {module}")
    assert not found, "use (or give the module) a public name:\n" + "\n".join(found)
