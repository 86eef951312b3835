"""Small PDFs made by hand for the tests and samples: one page drawing the given images, as a
scanner writes them (a scan is one image filling page 1)."""

from __future__ import annotations


def one_page_pdf(images: list[tuple[dict[str, str], bytes]]) -> bytes:
    """A well-formed one-page PDF whose page draws the given image streams (dict: extra keys
    of the image dictionary, e.g. {"/Width": "4", …}; bytes: the stream as stored)."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    ]
    names = " ".join(f"/Im{n} {4 + n} 0 R" for n in range(len(images)))
    objects.append(
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        f"/Resources << /XObject << {names} >> >> >>".encode()
    )
    for keys, data in images:
        head = " ".join(f"{k} {v}" for k, v in keys.items())
        objects.append(
            f"<< /Type /XObject /Subtype /Image {head} /Length {len(data)} >>\nstream\n".encode()
            + data
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
