"""Draw PartyBook's icon once with Qt (red ledger, gold star, "账") and save the PNG and the
multi-size Windows .ico under resources/icons/. Run it again only to change the icon."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QGuiApplication,  # noqa: E402
    QImage,
    QPainter,
    QPainterPath,
    QPolygonF,
)

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
RED, GOLD, PAPER = QColor("#c62828"), QColor("#f9c74f"), QColor("#fffaf0")


def _star(cx: float, cy: float, r: float) -> QPolygonF:
    from math import cos, pi, sin

    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -pi / 2 + i * pi / 5
        points.append(QPointF(cx + radius * cos(angle), cy + radius * sin(angle)))
    return QPolygonF(points)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = size / 256
    body = QPainterPath()
    body.addRoundedRect(QRectF(12 * s, 12 * s, 232 * s, 232 * s), 40 * s, 40 * s)
    p.fillPath(body, RED)
    page = QPainterPath()
    page.addRoundedRect(QRectF(58 * s, 70 * s, 140 * s, 160 * s), 10 * s, 10 * s)
    p.fillPath(page, PAPER)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(GOLD)
    p.drawPolygon(_star(128 * s, 44 * s, 26 * s))
    if size >= 32:
        font = QFont("WenQuanYi Micro Hei")
        font.setPixelSize(int(112 * s))
        font.setBold(True)
        p.setFont(font)
        p.setPen(RED)
        p.drawText(QRectF(58 * s, 70 * s, 140 * s, 160 * s), Qt.AlignmentFlag.AlignCenter, "账")
    else:  # too small for a character: ruled lines of a ledger
        p.setPen(RED)
        for y in (110, 145, 180):
            p.drawLine(QPointF(78 * s, y * s), QPointF(178 * s, y * s))
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "partybook.png"))
    # Qt writes a one-image .ico; build the multi-size file by hand (PNG-compressed entries).
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    entries = []
    for size in (16, 24, 32, 48, 64, 128, 256):
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        draw(size).save(buf, "PNG")
        entries.append((size, bytes(data)))
    header = (
        (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(entries).to_bytes(2, "little")
    )
    offset = 6 + 16 * len(entries)
    directory, blobs = b"", b""
    for size, blob in entries:
        edge = 0 if size == 256 else size
        directory += (
            bytes([edge, edge, 0, 0]) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        )
        directory += len(blob).to_bytes(4, "little") + (offset + len(blobs)).to_bytes(4, "little")
        blobs += blob
    (OUT / "partybook.ico").write_bytes(header + directory + blobs)
    print(f"wrote {OUT / 'partybook.png'} and {OUT / 'partybook.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
