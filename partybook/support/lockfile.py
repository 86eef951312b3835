"""Whether a PartyBook window holds a book open: the window keeps `<book>.lock` (Qt's QLockFile:
the process id on the first line, then the program and the host). Read here without Qt, so the
command line can honour it."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path


def lock_path(book: Path) -> Path:
    return Path(str(book) + ".lock")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl-C there
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def window_holds(book: Path) -> bool:
    """Whether a live PartyBook window holds the book's lock (a lock left by a crash, its
    process gone, does not count; one from another computer on a shared folder does)."""
    path = lock_path(book)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    if not lines:
        return False
    try:
        pid = int(lines[0].strip())
    except ValueError:
        return True  # a lock we cannot read: better to assume it is held
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return True
    return pid != os.getpid() and _alive(pid)
