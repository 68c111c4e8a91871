"""How a computation graph looks: role colours, fonts, highlighting and the escaped HTML-like labels
of value and operation nodes. autograd/draw/render.py assembles the graph."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from ..checks import is_real
from ..ops import Dot

# One text size for everything (node text, op symbols, box titles, edge labels): a picture fits a
# slide when this size, scaled with the picture to 1920x1080, is still >= 14 px.
FONT_SIZE = 14

# Okabe-Ito hues (safe for the common colour-vision deficiencies); fills are light tints so
# black text stays readable on a projector, and each role also differs in border or shape.
FONT = "Helvetica,Arial,sans-serif"
GRAD_COLOUR = "#A63A00"  # dark vermillion: gradients read as "the red numbers"
MUTED_COLOUR = "#555555"
HIGHLIGHT_COLOUR = "#C2007A"  # strong magenta: no role uses it, so a highlighted path stands out
DIM = {"fillcolor": "#F6F6F6", "color": "#D0D0D0", "fontcolor": "#9A9A9A"}  # everything not highlighted
DIM_TEXT = "#9A9A9A"

ROLE_STYLES: dict[str, dict[str, str]] = {
    "parameter": {"shape": "box", "style": "filled", "fillcolor": "#FBE0A8",
                  "color": "#B07800", "penwidth": "2.5"},
    "input": {"shape": "box", "style": "filled", "fillcolor": "#CDE8F8",
              "color": "#0072B2", "penwidth": "1.2"},
    "constant": {"shape": "box", "style": "filled,dashed", "fillcolor": "#F2F2F2",
                 "color": "#888888", "penwidth": "1"},
    "intermediate": {"shape": "box", "style": "filled,rounded", "fillcolor": "#FFFFFF",
                     "color": "#555555", "penwidth": "1.2"},
    "root": {"shape": "box", "style": "filled,rounded", "fillcolor": "#B8E6D6",
             "color": "#007A5A", "penwidth": "2", "peripheries": "2"},
}
OP_STYLE = {"shape": "ellipse", "style": "filled", "fillcolor": "#EDEDED", "color": "#555555",
            "margin": "0.04,0.02", "height": "0.3", "width": "0.3"}
OP_CELL = "#EDEDED"  # compact mode: the op's cell inside its result's box, coloured like an op node
STUB_STYLE = {"shape": "plaintext", "fontcolor": MUTED_COLOUR, "margin": "0.02", "height": "0.2"}
LEGEND_NAMES = {"parameter": "parameter", "input": "input", "constant": "constant",  # legend order
                "intermediate": "intermediate", "root": "output (root)"}
# remincross=false: dot's last crossing pass inside boxes would undo the w1, w2, ..., b order.
GRAPH_ATTRS = {"fontname": FONT, "fontsize": str(FONT_SIZE), "bgcolor": "white", "nodesep": "0.15",
               "ranksep": "0.3", "remincross": "false", "pad": "0.1"}
NODE_ATTRS = {"fontname": FONT, "fontsize": str(FONT_SIZE), "margin": "0.06,0.03", "height": "0.3"}
EDGE_ATTRS = {"fontname": FONT, "color": "#444444", "arrowsize": "0.7", "fontsize": str(FONT_SIZE)}
LAYER_STYLE = {"style": "rounded,dashed", "color": "#777777", "fontsize": str(FONT_SIZE),
               "labeljust": "l", "margin": "6"}
NEURON_STYLE = {"style": "rounded,filled", "color": "#AAAAAA", "fillcolor": "#F7F7F7",
                "fontsize": str(FONT_SIZE), "labeljust": "l", "margin": "4"}

def compact(x: Any, digits: int = 6) -> str:
    """A short number for constants and op parameters: 2, 0.5, 0.01, 1e-06 (no padding zeros)."""
    if not is_real(x):
        return str(x)
    return f"{float(x):.{digits}g}"


# Control characters (other than a newline) make dot fail; they are shown as Python writes them.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def printable(text: str) -> str:
    """text with each control character written out as Python does ('\\x1b'), so dot can draw it."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label; <, >, &, quotes and newlines are handled."""
    return escape(printable(text), quote=True).replace("\n", "<BR/>")


def op_symbol(value: Any) -> str:
    """The operation as the student wrote it: '+', '-', '**2', 'leaky_relu(0.01)', 'Σ w·x + b'."""
    return value.op_class.symbol(len(value.parents), value.params)


def folded_op_symbol(value: Any, is_folded: list[bool], digits: int) -> str:
    """The op symbol with folded constant operands written into it: '* 2', '2 -', 'exp(3)'."""
    symbol = op_symbol(value)
    parents = value.parents
    consts = [compact(p.data, digits) for p, f in zip(parents, is_folded) if f]
    if not consts:
        return symbol
    if len(parents) == 2:
        left = consts[0] + " " if is_folded[0] else ""
        right = " " + consts[-1] if is_folded[1] else ""
        return f"{left}{symbol}{right}"
    if len(parents) == 1:
        return f"{symbol}({consts[0]})"
    if value.op_class is Dot:
        n = len(parents) // 2
        xs = is_folded[n:2 * n]
        if all(xs) and not any(is_folded[:n]) and not any(is_folded[2 * n:]):
            xs_text = ", ".join(compact(p.data, digits) for p in parents[n:2 * n])
            return f"{symbol}\nx = ({xs_text})"
    return f"{symbol}\nwith {', '.join(consts)}"


def op_label(symbol: str) -> str:
    """HTML label of an op node: the symbol in bold, any second line plain."""
    first, _, rest = symbol.partition("\n")
    label = f"<B>{html_text(first)}</B>"
    if rest:
        label += f"<BR/>{html_text(rest)}"
    return f"<{label}>"


def value_label(label: str, data: float, grad: Any, *, number: Callable[[Any], str], order: int | None,
                vertical: bool, op: str | None = None, show_grad: bool = True, dim: bool = False) -> str:
    """HTML label of a value node: [op] [#order] [label] data ... grad ...; a None grad stays blank.

    op: compact mode's operation, drawn in a grey cell inside the box. vertical stacks the fields."""
    muted, grad_colour = (DIM_TEXT, DIM_TEXT) if dim else (MUTED_COLOUR, GRAD_COLOUR)
    cells = []
    if op is not None:
        first, _, rest = op.partition("\n")
        text = f"<B>{html_text(first)}</B>" + (f" {html_text(rest)}" if rest else "")
        cells.append((text, f' BGCOLOR="{"#F6F6F6" if dim else OP_CELL}"'))
    if order is not None:
        cells.append((f'<FONT COLOR="{muted}">#{order}</FONT>', ""))
    if label:
        cells.append((f"<B>{html_text(label)}</B>", ""))
    cells.append((f"data {number(data)}", ""))
    if show_grad:  # blank when never computed
        cells.append((f'<FONT COLOR="{grad_colour}">grad {number(grad)}</FONT>', ""))
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
    if vertical:  # one field per line: a narrow node
        rows = "<HR/>".join(f"<TR><TD{attrs}>{cell}</TD></TR>" for cell, attrs in cells)
    else:
        rows = "<TR>" + "<VR/>".join(f"<TD{attrs}>{cell}</TD>" for cell, attrs in cells) + "</TR>"
    return f"<{table}{rows}</TABLE>>"


def table_row(label: str, data: float, grad: Any, *, number: Callable[[Any], str], order: int | None,
              colour: str | None, dim: bool) -> str:
    """One parameter's row of a neuron's parameter table: [#order] label, data, grad."""
    name = f"<B>{html_text(label)}</B>"
    if colour:
        name = f'<FONT COLOR="{colour}">{name}</FONT>'
    left = [] if order is None else [f'<FONT COLOR="{DIM_TEXT if dim else MUTED_COLOUR}">#{order}</FONT>']
    left.append(name)
    grad_text = number(grad)  # blank before backward(); dot rejects an empty <FONT></FONT>
    right = [number(data), f'<FONT COLOR="{DIM_TEXT if dim else GRAD_COLOUR}">{grad_text}</FONT>' if grad_text else ""]
    return ("<TR>" + "".join(f'<TD ALIGN="LEFT">{c}</TD>' for c in left)
            + "".join(f'<TD ALIGN="RIGHT">{c}</TD>' for c in right) + "</TR>")


def table_label(rows: list[str], *, order: bool = False, dim: bool = False) -> str:
    """A neuron's parameter table: a header (data, grad) over one row per parameter."""
    head = ["", ""] if order else [""]
    head += ["data", f'<FONT COLOR="{DIM_TEXT if dim else GRAD_COLOUR}">grad</FONT>']
    header = "<TR>" + "".join(f'<TD ALIGN="RIGHT">{c}</TD>' for c in head) + "</TR>"
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            f'{header}{"".join(rows)}</TABLE>>')


def constant_label(data: float, digits: int) -> str:
    """HTML label of an unfolded constant: just its number."""
    return f"<{html_text(compact(data, digits))}>"


def tooltip(label: str, data: float, grad: Any) -> str:
    """Hover text in SVG output: full-precision numbers (backslashes doubled for DOT)."""
    grad_text = "not computed" if grad is None else repr(float(getattr(grad, "data", grad)))
    name = f"{label}: " if label else ""
    return printable(f"{name}data={data!r} grad={grad_text}").replace("\\", "\\\\")
