"""Book: a branch's ledger, open for work. It owns the file (open, close, backups, restore) and
holds one manager per room of the ledger (`book.members`, `book.meetings` …), which do the work."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from partybook.book import record_rules
from partybook.book.appraisal import Appraisal
from partybook.book.attachments import Attachments, refusal
from partybook.book.changes import Change
from partybook.book.committee import Committee
from partybook.book.core import BRANCH_KEYS, Core, Listener, kept
from partybook.book.dues import Dues
from partybook.book.history import History
from partybook.book.layouts import Layouts
from partybook.book.meetings import Meetings
from partybook.book.members import Members
from partybook.book.opening import BookOpening
from partybook.book.packages import Packages
from partybook.book.pipeline import Pipeline
from partybook.book.rules import Rules
from partybook.book.security import Security
from partybook.book.study import Study
from partybook.book.summary import Summary
from partybook.book.talks import Talks
from partybook.book.township import Township
from partybook.book.transfers import Transfers
from partybook.domain import validation
from partybook.domain.appraisal import AppraisalSettings
from partybook.domain.committee import CommitteeSettings
from partybook.domain.deadlines import DueItem
from partybook.domain.dues import DuesSettings
from partybook.domain.errors import MemberInvalid, PartyBookError
from partybook.domain.meetings import MeetingKind
from partybook.domain.members import Branch, FieldProblem
from partybook.domain.rules import Practice
from partybook.domain.study import StudySettings
from partybook.domain.talks import TalkSettings
from partybook.domain.transfers import TransferSettings
from partybook.domain.workdays import YearSchedule
from partybook.store import attachments as attachment_store
from partybook.store import checks
from partybook.store.records import MODELS
from partybook.store.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupCopy:
    """A copy made with backup_copy, and the attachments it could not hold (in words)."""

    path: Path
    warnings: list[str]


@dataclass
class HealthReport:
    """What `check` found: problems make the book unhealthy; warnings are worth a look."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    members: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems


class Book:
    """A branch's ledger (or a township collection), open for work. Every write is one
    transaction, and announces what it changed to those who subscribe (the window)."""

    def __init__(self, store: Store, clock: Callable[[], datetime] = datetime.now) -> None:
        core = self._core = Core(store, clock)
        self.warnings: list[str] = []  # worth telling the user once the book is open
        self.layouts = Layouts(core)
        self.rules = Rules(core)
        self.security = Security(core)
        self.members = Members(core, self.layouts)
        self.opening = BookOpening(core, self.members)
        self.pipeline = Pipeline(core, self.members, self.rules, self.opening)
        self.meetings = Meetings(core, self.members, self.rules, self.pipeline, self.opening)
        self.study = Study(core, self.members, self.rules, self.meetings, self.opening)
        self.appraisal = Appraisal(core, self.members, self.rules)
        self.dues = Dues(core, self.members, self.rules, self.opening)
        self.talks = Talks(core, self.members, self.rules)
        self.transfers = Transfers(core, self.members)
        self.committee = Committee(core, self.members)
        self.attachments = Attachments(core)
        self.history = History(self.members, self.meetings)
        self.township = Township(core, self.layouts, type(self))
        self.packages = Packages(core, self.township, self.check, type(self))
        self.summary = Summary(
            core,
            members=self.members,
            rules=self.rules,
            pipeline=self.pipeline,
            meetings=self.meetings,
            appraisal=self.appraisal,
            study=self.study,
            layouts=self.layouts,
            township=self.township,
            talks=self.talks,
            transfers=self.transfers,
            dues=self.dues,
            committee=self.committee,
        )

    @classmethod
    def open(
        cls, path: Path, *, clock: Callable[[], datetime] = datetime.now, auto_backup: bool = True
    ) -> Book:
        """Open (or create) the book at path; make the day's first backup if none exists yet."""
        book = cls(Store.open(Path(path)), clock)
        if auto_backup and book._core.store.version_before > 0:
            try:
                book._daily_backup()
            except PartyBookError as exc:  # a full disk must not also hide the data
                log.warning("daily backup failed: %s", exc)
                book.warnings.append(f"今天的自动备份没有做成：{exc}")
        try:  # the recycle bin's old attachments purged, unnamed files swept
            book.attachments.tidy()
        except (PartyBookError, OSError) as exc:
            log.warning("tidying attachments failed: %s", exc)
        return book

    @property
    def path(self) -> Path:
        return self._core.store.path

    @property
    def backup_dir(self) -> Path:
        return self._core.store.backup_dir

    def today(self) -> date:
        return self._core.today()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """listener(change) is called after every committed write with the areas it changed
        (a Change); returns the function that unsubscribes."""
        return self._core.subscribe(listener)

    def generation(self) -> object:
        """Where the data stands: it changes with every write (this program's or another's,
        a restore), so what was read at one generation is current while it stays the same."""
        return self._core.store.generation()

    def close(self, *, auto_backup: bool = True) -> Path | None:
        """Close the book; if data changed since the last backup, back it up first."""
        store = self._core.store
        saved = None
        try:
            if auto_backup and store.changed_since_open:
                saved = self._core.backup("")
        finally:
            store.close()  # even when the backup failed (a full disk)
        return saved

    # backups ----------------------------------------------------------------
    def _daily_backup(self) -> Path | None:
        last = self._core.store.latest_backup_time()
        if last is not None and last.date() == self.today():
            return None
        return self._core.backup("")

    def backup_to(self, target: Path) -> Path:
        """Save a complete copy of the book anywhere (a USB stick, another folder); its
        attachments go into the folder beside it (目标名-附件/)."""
        return self.backup_copy(target).path

    def backup_copy(self, target: Path) -> BackupCopy:
        """backup_to, and what it could not hold: the attachments whose files are missing or
        damaged here, named with their records (the copy is made all the same: a backup must
        not fail because one photo is gone)."""
        saved, skipped = self._core.store.copy_to(Path(target))
        return BackupCopy(saved, self.attachments.unavailable(skipped) if skipped else [])

    def restore_from(self, source: Path, allow_missing: bool = False) -> Path:
        """Replace the book with a backup, after backing up the current state; returns that.
        The backup's attachment files are brought in first: FilesMissing, nothing changed,
        when some are nowhere whole, unless allow_missing (then `check` names them)."""
        source = Path(source)
        if source.resolve() == self.path.resolve():
            raise PartyBookError("不能用正在使用的数据文件本身来恢复，请选择一个备份文件。")
        # the files first: a refusal leaves the book, and its backups/, as they were
        self._bring_in(source, self._core.store.attachment_folder, allow_missing)
        safety = self._core.backup("恢复前")
        self._core.store.restore_from(source, files_ready=True)
        self._core.store.mark_saved()
        self._core.announce(Change.everything())
        return safety

    @classmethod
    def restore_file(
        cls,
        path: Path,
        source: Path,
        *,
        clock: Callable[[], datetime] = datetime.now,
        allow_missing: bool = False,
    ) -> tuple[Book, Path | None]:
        """Restore a backup over the book at path from outside it (the command line); returns
        the book, open, and where its state before was kept. Through the open book when it
        opens (its state backed up first, the -wal folded in); when it does not (a -wal that is
        not its own, a damaged file) the book and its -wal/-shm are moved aside, kept, and the
        backup copied in its place. Never by copying over a book whose -wal is still there.
        Where it was kept is None when there was no book. The backup's attachment files are
        brought in first on every path (FilesMissing, nothing changed, when some are nowhere
        whole, unless allow_missing)."""
        path, source = Path(path), Path(source)
        Store.check_backup(source)
        if path.exists() and source.resolve() == path.resolve():
            raise PartyBookError("不能用数据文件本身来恢复，请选择一个备份文件。")
        if path.exists():
            try:
                book = cls.open(path, clock=clock, auto_backup=False)
            except PartyBookError as exc:
                log.warning("restore: %s does not open (%s); setting it aside", path, exc)
            else:
                try:
                    return book, book.restore_from(source, allow_missing)
                except BaseException:
                    book.close(auto_backup=False)
                    raise
        # as restore_from does: the backup's files first, refused before anything is moved
        cls._bring_in(source, attachment_store.folder_for(path), allow_missing)
        was = [path.with_name(path.name + s) for s in ("", "-wal", "-shm")]
        was = [p for p in was if p.exists()]
        kept = None
        if was:  # only what was there is kept, and said to be
            moved = Store.set_aside(path, clock())
            kept = moved.with_name(moved.name + was[0].name[len(path.name) :])
        Store.copy_in(source, path)
        return cls.open(path, clock=clock, auto_backup=False), kept

    @staticmethod
    def _bring_in(source: Path, folder: Path, allow_missing: bool) -> None:
        try:
            attachment_store.bring_in(source, folder, allow_missing)
        except attachment_store.MissingFiles as exc:
            raise refusal(source, exc) from exc

    def check(self) -> HealthReport:
        """Integrity report: the file's structure, then every member against the rules."""
        report = HealthReport(problems=self._core.store.integrity_problems())
        if report.problems:
            return report
        report.problems += self.attachments.problems()
        # every row of every table against the rules the forms and packages keep
        rows = checks.check_tables(MODELS)
        report.problems += rows
        if rows:
            return report
        seen: dict[str, str] = {}
        for m in self.members.all():
            report.members += 1
            for p in validation.validate_member(m, self.today()):
                text = f"{m.name}：{p.message}"
                (report.warnings if p.warning else report.problems).append(text)
            if m.id_number and m.active:
                if m.id_number in seen:
                    report.problems.append(
                        f"{m.name} 与 {seen[m.id_number]} 的公民身份号码相同：{m.id_number}"
                    )
                seen[m.id_number] = m.name
        if not report.problems:  # every record against the rules its form keeps
            report.problems += record_rules.problems(
                self.meetings, self.study, self.talks, self.committee, self.transfers
            )
        if not report.problems and not self.township.is_collection():
            report.problems += self._every_command_reads()
        return report

    def _every_command_reads(self) -> list[str]:
        """What each command shows, computed once (nothing written): a record that a rule
        cannot read (a value no form would save) is a problem, so a healthy book is one every
        command works on."""
        today = self.today()
        reads: list[tuple[str, Callable[[], object]]] = [
            ("待办事项", lambda: self.due_items(today)),
            ("发展党员台账", self.pipeline.paths),
            ("组织关系转接", self.transfers.all),
            ("支部委员会", lambda: (self.committee.current(), self.committee.elections())),
            ("党小组", self.committee.groups),
            ("建账信息", self.opening.state),
        ]
        for year in self.summary.years():
            reads += [
                (f"{year}年的年度台账", lambda y=year: self.summary.year_book(y)),
                (f"{year}年的会议", lambda y=year: self.meetings.compliance(y)),
                (f"{year}年的民主评议", lambda y=year: self.appraisal.round(y)),
                (f"{year}年的学习", lambda y=year: self.study.hours(y)),
                (f"{year}年的党费", lambda y=year: self.dues.rows(y)),
                (f"{year}年的谈心谈话", lambda y=year: self.talks.coverage(y)),
            ]
        problems = []
        for what, read in reads:
            try:
                read()
            except (
                PartyBookError,
                ArithmeticError,
                AttributeError,
                LookupError,
                ValueError,
                TypeError,
            ) as exc:
                log.warning("check: reading %s failed", what, exc_info=True)
                problems.append(f"读取{what}时出错（{type(exc).__name__}：{exc}）")
            except RecursionError:
                problems.append(f"读取{what}时出错（记录嵌套过深）")
        return problems

    # the branch -------------------------------------------------------------
    def branch(self) -> Branch:
        return self._core.branch()

    def save_branch(self, branch: Branch) -> None:
        if not branch.name.strip():
            raise MemberInvalid([FieldProblem("name", "请填写支部名称。")])
        values = {key: getattr(branch, attr).strip() for attr, key in BRANCH_KEYS.items()}
        self._core.put_settings(values, Change.BRANCH)

    def save_settings(
        self,
        *,
        rule_set: str,
        practice: Practice,
        frequency: dict[MeetingKind, str],
        appraisal: AppraisalSettings,
        study: StudySettings,
        talks: TalkSettings,
        transfers: TransferSettings,
        committee: CommitteeSettings,
        dues: DuesSettings,
        schedules: dict[int, YearSchedule | None] | None = None,
        opening: date | None | str = "keep",
    ) -> None:
        """Every page of the settings dialog in one transaction: all of it is saved, or (a
        page refused, a full disk) none of it. schedules: the years' 放假安排 changed (None
        removes a year's); opening: the 建账日期, None to clear it, "keep" to leave it."""
        with self._core.writing(Change.SETTINGS):
            self.rules.choose(rule_set)
            self.rules.save_practice(practice)
            self.meetings.save_frequency(frequency)
            self.appraisal.save_settings(appraisal)
            self.study.save_settings(study)
            self.talks.save_settings(talks)
            self.transfers.save_settings(transfers)
            self.committee.save_settings(committee)
            self.dues.save_settings(dues)
            for year, schedule in (schedules or {}).items():
                self.rules.save_schedule(schedule, year)
            if opening is None:
                self.opening.clear_date()
            elif isinstance(opening, date):
                self.opening.set_date(opening)

    def people_count(self) -> int:
        """How many people the book's records are about: the roster, or for a township
        collection its branches' rosters together (what makes a tab's first load slow)."""
        if self.township.is_collection():
            return sum(p.people for p in self.township.branches())
        return len(self.members.all())

    # what is due ------------------------------------------------------------
    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """Everything due, most urgent first: pipeline deadlines, missing meetings, the
        appraisal, members behind with their study, talks still to hold, missing 回执, the
        committee's term, unpaid dues."""
        day = on or self.today()
        items = (
            self.pipeline.due_items(day)
            + self.meetings.due_items(day)
            + self.appraisal.due_items(day)
            + self.study.due_items(day)
            + self.talks.due_items(day)
            + self.transfers.due_items(day)
            + self.committee.due_items(day)
            + self.dues.due_items(day)
        )
        return sorted(items, key=lambda i: (i.urgency, i.member))
