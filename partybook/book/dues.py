"""党费: 年初核定 of bases, collecting a month, paying ahead or back, the due
items of unpaid months, the dues sheet and the public notice."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.book.opening import BookOpening
from partybook.book.rules import Rules
from partybook.domain.dates import add_months
from partybook.domain.deadlines import DEADLINE, OVERDUE, SOON, DueItem, urgency_state
from partybook.domain.dues import (
    Assessment,
    Category,
    DuesSettings,
    MemberDues,
    Payment,
    Rounding,
    State,
    check_assessment,
    check_farmer_fen,
    check_payment,
    dues_row_pairs,
    dues_rows,
    dues_warning,
    monthly_fen,
    rate_for,
    unpaid_run,
)
from partybook.domain.errors import InvalidValue, RuleViolation
from partybook.domain.members import Stage
from partybook.domain.pipeline import Kind
from partybook.domain.rules import DUES_RULES
from partybook.store import dues as dues_store
from partybook.store import events as event_store

_OPEN = (State.UNPAID, State.PENDING, State.FUTURE)  # owed, assessed, not paid yet


def _month_end(year: int, month: int) -> date:
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


class Dues:
    """book.dues: each member's base and rate for the year, and the months paid."""

    def __init__(self, core: Core, members: Members, rules: Rules, opening: BookOpening) -> None:
        self._core = core
        self._members = members
        self._rules = rules
        self._opening = opening

    # settings ---------------------------------------------------------------
    def settings(self) -> DuesSettings:
        v = self._core.settings()
        default = DuesSettings()
        try:
            return DuesSettings(
                Rounding(v.get("dues.rounding", default.rounding.value)),
                int(v.get("dues.farmer_fen", default.farmer_fen)),
            )
        except ValueError:
            return default

    def save_settings(self, s: DuesSettings) -> None:
        check_farmer_fen(s.farmer_fen, DUES_RULES)
        self._core.put_settings(
            {"dues.rounding": s.rounding.value, "dues.farmer_fen": str(s.farmer_fen)}
        )

    def monthly(self, category: Category, base_fen: int) -> tuple[int | None, int]:
        """(rate in ‱ or None for a fixed sum, monthly amount in fen) under the settings."""
        return rate_for(category, base_fen), monthly_fen(category, base_fen, self.settings())

    # reading ----------------------------------------------------------------
    def years(self) -> list[int]:
        return sorted({self._core.today().year, *dues_store.years()}, reverse=True)

    def admitted(self) -> dict[int, date]:
        """Each 发展对象 the 支部大会 has admitted (step 15) whose approval is awaited, with the
        meeting's date: they pay dues from that month (2008 rules), before they are 预备党员."""
        waiting = {
            m.id for m in self._members.all(include_left=False) if m.stage is Stage.CANDIDATE
        }
        if not waiting:
            return {}
        return {
            e.member_id: e.on
            for e in event_store.load_events()
            if e.step == 15 and e.kind is Kind.STEP and e.member_id in waiting
        }

    @kept
    def rows(self, year: int, on: date | None = None) -> list[MemberDues]:
        """Every member who owes dues in the year, with their twelve months as of the day."""
        return dues_rows(
            self._members.all(),
            year,
            dues_store.load_assessments(year),
            dues_store.load_payments(year),
            on or self._core.today(),
            self.settings(),
            opening=self._opening.state(),
            admitted=self.admitted(),
        )

    def row(self, member_id: int, year: int) -> MemberDues:
        found = [r for r in self.rows(year) if r.member.id == member_id]
        if not found:
            name = self._members.get(member_id).name
            raise RuleViolation(f"{name} 在 {year} 年不需要交纳党费（不是党员或已离开）。")
        return found[0]

    # 年初核定 ---------------------------------------------------------------
    def set_bases(self, year: int, entries: Sequence[Assessment]) -> int:
        """Save the year's bases for several members in one write; returns how many changed.

        Before anything of the year is paid an entry simply corrects the 年初核定. Once
        collecting has begun it is a change: it needs a reason and applies from a month not
        paid yet, and the months paid before keep what was paid.
        """
        rows = {r.member.id: r for r in self.rows(year)}
        changes: list[tuple[Assessment, bool]] = []
        problems: list[str] = []
        for entry in entries:
            row = rows.get(entry.member_id)
            name = row.member.name if row else self._members.get(entry.member_id).name
            a = dataclasses.replace(
                entry, year=year, reason=entry.reason.strip(), set_on=self._core.today()
            )
            if row is None:
                problems.append(f"{name} 在 {year} 年不需要交纳党费。")
                continue
            problems += [f"{name}：{p}" for p in check_assessment(a)]
            same = row.assessment and (row.assessment.category, row.assessment.base_fen) == (
                a.category,
                a.base_fen,
            )
            paid = [c.month for c in row.cells if c.payment is not None]
            if same and (not row.changes or row.changes[0].from_month == a.from_month or paid):
                continue  # nothing changed
            if not paid:
                changes.append((a, True))
                continue
            if not a.reason:
                problems.append(
                    f"{name}：{year} 年已开始收缴，党费基数年初核定后年中调整须写明原因"
                    "（如工资调整、退休）。"
                )
            if a.from_month <= max(paid):
                problems.append(
                    f"{name}：{max(paid)} 月及以前已有交纳记录，调整只能从 {max(paid) + 1} 月起。"
                    if max(paid) < 12
                    else f"{name}：全年都已交纳，不能再调整。"
                )
            changes.append((a, False))
        if problems:
            raise RuleViolation("；".join(problems))
        with self._core.writing(Change.DUES):
            for a, correction in changes:  # a correction replaces the member's whole year
                if correction:
                    dues_store.replace_assessments(a.member_id, a.year, [a])
                else:
                    dues_store.save_assessment(a)
        return len(changes)

    # collecting -------------------------------------------------------------
    def to_collect(self, year: int, month: int) -> tuple[list[MemberDues], list[str]]:
        """Who pays month `month` when it is collected for everyone, and who cannot because
        their base is not set yet (names)."""
        rows = self.rows(year)
        ready = [r for r in rows if r.cell(month).state in _OPEN]
        missing = [r.member.name for r in rows if r.cell(month).state is State.NO_BASE]
        return ready, missing

    def collect_month(self, year: int, month: int, paid_on: date | None = None) -> list[Payment]:
        """Record month `month` as paid by everyone who owes it: one transaction."""
        day = paid_on or self._core.today()
        problems = check_payment(year, month, day, self._core.today(), DUES_RULES)
        if problems:
            raise RuleViolation("；".join(problems))
        ready, _ = self.to_collect(year, month)
        payments = [Payment(r.member.id, year, month, r.cell(month).due_fen, day) for r in ready]
        if not payments:
            raise RuleViolation(f"{year}年{month}月没有需要收缴的党费（都已交纳或未核定）。")
        with self._core.writing(Change.DUES):
            dues_store.insert_payments(payments)
        return payments

    def months_since_opening(self, year: int) -> list[int]:
        """The months of the opening's year from the opening month to the last one that is
        over, where someone still owes: what a branch that adopted the book mid-year back-fills
        as collected (collect_months). None in other years, or without an opening date."""
        today, opened = self._core.today(), self._opening.date()
        if opened is None or opened.year != year:
            return []  # a later year's unpaid months are debts, not a back-fill
        first = opened.month
        last = 12 if year < today.year else today.month - 1 if year == today.year else 0
        rows = self.rows(year)
        return [m for m in range(first, last + 1) if any(r.cell(m).state in _OPEN for r in rows)]

    def collect_months(
        self, year: int, months: Sequence[int], paid_on: date | None = None
    ) -> list[Payment]:
        """Record several months as paid by everyone who owed them, in one write: a branch
        back-filling the months it collected before it kept them here. Without paid_on each
        month is recorded as collected in its own month (its last day, or today)."""
        if not months:
            raise InvalidValue("请勾选要补录的月份。")
        today = self._core.today()
        rows = self.rows(year)
        problems: list[str] = []
        payments: list[Payment] = []
        for month in sorted(set(months)):
            day = paid_on or min(_month_end(year, month), today)
            problems += check_payment(year, month, day, today, DUES_RULES)
            payments += [
                Payment(r.member.id, year, month, r.cell(month).due_fen, day)
                for r in rows
                if r.cell(month).state in _OPEN
            ]
        if problems:
            raise RuleViolation("；".join(dict.fromkeys(problems)))
        if not payments:
            listed = "、".join(f"{m}月" for m in sorted(set(months)))
            raise RuleViolation(f"{year}年{listed}没有需要收缴的党费（都已交纳或未核定）。")
        with self._core.writing(Change.DUES):
            dues_store.insert_payments(payments)
        return payments

    def pay(
        self, member_id: int, year: int, months: Sequence[int], paid_on: date, note: str = ""
    ) -> list[Payment]:
        """One member pays several months at once (ahead, or 补交 of months gone by)."""
        row = self.row(member_id, year)
        name = row.member.name
        if not months:
            raise InvalidValue("请勾选要交纳的月份。")
        problems = []
        for month in sorted(set(months)):
            cell = row.cell(month)
            if cell.state is State.PAID:
                problems.append(f"{name} {month} 月已经交过（{cell.payment.paid_on}）。")
            elif cell.state is State.NOT_DUE:
                problems.append(f"{name} {month} 月不需要交纳党费。")
            elif cell.state is State.NO_BASE:
                problems.append(f"{name} 还没有核定 {year} 年的党费基数，请先核定。")
            elif cell.state in (State.BEFORE_BOOK, State.PAID_BEFORE):
                problems.append(
                    f"{name} {month} 月在建账以前（{cell.state.value}），不在本台账中登记。"
                )
            else:
                problems += check_payment(year, month, paid_on, self._core.today(), DUES_RULES)
        if problems:
            raise RuleViolation("；".join(dict.fromkeys(problems)))
        payments = [
            Payment(member_id, year, m, row.cell(m).due_fen, paid_on, note.strip())
            for m in sorted(set(months))
        ]
        with self._core.writing(Change.DUES):
            dues_store.insert_payments(payments)
        return payments

    def delete_payment(self, member_id: int, year: int, month: int) -> None:
        """Undo a payment entered by mistake."""
        with self._core.writing(Change.DUES):
            dues_store.delete_payment(member_id, year, month)

    # due items --------------------------------------------------------------
    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """Members with unpaid months that are over (kind "dues"): a warning at 3 and a strong
        one at 5 months in a row, since 6 without reason counts as leaving the Party.

        Worked through one member at a time from the store's bases and payments as they come:
        a township's two years of them (200 000 rows) are never all in memory for this."""
        day = on or self._core.today()
        year = day.year
        if not dues_store.has_assessments(year):
            return []  # the branch keeps its dues elsewhere: nothing to warn about
        members = self._members.all()
        place = {m.id: i for i, m in enumerate(members)}
        soon_days = self._rules.practice().soon_days
        pairs = dues_row_pairs(
            members,
            year,
            (
                dues_store.stream_assessments(year - 1),
                dues_store.stream_assessments(year),
            ),
            (dues_store.stream_payments(year - 1), dues_store.stream_payments(year)),
            day,
            self.settings(),
            opening=self._opening.state(),
            admitted=self.admitted(),
        )
        found = []
        for before, row in pairs:
            item = self._dues_item(before, row, day, soon_days)
            if item is not None:
                found.append((place[row.member.id], item))
        return [item for _, item in sorted(found, key=lambda pair: pair[0])]

    def _dues_item(
        self, last: MemberDues | None, row: MemberDues, day: date, soon_days: int
    ) -> DueItem | None:
        """The due item of a member's unpaid months over this year and the year before."""
        year = row.year
        if row.assessment is None:
            if any(c.state is State.NO_BASE for c in row.cells):
                return self._not_assessed(row, day, soon_days)
            return None
        cells, unpaid = row.cells, [(year, m) for m in row.unpaid]
        if last is not None and last.assessment is not None:
            cells = last.cells + cells
            unpaid = [(year - 1, m) for m in last.unpaid] + unpaid
        run = unpaid_run(cells)
        fen = row.unpaid_fen + (last.unpaid_fen if last and last.assessment else 0)
        w = dues_warning(unpaid, run, fen, DUES_RULES)
        if w is None:
            return None
        first_year, first_month = unpaid[0]
        months = DUES_RULES.value("backpay_max_months")
        deadline = add_months(date(first_year, first_month, 1), months + 1) - timedelta(days=1)
        state = urgency_state(DEADLINE, deadline, day, soon_days)
        if w.level in ("strong", "leave"):
            state = OVERDUE
        elif w.level == "early" and state != OVERDUE:
            state = SOON
        return DueItem(
            "dues",
            row.member.name,
            row.member.id,
            None,
            w.title,
            deadline,
            DEADLINE,
            state,
            f"{first_year}年{first_month}月的党费最晚在 {deadline} 前补交；{w.basis}",
        )

    def _not_assessed(self, row: MemberDues, day: date, soon_days: int) -> DueItem:
        first = next(c.month for c in row.cells if c.state is State.NO_BASE)
        when = add_months(date(row.year, first, 1), 1)
        return DueItem(
            "dues",
            row.member.name,
            row.member.id,
            None,
            f"尚未核定 {row.year} 年党费基数和交纳标准",
            when,
            DEADLINE,
            urgency_state(DEADLINE, when, day, soon_days),
            "党费基数和比例每年年初核定一次",
        )

    # outputs ----------------------------------------------------------------
    def export(self, target, year: int) -> int:
        """Write the year's 党费收缴明细表 and 党费收缴公示 (two sheets); returns the members."""
        from partybook.export.dues import write_dues_workbook

        rows = self.rows(year)
        write_dues_workbook(
            target, self._core.branch(), year, rows, self.settings(), self._dues_on(year)
        )
        return len(rows)

    def notice_html(self, year: int) -> str:
        """The printable 党费收缴公示 of a year (A4)."""
        from partybook.export.dues import notice_html

        return notice_html(self._core.branch(), year, self.rows(year), self._dues_on(year))

    def _dues_on(self, year: int) -> date:
        return min(self._core.today(), date(year, 12, 31))
