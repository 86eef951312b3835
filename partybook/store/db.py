"""Opening a book file: one SQLite database through peewee, with WAL and foreign keys on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from partybook.domain.errors import PartyBookError

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # NORMAL is durable in WAL mode except for the last transaction on power loss.
    "synchronous": "full",
    "busy_timeout": 5000,
}


def connect(path: Path) -> SqliteDatabase:
    """Open (creating if needed) the SQLite file at path; raise a Chinese error if impossible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = SqliteDatabase(None)
    db.init(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        # Reading the schema proves the file really is a SQLite database.
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, DatabaseError) as exc:
        if not db.is_closed():
            db.close()
        raise PartyBookError(
            f"无法打开数据文件“{path}”：它不是 PartyBook 的数据文件，或者已经损坏（{exc}）。"
        ) from exc
    return db


def user_version(db: SqliteDatabase) -> int:
    """The schema version stamped in the file (0 for a new, empty file)."""
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def set_user_version(db: SqliteDatabase, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


def total_changes(db: SqliteDatabase) -> int:
    """Rows changed through this connection since it opened; used to know if data changed."""
    return db.connection().total_changes
