"""How a computation graph looks: role colours, fonts, number formatting and the escaped
HTML-like labels of value and operation nodes. autograd/render.py assembles the graph."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from autograd.trace import fixed  # one number format for tables and pictures

# Okabe-Ito hues (safe for the common colour-vision deficiencies); fills are light tints so
# black text stays readable on a projector, and each role also differs in border or shape.
FONT = "Helvetica,Arial,sans-serif"
GRAD_COLOUR = "#A63A00"  # dark vermillion: gradients read as "the red numbers"
MUTED_COLOUR = "#555555"

ROLE_STYLES: dict[str, dict[str, str]] = {
    "parameter": {"shape": "box", "style": "filled", "fillcolor": "#FBE0A8",
                  "color": "#B07800", "penwidth": "2.5"},
    "input": {"shape": "box", "style": "filled", "fillcolor": "#CDE8F8",
              "color": "#0072B2", "penwidth": "1.2"},
    "constant": {"shape": "box", "style": "filled,dashed", "fillcolor": "#F2F2F2",
                 "color": "#888888", "penwidth": "1", "fontsize": "11"},
    "intermediate": {"shape": "box", "style": "filled,rounded", "fillcolor": "#FFFFFF",
                     "color": "#555555", "penwidth": "1.2"},
    "root": {"shape": "box", "style": "filled,rounded", "fillcolor": "#B8E6D6",
             "color": "#007A5A", "penwidth": "2", "peripheries": "2"},
}
OP_STYLE = {"shape": "ellipse", "style": "filled", "fillcolor": "#EDEDED", "color": "#555555",
            "fontsize": "15", "margin": "0.04,0.02", "height": "0.3", "width": "0.3"}
LEGEND_NAMES = {"parameter": "parameter", "input": "input", "constant": "constant",  # legend order
                "intermediate": "intermediate", "root": "output (root)"}
# remincross=false: dot's last crossing pass inside boxes would undo the w1, w2, ..., b order.
GRAPH_ATTRS = {"fontname": FONT, "bgcolor": "white", "nodesep": "0.25", "ranksep": "0.4",
               "remincross": "false"}
NODE_ATTRS = {"fontname": FONT, "fontsize": "14", "margin": "0.08,0.04", "height": "0.3"}
EDGE_ATTRS = {"fontname": FONT, "color": "#444444", "arrowsize": "0.7", "fontsize": "11"}
LAYER_STYLE = {"style": "rounded,dashed", "color": "#777777", "fontsize": "16",
               "labeljust": "l", "margin": "12"}
NEURON_STYLE = {"style": "rounded,filled", "color": "#AAAAAA", "fillcolor": "#F7F7F7",
                "fontsize": "13", "labeljust": "l", "margin": "8"}

# Symbols for ops whose engine name is not what the student wrote or reads in a textbook.
OP_SYMBOLS = {"neg": "-", "sum": "Σ"}


def compact(x: Any, decimals: int) -> str:
    """A short number for constants and op parameters: 2, 0.5, 0.01, 1e-05 (no padding zeros)."""
    if not isinstance(x, (int, float)) or isinstance(x, bool):
        return str(x)
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    text = fixed(x, decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("0", "-0") and x != 0.0:
        text = f"{x:g}"  # too small for `decimals`: show it rather than a misleading 0
    return text


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label; <, >, &, quotes and newlines are handled."""
    return escape(str(text), quote=True).replace("\n", "<BR/>")


def op_symbol(value: Any) -> str:
    """The operation as the student wrote it: '+', '-', '**2', 'leaky_relu(0.01)', 'Σ w·x + b'."""
    name, params = value.op, tuple(getattr(value, "_params", ()) or ())
    if name == "dot":
        return "Σ w·x + b" if len(value._prev) % 2 == 1 else "Σ w·x"
    if name == "**" and len(params) == 1:
        return f"**{compact(params[0], 6)}"
    symbol = OP_SYMBOLS.get(name, name)
    if params:
        symbol += "(" + ", ".join(compact(p, 6) for p in params) + ")"
    return symbol


def folded_op_symbol(value: Any, is_folded: list[bool], decimals: int) -> str:
    """The op symbol with folded constant operands written into it: '* 2', '2 -', 'exp(3)'."""
    symbol = op_symbol(value)
    parents = value._prev
    consts = [compact(p.data, decimals) for p, f in zip(parents, is_folded) if f]
    if not consts:
        return symbol
    if len(parents) == 2:
        left = consts[0] + " " if is_folded[0] else ""
        right = " " + consts[-1] if is_folded[1] else ""
        return f"{left}{symbol}{right}"
    if len(parents) == 1:
        return f"{symbol}({consts[0]})"
    if value.op == "dot":
        n = len(parents) // 2
        xs = is_folded[n:2 * n]
        if all(xs) and not any(is_folded[:n]) and not any(is_folded[2 * n:]):
            xs_text = ", ".join(compact(p.data, decimals) for p in parents[n:2 * n])
            return f"{symbol}\nx = ({xs_text})"
    return f"{symbol}\nwith {', '.join(consts)}"


def op_label(symbol: str) -> str:
    """HTML label of an op node: the symbol in bold, any second line smaller."""
    first, _, rest = symbol.partition("\n")
    label = f"<B>{html_text(first)}</B>"
    if rest:
        label += f'<BR/><FONT POINT-SIZE="11">{html_text(rest)}</FONT>'
    return f"<{label}>"


def value_label(label: str, data: float, grad: Any, *, decimals: int, order: int | None,
                vertical: bool) -> str:
    """HTML label of a value node: [#order] [label] data ... grad ...; a None grad stays blank."""
    cells = []
    if order is not None:
        cells.append(f'<FONT POINT-SIZE="11" COLOR="{MUTED_COLOUR}">#{order}</FONT>')
    if label:
        cells.append(f"<B>{html_text(label)}</B>")
    cells.append(f"data {fixed(data, decimals)}")
    grad_text = fixed(grad, decimals)  # blank when never computed
    cells.append(f'<FONT COLOR="{GRAD_COLOUR}">grad {grad_text}</FONT>')
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
    if vertical:  # top-to-bottom layouts stack the fields so nodes stay narrow
        rows = "<HR/>".join(f"<TR><TD>{cell}</TD></TR>" for cell in cells)
    else:
        rows = "<TR>" + "<VR/>".join(f"<TD>{cell}</TD>" for cell in cells) + "</TR>"
    return f"<{table}{rows}</TABLE>>"


def constant_label(data: float, decimals: int) -> str:
    """HTML label of an unfolded constant: just its number, small."""
    return f"<{html_text(compact(data, decimals))}>"


def tooltip(label: str, data: float, grad: Any) -> str:
    """Hover text in SVG output: full-precision numbers (backslashes doubled for DOT)."""
    grad_text = "not computed" if grad is None else repr(float(getattr(grad, "data", grad)))
    name = f"{label}: " if label else ""
    return f"{name}data={data!r} grad={grad_text}".replace("\\", "\\\\")
