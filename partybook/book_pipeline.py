"""The Book's development-pipeline verbs: record steps under the rules, and what is due."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.domain.deadlines import DueItem, due_for
from partybook.domain.errors import RuleViolation
from partybook.domain.materials import Document, checklist
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Path, Violation, check_event, stage_from_path
from partybook.domain.rules import DEFAULT_RULE_SET, RULE_SETS, Practice, RuleSet, rule_set

RULE_SET_KEY = "rules.set"
_PRACTICE_PREFIX = "practice."


class PipelineBook:
    """Mixed into Book: needs self._store and self.today()."""

    # rules and practice -----------------------------------------------------
    def rules(self) -> RuleSet:
        return rule_set(self._store.settings().get(RULE_SET_KEY, DEFAULT_RULE_SET))

    def set_rules(self, name: str) -> None:
        if name not in RULE_SETS:
            raise RuleViolation(f"没有名为“{name}”的规则版本。")
        self._store.put_settings({RULE_SET_KEY: name})

    def practice(self) -> Practice:
        values = self._store.settings()
        found = {}
        for key in Practice().keys:
            raw = values.get(_PRACTICE_PREFIX + key)
            if raw is not None:
                found[key] = raw == "1" if key == "notice_working_days" else int(raw)
        return Practice(**found)

    def save_practice(self, practice: Practice) -> None:
        if not 1 <= practice.notice_days <= 30 or not 1 <= practice.soon_days <= 180:
            raise RuleViolation("公示天数应为 1–30 天，提醒提前天数应为 1–180 天。")
        values = {}
        for key in practice.keys:
            value = getattr(practice, key)
            values[_PRACTICE_PREFIX + key] = (
                ("1" if value else "0") if isinstance(value, bool) else str(value)
            )
        self._store.put_settings(values)

    # paths ------------------------------------------------------------------
    def path_of(self, member_id: int) -> Path:
        return Path(self._store.events(member_id))

    def full_member_names(self) -> set[str]:
        return {m.name for m in self.members(include_left=False) if m.stage is Stage.FULL}

    def check_event(self, event: Event) -> list[Violation]:
        member = self.member(event.member_id)
        path = self.path_of(event.member_id)
        path.events = [e for e in path.events if e.id != event.id or event.id is None]
        return check_event(
            member, path, event, self.rules(), self.full_member_names(), self.today()
        )

    def record_event(self, event: Event) -> Event:
        """Save a step (new or corrected) if the rules allow it, or if event.exception says why
        they are knowingly overridden; the person's stage and dates follow in the same write."""
        violations = self.check_event(event)
        hard = [v for v in violations if v.key == "future"]
        if hard or (violations and not event.exception.strip()):
            text = "；".join(v.message for v in violations)
            hint = "" if hard else "\n如确属特殊情况，可以选择“记录例外”并写明理由。"
            raise RuleViolation(text + hint)
        event = dataclasses.replace(
            event,
            exception=event.exception.strip() if violations else "",
            violations="；".join(v.message for v in violations),
        )
        with self._store.atomic():
            if event.id is None:
                event = self._store.insert_event(event)
            else:
                self._store.update_event(event)
            self._follow_path(event.member_id)
        return event

    def delete_event(self, event_id: int, member_id: int) -> None:
        """Remove a wrongly entered record (the daily backup keeps the old state)."""
        with self._store.atomic():
            self._store.delete_event(event_id)
            self._follow_path(member_id)

    def _follow_path(self, member_id: int) -> Member:
        """Bring the roster in line with the path: stage, 入党时间, 转正时间."""
        member = self.member(member_id)
        path = self.path_of(member_id)
        if not path.events:
            return member
        stage = stage_from_path(path, member.stage)
        changes: dict[str, object] = {"stage": stage}
        if stage in (Stage.PROBATIONARY, Stage.FULL) and path.on(15):
            changes["joined_on"] = path.on(15)
        if stage is Stage.FULL and path.on(24):
            changes["full_on"] = path.probation_end(self.rules())
        elif stage is Stage.PROBATIONARY:
            changes["full_on"] = None
        updated = member.replace(**changes)
        if updated != member:
            self._store.update_member(updated)
        return updated

    # what is due ------------------------------------------------------------
    def pipeline_due_items(self, on: date | None = None) -> list[DueItem]:
        """Every pipeline deadline and earliest date for everyone active, most urgent first."""
        day = on or self.today()
        rules, practice = self.rules(), self.practice()
        events: dict[int, list[Event]] = {}
        for event in self._store.events():
            events.setdefault(event.member_id, []).append(event)
        items = []
        for member in self.members(include_left=False):
            items += due_for(member, Path(events.get(member.id, [])), day, rules, practice)
        return sorted(items, key=lambda i: (i.urgency, i.member))

    def export_ledger(self, target) -> dict[str, int]:
        """Write the 发展党员台账 workbook (one sheet per stage); returns the counts per sheet."""
        from partybook.export.ledger import LedgerPerson, write_ledger  # openpyxl loads late

        rules, due = self.rules(), self.pipeline_due_items()
        people = []
        for member in self.members(include_left=False):
            if member.stage is Stage.FULL:
                continue
            path = self.path_of(member.id)
            mine = [i for i in due if i.member_id == member.id]
            people.append(LedgerPerson(member, path, mine, path.probation_end(rules)))
        return write_ledger(target, self.branch(), people, self.today())

    def record_html(self, member_id: int) -> str:
        """The printable 发展党员全程纪实表 of one person, as HTML."""
        from partybook.export.printables import record_html

        member = self.member(member_id)
        return record_html(
            self.branch(), member, self.path_of(member_id), self.materials(member_id), self.rules()
        )

    def plan_pipeline_import(self, path, *, sheet=None, mapping=None):
        """Read and check a 发展党员台账 without writing anything."""
        from partybook.importing.pipeline import plan_pipeline_import

        with_records = {e.member_id for e in self._store.events()}
        existing = {
            m.id_number: (m.id, m.id in with_records) for m in self.members() if m.id_number
        }
        stages = {m.id: m.stage for m in self.members()}
        return plan_pipeline_import(
            path,
            today=self.today(),
            existing=existing,
            stages=stages,
            sheet=sheet,
            mapping=mapping,
        )

    def import_pipeline(self, plan) -> int:
        """Write a checked ledger plan: all of it or nothing. Rule breaches found in the old
        records are kept as flagged exceptions, not refused: they already happened."""
        from partybook.importing.pipeline import IMPORTED

        if plan.errors:
            raise RuleViolation(f"表格中有 {len(plan.errors)} 处错误，没有导入任何记录。")
        rows = [r for r in plan.rows if not r.has_error and not r.duplicate_of]
        if rows and self.members():
            self._backup("导入前")
        rules, full, today = self.rules(), self.full_member_names(), self.today()
        taken = self._id_numbers()
        with self._store.atomic():
            for row in rows:
                if row.attach_to is not None:
                    member = self.member(row.attach_to)
                else:
                    member = self._save(row.member, insert=True, taken=taken)
                saved = [
                    self._store.insert_event(dataclasses.replace(e, member_id=member.id))
                    for e in row.events
                ]
                path = Path(saved)
                for event in saved:
                    others = Path([e for e in path.events if e.id != event.id])
                    found = check_event(member, others, event, rules, full, today)
                    if found:
                        self._store.update_event(
                            dataclasses.replace(
                                event,
                                exception=f"{IMPORTED}，当时的记录",
                                violations="；".join(v.message for v in found),
                            )
                        )
                self._follow_path(member.id)
        return len(rows)

    def materials(self, member_id: int) -> list[Document]:
        member = self.member(member_id)
        return checklist(
            self.path_of(member_id), member.stage, self._store.ticked_materials(member_id)
        )

    def tick_material(self, member_id: int, document: str, present: bool) -> None:
        with self._store.atomic():
            self._store.set_material(member_id, document, present)
