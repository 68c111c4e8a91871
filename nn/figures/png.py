"""A PNG from rows of "#rrggbb" pixels (zlib and struct only), for images placed inside an SVG."""

from __future__ import annotations

import base64
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(rows: list[list[str]]) -> bytes:
    """An 8-bit RGB PNG; each row is prefixed with filter type 0 (none), as the format requires."""
    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes.fromhex("".join(p[1:] for p in row)) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, truecolour, no interlace
    chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def png_data_uri(rows: list[list[str]]) -> str:
    return "data:image/png;base64," + base64.b64encode(png(rows)).decode("ascii")
