"""Small PNG pictures made without Qt or Pillow (zlib and struct only): the demo book's meeting
photos and the tests' attachments."""

from __future__ import annotations

import functools
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width: int, height: int, pixel) -> bytes:
    """An RGB PNG whose pixel (x, y) is pixel(x, y) → (r, g, b)."""
    return _encode(
        width, height, (b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    )


def _encode(width: int, height: int, rows) -> bytes:
    """An RGB PNG of the given rows of pixels (each width × 3 bytes, no filter byte)."""
    data = b"".join(b"\x00" + row for row in rows)  # filter: none
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(data, 6))
        + _chunk(b"IEND", b"")
    )


@functools.lru_cache(maxsize=64)
def scene(width: int = 320, height: int = 240, seed: int = 0) -> bytes:
    """A made-up “meeting photo”: a red banner over a wall, a table and rows of heads.
    Drawn a row at a time (the demo's photos were most of the time of writing the demo) and
    kept once drawn: the same arguments give the same bytes."""
    hue = (seed * 53) % 60
    banner = bytes((190 + hue // 3, 20, 30))
    gold = bytes((230, 200, 60))  # the banner's fringe
    table = bytes((120 + hue, 80, 50))
    head = bytes((40, 35, 30))
    wall = bytes((225 - hue, 225, 215))
    fringe = b"".join(gold if (x // 12) % 2 == 0 else wall for x in range(width))
    plain = wall * width

    def row(y: int) -> bytes:
        if y < height // 6:
            return banner * width
        if y < height // 6 + 4:
            return fringe
        if y > height * 2 // 3:
            return table * width
        if y > height // 3 and (y % 28) < 20:
            shift = ((y - height // 3) // 28) * 14 + seed * 7
            return b"".join(head if (x + shift) % 42 < 18 else wall for x in range(width))
        return plain

    return _encode(width, height, (row(y) for y in range(height)))
