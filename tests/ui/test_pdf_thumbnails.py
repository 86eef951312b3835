"""A scanned PDF's thumbnail in the attachment strip is its first page's scan (a JPEG or a
Flate image inside it), not the drawn page icon; a PDF without one keeps the icon."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from partybook.domain.attachments import FileKind
from partybook.samples.pdfs import one_page_pdf
from partybook.ui.attachments import thumbnail

GREEN = QColor(20, 160, 60)


def _jpeg(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(GREEN)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG", 90)
    return bytes(data.data())


def _centre(pix) -> QColor:
    image = pix.toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def _greenish(c: QColor) -> bool:
    return c.green() > 120 and c.red() < 80 and c.blue() < 110


def test_a_scanned_pdf_shows_its_first_page(qapp) -> None:
    keys = {"/Width": "600", "/Height": "800", "/ColorSpace": "/DeviceRGB",
            "/BitsPerComponent": "8", "/Filter": "/DCTDecode"}  # fmt: skip
    pix = thumbnail(one_page_pdf([(keys, _jpeg(600, 800))]), FileKind.PDF)
    assert (pix.width(), pix.height()) == (36, 48)  # a portrait page scaled into 64×48
    assert _greenish(_centre(pix))


def test_a_flate_image_in_a_pdf_is_shown_too(qapp) -> None:
    rgb = bytes([20, 160, 60]) * (80 * 60)
    keys = {"/Width": "80", "/Height": "60", "/ColorSpace": "/DeviceRGB",
            "/BitsPerComponent": "8", "/Filter": "/FlateDecode"}  # fmt: skip
    pix = thumbnail(one_page_pdf([(keys, zlib.compress(rgb))]), FileKind.PDF)
    assert (pix.width(), pix.height()) == (64, 48) and _greenish(_centre(pix))


def test_a_pdf_without_an_image_or_damaged_keeps_the_icon(qapp) -> None:
    icon = thumbnail(b"%PDF-1.4\n", FileKind.PDF)
    for pdf in (one_page_pdf([]), b"%PDF-1.4\n" + b"\xff" * 3000):
        pix = thumbnail(pdf, FileKind.PDF)
        assert pix.toImage() == icon.toImage()
