"""留党察看: a full member's discipline of one or two years, during which they attend but have
no vote, cannot elect and cannot be elected (党章第四十条; 《中国共产党纪律处分条例》).

Kept without a schema change as events of the development table (domain.pipeline.Kind):
Kind.DISCIPLINE on the day the decision takes effect, quantity = months (12 or 24), and
Kind.DISCIPLINE_END when it ends before its time (the decision revoked or changed on appeal).

The period runs from its first day up to, not including, the same date a year (two years)
later: that day it has expired (期满) and the member's rights come back — as the 预备期 of
"一年，从支部大会通过之日算起" ends on the anniversary in domain.pipeline. A 12-month discipline
from 2025-03-10 is in force through 2026-03-09; on 2026-03-10 the member votes again. A start
on 29 February expires on 28 February (or on the 29th of a leap year two years on)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from partybook.domain.dates import add_months
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Kind
from partybook.domain.rules import DISCIPLINE_RULES, RuleSet

DISCIPLINE_KINDS = (Kind.DISCIPLINE, Kind.DISCIPLINE_END)
NO_VOTE = "无表决权"  # the mark meetings and the roster show


@dataclass(frozen=True)
class Discipline:
    """One 留党察看 of one member: from `start` for `months`, or until `ended_on` if earlier."""

    member_id: int
    start: date
    months: int
    ended_on: date | None = None  # ended early: the member has their rights again that day
    notes: str = ""
    end_notes: str = ""
    event_id: int | None = None
    end_event_id: int | None = None

    @property
    def expires(self) -> date:
        """The day the period is over (期满) and the rights come back, if nothing ends it."""
        return add_months(self.start, self.months)

    @property
    def ends(self) -> date:
        """The first day the member is no longer under it (期满, or the early end)."""
        if self.ended_on is not None and self.ended_on < self.expires:
            return self.ended_on
        return self.expires

    @property
    def last_day(self) -> date:
        """The last day under the discipline (what "至 …" shows)."""
        return self.ends - timedelta(days=1)

    @property
    def ended_early(self) -> bool:
        return self.ended_on is not None and self.ended_on < self.expires

    def in_force(self, day: date) -> bool:
        """Whether the member is under 留党察看 on the day (no vote, cannot elect or be elected)."""
        return self.start <= day < self.ends

    @property
    def length_text(self) -> str:
        """一年 / 二年 as the rules name them (another length, never saved, in months)."""
        years = {12: "一年", 24: "二年"}
        return years.get(self.months, f"{self.months}个月")

    @property
    def mark(self) -> str:
        """The roster's words: 留党察看（至 2026-03-09）."""
        return f"留党察看（至 {self.last_day.isoformat()}）"

    @property
    def summary(self) -> str:
        text = f"{self.start} 起留党察看{self.length_text}，至 {self.last_day}"
        if self.ended_early:
            text += f"（{self.ended_on} 提前结束{'：' + self.end_notes if self.end_notes else ''}）"
        return text


def disciplines(events: Iterable[Event]) -> list[Discipline]:
    """Every 留党察看 the events record, by member and start. An early end belongs to the
    latest discipline of the same member that started before it."""
    ordered = sorted(
        (e for e in events if e.kind in DISCIPLINE_KINDS),
        key=lambda e: (e.member_id, e.on, e.kind is Kind.DISCIPLINE_END, e.id or 0),
    )
    found: list[Discipline] = []
    for e in ordered:
        if e.kind is Kind.DISCIPLINE:
            found.append(
                Discipline(e.member_id, e.on, int(e.quantity or 0), notes=e.notes, event_id=e.id)
            )
            continue
        mine = [d for d in found if d.member_id == e.member_id and d.start < e.on]
        if mine and mine[-1].ended_on is None:
            last = mine[-1]
            found[found.index(last)] = Discipline(
                last.member_id,
                last.start,
                last.months,
                e.on,
                last.notes,
                e.notes,
                last.event_id,
                e.id,
            )
    return found


def under_discipline(
    events: Iterable[Event], day: date, members: Iterable[Member] | None = None
) -> set[int]:
    """The ids of the members under 留党察看 on the day. With `members` given, those who had
    left the roster by that day (e.g. 开除党籍) are not counted."""
    ids = {d.member_id for d in disciplines(events) if d.in_force(day)}
    if members is None:
        return ids
    gone = {
        m.id
        for m in members
        if m.left_reason is not None and m.left_on is not None and m.left_on <= day
    }
    return ids - gone


def current(found: Iterable[Discipline], day: date) -> dict[int, Discipline]:
    """member id -> the discipline in force on the day."""
    return {d.member_id: d for d in found if d.in_force(day)}


def allowed_months(rules: RuleSet = DISCIPLINE_RULES) -> tuple[int, int]:
    return rules.value("watch_short_months"), rules.value("watch_long_months")


def check_discipline(
    member: Member,
    start: date,
    months: int,
    others: Iterable[Discipline],
    today: date,
    rules: RuleSet = DISCIPLINE_RULES,
) -> list[str]:
    """What is wrong with recording (or correcting) a 留党察看 of `member` from `start` for
    `months`, in Chinese; `others` are the member's other disciplines. Empty means allowed."""
    problems = []
    if not member.active:
        problems.append(f"{member.name} 已离开本支部，不能再记录留党察看。")
    if member.stage is not Stage.FULL:
        problems.append(
            f"{member.name} 是{member.stage.value}：留党察看是对正式党员的处分"
            "（预备党员违纪的，延长预备期或取消预备党员资格）。"
        )
    if start > today:
        problems.append(f"开始日期 {start} 晚于今天，只能记录已经作出的处分决定。")
    if member.joined_on is not None and start < member.joined_on:
        problems.append(f"开始日期 {start} 早于 {member.name} 的入党日期 {member.joined_on}。")
    short, long = allowed_months(rules)
    if months not in (short, long):
        problems.append(
            f"留党察看期限为 {months} 个月，应为一年（{short} 个月）或二年（{long} 个月）"
            f"（{rules.cite('watch_short_months')}；{rules.cite('watch_max_months')}）。"
        )
    probe = Discipline(member.id or 0, start, max(months, 1))
    for other in others:
        if other.start < probe.ends and start < other.ends:
            problems.append(
                f"{member.name} 已有一次留党察看（{other.summary}），与这一次的期间重叠。"
                "一年期满仍不符合恢复党员权利条件的，请把原记录改为二年。"
            )
    return problems


def check_end(discipline: Discipline, on: date, today: date) -> list[str]:
    """What is wrong with ending a 留党察看 early on `on`, in Chinese."""
    problems = []
    if on > today:
        problems.append(f"日期 {on} 晚于今天，只能记录已经作出的决定。")
    if on <= discipline.start:
        problems.append(f"提前结束的日期 {on} 应晚于留党察看开始的日期 {discipline.start}。")
    elif on >= discipline.expires:
        problems.append(
            f"留党察看到 {discipline.expires} 期满，期满后自然恢复党员权利，不需要记录提前结束。"
        )
    return problems
