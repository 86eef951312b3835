"""建账: the day a branch began keeping its ledger in PartyBook, and what it already had then
(期初数据: hours studied this year, dues paid up to a month, the last 组织生活 attended).

A book opened in some month cannot know what happened before that day. What fell due before
it (a meeting period that ended, a dues month, a talk or report deadline, study progress) is
neither expected nor flagged; a status a person is still waiting for (转正 after probation,
an approval after an admission meeting) stays due whatever its date."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from partybook.domain.errors import InvalidValue
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Kind, implied_steps

BEFORE_BOOK = "建账前未录入"  # a step the person's stage proves, done before the book began
EARLIEST_OPENING = date(2000, 1, 1)
MAX_OPENING_HOURS = 200  # a year's study before the book: 56 required, a long course ~100

# Steps whose deadline is a status the person is still waiting for: due whatever the date.
STATUS_STEPS = frozenset({15, 17, 23, 24})

_MONTH = re.compile(r"^(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*月?|(\d{2}))$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－／　", "0123456789.-/ ")


@dataclass(frozen=True, slots=True)
class Balance:
    """One member's 期初数据: what the book could not see happen before its opening."""

    member_id: int
    hours: float | None = None  # 本年已学学时 before the opening (its year)
    dues_paid_to: tuple[int, int] | None = None  # (year, month): 党费已交至
    last_life: date | None = None  # 最近一次参加组织生活

    @property
    def empty(self) -> bool:
        return self.hours is None and self.dues_paid_to is None and self.last_life is None


@dataclass(frozen=True)
class Opening:
    """The book's opening date (None: a book that expects everything) and its balances."""

    on: date | None = None
    balances: Mapping[int, Balance] = field(default_factory=dict)

    def balance(self, member_id: int | None) -> Balance | None:
        return self.balances.get(member_id) if member_id is not None else None

    def month(self) -> int | None:
        """The opening month as a month index (year * 12 + month - 1), or None."""
        return month_index(self.on.year, self.on.month) if self.on else None

    def is_before(self, day: date) -> bool:
        """Whether day falls before the book began (never, for a book without an opening)."""
        return self.on is not None and day < self.on

    def since(self, member: Member) -> date | None:
        """From when the book can count a member's six months without 组织生活: the later of
        the day they joined (入党时间) and the opening — or, where the 期初数据 give their last
        组织生活 before the opening, that day (the book knows it), or None."""
        b = self.balance(member.id)
        start = b.last_life if b is not None and b.last_life is not None else self.on
        days = [d for d in (start, member.joined_on) if d is not None]
        return max(days) if days else None

    def hours(self, member_id: int | None, year: int) -> float:
        """The member's hours studied in `year` before the opening (0 if none given)."""
        b = self.balance(member_id)
        if b is None or b.hours is None or self.on is None or self.on.year != year:
            return 0.0
        return b.hours

    def paid_to(self, member_id: int | None) -> int | None:
        """The last month (as a month index) the member's dues were paid before the book."""
        b = self.balance(member_id)
        return month_index(*b.dues_paid_to) if b and b.dues_paid_to else None


NO_OPENING = Opening()


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def parse_month(value: object) -> tuple[int, int] | None:
    """A month such as 党费已交至 is written: 2026年8月, 2026-08, 2026.8, 202608, or a date
    (its month); None when empty; InvalidValue naming what is wrong."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.year, value.month
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)  # a cell typed 2026.8 holds the number 2026.8
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
    else:
        text = str(value).translate(_FULL_WIDTH).strip()
    if not text:
        return None
    match = _MONTH.match(text)
    if match is None:
        raise InvalidValue(f"无法识别的月份“{value}”，请写成 2026年8月、2026-08 或 2026.8。")
    year, month = int(match[1]), int(match[2] or match[3])
    if not 1 <= month <= 12:
        raise InvalidValue(f"“{value}”不是有效月份：没有{month}月。")
    if not 1900 <= year <= 2100:
        raise InvalidValue(f"“{value}”的年份 {year} 不合理。")
    return year, month


def month_text(month: tuple[int, int] | None) -> str:
    return f"{month[0]}年{month[1]}月" if month else ""


def check_opening_date(on: date, today: date) -> list[str]:
    """What makes a date unusable as the opening date, in Chinese."""
    if on > today:
        return [f"建账日期 {on} 晚于今天：建账日期是开始在本软件中记账的那一天。"]
    if on < EARLIEST_OPENING:
        return [f"建账日期 {on} 太早了，请填写开始在本软件中记账的那一天。"]
    return []


def check_balance(b: Balance, opening: date, member: Member) -> list[tuple[str, str]]:
    """Each problem of one member's balance as (field, message): hours, dues_paid_to,
    last_life. The figures describe the time before the opening."""
    problems = []
    if b.hours is not None:
        if b.hours < 0:
            problems.append(("hours", f"本年已学学时不能是负数（现在是 {b.hours:g}）。"))
        elif b.hours > MAX_OPENING_HOURS:
            problems.append(
                ("hours", f"本年已学学时 {b.hours:g} 太多了，最多 {MAX_OPENING_HOURS}。")
            )
        elif b.hours * 2 != int(b.hours * 2):
            problems.append(("hours", f"学时按半小时计，如 1、1.5、2（现在是 {b.hours:g}）。"))
    if b.dues_paid_to is not None:
        if month_index(*b.dues_paid_to) > month_index(opening.year, opening.month) + 12:
            problems.append(
                (
                    "dues_paid_to",
                    f"党费已交至 {month_text(b.dues_paid_to)}：比建账日期晚一年以上，请核对。",
                )
            )
        if not member.stage.is_member:
            problems.append(("dues_paid_to", f"{member.name} 还不是党员，不交党费。"))
    if b.last_life is not None and b.last_life > opening:
        problems.append(
            (
                "last_life",
                f"最近一次参加组织生活 {b.last_life} 晚于建账日期 {opening}："
                "建账以后的会议请在“三会一课”中记录。",
            )
        )
    return problems


# people who arrive mid-way -----------------------------------------------------------------
ROSTER_STEPS = {1: "申请日期", 3: "确定积极分子日期", 7: "确定发展对象日期"}


def arrival_events(
    member: Member, dates: Mapping[int, date] | None = None, recorded: frozenset[int] = frozenset()
) -> list[Event]:
    """The development record a person brings to the book from the roster: the steps their
    dates give (申请日期 step 1, 确定积极分子日期 step 3, 确定发展对象日期 step 7 — those their
    stage has reached — and for a 预备党员 the 支部大会接收, step 15, on their 入党时间). Steps
    already recorded (`recorded`) are left alone. No date is made up: the steps between are
    proved by the stage (pipeline.implied_steps), and the roster's 介绍人 stand in for a step 9
    that was not recorded."""
    if member.id is None or not member.active or member.stage is Stage.FULL:
        return []
    reached = implied_steps(member.stage)
    wanted = {n: d for n, d in (dates or {}).items() if n in reached and d is not None}
    if member.stage is Stage.PROBATIONARY and member.joined_on is not None:
        wanted[15] = member.joined_on
    note = "建账时据花名册录入"
    events = [
        Event(member.id, Kind.STEP, on, step=n, notes=note)
        for n, on in sorted(wanted.items())
        if n not in recorded
    ]
    return sorted(events, key=lambda e: (e.on, e.step or 0))


# the first week -------------------------------------------------------------------------
@dataclass(frozen=True)
class SetUpStep:
    """One step of the first-week checklist (建账清单) on the home page."""

    key: str
    title: str
    hint: str
    done: bool


SET_UP_STEPS = (
    ("branch", "填写支部信息", "支部名称、所属党委、书记"),
    ("roster", "导入党员花名册", "从原有的 Excel 花名册导入，或逐个新增"),
    ("pipeline", "导入发展党员台账", "入党申请人、积极分子、发展对象、预备党员的发展记录"),
    ("balances", "填写期初数据", "每名党员本年已学学时、党费已交至哪个月、最近一次参加组织生活"),
    ("meetings", "补录本年已开的会议", "建账以前今年已开的三会一课，可以补录"),
    ("groups", "设置党小组和支委", "党小组及组长；支委会成员的党内职务"),
)


def set_up_steps(done: Mapping[str, bool]) -> list[SetUpStep]:
    """The checklist in order, each ticked as `done` says."""
    return [SetUpStep(key, title, hint, bool(done.get(key))) for key, title, hint in SET_UP_STEPS]
