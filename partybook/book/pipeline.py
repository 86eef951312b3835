"""The development pipeline (发展党员): record steps under the rules, what is due, the ledger."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.book.opening import BookOpening
from partybook.book.rules import Rules
from partybook.domain.deadlines import DueItem, due_for
from partybook.domain.errors import RuleViolation
from partybook.domain.materials import Document, checklist
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import (
    DEVELOPMENT_KINDS,
    HARD_KEYS,
    Event,
    Path,
    Violation,
    check_event,
    stage_from_path,
)
from partybook.store import events as event_store
from partybook.store import members as member_store

STEP_CHANGE = Change.PIPELINE | Change.MEMBERS  # a step moves the person's stage and dates


class Pipeline:
    """book.pipeline: each person's path of steps; the roster follows it in the same write."""

    def __init__(self, core: Core, members: Members, rules: Rules, opening: BookOpening) -> None:
        self._core = core
        self._members = members
        self._rules = rules
        self._opening = opening

    def path_of(self, member_id: int) -> Path:
        """A person's development record (not their 留党察看 records, which share the table)."""
        return Path(event_store.load_events(member_id, kinds=DEVELOPMENT_KINDS))

    def paths(self) -> dict[int, Path]:
        """Every person's path, from one query."""
        events: dict[int, list[Event]] = {}
        for event in event_store.load_events(kinds=DEVELOPMENT_KINDS):
            events.setdefault(event.member_id, []).append(event)
        return {member_id: Path(found) for member_id, found in events.items()}

    def full_member_names(self) -> set[str]:
        return {m.name for m in self._members.all(include_left=False) if m.stage is Stage.FULL}

    def check_event(self, event: Event) -> list[Violation]:
        member = self._members.get(event.member_id)
        path = self.path_of(event.member_id)
        path.events = [e for e in path.events if e.id != event.id or event.id is None]
        return check_event(
            member,
            path,
            event,
            self._rules.current(),
            self.full_member_names(),
            self._core.today(),
        )

    def record_event(self, event: Event) -> Event:
        """Save a step (new or corrected) if the rules allow it, or if event.exception says why
        they are knowingly overridden; the person's stage and dates follow in the same write.
        A practice's warning (团组织推优) does not stop it: it is kept in event.violations."""
        violations = self.check_event(event)
        hard = [v for v in violations if v.key in HARD_KEYS]
        binding = [v for v in violations if not v.practice]  # practice only warns
        if hard or (binding and not event.exception.strip()):
            text = "；".join(v.message for v in violations)
            hint = "" if hard else "\n如确属特殊情况，可以选择“记录例外”并写明理由。"
            raise RuleViolation(text + hint)
        event = dataclasses.replace(
            event,
            exception=event.exception.strip() if violations else "",
            violations="；".join(v.message for v in violations),
        )
        with self._core.writing(STEP_CHANGE):
            if event.id is None:
                event = event_store.insert_event(event)
            else:
                event_store.update_event(event)
            self._follow_path(event.member_id)
        return event

    def delete_event(self, event_id: int, member_id: int) -> None:
        """Remove a wrongly entered record (the daily backup keeps the old state)."""
        with self._core.writing(STEP_CHANGE):
            event_store.delete_event(event_id)
            self._follow_path(member_id)

    def _follow_path(self, member_id: int) -> Member:
        """Bring the roster in line with the path: stage, 入党时间, 转正时间."""
        member = self._members.get(member_id)
        path = self.path_of(member_id)
        if not path.events:
            return member
        stage = stage_from_path(path, member.stage)
        changes: dict[str, object] = {"stage": stage}
        if stage in (Stage.PROBATIONARY, Stage.FULL) and path.on(15):
            changes["joined_on"] = path.on(15)
        if stage is Stage.FULL and path.on(24):
            changes["full_on"] = path.probation_end(self._rules.current())
        elif stage is Stage.PROBATIONARY:
            changes["full_on"] = None
        updated = member.replace(**changes)
        if updated != member:
            member_store.update_member(updated)
        return updated

    # what is due ------------------------------------------------------------
    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """Every pipeline deadline and earliest date for everyone active, most urgent first."""
        day = on or self._core.today()
        rules, practice = self._rules.current(), self._rules.practice()
        paths = self.paths()
        opened, schedules = self._opening.date(), self._rules.schedules()
        items = []
        for member in self._members.all(include_left=False):
            path = paths.get(member.id, Path())
            items += due_for(member, path, day, rules, practice, opened, schedules)
        return sorted(items, key=lambda i: (i.urgency, i.member))

    # outputs ----------------------------------------------------------------
    def export_ledger(self, target) -> dict[str, int]:
        """Write the 发展党员台账 workbook (one sheet per stage); returns the counts per sheet."""
        from partybook.export.ledger import LedgerPerson, write_ledger  # openpyxl loads late

        rules, due = self._rules.current(), self.due_items()
        people = []
        for member in self._members.all(include_left=False):
            if member.stage is Stage.FULL:
                continue
            path = self.path_of(member.id)
            mine = [i for i in due if i.member_id == member.id]
            people.append(LedgerPerson(member, path, mine, path.probation_end(rules)))
        return write_ledger(target, self._core.branch(), people, self._core.today())

    def record_html(self, member_id: int) -> str:
        """The printable 发展党员全程纪实表 of one person, as HTML."""
        from partybook.export.printables import record_html

        member = self._members.get(member_id)
        return record_html(
            self._core.branch(),
            member,
            self.path_of(member_id),
            self.materials(member_id),
            self._rules.current(),
        )

    def record_docx(self, member_id: int, target):
        """The 发展党员全程纪实表 of one person as an editable Word document."""
        from partybook.export.documents import write_record
        from partybook.export.printables import record_parts

        member = self._members.get(member_id)
        parts = record_parts(
            self._core.branch(),
            member,
            self.path_of(member_id),
            self.materials(member_id),
            self._rules.current(),
        )
        return write_record(target, parts)

    # the old ledger ---------------------------------------------------------
    def plan_import(self, path, *, sheet=None, mapping=None):
        """Read and check a 发展党员台账 without writing anything."""
        from partybook.importing.pipeline import plan_pipeline_import

        with_records = {e.member_id for e in event_store.load_events(kinds=DEVELOPMENT_KINDS)}
        people = self._members.all()
        existing = {m.id_number: (m.id, m.id in with_records) for m in people if m.id_number}
        names: dict[str, set[str]] = {}
        for m in people:  # for the 同名 hints
            names.setdefault(m.name, set()).add(m.id_number)
        return plan_pipeline_import(
            path,
            today=self._core.today(),
            existing=existing,
            stages={m.id: m.stage for m in people},
            sheet=sheet,
            mapping=mapping,
            existing_names=names,
        )

    def import_labels(self) -> dict[str, str]:
        """Each field a ledger column can be read into, with its name in the preview."""
        from partybook.importing.pipeline import LABELS

        return dict(LABELS)

    def import_plan(self, plan) -> int:
        """Write a checked ledger plan: all of it or nothing. Rule breaches found in the old
        records are kept as flagged exceptions, not refused: they already happened."""
        from partybook.importing.pipeline import IMPORTED

        if plan.errors:
            raise RuleViolation(f"表格中有 {len(plan.errors)} 处错误，没有导入任何记录。")
        rows = [r for r in plan.rows if not r.has_error and not r.duplicate_of]
        if rows and self._members.all():
            self._core.backup("导入前")
        rules, full, today = self._rules.current(), self.full_member_names(), self._core.today()
        taken = self._members.id_numbers()
        with self._core.writing(STEP_CHANGE):
            for row in rows:
                if row.attach_to is not None:
                    member = self._members.get(row.attach_to)
                else:
                    member = self._members.add(row.member, taken=taken)
                saved = [
                    event_store.insert_event(dataclasses.replace(e, member_id=member.id))
                    for e in row.events
                ]
                path = Path(saved)
                for event in saved:
                    others = Path([e for e in path.events if e.id != event.id])
                    found = check_event(member, others, event, rules, full, today)
                    if found:
                        event_store.update_event(
                            dataclasses.replace(
                                event,
                                exception=f"{IMPORTED}，当时的记录",
                                violations="；".join(v.message for v in found),
                            )
                        )
                self._follow_path(member.id)
        return len(rows)

    # materials --------------------------------------------------------------
    def materials(self, member_id: int) -> list[Document]:
        member = self._members.get(member_id)
        return checklist(
            self.path_of(member_id), member.stage, event_store.ticked_materials(member_id)
        )

    def tick_material(self, member_id: int, document: str, present: bool) -> None:
        with self._core.writing(Change.PIPELINE):
            event_store.set_material(member_id, document, present)
