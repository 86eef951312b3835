"""Schema versions in PRAGMA user_version, and the upgrade runner (a backup before any upgrade)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from partybook.domain.errors import PartyBookError
from partybook.store import audit, backup
from partybook.store.db import (
    APPLICATION_ID,
    Peek,
    application_id,
    set_application_id,
    set_user_version,
    user_version,
)
from partybook.store.records import (
    MODELS,
    AppraisalEntryRecord,
    AppraisalRecord,
    AttachmentRecord,
    AttendanceRecord,
    AuditPauseRecord,
    BranchFiguresRecord,
    BranchPackageRecord,
    CandidateRecord,
    ChangeRecord,
    DuesBaseRecord,
    DuesPaymentRecord,
    ElectionRecord,
    EventRecord,
    MaterialRecord,
    MeetingRecord,
    PartyGroupRecord,
    StudyParticipantRecord,
    StudyRecord,
    TalkRecord,
    TransferRecord,
    VoteRecord,
)

if TYPE_CHECKING:  # imported by upgrade(): opening a current book needs no migrator
    from playhouse.migrate import SqliteMigrator

log = logging.getLogger(__name__)

CURRENT_VERSION = 8

# MIGRATIONS[n] upgrades a file of version n to version n + 1. Each step runs in one
# transaction together with the new version stamp, so a failed step changes nothing.
Migration = Callable[[SqliteDatabase, "SqliteMigrator"], None]


def _v1_to_v2(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 2 adds the development pipeline: events along each path, ticked documents."""
    db.create_tables([EventRecord, MaterialRecord])


def _v2_to_v3(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 3 adds meetings with their attendance and votes, and the yearly appraisal."""
    db.create_tables(
        [MeetingRecord, AttendanceRecord, VoteRecord, AppraisalRecord, AppraisalEntryRecord]
    )


def _v3_to_v4(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 4 adds the study log: sessions (or personal study) and who took part."""
    db.create_tables([StudyRecord, StudyParticipantRecord])


# The tables version 5 adds: the change log with its pause switch, a township collection's
# branch packages with the figures computed from each, and the standing records of issue 11
# (talks, transfers, elections, groups, dues).
V5_TABLES = [
    ChangeRecord,
    AuditPauseRecord,
    BranchPackageRecord,
    BranchFiguresRecord,
    TalkRecord,
    TransferRecord,
    ElectionRecord,
    CandidateRecord,
    PartyGroupRecord,
    DuesBaseRecord,
    DuesPaymentRecord,
]


def _v4_to_v5(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 5 adds new tables only; the audit triggers are installed with the last step."""
    db.create_tables(V5_TABLES)


# The tables whose indexes version 6 adds (records.py marks each "v6"): every filter the tabs,
# the due items and the year workbook use is then served by an index.
V6_INDEXED = [
    EventRecord,
    AttendanceRecord,
    DuesBaseRecord,
    DuesPaymentRecord,
    BranchFiguresRecord,
]


def _v5_to_v6(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 6 adds indexes only (IF NOT EXISTS: the ones a table already has stay)."""
    for model in V6_INDEXED:
        model._schema.create_indexes(safe=True)


def _v6_to_v7(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 7 adds attachments (附件, issue 25): one table; the bytes live beside the book."""
    db.create_tables([AttachmentRecord])


def _v7_to_v8(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    """Version 8 keeps a roster date known only to its month as such ("1995.07", not made
    into the 1st): member.month_only names those fields. Dates already stored stay exact
    (whether a 1st was once a month alone cannot be told)."""
    from peewee import CharField
    from playhouse.migrate import migrate

    migrate(migrator.add_column("member", "month_only", CharField(default="")))


MIGRATIONS: dict[int, Migration] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
}


def _table_names(db: SqliteDatabase) -> set[str]:
    return set(db.get_tables())


# Tables every PartyBook book has had since version 1; an old book (made before the
# application id) is known by them, and by having no table PartyBook never made.
_FIRST_TABLES = {"setting", "member"}
_SQLITE_OWN = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}


def is_ours(found: Peek) -> bool:
    """Whether a file is a PartyBook book: by its application id, or (a book made before it
    was set) by its tables."""
    if found.application_id == APPLICATION_ID:
        return True
    if found.application_id != 0 or found.version < 1:
        return False
    known = {m._meta.table_name for m in MODELS} | _SQLITE_OWN
    return _FIRST_TABLES <= found.tables and found.tables <= known


def refuse_strangers(found: Peek | None, path: Path) -> None:
    """Before connecting (which switches the file to WAL): refuse, untouched, a file from a
    newer PartyBook or another program's database."""
    if found is None:
        return
    ours_by_tables = found.application_id == 0 and _FIRST_TABLES <= found.tables
    if found.version > CURRENT_VERSION and (
        found.application_id == APPLICATION_ID or ours_by_tables
    ):
        prepare_check_newer(found.version, path)
    empty = found.version == 0 and found.application_id == 0 and not found.tables
    if not empty and not is_ours(found):
        raise PartyBookError(
            f"“{path.name}”不是 PartyBook 的数据文件（是别的程序的数据库），没有打开它；"
            "文件没有任何改动。请选择 PartyBook 的数据文件（.sqlite）或它的备份。"
        )


def prepare(db: SqliteDatabase, path: Path, backup_dir: Path) -> int:
    """Make the open file current: create a new book, or back up and upgrade an old one.

    Returns the version the file had before (0 for a newly created book).
    """
    found = user_version(db)
    if found == 0:
        if _table_names(db):
            raise PartyBookError(
                f"“{path.name}”不是 PartyBook 的数据文件（里面已有别的数据表），没有打开它。"
            )
        with db.atomic():
            db.create_tables(MODELS)
            audit.install(db)
            set_user_version(db, CURRENT_VERSION)
            set_application_id(db)
        return 0
    if found > CURRENT_VERSION:
        prepare_check_newer(found, path)
    if found < CURRENT_VERSION:
        upgrade(db, found, backup_dir, path)
    if application_id(db) != APPLICATION_ID:  # a book made before the id: marked now
        set_application_id(db)
    return found


def prepare_check_newer(found: int, path: Path) -> None:
    """Refuse a file written by a newer PartyBook: we would not understand all of it."""
    if found > CURRENT_VERSION:
        raise PartyBookError(
            f"数据文件“{path.name}”由更新版本的 PartyBook 保存（数据版本 {found}），"
            f"本程序只认识到版本 {CURRENT_VERSION}。文件没有改动，"
            "请安装新版本的 PartyBook 后再打开它。"
        )


def upgrade(db: SqliteDatabase, found: int, backup_dir: Path, path: Path) -> None:
    """Back up, then apply each migration from version found to CURRENT_VERSION."""
    saved = backup.make_backup(db, backup_dir, path.stem, label=f"升级前-v{found}")
    log.info("backed up %s before upgrading from version %s", saved, found)
    from playhouse.migrate import SqliteMigrator

    migrator = SqliteMigrator(db)
    for version in range(found, CURRENT_VERSION):
        step = MIGRATIONS.get(version)
        if step is None:
            raise PartyBookError(
                f"缺少从数据版本 {version} 升级的步骤，无法打开（已备份到 {saved}）。"
            )
        try:
            with migrator.migration_context():
                step(db, migrator)
                if version + 1 == CURRENT_VERSION:  # triggers follow the final tables
                    audit.install(db)
                set_user_version(db, version + 1)
        except Exception as exc:
            raise PartyBookError(
                f"升级数据文件时出错（版本 {version} → {version + 1}），文件保持原样，"
                f"升级前的备份在 {saved}。错误：{exc}"
            ) from exc
