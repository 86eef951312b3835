"""Backups with SQLite's online backup API, their names, and the thinning policy."""

from __future__ import annotations

import contextlib
import errno
import re
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

from peewee import SqliteDatabase

from partybook.domain.errors import PartyBookError
from partybook.support.files import TEMP_PREFIX, atomic_write

SUFFIX = ".sqlite"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<label>[^.]+))?\.sqlite$")

# Thinning: keep every backup of the last KEEP_ALL_DAYS, then the newest of each day up to
# KEEP_DAILY_DAYS, then the newest of each month for ever (a book is small; months are few).
KEEP_ALL_DAYS = 7
KEEP_DAILY_DAYS = 60
STALE_TEMP_SECONDS = 3600


def backup_name(stem: str, when: datetime, label: str = "") -> str:
    """File name of a backup of book `stem` made at `when` (book-20261122-083000.sqlite)."""
    tail = f"-{label}" if label else ""
    return f"{stem}-{when:%Y%m%d-%H%M%S}{tail}{SUFFIX}"


def parse_backup_name(name: str) -> tuple[str, datetime, str] | None:
    """(stem, time, label) of a backup file name, or None if it is not one of ours."""
    match = _NAME.match(name)
    if not match:
        return None
    when = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    return match["stem"], when, match["label"] or ""


def plan_thinning(stamps: list[datetime], now: datetime) -> set[datetime]:
    """The backup times to delete under the policy above. Pure; never deletes the newest."""
    keep: set[datetime] = set()
    newest_per_day: dict[object, datetime] = {}
    newest_per_month: dict[object, datetime] = {}
    for when in stamps:
        age = now - when
        if age <= timedelta(days=KEEP_ALL_DAYS):
            keep.add(when)
        elif age <= timedelta(days=KEEP_DAILY_DAYS):
            day = when.date()
            newest_per_day[day] = max(when, newest_per_day.get(day, when))
        else:
            month = (when.year, when.month)
            newest_per_month[month] = max(when, newest_per_month.get(month, when))
    keep |= set(newest_per_day.values()) | set(newest_per_month.values())
    if stamps:
        keep.add(max(stamps))
    return set(stamps) - keep


def list_backups(folder: Path, stem: str) -> list[tuple[Path, datetime, str]]:
    """Backups of book `stem` in folder, oldest first, as (path, time, label)."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            parsed = parse_backup_name(path.name)
            if parsed and parsed[0] == stem:
                found.append((path, parsed[1], parsed[2]))
    return sorted(found, key=lambda item: item[1])


def _stale_temporaries(folder: Path) -> list[Path]:
    """Half-written copies left by a backup that a crash or power cut interrupted (each as
    large as the book). An hour old, no backup can still be writing them."""
    limit = time.time() - STALE_TEMP_SECONDS
    found = []
    for path in folder.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < limit:
                found.append(path)
    return found


def thin(folder: Path, stem: str, now: datetime) -> list[Path]:
    """Delete the backups the policy drops, and stale half-written ones; return them."""
    backups = list_backups(folder, stem)
    drop = plan_thinning([when for _, when, _ in backups], now)
    deleted = []
    for path in _stale_temporaries(folder) if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            path.unlink()
            deleted.append(path)
    for path, when, _ in backups:
        if when in drop:
            with contextlib.suppress(OSError):
                path.unlink()
                deleted.append(path)
    return deleted


def copy_to(connection: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of an open database to target, atomically (temp file, rename)."""
    target = Path(target)
    try:
        with atomic_write(target) as tmp:
            dest = sqlite3.connect(tmp)
            try:
                connection.backup(dest)
                # A backup copy is a single file: switch it out of WAL so nothing else is needed.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        if "disk is full" in reason or getattr(exc, "errno", None) == errno.ENOSPC:
            reason = "磁盘空间不足"
        elif "readonly" in reason or getattr(exc, "errno", None) in (errno.EROFS, errno.EACCES):
            reason = "该位置不能写入（只读或没有权限）"
        raise PartyBookError(f"备份到“{target}”失败：{reason}。原数据没有受到影响。") from exc
    return target


def make_backup(
    db: SqliteDatabase, folder: Path, stem: str, label: str = "", now: datetime | None = None
) -> Path:
    """Save a dated backup of the open book into folder (normally backups/ beside the book)."""
    now = now or datetime.now()
    target = folder / backup_name(stem, now, label)
    bump = 1
    while target.exists():  # two backups in one second: keep both
        bump += 1
        target = folder / backup_name(stem, now, f"{label}{bump}" if label else str(bump))
    return copy_to(db.connection(), target)


def read_version(source: Path) -> int:
    """Check that source is a healthy SQLite file and return its user_version."""
    if not Path(source).is_file():
        raise PartyBookError(f"找不到备份文件“{source}”。")
    try:
        con = sqlite3.connect(f"file:{Path(source).as_posix()}?mode=ro", uri=True)
        try:
            status = con.execute("PRAGMA quick_check").fetchone()[0]
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise PartyBookError(f"“{Path(source).name}”不是有效的 PartyBook 备份文件：{exc}") from exc
    if status != "ok":
        raise PartyBookError(f"备份文件“{Path(source).name}”已损坏（{status}），没有恢复。")
    if version == 0 or "member" not in tables:
        raise PartyBookError(f"“{Path(source).name}”不是 PartyBook 的备份文件，没有恢复。")
    return version


def restore_into(db: SqliteDatabase, source: Path) -> None:
    """Replace the open book's whole content with source's, in place (same file, same lock)."""
    src = sqlite3.connect(f"file:{Path(source).as_posix()}?mode=ro", uri=True)
    try:
        src.backup(db.connection())
    except sqlite3.Error as exc:
        raise PartyBookError(f"从“{Path(source).name}”恢复失败：{exc}") from exc
    finally:
        src.close()
