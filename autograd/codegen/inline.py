"""An op's forward formula and local derivatives as Python expressions, read from the op class itself.

Generated code (``to_source``, ``compile``) must compute exactly what the eager engine computes, so
it never keeps a second copy of the formulas: it parses each op's ``forward`` and ``local_grads``,
puts the node's variable names in place of the parameters, and folds away what depends only on
the graph's shape (how many inputs, a constant exponent). A rule this cannot inline (a loop, a
comprehension) is called instead (``Max.forward(a, b)``): slower to run, still exact.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import math
import sys
import textwrap
import types
from functools import cache
from typing import Any

from .. import floatmath
from ..ops import base

# Helpers of ops/base.py, replaced by what they do on floats (which is all generated code handles).
_ON_FLOATS = {base.div: "div", base.pow: "pow"}
_SAFE_BUILTINS = {"sum", "abs", "max", "min", "len", "float", "map"}
# Until Python 3.12, sum() of floats adds left to right, so it can be written as a chain of `+`
# (easier to read, and faster); 3.12 compensates rounding errors inside sum(), so it stays a call.
_PLAIN_SUM = sys.version_info < (3, 12)
_CHAIN_LIMIT = 64


class NotInlinable(Exception):
    """The rule uses something that is not a plain expression; generated code calls it instead."""


def literal(x: float) -> ast.expr:
    """A number as source: inf and nan are not literals, so they are spelled with math. Written from
    float(x), so a numpy float or a float subclass with its own repr becomes a plain float literal
    (an int from an op's own source, such as a tuple index, stays an int)."""
    x = x if type(x) is int else float(x)
    if math.isnan(x):
        return ast.parse("math.nan", mode="eval").body
    if math.isinf(x):
        return ast.parse("math.inf" if x > 0 else "-math.inf", mode="eval").body
    if math.copysign(1.0, x) < 0:  # -2.0 as a unary minus, so that (-2.0) ** x keeps its brackets
        return ast.UnaryOp(ast.USub(), ast.Constant(-x))
    return ast.Constant(x)


def _copy(node: Any) -> Any:
    """A syntax tree's copy. copy.deepcopy does the same through its generic machinery, about ten
    times slower, which a neuron with hundreds of inputs (a tuple of hundreds of names) feels.
    Names, constants and contexts are shared, not copied: nothing here changes them in place."""
    if isinstance(node, (ast.Name, ast.Constant, ast.expr_context)):
        return node
    if isinstance(node, ast.AST):
        new = node.__class__.__new__(node.__class__)
        for field in node._fields:
            setattr(new, field, _copy(getattr(node, field, None)))
        for attribute in node._attributes:  # line numbers: kept for error messages
            if hasattr(node, attribute):
                setattr(new, attribute, getattr(node, attribute))
        return new
    if isinstance(node, list):
        return [_copy(x) for x in node]
    return node


@cache
def _parsed(func: Any) -> tuple[list[str], str | None, list[ast.stmt]]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    fn = tree.body[0]
    if not isinstance(fn, ast.FunctionDef):
        raise NotInlinable(func)
    body = [s for s in fn.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]  # docstrings
    vararg = fn.args.vararg.arg if fn.args.vararg else None
    return [a.arg for a in fn.args.args], vararg, body


def inline(func: Any, args: list[ast.expr], modules: set[str]) -> ast.expr:
    """The body of `func` (``name = expr`` lines, then ``return expr``) with `args` substituted."""
    names, vararg, body = _parsed(func)
    if len(args) < len(names) or (vararg is None and len(args) > len(names)):
        raise NotInlinable(func)
    env: dict[str, ast.expr] = dict(zip(names, args))
    if vararg is not None:
        env[vararg] = ast.Tuple(list(args[len(names):]), ast.Load())
    rewrite = _Rewrite(env, func.__globals__, modules)
    for stmt in body[:-1]:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)):
            raise NotInlinable(func)
        env[stmt.targets[0].id] = rewrite.expr(stmt.value)
    last = body[-1] if body else None
    if not isinstance(last, ast.Return) or last.value is None:
        raise NotInlinable(func)
    return rewrite.expr(last.value)


class _Rewrite(ast.NodeTransformer):
    """Substitutes names, resolves the op module's globals, and folds constant parts."""

    def __init__(self, env: dict[str, ast.expr], globals_: dict, modules: set[str]) -> None:
        self.env, self.globals, self.modules = env, globals_, modules

    def expr(self, node: ast.expr) -> ast.expr:
        return self.visit(_copy(node))

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp,
                             ast.NamedExpr, ast.Starred)):
            raise NotInlinable(node)  # new scopes or bindings: call the rule instead
        return _fold(super().generic_visit(node))

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id in self.env:
            return _copy(self.env[node.id])
        value = self.globals.get(node.id, getattr(builtins, node.id, None))
        if isinstance(value, types.ModuleType) and value in (math, floatmath, sys.modules["operator"]):
            self.modules.add(node.id)
            return node
        if type(value) in (int, float) and node.id not in vars(builtins):
            return literal(value)  # a module constant such as GELU's sqrt(2/pi)
        if node.id in _SAFE_BUILTINS and value is getattr(builtins, node.id):
            return node
        raise NotInlinable(node.id)

    def visit_Call(self, node: ast.Call) -> ast.expr:
        f = self.globals.get(node.func.id) if isinstance(node.func, ast.Name) else None
        if f is base.num:  # the number behind a float is the float
            return self.visit(node.args[0])
        if f in _ON_FLOATS:
            self.modules.add("floatmath")
            node.func = ast.Attribute(ast.Name("floatmath", ast.Load()), _ON_FLOATS[f], ast.Load())
        elif f is base.call:  # another op's forward, applied to a number
            op = self.globals.get(node.args[0].id) if isinstance(node.args[0], ast.Name) else None
            if not (isinstance(op, type) and issubclass(op, base.Op)):
                raise NotInlinable(node)
            return inline(op.forward, [self.visit(a) for a in node.args[1:]], self.modules)
        return self.generic_visit(node)


def _const(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float, bool)


def _value(node: ast.AST) -> Any:
    return -node.operand.value if isinstance(node, ast.UnaryOp) else node.value


def _fold(node: ast.AST) -> ast.AST:
    """Evaluate what depends only on the graph's shape: len(tuple), tuple slices, constant maths."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = node.args
        if node.func.id == "len" and len(args) == 1 and isinstance(args[0], ast.Tuple):
            return ast.Constant(len(args[0].elts))
        if (node.func.id == "map" and len(args) == 3 and ast.unparse(args[0]) == "operator.mul"
                and isinstance(args[1], ast.Tuple) and isinstance(args[2], ast.Tuple)
                and len(args[1].elts) == len(args[2].elts)):  # map(mul, a, b): the products, in order
            return ast.Tuple([ast.BinOp(a, ast.Mult(), b) for a, b in zip(args[1].elts, args[2].elts)],
                             ast.Load())
        if (_PLAIN_SUM and node.func.id == "sum" and len(args) == 2 and not node.keywords
                and isinstance(args[0], ast.Tuple) and len(args[0].elts) <= _CHAIN_LIMIT):
            # sum((t1, t2), start) is start + t1 + t2; a long sum stays a call, as a deep chain of
            # `+` would be deeper than Python's parser and ast.unparse like
            total = args[1]
            for term in args[0].elts:
                total = ast.BinOp(total, ast.Add(), term)
            return total
        return node
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Tuple):
        elts, index = node.value.elts, node.slice
        if _const(index):
            return elts[_value(index)]
        if isinstance(index, ast.Slice) and all(p is None or _const(p) for p in
                                                (index.lower, index.upper, index.step)):
            part = slice(*(_value(p) if p is not None else None for p in (index.lower, index.upper, index.step)))
            return ast.Tuple(elts[part], ast.Load())
        return node
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Tuple):
        if isinstance(node.op, ast.Add) and isinstance(node.right, ast.Tuple):
            return ast.Tuple(node.left.elts + node.right.elts, ast.Load())
        if isinstance(node.op, ast.Mult) and _const(node.right):
            return ast.Tuple([_copy(e) for _ in range(_value(node.right)) for e in node.left.elts],
                             ast.Load())
    if isinstance(node, ast.IfExp) and _const(node.test):
        return node.body if _value(node.test) else node.orelse
    if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp)):
        parts = [n for n in ast.iter_child_nodes(node) if isinstance(n, ast.expr)]
        if parts and all(_const(p) for p in parts) and not _const(node):
            try:  # the same float operations, done now instead of at every step
                value = eval(compile(ast.fix_missing_locations(ast.Expression(node)), "<fold>", "eval"),
                             {"__builtins__": {}})
            except ArithmeticError:
                return node
            return ast.Constant(value) if type(value) is bool else literal(value)
    return node


def elements(node: ast.expr, n: int) -> list[ast.expr] | None:
    """A tuple-valued expression as n separate expressions, when its shape is visible."""
    if isinstance(node, ast.Tuple) and len(node.elts) == n:
        return node.elts
    if isinstance(node, ast.IfExp):  # (1.0, 0.0) if x > 0 else (a, x): one conditional per element
        body, orelse = elements(node.body, n), elements(node.orelse, n)
        if body is not None and orelse is not None:
            return [ast.IfExp(_copy(node.test), b, o) for b, o in zip(body, orelse)]
    return None
