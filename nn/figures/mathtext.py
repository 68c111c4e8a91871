"""The part of matplotlib's mathtext the course's labels use ($x_1$, $O_6$, $\\tanh^2(x)$,
$\\frac{1}{2}$, Greek letters), as runs of plain, subscript and superscript text, variables in italic;
and text widths."""

from __future__ import annotations

import re

SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eta": "η", "theta": "θ",
    "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "Delta": "Δ",
    "Sigma": "Σ", "nabla": "∇", "partial": "∂", "infty": "∞", "cdot": "·", "times": "×", "pm": "±",
    "leq": "≤", "geq": "≥", "neq": "≠", "approx": "≈", "to": "→", "rightarrow": "→", "ldots": "…",
    "tanh": "tanh", "sinh": "sinh", "cosh": "cosh", "exp": "exp", "ln": "ln", "log": "log", "sin": "sin",
    "cos": "cos", "max": "max", "min": "min", ",": "\u2009", ";": " ", "quad": "  ", "%": "%", "$": "$",
}
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "lambda", "mu", "pi", "sigma", "tau", "phi",
         "omega"}
# DejaVu Sans advance widths of ASCII 32..126 in thousandths of the font size (matplotlib's default font)
_WIDTHS = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
           636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 631, 575, 775, 752, 295,
           295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
           500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 279, 579, 278, 974, 634, 611, 635, 635, 412, 521,
           392, 634, 592, 818, 592, 592, 525, 637, 337, 636, 838]
SCRIPT = 0.7  # sub- and superscripts, relative to the text's size
Run = tuple[str, int, bool]  # (text, level, italic): level 0 on the baseline, 1 superscript, -1 subscript


def runs(text: str) -> list[Run]:
    """`text` with its $...$ parts turned into runs; outside $ signs the text stays as written."""
    parts = text.split("$")
    if len(parts) % 2 == 0:  # an odd number of $: matplotlib draws the text as it is
        return [(text, 0, False)]
    out: list[Run] = []
    for i, part in enumerate(parts):
        out.extend(_math(part, 0) if i % 2 else [(part, 0, False)])
    return [r for r in out if r[0]]


_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|[^\\{}^_]")


def _math(source: str, level: int) -> list[Run]:
    tokens = _TOKEN.findall(source)
    out: list[Run] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("^", "_"):
            group, i = _group(tokens, i + 1)
            out.extend(_math(group, level + (1 if token == "^" else -1)))
            continue
        if token == "\\frac":
            top, i = _group(tokens, i + 1)
            bottom, i = _group(tokens, i)
            out.extend(_math(_wrapped(top), level) + [("/", level, False)] + _math(_wrapped(bottom), level))
            continue
        if token == "{":
            group, i = _group(tokens, i)
            out.extend(_math(group, level))
            continue
        if token.startswith("\\"):
            name = token[1:]
            if name not in SYMBOLS:
                raise ValueError(f"the figures without matplotlib do not know \\{name} in {source!r}: "
                                 "write it as plain text, or pip install matplotlib")
            out.append((SYMBOLS[name], level, name in GREEK and name.islower()))  # α, σ: variables too
            i += 1
            continue
        # a letter is a variable, set in italic as matplotlib's mathtext does
        out.append(("\u2212" if token == "-" else token, level, token.isascii() and token.isalpha()))
        i += 1
    return _merge(out)


def _group(tokens: list[str], i: int) -> tuple[str, int]:
    """The {...} group (or single token) starting at tokens[i], and the index after it."""
    if i >= len(tokens):
        return "", i
    if tokens[i] != "{":
        return tokens[i], i + 1
    depth, j = 1, i + 1
    while j < len(tokens) and depth:
        depth += {"{": 1, "}": -1}.get(tokens[j], 0)
        j += 1
    return "".join(tokens[i + 1:j - 1]), j


def _wrapped(group: str) -> str:
    return group if len(group) == 1 else "(" + group + ")"


def _merge(out: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for text, level, italic in out:
        if merged and merged[-1][1:] == (level, italic):
            merged[-1] = (merged[-1][0] + text, level, italic)
        else:
            merged.append((text, level, italic))
    return merged


def char_width(ch: str) -> float:
    """A character's width in font sizes (DejaVu Sans; 0.6 for characters outside ASCII)."""
    code = ord(ch)
    return _WIDTHS[code - 32] / 1000 if 32 <= code < 127 else 0.6


def text_width(text: str, size: float) -> float:
    """The width in points of `text` (mathtext included) at font `size`, as drawn: its widest line."""
    return max(sum(char_width(ch) * size * (SCRIPT if level else 1) for part, level, _ in runs(line) for ch in part)
               for line in text.split("\n"))
