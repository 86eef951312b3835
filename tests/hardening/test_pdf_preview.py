"""A PDF's thumbnail is its first page's largest embedded image, taken out without Qt
(support/pdf_preview.py); a PDF without one, a damaged or hostile one gives None, never a
crash or a hang."""

from __future__ import annotations

import zlib

import pytest

from partybook.samples.pdfs import one_page_pdf
from partybook.support.pdf_preview import MAX_PDF_BYTES, first_page_image

FAKE_JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100 + b"\xff\xd9"


def test_the_largest_jpeg_on_page_one_is_taken_as_stored() -> None:
    small = ({"/Width": "10", "/Height": "10", "/Filter": "/DCTDecode"}, b"\xff\xd8small")
    big = (
        {"/Width": "2480", "/Height": "3508", "/ColorSpace": "/DeviceRGB",
         "/BitsPerComponent": "8", "/Filter": "/DCTDecode"},
        FAKE_JPEG,
    )  # fmt: skip
    found = first_page_image(one_page_pdf([small, big]))
    assert found is not None and found.kind == "jpeg"
    assert (found.width, found.height, found.data) == (2480, 3508, FAKE_JPEG)


@pytest.mark.parametrize(("space", "bits", "kind", "row"), [
    ("/DeviceRGB", 8, "rgb", 12), ("/DeviceGray", 8, "gray", 4), ("/DeviceGray", 1, "mono", 1),
])  # fmt: skip
def test_a_flate_image_is_given_as_raw_rows(space, bits, kind, row) -> None:
    pixels = bytes(range(row * 3))
    keys = {"/Width": "4", "/Height": "3", "/ColorSpace": space, "/BitsPerComponent": str(bits)}
    found = first_page_image(one_page_pdf([({**keys, "/Filter": "/FlateDecode"},
                                            zlib.compress(pixels))]))  # fmt: skip
    assert found is not None and (found.kind, found.width, found.height) == (kind, 4, 3)
    assert found.data == pixels


@pytest.mark.parametrize(
    "pdf",
    [
        b"%PDF-1.4\n",  # no pages at all
        b"%PDF-1.4\n" + b"\x00\xff" * 5000,  # garbage
        b"not a pdf",
        one_page_pdf([]),  # a page without images (a typed document)
        one_page_pdf([({"/Width": "4", "/Height": "4", "/Filter": "/JPXDecode"}, b"jpx")]),
        one_page_pdf([({"/Width": "4", "/Height": "4", "/Filter": "/DCTDecode"}, b"no jpeg")]),
        one_page_pdf(  # claims more pixels than it holds
            [
                (
                    {
                        "/Width": "400",
                        "/Height": "400",
                        "/ColorSpace": "/DeviceRGB",
                        "/BitsPerComponent": "8",
                        "/Filter": "/FlateDecode",
                    },
                    zlib.compress(b"x" * 10),
                )
            ]
        ),  # fmt: skip
        one_page_pdf(  # a decompression bomb: 1 GB of zeros claimed as a huge image
            [
                (
                    {
                        "/Width": "100000",
                        "/Height": "100000",
                        "/ColorSpace": "/DeviceGray",
                        "/BitsPerComponent": "8",
                        "/Filter": "/FlateDecode",
                    },
                    zlib.compress(b"\x00" * 50_000_000),
                )
            ]
        ),  # fmt: skip
        one_page_pdf(  # a small image whose stream inflates past pypdf's cap (75 MB)
            [
                (
                    {
                        "/Width": "4",
                        "/Height": "4",
                        "/ColorSpace": "/DeviceGray",
                        "/BitsPerComponent": "8",
                        "/Filter": "/FlateDecode",
                    },
                    zlib.compress(b"\x00" * 80_000_000, 1),
                )
            ]
        ),  # fmt: skip
        one_page_pdf([({"/Width": "-5", "/Height": "x", "/Filter": "/DCTDecode"}, FAKE_JPEG)]),
        one_page_pdf([])[:-40],  # cut short
        b"x" * (MAX_PDF_BYTES + 1),
    ],
    ids=lambda pdf: f"{len(pdf)}-bytes",
)
def test_no_image_or_a_hostile_pdf_gives_none(pdf) -> None:
    assert first_page_image(pdf) is None


def test_a_page_that_refers_to_itself_ends() -> None:
    pdf = one_page_pdf([]).replace(b"/XObject << ", b"/XObject << /Im9 3 0 R ")
    assert first_page_image(pdf) is None
