"""Writing files so that a crash, a full disk or a locked target never leaves half a file."""

from __future__ import annotations

import contextlib
import errno
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


_OS_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "该位置只读（U 盘可能已写保护）",
    errno.ENOENT: "文件夹不存在或 U 盘已拔出",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EINVAL: "文件名含有不允许的字符",
}
_OFFICE = {".xlsx", ".xls", ".csv"}
_WORD = {".docx", ".doc"}


def cannot_write(target: Path, exc: OSError) -> str:
    """Why atomic_write could not write target, in plain Chinese, for the user.

    A PermissionError on a file that exists is, on Windows, nearly always the file held open by
    another program (Excel or WPS keeps a workbook locked while it is shown): atomic_write's
    replace fails and the old file stays as it was."""
    target = Path(target)
    if isinstance(exc, PermissionError):
        if target.exists():
            suffix = target.suffix.lower()
            holder = (
                "Excel 或 WPS"
                if suffix in _OFFICE
                else "Word 或 WPS"
                if suffix in _WORD
                else "另一个程序"
            )
            return (
                f"无法写入“{target.name}”：文件可能正在被 {holder} 打开，请关闭后再试。"
                "原来的文件没有改动。"
            )
        return f"无法写入“{target}”：没有在该文件夹写入的权限，请换一个位置保存。"
    reason = _OS_REASONS.get(exc.errno, f"系统错误（{exc.strerror or exc}）")
    return f"无法写入“{target}”：{reason}。"


# Characters Windows forbids in a file name, each put as its full-width look-alike so that a
# branch named 青山小学/幼儿园联合党支部 still reads naturally in 资源管理器.
_FORBIDDEN = str.maketrans(dict(zip('\\/:*?"<>|', "＼／：＊？＂＜＞｜", strict=True)))
# Device names Windows refuses as a file name, with or without an extension (CON.xlsx too).
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{kind}{n}" for kind in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}
_MAX_NAME = 200  # Windows allows 255 characters for one name; leave room for "(2)" and the like


def safe_file_name(name: str, fallback: str = "台账") -> str:
    """A file name made from free text (a branch's name, a member's, a sheet's title) that is
    valid on Windows: no \\ / : * ? " < > | or control characters, no leading or trailing
    space, no trailing dot, not a device name (CON, NUL, COM1 …), at most 200 characters.
    The extension, if any, is kept."""
    cleaned = "".join(c for c in name.translate(_FORBIDDEN) if ord(c) >= 32)
    stem, dot, extension = cleaned.rpartition(".")
    if not dot or not extension or " " in extension or len(extension) > 8:
        stem, extension = cleaned, ""
    stem = stem.strip().rstrip(". ")[: _MAX_NAME - len(extension) - 1].rstrip(". ")
    if not stem:
        stem = fallback
    first, dot, rest = stem.partition(".")  # Windows reads a device name up to the first dot
    if first.rstrip(" ").upper() in _RESERVED:
        stem = f"{first}_{dot}{rest}"
    return f"{stem}.{extension}" if extension else stem
