"""A forger's tools for the package tests: a package's files, and a package resealed after
tampering (every checksum and row count recomputed, as a forger would)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile


def files_of(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def resealed(files: dict[str, bytes]) -> bytes:
    """Recompute every checksum and row count after tampering, then zip the files again."""
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["tables"].values():
        data = files.get(entry["file"])
        if data is None:
            continue
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        try:
            entry["rows"] = len(json.loads(data)["rows"])
        except (ValueError, KeyError, TypeError, RecursionError):
            pass
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()
