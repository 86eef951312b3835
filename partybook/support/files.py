"""Writing files so that a crash, a full disk or a locked target never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

TEMP_PREFIX = ".partybook-"  # stale ones (a crash, a kill) are removed by sweep_stale
STALE_SECONDS = 3600  # an hour old, no write of ours can still be making it


def sweep_stale(folder: Path, prefix: str = TEMP_PREFIX) -> list[Path]:
    """Remove the temporary files a killed PartyBook left in folder (.partybook-*.xlsx, .tmp,
    .tmp-journal …) once they are an hour old; returns those removed."""
    limit = time.time() - STALE_SECONDS
    removed = []
    try:
        found = list(Path(folder).glob(f"{prefix}*"))
    except OSError:
        return removed
    for path in found:
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_write(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, else it is removed.

    Raises OSError as it comes (the caller words it for the user); the old target stays intact.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(target.parent)  # what a killed export or backup left here
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
