"""Store: the one object that owns a book's database connection: opening, upgrading, one
transaction at a time, the generation of the data, backups and the file's health. Records are
read and written by the modules beside it (store.members, store.meetings …), which the Book's
managers call directly inside Store.atomic()."""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase, fn

from partybook.domain.errors import PartyBookError
from partybook.domain.members import Member
from partybook.store import attachments as attachment_store
from partybook.store import audit, backup, schema
from partybook.store import db as dbmod
from partybook.store import members as member_store
from partybook.store import package as package_store
from partybook.store.records import MODELS, ChangeRecord, SettingRecord
from partybook.support.files import sweep_stale
from partybook.support.lockfile import window_holds

log = logging.getLogger(__name__)


SCRATCH_PREFIX = "partybook-scratch-"


def _sweep_scratch() -> None:
    """Temporary books a killed township import or export left in the system's temp folder
    (a day old: none can still be in use)."""
    limit = time.time() - 86400
    try:
        found = list(Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"))
    except OSError:
        return
    for folder in found:
        with contextlib.suppress(OSError):
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)


def _bind_back(previous: SqliteDatabase | None, current: SqliteDatabase) -> None:
    """Bind the records back to the database open before current, if it still is."""
    if previous is None or previous is current or previous.is_closed():
        return
    if MODELS[0]._meta.database is current:
        previous.bind(MODELS, bind_refs=False, bind_backrefs=False)


class Store:
    """A book file opened for reading and writing. The records bind to one database at a time:
    the newest open Store; closing it binds them back to the one open before (so a second book
    opened and closed inside a session, e.g. to check a package, leaves the first one working)."""

    def __init__(
        self,
        path: Path,
        db: SqliteDatabase,
        version_before: int,
        previous: SqliteDatabase | None = None,
    ) -> None:
        self.path = path
        self.db = db
        self.version_before = version_before
        self._previous = previous
        self._changes_at_open = dbmod.total_changes(db)
        self._epoch = 0  # bumped by what total_changes does not count (a restore)
        self._settings: tuple[object, dict[str, str]] | None = None
        self._members: tuple[object, list[Member]] | None = None

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open or create the book at path, upgrading an older file after a backup."""
        path = Path(path)
        sweep_stale(path.parent)  # what a killed PartyBook left beside the book
        sweep_stale(cls.backup_dir_for(path))
        schema.refuse_strangers(dbmod.peek(path), path)
        # a live window's -wal belongs to the book: checked only when nobody writes it
        if not window_holds(path) and dbmod.wal_mismatch(path):
            raise PartyBookError(
                f"数据文件“{path.name}”旁边的“{path.name}-wal”与它不匹配（常见于程序意外退出后，"
                "又把备份复制回来覆盖了数据文件），打开会损坏数据，所以没有打开；两个文件都没有改动。\n"
                f"要用备份恢复，请运行 partybook --db “{path}” restore --from 备份文件；"
                f"要打开数据文件本身，请先把“{path.name}-wal”和“{path.name}-shm”"
                "移到别处（不要删除），再打开。"
            )
        previous = MODELS[0]._meta.database
        db = dbmod.connect(path)
        try:
            db.bind(MODELS, bind_refs=False, bind_backrefs=False)
            before = schema.prepare(db, path, cls.backup_dir_for(path))
        except Exception:
            db.close()
            _bind_back(previous, db)
            raise
        return cls(path, db, before, previous)

    @staticmethod
    def backup_dir_for(path: Path) -> Path:
        return Path(path).parent / "backups"

    @property
    def backup_dir(self) -> Path:
        return self.backup_dir_for(self.path)

    def close(self) -> None:
        if not self.db.is_closed():
            try:
                # Fold the WAL back into the main file so a copied .sqlite is complete.
                self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except dbmod.DB_ERRORS as exc:  # e.g. a full disk: the WAL keeps it, opening folds
                log.warning("checkpoint on close failed: %s", exc)
            finally:
                self.db.close()
        _bind_back(self._previous, self.db)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction: everything inside is written, or nothing is. A write the disk
        refuses (full, read-only) becomes a Chinese PartyBookError; nothing of it is kept."""
        try:
            with self.db.atomic():
                yield
        except dbmod.DB_ERRORS as exc:
            error = dbmod.storage_error(exc, self.path)
            if error is None:
                raise
            raise error from exc

    @property
    def changed_since_open(self) -> bool:
        return dbmod.total_changes(self.db) != self._changes_at_open

    def mark_saved(self) -> None:
        self._changes_at_open = dbmod.total_changes(self.db)

    def generation(self) -> tuple[int, int, int]:
        """Changes whenever the data may have: every row written through this connection
        (triggers included), a commit by another connection to the file, a restore. What is
        computed from the data can be kept while it stays the same."""
        return (self._epoch, dbmod.total_changes(self.db), dbmod.data_version(self.db))

    # settings ---------------------------------------------------------------
    def settings(self) -> dict[str, str]:
        """Every setting, read once per generation (the rules ask for them many times)."""
        now = self.generation()
        if self._settings is None or self._settings[0] != now:
            self._settings = (now, {rec.key: rec.value for rec in SettingRecord.select()})
        return dict(self._settings[1])

    def put_settings(self, values: dict[str, str]) -> None:
        with self.atomic():
            for key, value in values.items():
                SettingRecord.replace(key=key, value=value).execute()

    # members ----------------------------------------------------------------
    def members(self) -> list[Member]:
        """The whole roster, read once per generation: the due items, the counts and the tabs
        each ask for it. Members are changed only through replace() and store.members'
        update_member, never in place, so the kept objects can be shared; the list itself is
        a copy."""
        now = self.generation()
        if self._members is None or self._members[0] != now:
            self._members = (now, member_store.load_members())
        return list(self._members[1])

    def member_names(self) -> dict[int, str]:
        """Everyone's name by id: from the kept roster while it is current, else one narrow
        query (after a meeting is saved, its tab needs the names, not 10 000 people read)."""
        if self._members is not None and self._members[0] == self.generation():
            return {m.id: m.name for m in self._members[1]}
        return dict(self.db.execute_sql("SELECT id, name FROM member").fetchall())

    # backups and health -----------------------------------------------------
    def backup(self, label: str = "", now: datetime | None = None) -> Path:
        return backup.make_backup(self.db, self.backup_dir, self.path.stem, label, now)

    def latest_backup_time(self) -> datetime | None:
        found = backup.list_backups(self.backup_dir, self.path.stem)
        return found[-1][1] if found else None

    @property
    def attachment_folder(self) -> Path:
        return attachment_store.folder_for(self.path)

    def copy_to(self, target: Path) -> tuple[Path, list[str]]:
        """A complete copy anywhere: the file, and its attachments in a folder beside it;
        returns it and the sha256 of the attachments whose files were missing or damaged
        here (not copied, the rest is)."""
        _, skipped = attachment_store.copy_all(self.attachment_folder, Path(target))
        return backup.copy_to(self.db.connection(), Path(target)), skipped

    @staticmethod
    def check_backup(source: Path) -> int:
        """A backup's schema version, after checking it is a PartyBook book and whole."""
        found = dbmod.peek(Path(source))
        if found is not None and not schema.is_ours(found):
            raise PartyBookError(f"“{Path(source).name}”不是 PartyBook 的备份文件，没有恢复。")
        return backup.read_version(Path(source))

    @staticmethod
    def set_aside(path: Path, now: datetime) -> Path:
        """Move a book that cannot be opened, with its -wal and -shm, out of the way (renamed
        beside it, kept); returns the book's new name."""
        stamp = f"{now:%Y%m%d-%H%M%S}"
        kept = path.with_name(f"{path.stem}.恢复前-{stamp}{path.suffix}")
        try:
            for suffix in ("", "-wal", "-shm"):
                old = path.with_name(path.name + suffix)
                if old.exists():
                    old.rename(kept.with_name(kept.name + suffix))
        except OSError as exc:
            raise PartyBookError(
                f"无法移开“{path.name}”（{exc.strerror or exc}），没有恢复。"
            ) from exc
        return kept

    @staticmethod
    def copy_in(source: Path, path: Path) -> None:
        """Put a copy of a backup where the book was (a consistent copy, atomically)."""
        con = sqlite3.connect(f"file:{Path(source).as_posix()}?mode=ro", uri=True)
        try:
            backup.copy_to(con, path)
        finally:
            con.close()

    def restore_from(
        self, source: Path, allow_missing: bool = False, files_ready: bool = False
    ) -> list[str]:
        """Replace this book's content with a backup; upgrade it if it is older. Its
        attachments' files are brought in first (attachment_store.bring_in: MissingFiles,
        nothing replaced, when some are nowhere, unless allow_missing; files_ready: the
        caller has just done it); returns those missing."""
        version = self.check_backup(Path(source))
        if version > schema.CURRENT_VERSION:
            schema.prepare_check_newer(version, Path(source))
        missing = []
        if not files_ready:
            missing = attachment_store.bring_in(Path(source), self.attachment_folder, allow_missing)
        self._epoch += 1
        backup.restore_into(self.db, Path(source))
        self._epoch += 1
        if version < schema.CURRENT_VERSION:
            schema.upgrade(self.db, version, self.backup_dir, self.path)
        return missing

    def integrity_problems(self) -> list[str]:
        """Structural problems of the file, in Chinese; empty when healthy."""
        problems = []
        rows = [r[0] for r in self.db.execute_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems += [f"数据库结构检查：{r}" for r in rows[:20]]
        fk = self.db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"有 {len(fk)} 条记录引用了不存在的数据。")
        version = dbmod.user_version(self.db)
        if version != schema.CURRENT_VERSION:
            problems.append(f"数据版本为 {version}，应为 {schema.CURRENT_VERSION}。")
        return problems

    # data packages ------------------------------------------------------------
    def load_package(self, package: package_store.Package, progress=None) -> dict[str, int]:
        """Replace the settings and write every row of the package, in one transaction
        (progress, if given, may raise Cancelled: then nothing is written)."""
        try:
            # The package's rows (its change log included) are copied in as they were, not
            # logged again as new changes, so a round trip gives the same book.
            with self.atomic(), audit.paused(self.db):
                own = [r.key for r in SettingRecord.select() if package_store.book_only(r.key)]
                SettingRecord.delete().where(SettingRecord.key.not_in(own)).execute()
                written = package_store.load_tables(package, progress)
                # the imported change log is marked as such: it cannot pass for local edits
                last = ChangeRecord.select(fn.MAX(ChangeRecord.id)).scalar()
                if last:
                    key = package_store.IMPORTED_LOG_KEY
                    SettingRecord.replace(key=key, value=str(last)).execute()
                return written
        except DatabaseError as exc:  # e.g. a reference to a record the package lacks
            raise PartyBookError(
                f"数据包中的记录对不上（{exc}），没有导入，数据文件没有任何改动。"
            ) from exc
        except (OverflowError, ValueError, TypeError) as exc:  # a value no column can hold
            raise PartyBookError(
                f"数据包中有无法保存的值（{exc}），没有导入，数据文件没有任何改动。"
            ) from exc

    @contextmanager
    def scratch(self) -> Iterator[Store]:
        """A new, empty book in a temporary folder (to open a branch package in); this book's
        records are bound back to it afterwards, since records bind to one database."""
        _sweep_scratch()
        with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as folder:
            other = Store.open(Path(folder) / "branch.sqlite")
            try:
                yield other
            finally:
                other.close()
                self.db.bind(MODELS, bind_refs=False, bind_backrefs=False)
