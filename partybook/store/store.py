"""Store: the one object that owns a book's database connection and converts records."""

from __future__ import annotations

import dataclasses
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase, fn

from partybook.domain.appraisal import Round
from partybook.domain.committee import Election
from partybook.domain.dues import Assessment, Payment
from partybook.domain.errors import NotFound, PartyBookError
from partybook.domain.meetings import Meeting
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.pipeline import Event, Kind
from partybook.domain.stats import Ref
from partybook.domain.study import Session
from partybook.domain.talks import Talk
from partybook.domain.township import BranchPackage, BranchYear
from partybook.domain.transfers import Transfer
from partybook.store import appraisals as appraisal_store
from partybook.store import audit, backup, schema
from partybook.store import committee as committee_store
from partybook.store import db as dbmod
from partybook.store import dues as dues_store
from partybook.store import meetings as meeting_store
from partybook.store import package as package_store
from partybook.store import study as study_store
from partybook.store import talks as talk_store
from partybook.store import township as township_store
from partybook.store import transfers as transfer_store
from partybook.store.records import (
    MODELS,
    EventRecord,
    MaterialRecord,
    MeetingRecord,
    MemberRecord,
    SettingRecord,
    StudyRecord,
    TalkRecord,
)

log = logging.getLogger(__name__)

_MEMBER_FIELDS = [f.name for f in dataclasses.fields(Member) if f.name != "id"]


def _to_member(rec: MemberRecord) -> Member:
    values = {name: getattr(rec, name) for name in _MEMBER_FIELDS}
    values["stage"] = Stage(rec.stage)
    values["left_reason"] = LeaveReason(rec.left_reason) if rec.left_reason else None
    return Member(id=rec.id, **values)


_MEMBER_COLUMNS = [getattr(MemberRecord, name) for name in _MEMBER_FIELDS]
_STAGES = {s.value: s for s in Stage}
_REASONS = {r.value: r for r in LeaveReason}


# Fields whose few values repeat down a roster (性别, 民族, 学历, a school's 籍贯 and 党小组…):
# one string object per value instead of one per person, a third of a big roster's memory.
_REPEATED = ("sex", "ethnicity", "education", "native_place", "position", "party_post", "group")


def _member_of(row: tuple, seen: dict[str, str] | None = None) -> Member:
    """A Member from a tuple (id, *_MEMBER_FIELDS): what _to_member does, without building a
    peewee model per row (a tenth of the time for the whole roster). `seen`, shared by the rows
    of one read, makes equal repeated values one object."""
    values = dict(zip(_MEMBER_FIELDS, row[1:], strict=True))
    if seen is not None:
        for name in _REPEATED:
            value = values[name]
            values[name] = seen.setdefault(value, value)
    values["stage"] = _STAGES[values["stage"]]
    reason = values["left_reason"]
    values["left_reason"] = _REASONS[reason] if reason else None
    return Member(id=row[0], **values)


def _to_row(member: Member) -> dict[str, object]:
    row = {name: getattr(member, name) for name in _MEMBER_FIELDS}
    row["stage"] = member.stage.value
    row["left_reason"] = member.left_reason.value if member.left_reason else None
    return row


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
        schema.refuse_strangers(dbmod.peek(path), path)
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

    # the change log --------------------------------------------------------
    def changes(self, table: str, key: int, related: dict[str, str] | None = None):
        return audit.changes(table, key, related)

    def change_count(self) -> int:
        return audit.count()

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
        each ask for it. Members are changed only through replace() and update_member, never
        in place, so the kept objects can be shared; the list itself is a copy."""
        now = self.generation()
        if self._members is None or self._members[0] != now:
            query = MemberRecord.select(MemberRecord.id, *_MEMBER_COLUMNS).order_by(MemberRecord.id)
            seen: dict[str, str] = {}
            self._members = (now, dbmod.fetch(query, make=lambda row: _member_of(row, seen)))
        return list(self._members[1])

    def member_names(self) -> dict[int, str]:
        """Everyone's name by id: from the kept roster while it is current, else one narrow
        query (after a meeting is saved, its tab needs the names, not 10 000 people read)."""
        if self._members is not None and self._members[0] == self.generation():
            return {m.id: m.name for m in self._members[1]}
        return dict(self.db.execute_sql("SELECT id, name FROM member").fetchall())

    def member(self, member_id: int) -> Member:
        rec = MemberRecord.get_or_none(MemberRecord.id == member_id)
        if rec is None:
            raise NotFound(f"找不到编号为 {member_id} 的人员。")
        return _to_member(rec)

    def insert_member(self, member: Member) -> Member:
        new_id = MemberRecord.insert(**_to_row(member)).execute()
        return member.replace(id=new_id)

    def insert_members(self, members: list[Member], progress=None) -> list[Member]:
        """Insert many members in batches (call inside a transaction); progress(done, total)
        after each batch may raise Cancelled, rolling the transaction back."""
        out: list[Member] = []
        step = 900 // (len(_MEMBER_FIELDS) + 1)  # SQLite's limit on bound values
        report = progress or (lambda done, total: None)
        report(0, len(members))
        for start in range(0, len(members), step):
            batch = members[start : start + step]
            last = MemberRecord.insert_many([_to_row(m) for m in batch]).execute()
            # one multi-row INSERT into a rowid table gives consecutive ids ending at last
            first = last - len(batch) + 1
            out += [m.replace(id=first + i) for i, m in enumerate(batch)]
            report(len(out), len(members))
        return out

    def update_member(self, member: Member) -> None:
        if member.id is None:
            raise NotFound("这个人员还没有保存过。")
        count = MemberRecord.update(**_to_row(member)).where(MemberRecord.id == member.id).execute()
        if count != 1:
            raise NotFound(f"找不到编号为 {member.id} 的人员。")

    # backups and health -----------------------------------------------------
    def backup(self, label: str = "", now: datetime | None = None) -> Path:
        return backup.make_backup(self.db, self.backup_dir, self.path.stem, label, now)

    def latest_backup_time(self) -> datetime | None:
        found = backup.list_backups(self.backup_dir, self.path.stem)
        return found[-1][1] if found else None

    def copy_to(self, target: Path) -> Path:
        return backup.copy_to(self.db.connection(), Path(target))

    def restore_from(self, source: Path) -> None:
        """Replace this book's content with a backup; upgrade it if it is older."""
        version = backup.read_version(Path(source))
        if version > schema.CURRENT_VERSION:
            schema.prepare_check_newer(version, Path(source))
        self._epoch += 1
        backup.restore_into(self.db, Path(source))
        self._epoch += 1
        if version < schema.CURRENT_VERSION:
            schema.upgrade(self.db, version, self.backup_dir, self.path)

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

    # data packages and the township collection ------------------------------
    def row_counts(self) -> dict[str, int]:
        return package_store.row_counts()

    def dump_tables(self, year: int | None = None) -> dict[str, tuple[list[str], list[list]]]:
        return package_store.dump_tables(year)

    def load_package(self, package: package_store.Package, progress=None) -> dict[str, int]:
        """Replace the settings and write every row of the package, in one transaction
        (progress, if given, may raise Cancelled: then nothing is written)."""
        try:
            # The package's rows (its change log included) are copied in as they were, not
            # logged again as new changes, so a round trip gives the same book.
            with self.atomic(), audit.paused(self.db):
                SettingRecord.delete().execute()
                return package_store.load_tables(package, progress)
        except DatabaseError as exc:  # e.g. a reference to a record the package lacks
            raise PartyBookError(
                f"数据包中的记录对不上（{exc}），没有导入，数据文件没有任何改动。"
            ) from exc
        except (OverflowError, ValueError, TypeError) as exc:  # a value no column can hold
            raise PartyBookError(
                f"数据包中有无法保存的值（{exc}），没有导入，数据文件没有任何改动。"
            ) from exc

    def branch_packages(self) -> list[BranchPackage]:
        return township_store.branch_packages()

    def branch_package_bytes(self, branch: str) -> bytes | None:
        return township_store.package_bytes(branch)

    def save_branch_package(
        self,
        package: package_store.Package,
        imported_at: datetime,
        settings: dict[str, str],
        years: list[BranchYear],
    ) -> None:
        """Keep a branch's package and the figures computed from it, in one transaction."""
        with self.atomic():
            township_store.save_branch_package(package, imported_at)
            township_store.save_branch_years(package.branch_name, years)
            self.put_settings(settings)

    def save_branch_years(self, branch: str, years: list[BranchYear]) -> None:
        with self.atomic():
            township_store.save_branch_years(branch, years)

    def branch_years(self, year: int) -> list[tuple[str, BranchYear]]:
        return township_store.branch_years(year)

    def figure_refs(self, year: int, key: str) -> tuple[Ref, ...]:
        return township_store.figure_refs(year, key)

    def kept_years(self) -> set[int]:
        return township_store.kept_years()

    def branch_year_versions(self) -> dict[str, set[int]]:
        return township_store.branch_year_versions()

    def remove_branch_package(self, branch: str) -> None:
        with self.atomic():
            township_store.remove_branch_package(branch)

    @contextmanager
    def scratch(self) -> Iterator[Store]:
        """A new, empty book in a temporary folder (to open a branch package in); this book's
        records are bound back to it afterwards, since records bind to one database."""
        with tempfile.TemporaryDirectory(prefix="partybook-") as folder:
            other = Store.open(Path(folder) / "branch.sqlite")
            try:
                yield other
            finally:
                other.close()
                self.db.bind(MODELS, bind_refs=False, bind_backrefs=False)

    # development pipeline ---------------------------------------------------
    def events(self, member_id: int | None = None) -> list[Event]:
        query = EventRecord.select(EventRecord.id, EventRecord.member, *_EVENT_COLUMNS).order_by(
            EventRecord.on, EventRecord.id
        )
        if member_id is not None:
            query = query.where(EventRecord.member == member_id)
        return dbmod.fetch(query, make=_event_of)

    def insert_event(self, event: Event) -> Event:
        new_id = EventRecord.insert(**_event_row(event)).execute()
        return dataclasses.replace(event, id=new_id)

    def update_event(self, event: Event) -> None:
        count = EventRecord.update(**_event_row(event)).where(EventRecord.id == event.id).execute()
        if count != 1:
            raise NotFound("找不到这条记录，可能已被删除。")

    def delete_event(self, event_id: int) -> None:
        EventRecord.delete().where(EventRecord.id == event_id).execute()

    def ticked_materials(self, member_id: int) -> set[str]:
        query = MaterialRecord.select().where(MaterialRecord.member == member_id)
        return {rec.document for rec in query}

    def set_material(self, member_id: int, document: str, present: bool) -> None:
        if present:
            MaterialRecord.insert(
                member=member_id, document=document
            ).on_conflict_ignore().execute()
        else:
            MaterialRecord.delete().where(
                (MaterialRecord.member == member_id) & (MaterialRecord.document == document)
            ).execute()

    # meetings ---------------------------------------------------------------
    def meetings(self, year: int | None = None, *, attendees: bool = True) -> list[Meeting]:
        return meeting_store.load_meetings(year, attendees=attendees)

    def meeting_heads(self, year: int | None = None, kinds=None) -> list[Meeting]:
        return meeting_store.load_meeting_heads(year, kinds)

    def meeting_counts(self, year: int) -> dict[int, tuple[int, int]]:
        return meeting_store.meeting_counts(year)

    def year_attendance(self, year: int) -> dict[int, tuple[int, int, int]]:
        return meeting_store.year_attendance(year)

    def one_meeting(self, meeting_id: int) -> Meeting | None:
        found = meeting_store.load_meetings(meeting_id=meeting_id)
        return found[0] if found else None

    def expected_everywhere(self, progress=None) -> dict[int, date | None]:
        return meeting_store.expected_everywhere(progress)

    def years_with(self, what: str) -> set[int]:
        """The years that have meetings ("meetings"), study ("study") or talks ("talks")."""
        record = {"meetings": MeetingRecord, "study": StudyRecord, "talks": TalkRecord}[what]
        # one indexed MIN per year, jumping to the next year (not a strftime over every row:
        # 0.1 s for a township's 20 000 talks)
        years: set[int] = set()
        query = record.select(fn.MIN(record.on))
        while (first := query.scalar()) is not None:
            year = int(str(first)[:4])
            years.add(year)
            query = record.select(fn.MIN(record.on)).where(record.on >= date(year + 1, 1, 1))
        return years

    def appraisal(self, year: int) -> Round | None:
        return appraisal_store.load_round(year)

    def appraisal_steps(self, year: int) -> dict[str, tuple[date | None, str]] | None:
        return appraisal_store.load_steps(year)

    def save_appraisal(self, r: Round) -> Round:
        with self.atomic():
            return appraisal_store.save_round(r)

    def save_meeting(self, meeting: Meeting) -> Meeting:
        with self.atomic():
            return meeting_store.save_meeting(meeting)

    # study ------------------------------------------------------------------
    def study_sessions(
        self, year: int | None = None, meeting_id: int | None = None
    ) -> list[Session]:
        return study_store.load_sessions(year, meeting_id)

    def group_study(self, year: int) -> tuple[int, float]:
        return study_store.group_study(year)

    def save_study_session(self, s: Session) -> Session:
        with self.atomic():
            return study_store.save_session(s)

    def delete_study_session(self, session_id: int) -> None:
        with self.atomic():
            study_store.delete_session(session_id)

    # talks, transfers, elections, party groups (one transaction each; nested in a caller's)
    def talks(self, year: int | None = None) -> list[Talk]:
        return talk_store.load_talks(year)

    def talked_pairs(self, year: int) -> set[int]:
        return talk_store.talked_pairs(year)

    def save_talk(self, t: Talk) -> Talk:
        with self.atomic():
            return talk_store.save_talk(t)

    def delete_talk(self, talk_id: int) -> None:
        with self.atomic():
            talk_store.delete_talk(talk_id)

    def transfers(self) -> list[Transfer]:
        return transfer_store.load_transfers()

    def save_transfer(self, t: Transfer) -> Transfer:
        with self.atomic():
            return transfer_store.save_transfer(t)

    def delete_transfer(self, transfer_id: int) -> None:
        with self.atomic():
            transfer_store.delete_transfer(transfer_id)

    def elections(self) -> list[Election]:
        return committee_store.load_elections()

    def save_election(self, e: Election) -> Election:
        with self.atomic():
            return committee_store.save_election(e)

    def delete_election(self, election_id: int) -> None:
        with self.atomic():
            committee_store.delete_election(election_id)

    def group_leaders(self) -> dict[str, int | None]:
        return committee_store.group_leaders()

    def save_group_leader(self, name: str, leader_id: int | None, old_name: str | None) -> None:
        with self.atomic():
            committee_store.save_group_leader(name, leader_id, old_name)

    def delete_group(self, name: str) -> None:
        with self.atomic():
            committee_store.delete_group(name)

    # dues -------------------------------------------------------------------
    def dues_assessments(self, year: int) -> list[Assessment]:
        return dues_store.load_assessments(year)

    def dues_assessments_stream(self, year: int) -> Iterator[Assessment]:
        """dues_assessments() one at a time, by member id: finish it before the next write."""
        return dues_store.stream_assessments(year)

    def has_dues_assessments(self, year: int) -> bool:
        return dues_store.has_assessments(year)

    def dues_payments(self, year: int) -> list[Payment]:
        return dues_store.load_payments(year)

    def dues_payments_stream(self, year: int) -> Iterator[Payment]:
        """dues_payments() one at a time, by member id: finish it before the next write."""
        return dues_store.stream_payments(year)

    def dues_years(self) -> set[int]:
        return dues_store.years()

    def save_dues_assessments(self, changes: list[tuple[Assessment, bool]]) -> None:
        """Save each assessment; with True it replaces the member's whole year (a correction)."""
        with self.atomic():
            for a, correction in changes:
                if correction:
                    dues_store.replace_assessments(a.member_id, a.year, [a])
                else:
                    dues_store.save_assessment(a)

    def add_dues_payments(self, payments: list[Payment]) -> None:
        with self.atomic():
            dues_store.insert_payments(payments)

    def delete_dues_payment(self, member_id: int, year: int, month: int) -> None:
        with self.atomic():
            dues_store.delete_payment(member_id, year, month)


_EVENT_FIELDS = [f.name for f in dataclasses.fields(Event) if f.name not in ("id", "member_id")]


def _to_event(rec: EventRecord) -> Event:
    values = {name: getattr(rec, name) for name in _EVENT_FIELDS}
    values["kind"] = Kind(rec.kind)
    return Event(member_id=rec.member_id, id=rec.id, **values)


_EVENT_COLUMNS = [getattr(EventRecord, name) for name in _EVENT_FIELDS]
_KINDS = {k.value: k for k in Kind}


def _event_of(row: tuple) -> Event:
    values = dict(zip(_EVENT_FIELDS, row[2:], strict=True))
    values["kind"] = _KINDS[values["kind"]]
    return Event(member_id=row[1], id=row[0], **values)


def _event_row(event: Event) -> dict[str, object]:
    row = {name: getattr(event, name) for name in _EVENT_FIELDS}
    row["kind"] = event.kind.value
    row["member"] = event.member_id
    return row
