"""A PDF's first page as a picture, without Qt: most attached PDFs are scans whose page 1 is one
embedded image, so its largest image is taken out (pypdf, pure Python) for the window to
decode (ui/attachments.py). A JPEG (DCTDecode) is given as its own bytes; a Flate image of 8-bit
gray or RGB (or 1-bit gray) as raw rows. Anything else, or anything odd, gives None: the strip
then draws a page icon. A hostile PDF must never crash or hang the strip, so the input, the
pixels and the decompressed bytes are capped and every failure is swallowed."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 30 * 1024 * 1024  # larger PDFs get the icon: parsed on the window's thread
MAX_PIXELS = 40_000_000  # a 600 dpi A3 scan is ~70 MP; a thumbnail needs far less
MAX_IMAGES = 32  # page 1 of a scan holds one; a page of hundreds is no scan


@dataclass(frozen=True)
class PageImage:
    """kind "jpeg": data is a JPEG file; kind "gray", "rgb" or "mono": raw rows of width
    pixels (1, 3 bytes, or 1 bit a pixel with 0 = black), each row padded to a byte."""

    kind: str
    width: int
    height: int
    data: bytes


def first_page_image(pdf: bytes) -> PageImage | None:
    """Page 1's largest embedded image, or None (no image, a kind not handled, damaged)."""
    if len(pdf) > MAX_PDF_BYTES:
        return None
    try:
        return _largest(pdf)
    except RecursionError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or hostile PDF: the icon, never a crash
        log.debug("no preview for a PDF", exc_info=True)
        return None


def _largest(pdf: bytes) -> PageImage | None:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject

    reader = PdfReader(io.BytesIO(pdf), strict=False)
    if len(reader.pages) == 0:
        return None
    resources = reader.pages[0].get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        return None
    xobjects = xobjects.get_object()
    found = []
    for n, key in enumerate(xobjects):
        if n >= MAX_IMAGES:
            break
        obj = xobjects[key].get_object()
        if obj.get("/Subtype") != "/Image":
            continue
        width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
        if 0 < width and 0 < height and width * height <= MAX_PIXELS:
            found.append((width * height, width, height, obj))
    for _, width, height, obj in sorted(found, key=lambda f: f[0], reverse=True):
        filters = obj.get("/Filter")
        if isinstance(filters, ArrayObject):
            filters = [str(f) for f in filters]
        else:
            filters = [str(filters)] if filters is not None else []
        if filters == ["/DCTDecode"]:
            data = obj.get_data()  # DCTDecode passes the JPEG file through as stored
            if data[:2] == b"\xff\xd8":
                return PageImage("jpeg", width, height, bytes(data))
            continue
        if filters not in ([], ["/FlateDecode"]):
            continue
        image = _raw(obj, width, height)
        if image is not None:
            return image
    return None


def _raw(obj, width: int, height: int) -> PageImage | None:
    space = obj.get("/ColorSpace")
    space = space.get_object() if space is not None else None
    bits = int(obj.get("/BitsPerComponent", 8))
    kind = {("/DeviceRGB", 8): "rgb", ("/DeviceGray", 8): "gray", ("/DeviceGray", 1): "mono"}
    kind = kind.get((str(space), bits))
    if kind is None or obj.get("/Decode") is not None:
        return None
    row = {"rgb": width * 3, "gray": width, "mono": (width + 7) // 8}[kind]
    data = obj.get_data()  # pypdf caps what a Flate stream may inflate to
    if len(data) < row * height:
        return None
    return PageImage(kind, width, height, bytes(data[: row * height]))
