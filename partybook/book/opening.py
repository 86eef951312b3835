"""建账: the book's opening date, the 期初数据 brought into it, and the first-week checklist.

Both are kept in the book's settings (the opening as a date, the balances as one JSON value):
they are a few hundred bytes for a branch, travel with every backup and data package as the
settings do, and need no new table or schema step. The other managers read them through
`state()`, the one value (domain.opening.Opening) that every rule about the opening takes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.domain.errors import PartyBookError, RuleViolation
from partybook.domain.opening import (
    Balance,
    Opening,
    SetUpStep,
    check_balance,
    check_opening_date,
    month_text,
    set_up_steps,
)
from partybook.store import events as event_store
from partybook.store import meetings as meeting_store

DATE_KEY = "opening.date"
BALANCES_KEY = "opening.balances"
DISMISSED_KEY = "opening.checklist_dismissed"


def _balance_json(b: Balance) -> dict:
    data: dict[str, object] = {}
    if b.hours is not None:
        data["hours"] = b.hours
    if b.dues_paid_to is not None:
        data["dues_paid_to"] = f"{b.dues_paid_to[0]:04d}-{b.dues_paid_to[1]:02d}"
    if b.last_life is not None:
        data["last_life"] = b.last_life.isoformat()
    return data


def _balance_from(member_id: int, data: dict) -> Balance:
    paid = data.get("dues_paid_to")
    life = data.get("last_life")
    return Balance(
        member_id,
        float(data["hours"]) if data.get("hours") is not None else None,
        (int(paid[:4]), int(paid[5:7])) if paid else None,
        date.fromisoformat(life) if life else None,
    )


class BookOpening:
    """book.opening: when the book began (建账日期), what it brought (期初数据), the checklist."""

    def __init__(self, core: Core, members: Members) -> None:
        self._core = core
        self._members = members

    # the opening date --------------------------------------------------------
    def date(self) -> date | None:
        """The opening date; None for a book that expects everything (as before 建账 existed)."""
        raw = self._core.settings().get(DATE_KEY, "")
        try:
            return date.fromisoformat(raw) if raw else None
        except ValueError:
            return None

    def set_date(self, on: date) -> None:
        problems = check_opening_date(on, self._core.today())
        if problems:
            raise RuleViolation("；".join(problems))
        late = [
            f"{self._members.names().get(k, k)}（{b.last_life}）"
            for k, b in self.balances().items()
            if b.last_life is not None and b.last_life > on
        ]
        if late:
            raise RuleViolation(
                "期初数据中最近一次参加组织生活晚于这个建账日期：" + "、".join(late[:10])
            )
        self._core.put_settings({DATE_KEY: on.isoformat()}, Change.OPENING)

    def clear_date(self) -> None:
        """Go back to a book that expects everything (the 期初数据 are kept, unused)."""
        self._core.put_settings({DATE_KEY: ""}, Change.OPENING)

    @kept
    def state(self) -> Opening:
        """The opening date with the balances: what the rules about the opening take. A book
        without an opening date expects everything and uses no balances."""
        opened = self.date()
        return Opening(opened, self.balances()) if opened is not None else Opening()

    # 期初数据 ----------------------------------------------------------------
    def balances(self) -> dict[int, Balance]:
        raw = self._core.settings().get(BALANCES_KEY, "")
        if not raw:
            return {}
        try:
            data = json.loads(raw)
            return {int(k): _balance_from(int(k), v) for k, v in data.items()}
        except (ValueError, TypeError, KeyError, IndexError):
            return {}

    def save_balances(self, balances: Sequence[Balance], *, replace: bool = True) -> int:
        """Save members' balances in one write: all of them, or none when any is wrong (every
        problem named with the member). replace: they are the whole 期初数据 (the grid);
        otherwise they are added to those kept (an import). Returns how many are kept."""
        opened = self.date()
        if opened is None:
            raise RuleViolation("请先设置建账日期：期初数据是建账日期以前的情况。")
        people = {m.id: m for m in self._members.all()}
        problems, seen = [], set()
        for b in balances:
            member = people.get(b.member_id)
            if member is None:
                problems.append(f"花名册中没有编号为 {b.member_id} 的人员。")
                continue
            if b.member_id in seen:
                problems.append(f"{member.name} 的期初数据重复。")
            seen.add(b.member_id)
            problems += [f"{member.name}：{text}" for _, text in check_balance(b, opened, member)]
        if problems:
            raise RuleViolation("；".join(problems))
        kept_now = {} if replace else self.balances()
        kept_now.update({b.member_id: b for b in balances})
        data = {str(k): _balance_json(b) for k, b in sorted(kept_now.items()) if not b.empty}
        self._core.put_settings(
            {BALANCES_KEY: json.dumps(data, ensure_ascii=False)}, Change.OPENING
        )
        return len(data)

    def plan_import(self, path: Path, *, sheet: str | None = None, on: date | None = None):
        """Read and check a 期初数据 sheet without writing anything (importing.opening),
        against the opening date kept, or `on` (an opening date about to be set)."""
        from partybook.importing.opening import plan_opening_import

        opened = on or self.date()
        if opened is None:
            raise RuleViolation("请先设置建账日期：期初数据是建账日期以前的情况。")
        return plan_opening_import(
            Path(path), members=self._members.all(), opening=opened, sheet=sheet
        )

    def import_plan(self, plan, *, on: date | None = None) -> int:
        """Write a checked sheet's balances, added to those kept: all of them, or nothing.
        With `on`, the opening date is set in the same write."""
        if plan.errors:
            raise PartyBookError(f"表格中有 {len(plan.errors)} 处错误，没有导入任何期初数据。")
        if not plan.balances:
            raise PartyBookError("表格中没有可以导入的期初数据。")
        with self._core.writing(Change.OPENING):
            if on is not None:
                self.set_date(on)
            self.save_balances(plan.balances, replace=False)
        return len(plan.balances)

    @staticmethod
    def month_text(month: tuple[int, int] | None) -> str:
        return month_text(month)

    # the first week ----------------------------------------------------------
    def checklist(self) -> list[SetUpStep]:
        """The first-week checklist (建账清单), each step ticked when the book shows it done."""
        people = self._members.all(include_left=False)
        developing = [m for m in people if not m.stage.is_member]
        with_records = {e.member_id for e in event_store.load_events()}
        opened = self.date()
        year = (opened or self._core.today()).year
        done = {
            "branch": self._core.branch().is_set_up,
            "roster": bool(people),
            "pipeline": bool(people)
            and all(m.id in with_records for m in developing)
            and (bool(with_records) or not developing),
            "balances": bool(self.balances()),
            "meetings": bool(meeting_store.years()) and year in meeting_store.years(),
            "groups": any(m.group.strip() for m in people)
            and any(m.party_post.strip() for m in people),
        }
        return set_up_steps(done)

    def checklist_shown(self) -> bool:
        """Whether the home page shows the checklist: a book with an opening date, until every
        step is done or the checklist is dismissed."""
        if self.date() is None or self._core.settings().get(DISMISSED_KEY) == "1":
            return False
        return not all(step.done for step in self.checklist())

    def dismiss_checklist(self) -> None:
        self._core.put_settings({DISMISSED_KEY: "1"}, Change.OPENING)
