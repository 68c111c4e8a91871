"""Contours of a grid of values: lines at each level by marching squares, and filled bands (contourf) by
clipping every grid cell to each band, values interpolated linearly along the cell's edges."""

from __future__ import annotations

from .ticks import FINE_STEPS, linear_ticks

Point = tuple[float, float]


def grid(X, Y, Z) -> tuple[list[float], list[float], list[list[float]]]:
    """(column xs, row ys, Z rows) from 1-D coordinates or meshgrid-style 2-D ones (lists or arrays)."""
    X, Y, Z = (v.tolist() if hasattr(v, "tolist") else v for v in (X, Y, Z))
    xs = list(X[0]) if isinstance(X[0], (list, tuple)) else list(X)
    ys = [row[0] for row in Y] if isinstance(Y[0], (list, tuple)) else list(Y)
    rows = [[float(v) for v in row] for row in Z]
    if len(rows) != len(ys) or any(len(row) != len(xs) for row in rows):
        raise ValueError(f"contour: Z must have len(y) = {len(ys)} rows of len(x) = {len(xs)} values")
    return xs, ys, rows


def auto_levels(count: int, lo: float, hi: float, filled: bool) -> list[float]:
    """matplotlib's levels=N: about N+1 nice numbers over the data; lines only strictly inside it."""
    ticks = linear_ticks(lo, hi, count + 1, FINE_STEPS)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    if filled:  # the bands must cover every value
        while ticks[0] > lo:
            ticks.insert(0, ticks[0] - step)
        while ticks[-1] < hi:
            ticks.append(ticks[-1] + step)
        return ticks
    return [t for t in ticks if lo < t < hi]


def _crossing(p: tuple, q: tuple, level: float) -> Point:
    (x1, y1, z1), (x2, y2, z2) = p, q
    t = (level - z1) / (z2 - z1) if z2 != z1 else 0.5
    return x1 + (x2 - x1) * t, y1 + (y2 - y1) * t


def lines(xs: list, ys: list, rows: list, level: float) -> list[list[Point]]:
    """The polylines where the surface crosses `level` (closed loops end where they start)."""
    ends: dict = {}  # edge key -> segments touching it
    segments = []
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            corners = [(xs[c], ys[r], rows[r][c]), (xs[c + 1], ys[r], rows[r][c + 1]),
                       (xs[c + 1], ys[r + 1], rows[r + 1][c + 1]), (xs[c], ys[r + 1], rows[r + 1][c])]
            keys = [("h", r, c), ("v", r, c + 1), ("h", r + 1, c), ("v", r, c)]
            crossed = [(keys[k], _crossing(corners[k], corners[(k + 1) % 4], level)) for k in range(4)
                       if (corners[k][2] >= level) != (corners[(k + 1) % 4][2] >= level)]
            if len(crossed) == 4:  # a saddle: pair the crossings by the centre's side, as matplotlib does
                centre = sum(p[2] for p in corners) / 4
                if (centre >= level) == (corners[0][2] >= level):
                    crossed = [crossed[0], crossed[3], crossed[1], crossed[2]]
            for i in range(0, len(crossed) - 1, 2):
                segment = (crossed[i], crossed[i + 1])
                segments.append(segment)
                for key, _ in segment:
                    ends.setdefault(key, []).append(segment)
    return _chain(segments, ends)


def _chain(segments: list, ends: dict) -> list[list[Point]]:
    """Join segments sharing an edge crossing into polylines, open ones from their free end first."""
    used: set = set()
    polylines = []
    starts = [s for s in segments if len(ends[s[0][0]]) == 1 or len(ends[s[1][0]]) == 1] + segments
    for first in starts:
        if id(first) in used:
            continue
        used.add(id(first))
        a, b = first if len(ends[first[0][0]]) == 1 or len(ends[first[1][0]]) != 1 else first[::-1]
        path, key = [a[1], b[1]], b[0]
        while True:
            following = [s for s in ends[key] if id(s) not in used]
            if not following:
                break
            segment = following[0]
            used.add(id(segment))
            nxt = segment[1] if segment[0][0] == key else segment[0]
            path.append(nxt[1])
            key = nxt[0]
        polylines.append(path)
    return polylines


def _clip(polygon: list, level: float, keep_above: bool) -> list:
    """Sutherland-Hodgman: the part of `polygon` ((x, y, z) corners) with z >= level (or z <= level)."""
    out = []
    for i, p in enumerate(polygon):
        q = polygon[(i + 1) % len(polygon)]
        p_in, q_in = (p[2] >= level) == keep_above or p[2] == level, (q[2] >= level) == keep_above or q[2] == level
        if p_in:
            out.append(p)
        if p_in != q_in:
            x, y = _crossing(p, q, level)
            out.append((x, y, level))
    return out


def bands(xs: list, ys: list, rows: list, levels: list) -> list[list[list[Point]]]:
    """For each band [levels[i], levels[i+1]], its polygons: whole cells merged into row runs, cut cells clipped."""
    found: list[list] = [[] for _ in levels[:-1]]
    def band_of(z: float) -> int | None:
        for i in range(len(levels) - 1):
            if levels[i] <= z <= levels[i + 1]:
                return i
        return None
    for r in range(len(ys) - 1):
        run = None  # (band, first column) of whole cells in one band, drawn as one rectangle
        for c in range(len(xs)):
            corners = [] if c == len(xs) - 1 else [
                (xs[c], ys[r], rows[r][c]), (xs[c + 1], ys[r], rows[r][c + 1]),
                (xs[c + 1], ys[r + 1], rows[r + 1][c + 1]), (xs[c], ys[r + 1], rows[r + 1][c])]
            kinds = {band_of(p[2]) for p in corners}
            # corners all in one band: so is the whole cell (values inside lie between the corners')
            whole = next(iter(kinds)) if len(kinds) == 1 and None not in kinds else None
            if run and (whole != run[0] or not corners):
                band, start = run
                found[band].append([(xs[start], ys[r]), (xs[c], ys[r]), (xs[c], ys[r + 1]), (xs[start], ys[r + 1])])
                run = None
            if whole is not None and run is None:
                run = (whole, c)
            if whole is None and corners:
                for i in range(len(levels) - 1):
                    piece = _clip(_clip(corners, levels[i], True), levels[i + 1], False)
                    if len(piece) >= 3:
                        found[i].append([(x, y) for x, y, _ in piece])
    return found
