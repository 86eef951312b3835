"""Writing files so that a crash, a full disk or a locked target never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

TEMP_PREFIX = ".partybook-"  # store/backup.py removes stale ones left by a crash


@contextlib.contextmanager
def atomic_write(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target, else it is removed.

    Raises OSError as it comes (the caller words it for the user); the old target stays intact.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
