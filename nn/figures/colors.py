"""Colours as matplotlib names them ("C0", "tab:red", "k", "grey", RGB tuples) and its colormaps
(gray, viridis, RdBu_r, Pastel1, a ListedColormap of your own), turned into SVG's "#rrggbb"."""

from __future__ import annotations

from collections.abc import Sequence

# matplotlib's default colour cycle (the "tab10" palette): C0..C9 and tab:blue..tab:cyan
CYCLE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
TAB = dict(zip(["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"], CYCLE))
LETTERS = {"b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf", "m": "#bf00bf", "y": "#bfbf00",
           "k": "#000000", "w": "#ffffff"}
# The CSS colour names, which SVG draws as they are (matplotlib's named colours are these)
CSS = set("""aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown
burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod
darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon
darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey
honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral
lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine
mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered
orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
whitesmoke yellow yellowgreen""".split())


def to_hex(rgb: Sequence[float]) -> str:
    """(r, g, b) with each in [0, 1] -> "#rrggbb"."""
    return "#" + "".join(f"{round(min(max(float(v), 0.0), 1.0) * 255):02x}" for v in rgb[:3])


def to_rgb(hex_colour: str) -> tuple[float, float, float]:
    """"#rrggbb" -> (r, g, b) in [0, 1]."""
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def colour(spec) -> str:
    """A colour as SVG writes it ("none" stays "none"); ValueError naming the colour if matplotlib would not know it."""
    if isinstance(spec, str):
        name = spec.lower()
        if name == "none" or name in CSS or (name.startswith("#") and len(name) in (4, 7)):
            return name
        if name in LETTERS:
            return LETTERS[name]
        if name.startswith("tab:") and name[4:] in TAB:
            return TAB[name[4:]]
        if name.startswith("tab:grey"):
            return TAB["gray"]
        if len(name) == 2 and name[0] == "c" and name[1].isdigit():
            return CYCLE[int(name[1])]
        raise ValueError(f"unknown colour {spec!r}: use a name ('grey', 'tab:red'), 'C0'..'C9' or an (r, g, b) tuple")
    values = list(spec.tolist() if hasattr(spec, "tolist") else spec)
    if len(values) in (3, 4) and all(isinstance(v, (int, float)) for v in values):
        return to_hex(values)
    raise ValueError(f"unknown colour {spec!r}: use a name ('grey', 'tab:red'), 'C0'..'C9' or an (r, g, b) tuple")


class Colormap:
    """Values in [0, 1] to colours: linear between `anchors` (evenly spaced), or `listed` bands."""

    def __init__(self, name: str, anchors: Sequence[str], listed: bool = False):
        self.name, self.anchors, self.listed = name, [colour(a) for a in anchors], listed

    def __call__(self, x: float) -> str:
        x = min(max(x, 0.0), 1.0)
        n = len(self.anchors)
        if self.listed:  # N flat colours, as matplotlib's ListedColormap: band int(x * N)
            return self.anchors[min(int(x * n), n - 1)]
        position = x * (n - 1)
        i = min(int(position), n - 2)
        a, b = to_rgb(self.anchors[i]), to_rgb(self.anchors[i + 1])
        t = position - i
        return to_hex([p + (q - p) * t for p, q in zip(a, b)])


def ListedColormap(colors: Sequence) -> Colormap:  # noqa: N802 - matplotlib's name
    """A colormap of flat colours, as matplotlib.colors.ListedColormap."""
    return Colormap("listed", list(colors), listed=True)


_VIRIDIS = ["#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
            "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725"]
_RDBU_R = ["#053061", "#175290", "#2a71b2", "#3f8ec0", "#6bacd1", "#9bc9e0", "#c2ddec", "#e0ecf3", "#f7f6f6",
           "#fbe5d8", "#fbccb4", "#f5aa89", "#e48066", "#d05548", "#ba2832", "#930e26", "#67001f"]
_PASTEL1 = ["#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec", "#f2f2f2"]
COLORMAPS = {
    "gray": Colormap("gray", ["#000000", "#ffffff"]), "gray_r": Colormap("gray_r", ["#ffffff", "#000000"]),
    "viridis": Colormap("viridis", _VIRIDIS), "viridis_r": Colormap("viridis_r", _VIRIDIS[::-1]),
    "RdBu_r": Colormap("RdBu_r", _RDBU_R), "RdBu": Colormap("RdBu", _RDBU_R[::-1]),
    "Pastel1": Colormap("Pastel1", _PASTEL1, listed=True),
}


def colormap(cmap) -> Colormap:
    """A Colormap from a name or a Colormap; ValueError listing the names drawn without matplotlib."""
    if cmap is None:
        return COLORMAPS["viridis"]  # matplotlib's default
    if isinstance(cmap, Colormap):
        return cmap
    if isinstance(cmap, str) and cmap in COLORMAPS:
        return COLORMAPS[cmap]
    raise ValueError(f"colormap {cmap!r} needs matplotlib (pip install matplotlib); without it the figures "
                     f"know {sorted(COLORMAPS)} and ListedColormap([...])")
