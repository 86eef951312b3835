"""The roster (党员花名册): people added, corrected, leaving; imports and the roster workbook."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.domain import validation
from partybook.domain.discipline import (
    DISCIPLINE_KINDS,
    Discipline,
    check_discipline,
    check_end,
    current,
    disciplines,
    under_discipline,
)
from partybook.domain.errors import (
    InvalidValue,
    MemberInvalid,
    NotFound,
    PartyBookError,
    RuleViolation,
)
from partybook.domain.idcard import normalize_id_number
from partybook.domain.members import FieldProblem, LeaveReason, Member, leave_problems
from partybook.domain.opening import arrival_events
from partybook.domain.pipeline import Event, Kind
from partybook.domain.progress import Progress
from partybook.store import events as event_store
from partybook.store import members as member_store

if TYPE_CHECKING:
    from partybook.book.layouts import Layouts
    from partybook.importing.members import ImportPlan


class Members:
    """book.members: everyone who is or was on the roster. Nobody is ever deleted."""

    def __init__(self, core: Core, layouts: Layouts) -> None:
        self._core = core
        self._layouts = layouts

    def all(self, *, include_left: bool = True) -> list[Member]:
        """The roster by id (kept by the store while the data stays the same)."""
        found = self._core.store.members()
        return found if include_left else [m for m in found if m.active]

    def names(self) -> dict[int, str]:
        """Everyone's name by id (those who left too), for the tabs' lists: read narrowly
        unless the roster is kept already."""
        return self._core.store.member_names()

    @kept(give=set)
    def without_vote(self, on: date | None = None) -> set[int]:
        """The members under 留党察看 on the day (default today): they attend and are counted
        as attending, but have no vote, cannot elect or be elected and are not in 应到有表决权
        (党章第四十条). Those who had left the roster by the day are not in it."""
        day = on or self._core.today()
        events = event_store.load_events(kinds=DISCIPLINE_KINDS)
        if not events:
            return set()
        return under_discipline(events, day, self.all())

    # 留党察看 -----------------------------------------------------------------
    def disciplines(self, member_id: int | None = None) -> list[Discipline]:
        """Every 留党察看 recorded (or one member's), by member and start."""
        return disciplines(event_store.load_events(member_id, kinds=DISCIPLINE_KINDS))

    def disciplined(self, on: date | None = None) -> dict[int, Discipline]:
        """member id -> the 留党察看 in force on the day (default today), for the roster."""
        return current(self.disciplines(), on or self._core.today())

    def check_discipline(
        self, member_id: int, start: date, months: int, event_id: int | None = None
    ) -> list[str]:
        """What is wrong with recording this 留党察看 (empty: it can be saved)."""
        member = self.get(member_id)
        others = [
            d for d in self.disciplines(member_id) if event_id is None or d.event_id != event_id
        ]
        return check_discipline(member, start, months, others, self._core.today())

    def record_discipline(
        self,
        member_id: int,
        start: date,
        months: int,
        notes: str = "",
        *,
        ended_on: date | None = None,
        end_notes: str = "",
        event_id: int | None = None,
    ) -> Discipline:
        """Record a 留党察看 from `start` for `months` (12 or 24) with an early end if any, or
        correct the one recorded as `event_id` (a year extended to two, an early end added or
        taken back): one write. Refused with every problem in Chinese."""
        problems = self.check_discipline(member_id, start, months, event_id)
        draft = Discipline(member_id, start, months)
        if ended_on is not None and not problems:
            problems += check_end(draft, ended_on, self._core.today())
        if problems:
            raise RuleViolation("".join(problems))
        before = None
        if event_id is not None:
            before = next((d for d in self.disciplines(member_id) if d.event_id == event_id), None)
            if before is None:
                raise NotFound("找不到这条留党察看记录，可能已被删除。")
        event = Event(
            member_id, Kind.DISCIPLINE, start, quantity=months, unit="个月", notes=notes.strip()
        )
        end = Event(member_id, Kind.DISCIPLINE_END, ended_on or start, notes=end_notes.strip())
        with self._core.writing(Change.MEMBERS):
            if before is None:
                event_store.insert_event(event)
            else:
                event_store.update_event(dataclasses.replace(event, id=before.event_id))
            old_end = before.end_event_id if before else None
            if ended_on is not None and old_end is None:
                event_store.insert_event(end)
            elif ended_on is not None:
                event_store.update_event(dataclasses.replace(end, id=old_end))
            elif old_end is not None:
                event_store.delete_event(old_end)
        return next(d for d in self.disciplines(member_id) if d.start == start)

    def end_discipline(self, member_id: int, start: date, on: date, notes: str = "") -> Discipline:
        """Record that the 留党察看 that began on `start` ended early on `on` (the decision
        revoked or changed); a second call corrects the date."""
        found = [d for d in self.disciplines(member_id) if d.start == start]
        if not found:
            raise NotFound(f"找不到 {start} 开始的留党察看记录。")
        d = found[0]
        return self.record_discipline(
            member_id, d.start, d.months, d.notes, ended_on=on, end_notes=notes, event_id=d.event_id
        )

    def delete_discipline(self, member_id: int, start: date) -> None:
        """Remove a wrongly entered 留党察看 with its early end (the daily backup keeps it)."""
        found = [d for d in self.disciplines(member_id) if d.start == start]
        if not found:
            raise NotFound(f"找不到 {start} 开始的留党察看记录。")
        with self._core.writing(Change.MEMBERS):
            for event_id in (found[0].event_id, found[0].end_event_id):
                if event_id is not None:
                    event_store.delete_event(event_id)

    def get(self, member_id: int) -> Member:
        return member_store.load_member(member_id)

    def id_numbers(self, but: int | None = None) -> dict[str, str]:
        """ID number -> name of everyone (but one) who has one."""
        return {m.id_number: m.name for m in self.all() if m.id_number and m.id != but}

    def check(self, member: Member, taken: dict[str, str] | None = None) -> list[FieldProblem]:
        """Every problem with member as it would be saved, including a duplicate ID number.

        taken (ID number -> name of everyone else) spares a long import reading the whole
        roster for each of its rows."""
        member = self._clean(member)
        problems = validation.validate_member(member, self._core.today())
        if member.id_number:
            if taken is None:
                taken = self.id_numbers(but=member.id)
            if member.id_number in taken:
                problems.append(
                    FieldProblem(
                        "id_number",
                        f"公民身份号码与已有人员“{taken[member.id_number]}”相同，请核对。",
                    )
                )
        return problems

    def add(self, member: Member, *, taken: dict[str, str] | None = None) -> Member:
        """Add a person to the roster; raises MemberInvalid listing every problem. taken (see
        check) is kept up to date with the new person's ID number."""
        return self._save(member.replace(id=None), insert=True, taken=taken)

    def update(self, member: Member) -> Member:
        return self._save(member, insert=False)

    def leave(self, member_id: int, reason: LeaveReason, on: date, note: str = "") -> Member:
        """Record that a person left (转出, 去世, 除名 …); 除名 needs the decision in the note."""
        member = self.get(member_id)
        if not member.active:
            raise RuleViolation(
                f"{member.name} 已于 {member.left_on} 离开（{member.left_reason}）。"
            )
        if on > self._core.today():
            raise RuleViolation("离开日期不能晚于今天。")
        problems = leave_problems(member, reason, note)
        if problems:
            raise RuleViolation("".join(problems))
        changed = member.replace(left_on=on, left_reason=reason, left_note=note.strip())
        with self._core.writing(Change.MEMBERS):
            member_store.update_member(changed)
        return changed

    def undo_leave(self, member_id: int) -> Member:
        """Put back on the roster a person whose leaving was recorded by mistake."""
        member = self.get(member_id)
        changed = member.replace(left_on=None, left_reason=None, left_note="")
        with self._core.writing(Change.MEMBERS):
            member_store.update_member(changed)
        return changed

    def _arrive(
        self, member: Member, dates: dict | None = None, recorded: frozenset[int] | None = None
    ) -> None:
        """Write the development record a person brings from the roster (domain.opening:
        a 预备党员's 支部大会接收 on their 入党时间, the roster's step dates), in the write
        that saves them. recorded: the steps they have already (read when None)."""
        if recorded is None:
            recorded = frozenset(
                e.step for e in event_store.load_events(member.id) if e.step is not None
            )
        events = arrival_events(member, dates, recorded)
        if events:
            with self._core.writing(Change.PIPELINE):
                for event in events:
                    event_store.insert_event(event)

    def _clean(self, member: Member) -> Member:
        try:
            number = normalize_id_number(member.id_number)
        except InvalidValue:
            number = member.id_number.strip()  # validate_member reports it
        try:
            phone = validation.check_phone(member.phone)
        except InvalidValue:
            phone = member.phone.strip()  # validate_member reports it
        member = member.replace(
            name=validation.clean_text(member.name).strip(), id_number=number, phone=phone
        )
        return validation.fill_from_id_number(member)

    def _save(self, member: Member, insert: bool, taken: dict[str, str] | None = None) -> Member:
        member = self._clean(member)
        errors = [p for p in self.check(member, taken) if not p.warning]
        if errors:
            raise MemberInvalid(errors)
        with self._core.writing(Change.MEMBERS):
            if insert:
                member = member_store.insert_member(member)
            else:
                member_store.update_member(member)
            self._arrive(member, recorded=None if not insert else frozenset())
        if taken is not None and member.id_number:
            taken[member.id_number] = member.name
        return member

    # import and export ------------------------------------------------------
    def plan_import(
        self, path: Path, *, sheet: str | None = None, mapping: dict | None = None
    ) -> ImportPlan:
        """Read and check a roster file without writing anything."""
        from partybook.importing.members import plan_member_import  # loaded when first used

        people = self.all()
        existing = {m.id_number for m in people if m.id_number}
        names: dict[str, set[str]] = {}
        for m in people:  # for the 同名 hints
            names.setdefault(m.name, set()).add(m.id_number)
        return plan_member_import(
            Path(path),
            today=self._core.today(),
            existing_id_numbers=existing,
            sheet=sheet,
            mapping=mapping,
            existing_names=names,
        )

    def import_labels(self) -> dict[str, str]:
        """Each field a roster column can be read into, with its name on the form."""
        from partybook.domain.members import FIELD_LABELS
        from partybook.importing.members import HEADER_VARIANTS

        return {f: FIELD_LABELS.get(f, f) for f in HEADER_VARIANTS}

    def import_plan(self, plan: ImportPlan, progress: Progress | None = None) -> list[Member]:
        """Write a checked plan: all of its new members, or nothing if any row has an error
        (or progress raises Cancelled). Each is checked as add checks it, against the roster
        read once, and written in batches inside one transaction."""
        if plan.errors:
            raise PartyBookError(f"表格中有 {len(plan.errors)} 处错误，没有导入任何人。")
        existing = self.all()
        if plan.new_members and existing:
            self._core.backup("导入前")  # a big change to a roster: keep the state before it
        taken = {m.id_number: m.name for m in existing if m.id_number}
        ready = []
        rows = plan.new_rows
        for member in (r.member for r in rows):
            member = self._clean(member.replace(id=None))
            errors = [p for p in self.check(member, taken) if not p.warning]
            if errors:
                raise MemberInvalid(errors)
            if member.id_number:
                taken[member.id_number] = member.name
            ready.append(member)
        with self._core.writing(Change.MEMBERS):
            added = member_store.insert_members(ready, progress)
            for member, row in zip(added, rows, strict=True):
                self._arrive(member, row.steps, frozenset())
            return added

    def export(self, path: Path, *, include_left: bool = False, mask: bool = False) -> int:
        """Write the 党员花名册 workbook for the township through the saved layout; mask hides
        the middle of ID and phone numbers for this export. Returns the number of people."""
        from partybook.export.roster import SHEET, write_roster  # openpyxl: ~0.15 s at start-up

        layouts = self._layouts.current()
        layouts = layouts.masked() if mask else layouts
        return write_roster(
            Path(path),
            self._core.branch(),
            self.all(),
            self._core.today(),
            include_left=include_left,
            layout=layouts.of(SHEET),
        )
