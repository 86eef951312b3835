"""Book: the one facade over a branch's ledger that the UI and the command line use (Qt-free)."""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partybook.book_appraisal import AppraisalBook
from partybook.book_committee import CommitteeBook
from partybook.book_dues import DuesBook
from partybook.book_history import HistoryBook
from partybook.book_meetings import MeetingsBook
from partybook.book_package import PackageBook
from partybook.book_pipeline import PipelineBook
from partybook.book_security import SecurityBook
from partybook.book_study import StudyBook
from partybook.book_summary import SummaryBook
from partybook.book_talks import TalksBook
from partybook.book_transfers import TransfersBook
from partybook.domain import validation
from partybook.domain.errors import InvalidValue, MemberInvalid, PartyBookError, RuleViolation
from partybook.domain.idcard import normalize_id_number
from partybook.domain.members import Branch, FieldProblem, LeaveReason, Member, Stage
from partybook.domain.progress import Progress
from partybook.store.backup import thin
from partybook.store.store import Store

if TYPE_CHECKING:
    from partybook.importing.members import ImportPlan

log = logging.getLogger(__name__)

_BRANCH_KEYS = {
    "name": "branch.name",
    "committee": "branch.committee",
    "school": "branch.school",
    "secretary": "branch.secretary",
}


@dataclass
class HealthReport:
    """What `check` found: problems make the book unhealthy; warnings are worth a look."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    members: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems


class Book(
    PipelineBook,
    MeetingsBook,
    AppraisalBook,
    StudyBook,
    DuesBook,
    SummaryBook,
    SecurityBook,
    HistoryBook,
    PackageBook,
    TalksBook,
    TransfersBook,
    CommitteeBook,
):
    """A branch's ledger, open for work. Every write is one transaction."""

    def __init__(self, store: Store, clock: Callable[[], datetime] = datetime.now) -> None:
        self._store = store
        self._clock = clock
        self.warnings: list[str] = []  # worth telling the user once the book is open
        self._kept_generation: object = None
        self._kept_values: dict[tuple, list] = {}

    @classmethod
    def open(
        cls, path: Path, *, clock: Callable[[], datetime] = datetime.now, auto_backup: bool = True
    ) -> Book:
        """Open (or create) the book at path; make the day's first backup if none exists yet."""
        book = cls(Store.open(Path(path)), clock)
        if auto_backup and book._store.version_before > 0:
            try:
                book._daily_backup()
            except PartyBookError as exc:  # a full disk must not also hide the data
                log.warning("daily backup failed: %s", exc)
                book.warnings.append(f"今天的自动备份没有做成：{exc}")
        return book

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def backup_dir(self) -> Path:
        return self._store.backup_dir

    def today(self) -> date:
        return self._clock().date()

    def close(self, *, auto_backup: bool = True) -> Path | None:
        """Close the book; if data changed since the last backup, back it up first."""
        saved = None
        try:
            if auto_backup and self._store.changed_since_open:
                saved = self._backup("")
        finally:
            self._store.close()  # even when the backup failed (a full disk)
        return saved

    # backups ----------------------------------------------------------------
    def _backup(self, label: str) -> Path:
        now = self._clock()
        saved = self._store.backup(label, now)
        self._store.mark_saved()
        thin(self.backup_dir, self.path.stem, now)
        return saved

    def _daily_backup(self) -> Path | None:
        last = self._store.latest_backup_time()
        if last is not None and last.date() == self.today():
            return None
        return self._backup("")

    def backup_to(self, target: Path) -> Path:
        """Save a complete copy of the book anywhere (a USB stick, another folder)."""
        return self._store.copy_to(Path(target))

    def restore_from(self, source: Path) -> Path:
        """Replace the book with a backup, after backing up the current state; returns that."""
        source = Path(source)
        if source.resolve() == self.path.resolve():
            raise PartyBookError("不能用正在使用的数据文件本身来恢复，请选择一个备份文件。")
        safety = self._backup("恢复前")
        self._store.restore_from(source)
        self._store.mark_saved()
        return safety

    def check(self) -> HealthReport:
        """Integrity report: the file's structure, then every member against the rules."""
        report = HealthReport(problems=self._store.integrity_problems())
        if report.problems:
            return report
        seen: dict[str, str] = {}
        for m in self.members():
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
        return report

    # branch -----------------------------------------------------------------
    def branch(self) -> Branch:
        values = self._store.settings()
        return Branch(**{attr: values.get(key, "") for attr, key in _BRANCH_KEYS.items()})

    def save_branch(self, branch: Branch) -> None:
        if not branch.name.strip():
            raise MemberInvalid([FieldProblem("name", "请填写支部名称。")])
        values = {key: getattr(branch, attr).strip() for attr, key in _BRANCH_KEYS.items()}
        self._store.put_settings(values)

    # members ----------------------------------------------------------------
    def members(self, *, include_left: bool = True) -> list[Member]:
        found = self._store.members()
        return found if include_left else [m for m in found if m.active]

    def member_names(self) -> dict[int, str]:
        """Everyone's name by id (those who left too), for the tabs' lists: read narrowly
        unless the roster is kept already."""
        return self._store.member_names()

    def member(self, member_id: int) -> Member:
        return self._store.member(member_id)

    def check_member(
        self, member: Member, taken: dict[str, str] | None = None
    ) -> list[FieldProblem]:
        """Every problem with member as it would be saved, including a duplicate ID number.

        taken (ID number -> name of everyone else) spares a long import reading the whole
        roster for each of its rows."""
        member = self._clean(member)
        problems = validation.validate_member(member, self.today())
        if member.id_number:
            if taken is None:
                taken = self._id_numbers(but=member.id)
            if member.id_number in taken:
                problems.append(
                    FieldProblem(
                        "id_number",
                        f"公民身份号码与已有人员“{taken[member.id_number]}”相同，请核对。",
                    )
                )
        return problems

    def _id_numbers(self, but: int | None = None) -> dict[str, str]:
        return {m.id_number: m.name for m in self._store.members() if m.id_number and m.id != but}

    def _clean(self, member: Member) -> Member:
        try:
            number = normalize_id_number(member.id_number)
        except InvalidValue:
            number = member.id_number.strip()  # validate_member reports it
        try:
            phone = validation.check_phone(member.phone)
        except InvalidValue:
            phone = member.phone.strip()  # validate_member reports it
        member = member.replace(name=member.name.strip(), id_number=number, phone=phone)
        return validation.fill_from_id_number(member)

    def _save(self, member: Member, insert: bool, taken: dict[str, str] | None = None) -> Member:
        member = self._clean(member)
        errors = [p for p in self.check_member(member, taken) if not p.warning]
        if errors:
            raise MemberInvalid(errors)
        with self._store.atomic():
            if insert:
                member = self._store.insert_member(member)
            else:
                self._store.update_member(member)
        if taken is not None and member.id_number:
            taken[member.id_number] = member.name
        return member

    def add_member(self, member: Member) -> Member:
        """Add a person to the roster; raises MemberInvalid listing every problem."""
        return self._save(member.replace(id=None), insert=True)

    def update_member(self, member: Member) -> Member:
        return self._save(member, insert=False)

    def leave(self, member_id: int, reason: LeaveReason, on: date, note: str = "") -> Member:
        """Record that a person left (转出, 去世, …). Nobody is ever deleted."""
        member = self.member(member_id)
        if not member.active:
            raise RuleViolation(
                f"{member.name} 已于 {member.left_on} 离开（{member.left_reason}）。"
            )
        if on > self.today():
            raise RuleViolation("离开日期不能晚于今天。")
        if reason is LeaveReason.CANCELLED and member.stage is not Stage.PROBATIONARY:
            raise RuleViolation("只有预备党员才能被取消预备党员资格。")
        if reason is LeaveReason.STOPPED and member.stage.is_member:
            raise RuleViolation("“停止培养”只用于尚未入党的申请人、积极分子和发展对象。")
        changed = member.replace(left_on=on, left_reason=reason, left_note=note.strip())
        with self._store.atomic():
            self._store.update_member(changed)
        return changed

    def undo_leave(self, member_id: int) -> Member:
        """Put back on the roster a person whose leaving was recorded by mistake."""
        member = self.member(member_id)
        changed = member.replace(left_on=None, left_reason=None, left_note="")
        with self._store.atomic():
            self._store.update_member(changed)
        return changed

    def due_items(self, on: date | None = None) -> list:
        """Everything due, most urgent first: pipeline deadlines, missing meetings, the
        appraisal, members behind with their study, unpaid dues, talks still to hold, missing
        回执, the committee's term."""
        day = on or self.today()

        def compute() -> list:
            items = (
                self.pipeline_due_items(day)
                + self.meeting_due_items(day)
                + self.appraisal_due_items(day)
                + self.study_due_items(day)
                + self.talk_due_items(day)
                + self.transfer_due_items(day)
                + self.committee_due_items(day)
                + self.dues_due_items(day)
            )
            return sorted(items, key=lambda i: (i.urgency, i.member))

        return self._kept(("due_items", day), compute)

    # computed once per change -----------------------------------------------
    def _kept(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """compute()'s result, kept while the store's generation stays the same: the home page
        and the tabs all ask for the due items, which are worked out once per change (any write,
        a restore, another program's commit), not once per tab. A copy of the list (or dict) is
        returned; what is in it is frozen, or copied by the caller (meetings)."""
        now = self._store.generation()
        if now != self._kept_generation:
            self._kept_values.clear()
            self._kept_generation = now
        if key not in self._kept_values:
            self._kept_values[key] = compute()
        return copy.copy(self._kept_values[key])

    def pipeline_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("pipeline", day), lambda: super(Book, self).pipeline_due_items(day))

    def meeting_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("meeting", day), lambda: super(Book, self).meeting_due_items(day))

    def appraisal_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("appraisal", day), lambda: super(Book, self).appraisal_due_items(day))

    def study_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("study", day), lambda: super(Book, self).study_due_items(day))

    def talk_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("talk", day), lambda: super(Book, self).talk_due_items(day))

    def transfer_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("transfer", day), lambda: super(Book, self).transfer_due_items(day))

    def committee_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("committee", day), lambda: super(Book, self).committee_due_items(day))

    def dues_due_items(self, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("dues", day), lambda: super(Book, self).dues_due_items(day))

    def glance(self, on: date | None = None) -> list[tuple[str, str]]:
        day = on or self.today()
        return self._kept(("glance", day), lambda: super(Book, self).glance(day))

    def dues(self, year: int, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("dues_rows", year, day), lambda: super(Book, self).dues(year, day))

    def study_hours(self, year: int, on: date | None = None) -> list:
        day = on or self.today()
        return self._kept(("hours", year, day), lambda: super(Book, self).study_hours(year, day))

    def appraisal_participants(self, year: int, on: date | None = None) -> tuple[list, list]:
        """Kept per round date: 民主评议 asks for them on every load (a new round lists them,
        the table marks who is graded), over a township's 10 000 people. Each call gets its
        own two lists; the members in them are the kept roster's, shared as it shares them."""
        day = on or date(year, 12, 31)
        graded, ungraded = self._kept(
            ("participants", day), lambda: super(Book, self).appraisal_participants(year, day)
        )
        return list(graded), list(ungraded)

    def meetings(self, year: int | None = None, *, attendees: bool = True) -> list:
        """The year's meetings (the tab and the attendance figures both read them); each a
        copy with its own lists, since a Meeting is edited in place."""
        kept = self._kept(
            ("meetings", year, attendees),
            lambda: super(Book, self).meetings(year, attendees=attendees),
        )
        return [
            dataclasses.replace(m, attendees=list(m.attendees), votes=list(m.votes)) for m in kept
        ]

    def talks(self, year: int | None = None) -> list:
        """Kept (a Talk is frozen): the tab reads the year again after each change elsewhere."""
        return list(self._kept(("talks", year), lambda: super(Book, self).talks(year)))

    def talk_coverage(self, year: int) -> list:
        """Kept (frozen rows of references to the roster's members): the home page's talk
        items and 组织建设 show the same coverage, worked out once per change."""
        return self._kept(("coverage", year), lambda: super(Book, self).talk_coverage(year))

    def meeting_titles(self, year: int | None = None) -> dict[int, str]:
        return self._kept(("titles", year), lambda: super(Book, self).meeting_titles(year))

    def meeting_lines(self, year: int) -> list:
        """Kept as they are: a line's meeting is read, never edited (Book.meeting gives one)."""
        return self._kept(("lines", year), lambda: super(Book, self).meeting_lines(year))

    def expected_everywhere(self, progress=None) -> dict:
        return self._kept(("everywhere",), lambda: super(Book, self).expected_everywhere(progress))

    def attendance(self, year: int, progress=None) -> dict:
        day = self.today()
        return self._kept(
            ("attendance", year, day), lambda: super(Book, self).attendance(year, progress)
        )

    def meeting_compliance(self, year: int, until: date | None = None) -> list:
        day = until or self.today()
        return self._kept(
            ("compliance", year, day), lambda: super(Book, self).meeting_compliance(year, day)
        )

    # import and export ------------------------------------------------------
    def plan_member_import(
        self, path: Path, *, sheet: str | None = None, mapping: dict | None = None
    ) -> ImportPlan:
        """Read and check a roster file without writing anything."""
        from partybook.importing.members import plan_member_import  # loaded when first used

        existing = {m.id_number for m in self._store.members() if m.id_number}
        return plan_member_import(
            Path(path),
            today=self.today(),
            existing_id_numbers=existing,
            sheet=sheet,
            mapping=mapping,
        )

    def import_members(self, plan: ImportPlan, progress: Progress | None = None) -> list[Member]:
        """Write a checked plan: all of its new members, or nothing if any row has an error
        (or progress raises Cancelled). Each is checked as add_member checks it, against the
        roster read once, and written in batches inside one transaction."""
        if plan.errors:
            raise PartyBookError(f"表格中有 {len(plan.errors)} 处错误，没有导入任何人。")
        existing = self._store.members()
        if plan.new_members and existing:
            self._backup("导入前")  # a big change to an existing roster: keep the state before it
        taken = {m.id_number: m.name for m in existing if m.id_number}
        ready = []
        for member in plan.new_members:
            member = self._clean(member.replace(id=None))
            errors = [p for p in self.check_member(member, taken) if not p.warning]
            if errors:
                raise MemberInvalid(errors)
            if member.id_number:
                taken[member.id_number] = member.name
            ready.append(member)
        with self._store.atomic():
            return self._store.insert_members(ready, progress)

    def export_roster(self, path: Path, *, include_left: bool = False, mask: bool = False) -> int:
        """Write the 党员花名册 workbook for the township through the saved layout; mask hides
        the middle of ID and phone numbers for this export. Returns the number of people."""
        from partybook.export.roster import SHEET, write_roster  # openpyxl: ~0.15 s at start-up

        layouts = self.layouts().masked() if mask else self.layouts()
        return write_roster(
            Path(path),
            self.branch(),
            self.members(),
            self.today(),
            include_left=include_left,
            layout=layouts.of(SHEET),
        )
