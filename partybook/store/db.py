"""Opening a book file: one SQLite database through peewee, with WAL and foreign keys on."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from peewee import DatabaseError, SqliteDatabase, fn

from partybook.domain.dates import MonthDate
from partybook.domain.errors import PartyBookError

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # NORMAL is durable in WAL mode except for the last transaction on power loss.
    "synchronous": "full",
    "busy_timeout": 5000,
}

# sqlite3 adapts exact types only: a date known only to its month is stored as its 1st (its
# month-only mark is kept beside it, member.month_only).
sqlite3.register_adapter(MonthDate, date.isoformat)


# What a failed query raises: sqlite3's own errors, or peewee's wrappers of them.
DB_ERRORS = (sqlite3.DatabaseError, DatabaseError)


def _read_only(path: Path) -> PartyBookError:
    return PartyBookError(
        f"数据文件“{path}”所在的文件夹不能写入（只读、U 盘写保护，或没有权限），"
        "PartyBook 需要在那里保存修改和备份，所以没有打开它；文件本身没有任何改动。\n"
        "请把数据文件复制到可以写入的文件夹（如“文档”），再打开复制的那一份。"
    )


def _writable(path: Path) -> bool:
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def connect(path: Path) -> SqliteDatabase:
    """Open (creating if needed) the SQLite file at path; raise a Chinese error if impossible."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _read_only(path) from exc
    if not _writable(path):
        # SQLite would open it read-only, or fail with "unable to open": say why instead.
        raise _read_only(path)
    db = SqliteDatabase(None)
    db.init(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        # Reading the schema proves the file really is a SQLite database.
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, DatabaseError) as exc:
        if not db.is_closed():
            db.close()
        known = storage_error(exc, path)
        if known is not None:
            raise known from exc
        raise PartyBookError(
            f"无法打开数据文件“{path}”：它不是 PartyBook 的数据文件，或者已经损坏（{exc}）。"
        ) from exc
    return db


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _nearly_full(path: Path) -> bool:
    """SQLite reports a full disk as an I/O error when it cannot even map its -shm file."""
    try:
        return shutil.disk_usage(path.parent).free < 1 << 20
    except OSError:
        return False


def storage_error(exc: BaseException, path: Path) -> PartyBookError | None:
    """The Chinese error for a write the disk refused (full, read-only, gone), else None.

    After SQLITE_FULL SQLite has already rolled back, so peewee's own rollback then fails with
    "cannot rollback - no transaction is active": the real cause is further down the chain.
    """
    for e in _chain(exc):
        if isinstance(e, PartyBookError):
            return e
        text = str(e).lower()
        if "disk is full" in text or getattr(e, "errno", None) == errno.ENOSPC:
            return PartyBookError(
                "磁盘空间已满，这次的修改没有保存（以前保存的数据都在）。\n"
                f"请删除一些不用的文件，或把数据文件“{path.name}”移到空间足够的地方，再重新操作。"
            )
        if "readonly" in text or "read-only" in text or getattr(e, "errno", None) == errno.EROFS:
            return PartyBookError(
                f"数据文件“{path}”现在不能写入（只读、U 盘写保护，或没有权限），"
                "这次的修改没有保存。"
            )
        if "database is locked" in text or "database table is locked" in text:
            return PartyBookError(
                f"数据文件“{path.name}”正被另一个程序（可能是 PartyBook 窗口）写入，"
                "等了几秒仍未写完，这次的修改没有保存（以前保存的数据都在）。请稍后再试。"
            )
        if "disk i/o error" in text and _nearly_full(path):
            return storage_error(OSError(errno.ENOSPC, "full"), path)
        if "disk i/o error" in text:
            return PartyBookError(
                f"读写数据文件“{path}”时出错（U 盘可能已拔出，或磁盘有问题），"
                "这次的修改没有保存。请检查后重新打开 PartyBook。"
            )
    return None


# PRAGMA application_id of every PartyBook book ("PBk1"): the file says whose it is.
APPLICATION_ID = 0x50426B31


@dataclass(frozen=True)
class Peek:
    """What a file's header and schema say, read without changing a byte of it."""

    version: int  # PRAGMA user_version
    application_id: int  # PRAGMA application_id (0: none, as in books made before it)
    tables: frozenset[str]


def peek(path: Path) -> Peek | None:
    """The header of an existing file and its tables, read without changing a byte of it or
    creating a file beside it; None when it is not a SQLite file (connect then says so).

    The version and the application id come from the file header (offsets 60 and 68); the
    tables are read with immutable=1, which takes no lock and makes no -wal or -shm file."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return None
    if len(head) < 100 or not head.startswith(b"SQLite format 3\0"):
        return None
    version = int.from_bytes(head[60:64], "big", signed=True)
    app = int.from_bytes(head[68:72], "big", signed=False)
    tables: set[str] = set()
    if app != APPLICATION_ID:
        try:
            con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
            try:
                rows = con.execute("SELECT name FROM sqlite_master WHERE type='table'")
                tables = {r[0] for r in rows}
            finally:
                con.close()
        except sqlite3.Error:
            pass  # connect reports it
    return Peek(version, app, frozenset(tables))


def wal_mismatch(path: Path) -> bool:
    """Whether a -wal file left beside the book (by a crash) does not belong to it: read with
    it, the book is damaged; read alone, it is whole. What copying a backup over a book whose
    -wal was still there does. Read-only connections: nothing is folded into the book."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.stat().st_size == 0:
            return False
    except OSError:
        return False

    def healthy(uri: str) -> bool:
        try:
            con = sqlite3.connect(uri, uri=True)
            try:
                return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                con.close()
        except sqlite3.Error:
            return False

    with_wal = healthy(f"file:{path.as_posix()}?mode=ro")
    return not with_wal and healthy(f"file:{path.as_posix()}?mode=ro&immutable=1")


def application_id(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA application_id").fetchone()[0])


def set_application_id(db: SqliteDatabase) -> None:
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def user_version(db: SqliteDatabase) -> int:
    """The schema version stamped in the file (0 for a new, empty file)."""
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def set_user_version(db: SqliteDatabase, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


def total_changes(db: SqliteDatabase) -> int:
    """Rows changed through this connection since it opened; used to know if data changed."""
    return db.connection().total_changes


def data_version(db: SqliteDatabase) -> int:
    """Changes when another connection commits to the file (not for this one's own writes)."""
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def _converter(field):
    """How a column's stored SQLite value becomes its Python value, for the common types;
    None where the stored value already is it (text, whole numbers, ids)."""
    from peewee import BooleanField, DateField, DateTimeField, FloatField, ForeignKeyField

    if isinstance(field, ForeignKeyField):
        field = field.rel_field
    if isinstance(field, DateTimeField):
        return field.python_value
    if isinstance(field, DateField):
        return lambda v: (
            None
            if v is None
            else date.fromisoformat(v)
            if len(v) == 10
            else (field.python_value(v))
        )
    if isinstance(field, BooleanField):
        return lambda v: None if v is None else bool(v)
    if isinstance(field, FloatField):
        return lambda v: None if v is None else float(v)
    if field.field_type in ("VARCHAR", "TEXT", "INT", "AUTO", "INTEGER"):
        return None
    return field.python_value


def in_year(field, year: int):
    """A date column's rows in a year, as a range on its index (strftime would scan every row)."""
    return (field >= date(year, 1, 1)) & (field <= date(year, 12, 31))


def cursor(query):
    """The query's rows as SQLite gives them, nothing converted: for columns whose stored
    values are already what Python keeps (whole numbers, text, REAL as float), read by a store
    function that walks the rows itself."""
    return query.model._meta.database.execute(query)


def fetch(query, make: Callable[[tuple], Any] | None = None) -> list:
    """The rows of a peewee select of plain columns as tuples, converted straight from the
    cursor: the same values as query.tuples(), several times faster on big tables (peewee
    calls a converter per value; here text and whole numbers pass as they are).

    Rows are converted as they come from the cursor, so the raw and the converted rows of a big
    table are never all in memory at once; equal dates share one date object. `make` turns
    each row into what the caller keeps (a Member…) at once, so the tuples of a whole table
    never pile up beside the objects made of them."""
    fields = list(query._returning)
    if not any(_converter(f) for f in fields):
        rows = cursor(query)
        return rows.fetchall() if make is None else [make(row) for row in rows]
    return list(stream(query, make))


def stream(query, make: Callable[[tuple], Any] | None = None) -> Iterator:
    """fetch()'s rows one at a time, for a caller that uses each row and lets it go (a year's
    dues of a township, worked through member by member). Finish (or close) the iterator before
    the next write: the cursor stays open while it runs."""
    fields = list(query._returning)
    converters = [_shared(f, _converter(f)) for f in fields]
    convert = [(i, c) for i, c in enumerate(converters) if c is not None]
    for row in cursor(query):
        row = list(row)
        for i, c in convert:
            row[i] = c(row[i])
        yield tuple(row) if make is None else make(row)


def reader(field) -> Callable[[Any], Any]:
    """How fetch() turns one stored value of the column into its Python value (dates shared),
    for a store function that walks a cursor itself."""
    convert = _shared(field, _converter(field))
    return convert if convert is not None else (lambda value: value)


def _shared(field, convert):
    """For a date column, `convert` giving one (immutable) date object for each stored value:
    a roster's dates repeat (a year's intake joined on the same day), and a date object costs
    as much as a short row. Other columns keep their converter (or None)."""
    from peewee import DateField, DateTimeField, ForeignKeyField

    if isinstance(field, ForeignKeyField):
        field = field.rel_field
    if convert is None or not isinstance(field, DateField | DateTimeField):
        return convert
    seen: dict = {}

    def shared(value):
        if value is None:
            return None
        found = seen.get(value)
        if found is None:
            found = seen[value] = convert(value)
        return found

    return shared


def years_with(record) -> set[int]:
    """The years that have rows of `record` (a table with an `on` date): one indexed MIN per
    year, jumping to the next year (not a strftime over every row: 0.1 s for a township's
    20 000 talks)."""
    years: set[int] = set()
    query = record.select(fn.MIN(record.on))
    while (first := query.scalar()) is not None:
        year = int(str(first)[:4])
        years.add(year)
        query = record.select(fn.MIN(record.on)).where(record.on >= date(year + 1, 1, 1))
    return years
