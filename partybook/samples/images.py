"""Small PNG pictures made without Qt or Pillow (zlib and struct only): the demo book's meeting
photos and the tests' attachments."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width: int, height: int, pixel) -> bytes:
    """An RGB PNG whose pixel (x, y) is pixel(x, y) → (r, g, b)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 6))
        + _chunk(b"IEND", b"")
    )


def scene(width: int = 320, height: int = 240, seed: int = 0) -> bytes:
    """A made-up “meeting photo”: a red banner over a wall, a table and rows of heads."""
    hue = (seed * 53) % 60

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        if y < height // 6:
            return (190 + hue // 3, 20, 30)  # the banner
        if y < height // 6 + 4 and (x // 12) % 2 == 0:
            return (230, 200, 60)  # its gold fringe
        if y > height * 2 // 3:
            return (120 + hue, 80, 50)  # the table
        row = (y - height // 3) // 28
        if y > height // 3 and (x + row * 14 + seed * 7) % 42 < 18 and (y % 28) < 20:
            return (40, 35, 30)  # heads
        return (225 - hue, 225, 215)  # the wall

    return png(width, height, pixel)
