"""The append-only change log, kept by SQLite triggers so that every write path of every
ledger table is covered without the code having to remember it. SQLite-only, like db.py:
another database would need its own trigger dialect here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from peewee import BlobField, Model, SqliteDatabase

from partybook.store.records import (
    MODELS,
    AuditPauseRecord,
    BranchFiguresRecord,
    ChangeRecord,
    SettingRecord,
)

# Settings hold the password hash and layouts; they are not ledger records. A township's
# branch figures are computed from its packages (which are audited) and can be again.
_NOT_AUDITED = {ChangeRecord, AuditPauseRecord, SettingRecord, BranchFiguresRecord}
_NOW = "strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')"
_PREFIX = "audit_"


@dataclass(frozen=True)
class Change:
    at: str
    table: str
    row_key: str
    action: str
    old: dict | None
    new: dict | None
    id: int = 0


def audited_models() -> list[type[Model]]:
    return [m for m in MODELS if m not in _NOT_AUDITED]


def _json_of(model: type[Model], ref: str) -> str:
    parts = []
    for f in model._meta.sorted_fields:
        col = f.column_name
        value = f'{ref}."{col}"'
        if isinstance(f, BlobField):  # JSON cannot hold blobs; a size shows that one changed
            value = f"'blob:' || length({value})"
        parts.append(f"'{col}', {value}")
    return "json_object(" + ", ".join(parts) + ")"


def _triggers(model: type[Model]) -> list[str]:
    table = model._meta.table_name
    pk = model._meta.primary_key.column_name
    paused = "NOT EXISTS (SELECT 1 FROM audit_pause)"
    old, new = _json_of(model, "OLD"), _json_of(model, "NEW")
    log = (
        "INSERT INTO change_log (at, table_name, row_key, action, old, new) "
        f"VALUES ({_NOW}, '{table}', {{key}}, '{{action}}', {{old}}, {{new}});"
    )
    return [
        f'CREATE TRIGGER {_PREFIX}{table}_insert AFTER INSERT ON "{table}" WHEN {paused} BEGIN '
        + log.format(key=f'NEW."{pk}"', action="insert", old="NULL", new=new)
        + " END",
        f'CREATE TRIGGER {_PREFIX}{table}_update AFTER UPDATE ON "{table}" '
        f"WHEN {paused} AND {old} IS NOT {new} BEGIN "
        + log.format(key=f'NEW."{pk}"', action="update", old=old, new=new)
        + " END",
        f'CREATE TRIGGER {_PREFIX}{table}_delete AFTER DELETE ON "{table}" WHEN {paused} BEGIN '
        + log.format(key=f'OLD."{pk}"', action="delete", old=old, new="NULL")
        + " END",
    ]


_APPEND_ONLY = [
    f"CREATE TRIGGER {_PREFIX}change_log_{op} BEFORE {op.upper()} ON change_log BEGIN "
    "SELECT RAISE(ABORT, '修改记录只能追加，不能修改或删除'); END"
    for op in ("update", "delete")
]


def install(db: SqliteDatabase) -> None:
    """(Re)create every audit trigger from the current models; run inside the transaction
    that creates or upgrades the schema, so triggers always match the tables."""
    names = db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", (_PREFIX + "%",)
    ).fetchall()
    for (name,) in names:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    for model in audited_models():
        for sql in _triggers(model):
            db.execute_sql(sql)
    for sql in _APPEND_ONLY:
        db.execute_sql(sql)


@contextmanager
def paused(db: SqliteDatabase) -> Iterator[None]:
    """Inside one transaction, copy records in without logging them as new changes."""
    with db.atomic():
        AuditPauseRecord.create()
        yield
        AuditPauseRecord.delete().execute()


def _change(rec: ChangeRecord) -> Change:
    return Change(
        rec.at,
        rec.table,
        rec.row_key,
        rec.action,
        json.loads(rec.old) if rec.old else None,
        json.loads(rec.new) if rec.new else None,
        rec.id,
    )


def changes(table: str, key: int | str, related: dict[str, str] | None = None) -> list[Change]:
    """The changes of one row, and of rows of other tables that point to it
    (related: table → the column holding this row's key), oldest first."""
    where, params = ["(table_name = ? AND row_key = ?)"], [table, str(key)]
    for other, column in (related or {}).items():
        where.append(f"(table_name = ? AND json_extract(coalesce(new, old), '$.{column}') = ?)")
        params += [other, int(key)]
    sql = f"SELECT * FROM change_log WHERE {' OR '.join(where)} ORDER BY id"
    return [_change(r) for r in ChangeRecord.raw(sql, *params)]


def imported_upto() -> int:
    """The last change log row that came in with a data package (0: none did)."""
    from partybook.store.records import SettingRecord

    found = SettingRecord.get_or_none(SettingRecord.key == "history.imported_upto")
    try:
        return int(found.value) if found else 0
    except ValueError:
        return 0


def count() -> int:
    return ChangeRecord.select().count()
