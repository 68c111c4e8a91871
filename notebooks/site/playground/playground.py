"""The playground page's Python: run the student's code, then draw its last Value and walk through
its backward pass (the same draw() and walkthrough() as in the notebooks)."""

import ast
import contextlib
import io
import json
import traceback
import warnings

from autograd import Value, walkthrough
from autograd.draw import backend


async def graphviz_ready():
    return await backend.ready()


def last_value(tree, namespace):
    """The value to show: the last line's, when it is an expression; else the last Value assigned."""
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        return eval(compile(ast.Expression(tree.body.pop().value), "<playground>", "eval"), namespace)
    found = [v for v in namespace.values() if isinstance(v, Value)]
    return found[-1] if found else None


def run(code):
    """Run `code`; a JSON object with what it printed, any error, and the pictures."""
    result = {"stdout": "", "error": "", "svg": "", "walkthrough": "", "note": ""}
    printed = io.StringIO()
    namespace = {"__name__": "__main__"}
    try:
        tree = ast.parse(code, "<playground>")
        shown_expr = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = ast.Module(tree.body[:-1] if shown_expr else tree.body, type_ignores=[])
        with contextlib.redirect_stdout(printed), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the slide-fit advice is for lecture slides, not this page
            exec(compile(body, "<playground>", "exec"), namespace)
            value = last_value(ast.Module([shown_expr] if shown_expr else [], type_ignores=[]), namespace)
            if isinstance(value, Value):
                result["svg"] = value.draw().picture("svg").decode("utf-8")
                result["walkthrough"] = walkthrough(value).html()
                result["note"] = f"Drawn: {value!r}"
            else:
                result["note"] = "Make the last line a Value (e.g. o) to see its graph and walkthrough."
    except Exception as error:  # noqa: BLE001 - the student's error is shown on the page, as Python prints it
        frames = error.__traceback__
        while frames is not None and frames.tb_frame.f_code.co_filename != "<playground>":
            frames = frames.tb_next  # from the student's first line on: this file's frames are noise
        result["error"] = "".join(traceback.format_exception(type(error), error, frames))
    result["stdout"] = printed.getvalue()
    return json.dumps(result)
