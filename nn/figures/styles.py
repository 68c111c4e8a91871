"""matplotlib's short forms: format strings ("o-", "k*", "r--"), keyword aliases (lw, ls, ms, c, mfc,
mew), line styles as SVG dash patterns, and rcParams, the defaults a figure takes when it is made."""

from __future__ import annotations

from .colors import colour
from .missing import needs_matplotlib

ALIASES = {"lw": "linewidth", "ls": "linestyle", "ms": "markersize", "c": "color", "mfc": "markerfacecolor",
           "mew": "markeredgewidth", "linewidths": "linewidth", "linestyles": "linestyle", "colors": "color",
           "edgecolor": "edgecolors", "facecolor": "facecolors", "fc": "facecolors", "ec": "edgecolors"}
MARKERS = set("os^vD*+x.d")
LINESTYLES = {"-": "-", "solid": "-", "--": "--", "dashed": "--", ":": ":", "dotted": ":", "-.": "-.",
              "dashdot": "-.", "": "", "none": "", "None": ""}
FORMAT_COLOURS = set("bgrcmykw")


def canonical(options: dict) -> dict:
    """Keyword arguments under their long names (lw= -> linewidth=)."""
    out = {}
    for key, value in options.items():
        long = ALIASES.get(key, key)
        if long in out:
            raise TypeError(f"{key}= and {long}= say the same thing: give one")
        out[long] = value
    return out


def parse_format(fmt: str) -> tuple[str | None, str | None, str | None]:
    """"o-" -> (colour, marker, linestyle); None where the format does not say."""
    color = marker = style = None
    rest = fmt
    if len(rest) >= 2 and rest[0] == "C" and rest[1].isdigit():  # "C1--": a colour of the cycle
        color, rest = colour(rest[:2]), rest[2:]
    for two in ("--", "-."):
        if two in rest:
            style, rest = two, rest.replace(two, "")
    for ch in rest:
        if ch in ("-", ":"):
            style = ch
        elif ch in MARKERS:
            marker = ch
        elif ch in FORMAT_COLOURS:
            color = colour(ch)
        else:
            raise ValueError(f"format string {fmt!r}: {ch!r} is not a colour, marker or line style")
    return color, marker, style


def linestyle(style) -> str:
    if style not in LINESTYLES:
        needs_matplotlib(f"linestyle={style!r}")
    return LINESTYLES[style]


def dasharray(style: str, width: float) -> str | None:
    """The SVG stroke-dasharray of a line style at `width`, scaled as matplotlib scales its dashes."""
    pattern = {"--": (3.7, 1.6), ":": (1, 1.65), "-.": (6.4, 1.6, 1, 1.6)}.get(style)
    if pattern is None:
        return None
    return ",".join(f"{p * max(width, 1):.2f}" for p in pattern)


DEFAULTS = {  # matplotlib's own defaults, for the keys the figures read
    "figure.dpi": 100.0, "savefig.dpi": "figure", "font.size": 10.0, "axes.titlesize": "large",
    "axes.labelsize": "medium", "legend.fontsize": "medium", "xtick.labelsize": "medium",
    "ytick.labelsize": "medium", "lines.linewidth": 1.5, "lines.markersize": 6.0, "axes.grid": False,
    "grid.alpha": 1.0, "figure.autolayout": False, "figure.figsize": (6.4, 4.8),
}
RELATIVE = {"xx-small": 0.579, "x-small": 0.694, "small": 0.833, "medium": 1.0, "large": 1.2, "x-large": 1.44,
            "xx-large": 1.728}


class RcParams(dict):
    """plt.rcParams for the keys the figures honour; setting any other key is an error, not ignored."""

    def __setitem__(self, key, value) -> None:
        if key not in DEFAULTS:
            needs_matplotlib(f"rcParams[{key!r}]")
        super().__setitem__(key, value)

    def update(self, other=(), **more) -> None:
        for key, value in dict(other, **more).items():
            self[key] = value

    def font(self, key: str) -> float:
        """A font size in points: numbers as they are, 'large' and friends relative to font.size."""
        value = self[key]
        return float(self["font.size"]) * RELATIVE[value] if isinstance(value, str) else float(value)


rcParams = RcParams(DEFAULTS)
