"""三会一课: meeting kinds, who should attend, quorum and votes, compliance, attendance."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from partybook.domain.dates import add_months
from partybook.domain.errors import InvalidValue
from partybook.domain.members import Member, Stage, is_committee_member


class MeetingKind(enum.StrEnum):
    GENERAL = "支部党员大会"
    COMMITTEE = "支部委员会会议"
    GROUP = "党小组会"
    LECTURE = "党课"
    THEME_DAY = "主题党日"
    LIFE = "组织生活会"


class Presence(enum.StrEnum):
    PRESENT = "出席"
    LEAVE = "请假"
    ABSENT = "缺席"


MONTH, QUARTER, YEAR = "month", "quarter", "year"
# 支部工作条例 2018 (domain.md §2); a setting, these are the defaults.
DEFAULT_FREQUENCY = {
    MeetingKind.GENERAL: QUARTER,
    MeetingKind.COMMITTEE: MONTH,
    MeetingKind.GROUP: MONTH,
    MeetingKind.LECTURE: QUARTER,
    MeetingKind.THEME_DAY: MONTH,
    MeetingKind.LIFE: YEAR,
}
ABSENCE_FLAG_MONTHS = 6  # six months without organisational life is a serious matter


def expected_attendees(
    kind: MeetingKind, members: Iterable[Member], group: str = ""
) -> list[Member]:
    """Who should attend by default: all members; the committee; or one 党小组."""
    party = [m for m in members if m.active and m.stage.is_member]
    if kind is MeetingKind.COMMITTEE:
        return [m for m in party if is_committee_member(m)]
    if kind is MeetingKind.GROUP:
        return [m for m in party if m.group == group]
    return party


@dataclass(frozen=True, slots=True)  # 60 000 a year in a township book
class Attendee:
    """One expected attendee of one meeting."""

    member_id: int
    presence: Presence = Presence.PRESENT
    reason: str = ""
    excluded: bool = (
        False  # not counted in 应到 (long illness, abroad…), with the committee's consent
    )
    excluded_reason: str = ""
    can_vote: bool = True  # full members only; probationary or under 留党察看 cannot


@dataclass(frozen=True)
class Quorum:
    should_attend: int  # 应到会有表决权的人数
    present: int  # 实到有表决权的人数
    needed: int  # smallest number of present voters that is more than half

    @property
    def reached(self) -> bool:
        return self.present >= self.needed

    def text(self) -> str:
        verdict = "已过半数，可以开会表决" if self.reached else "未过半数，不能表决"
        return (
            f"应到有表决权 {self.should_attend} 人，实到 {self.present} 人，"
            f"需超过半数即至少 {self.needed} 人：{verdict}。"
        )


def more_than_half(n: int) -> int:
    """The smallest whole number greater than n / 2."""
    return n // 2 + 1


def quorum(attendees: Sequence[Attendee]) -> Quorum:
    """Quorum of a 支部党员大会: voting members present > ½ of voting members who should attend."""
    voters = [a for a in attendees if a.can_vote and not a.excluded]
    present = sum(1 for a in voters if a.presence is Presence.PRESENT)
    return Quorum(len(voters), present, more_than_half(len(voters)))


@dataclass(frozen=True)
class Vote:
    """A vote on one matter; written opinions of absent voters count with the votes cast."""

    matter: str
    yes: int
    no: int = 0
    abstain: int = 0
    written_yes: int = 0
    written_no: int = 0
    method: str = "举手表决"
    member_id: int | None = None  # whom a vote on admission or conversion is about
    step: int | None = None  # 15 (接收预备党员) or 23 (转正); recorded into that person's path


@dataclass(frozen=True)
class VoteResult:
    vote: Vote
    should_attend: int
    needed: int
    total_yes: int

    @property
    def passed(self) -> bool:
        return self.total_yes >= self.needed

    def text(self) -> str:
        v = self.vote
        verdict = "通过" if self.passed else "未通过"
        written = f"（含书面意见同意 {v.written_yes} 票）" if v.written_yes else ""
        return (
            f"{v.matter}：同意 {self.total_yes} 票{written}，不同意 {v.no + v.written_no} 票，"
            f"弃权 {v.abstain} 票；需超过应到会有表决权人数 {self.should_attend} 的半数"
            f"即至少 {self.needed} 票：{verdict}。"
        )


def count_vote(vote: Vote, q: Quorum, absent_voters: int) -> VoteResult:
    """Check the counts against who was there and decide (yes > ½ of voters who should attend)."""
    if min(vote.yes, vote.no, vote.abstain, vote.written_yes, vote.written_no) < 0:
        raise InvalidValue("票数不能是负数。")
    if not q.reached:
        raise InvalidValue("到会有表决权的党员未超过半数，不能表决。" + q.text())
    if vote.yes + vote.no + vote.abstain > q.present:
        raise InvalidValue(
            f"现场票数合计 {vote.yes + vote.no + vote.abstain} 多于实到有表决权的 {q.present} 人。"
        )
    if vote.written_yes + vote.written_no > absent_voters:
        raise InvalidValue(
            f"书面意见 {vote.written_yes + vote.written_no} 份多于未到会的有表决权党员 "
            f"{absent_voters} 人。"
        )
    return VoteResult(vote, q.should_attend, q.needed, vote.yes + vote.written_yes)


# compliance ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    kind: str  # month / quarter / year
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == QUARTER:
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        return f"{self.start.year}年"


def periods(kind: str, year: int) -> list[Period]:
    step = {MONTH: 1, QUARTER: 3, YEAR: 12}[kind]
    out = []
    for month in range(1, 13, step):
        start = date(year, month, 1)
        out.append(Period(kind, start, add_months(start, step) - timedelta(days=1)))
    return out


@dataclass(frozen=True)
class Held:
    """A meeting as compliance sees it: its date and every kind it counts for."""

    on: date
    kinds: frozenset[MeetingKind]


@dataclass(frozen=True)
class Requirement:
    kind: MeetingKind
    period: Period
    held: tuple[date, ...]

    @property
    def met(self) -> bool:
        return bool(self.held)


def compliance(
    meetings: Iterable[Held],
    year: int,
    until: date,
    frequency: dict | None = None,
    opened: date | None = None,
) -> list[Requirement]:
    """For each required kind and each period of the year that has begun by `until` (and, in a
    book opened on `opened`, not ended before it: the book cannot know what was held then):
    the dates of meetings held in it. A 主题党日 held with a 党员大会 counts for both."""
    frequency = DEFAULT_FREQUENCY if frequency is None else frequency
    meetings = list(meetings)
    out = []
    for kind, every in frequency.items():
        for period in periods(every, year):
            if period.start > until or (opened is not None and period.end < opened):
                continue
            held = tuple(
                sorted(
                    m.on for m in meetings if kind in m.kinds and period.start <= m.on <= period.end
                )
            )
            out.append(Requirement(kind, period, held))
    return out


# attendance ---------------------------------------------------------------------------------
@dataclass(slots=True)
class AttendanceStat:
    member_id: int
    expected: int = 0
    attended: int = 0
    leave: int = 0
    absent: int = 0
    last_attended: date | None = None
    flag: str = ""

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


def attendance_from_counts(
    counts: Mapping[int, tuple[int, int, int]],
    everywhere: Mapping[int, date | None],
    today: date,
    since: Mapping[int, date | None] | None = None,
    excused: Mapping[int, date] | None = None,
) -> dict[int, AttendanceStat]:
    """Per member: meetings expected and attended in the year, and a flag for anyone who has
    not taken part in organisational life for six months though expected (or was absent
    without leave three times).

    counts are each member's (expected, attended, on leave) at the year's meetings as the store
    counts them (rows not counted in 应到 left out): the rest of the expected ones were absent.
    everywhere is each member expected at any meeting of any year (in order of first
    appearance) with the last day they attended one; everyone in it gets figures, zero if
    not expected this year.

    The six months (党章第九条: 没有正当理由) run from the later of the last day present, the
    last approved leave with its reason (excused: a 正当理由), and since[member] (the book's
    opening or the day they joined: the book cannot count what it did not see)."""
    stats = {k: AttendanceStat(k, last_attended=last) for k, last in everywhere.items()}
    for member_id, (expected, attended, leave) in counts.items():
        s = stats.setdefault(member_id, AttendanceStat(member_id))
        s.expected, s.attended, s.leave = expected, attended, leave
        s.absent = expected - attended - leave
    return _flagged(stats, today, since or {}, excused or {})


def _flagged(
    stats: dict[int, AttendanceStat],
    today: date,
    since: Mapping[int, date | None],
    excused: Mapping[int, date],
) -> dict[int, AttendanceStat]:
    limit = add_months(today, -ABSENCE_FLAG_MONTHS)
    for s in stats.values():
        leave, start = excused.get(s.member_id), since.get(s.member_id)
        known = [d for d in (s.last_attended, leave, start) if d is not None]
        counted = max(known) if known else None
        if s.expected and (counted is None or counted < limit):
            if counted is None or (
                counted not in (s.last_attended, leave) and counted.year < today.year
            ):
                frame = "今年"  # never seen at a meeting, since long before this year
            elif counted == leave and counted != s.last_attended:
                frame = f"自 {leave} 请假以来"
            else:
                frame = f"自 {counted} 以来"
            s.flag = f"{frame}未参加组织生活已超过六个月"
        elif s.absent >= 3:
            s.flag = f"今年无故缺席 {s.absent} 次"
    return stats


# the meeting record ----------------------------------------------------------------------------
@dataclass
class Meeting:
    """One gathering with everything its record (会议记录) must show."""

    kind: MeetingKind
    on: date
    id: int | None = None
    theme_day: bool = False  # held together with a 主题党日: one gathering, two labels
    start: str = ""  # 14:30
    end: str = ""
    place: str = ""
    host: str = ""
    recorder: str = ""
    group: str = ""  # the 党小组, for a 党小组会
    observers: str = ""  # 列席
    agenda: str = ""
    content: str = ""
    resolutions: str = ""
    lecturer: str = ""  # 党课
    topic: str = ""
    notes: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)

    @property
    def kinds(self) -> frozenset[MeetingKind]:
        extra = {MeetingKind.THEME_DAY} if self.theme_day else set()
        return frozenset({self.kind, *extra})

    @property
    def should_attend(self) -> int:
        return sum(1 for a in self.attendees if not a.excluded)

    @property
    def present(self) -> int:
        return sum(1 for a in self.attendees if not a.excluded and a.presence is Presence.PRESENT)


@dataclass(frozen=True)
class MeetingLine:
    """A meeting as a list shows it: its record without attendance and votes (read it, do not
    change it: Book.meeting gives one to edit), its name, 应到 and 实到."""

    meeting: Meeting
    title: str
    should_attend: int
    present: int


def meeting_titles(meetings: Iterable[Meeting]) -> dict[int, str]:
    """Each meeting's name with its sequence in the year, e.g. 2026年第3次支部党员大会."""
    titles, counters = {}, {}
    for m in sorted(meetings, key=lambda m: (m.on, m.id or 0)):
        key = (m.on.year, m.kind, m.group)
        counters[key] = counters.get(key, 0) + 1
        group = m.group if m.kind is MeetingKind.GROUP else ""
        label = "（含主题党日）" if m.theme_day and m.kind is not MeetingKind.THEME_DAY else ""
        titles[m.id] = f"{m.on.year}年{group}第{counters[key]}次{m.kind.value}{label}"
    return titles


def check_meeting(m: Meeting, today: date) -> list[str]:
    """What stops a meeting record from being saved, in Chinese; empty when it can be saved."""
    problems = []
    if m.on > today:
        problems.append(f"会议日期 {m.on} 晚于今天：请在会后记录（会前可以先打印签到表）。")
    if m.start and m.end and m.end <= m.start:
        problems.append(f"结束时间 {m.end} 不晚于开始时间 {m.start}。")
    if m.kind is MeetingKind.GROUP and not m.group:
        problems.append("党小组会要写明是哪个党小组。")
    if not m.attendees:
        problems.append("没有应到人员。")
    if m.kind is MeetingKind.GENERAL and m.votes:
        q = quorum(m.attendees)
        absent_voters = sum(
            1
            for a in m.attendees
            if a.can_vote and not a.excluded and a.presence is not Presence.PRESENT
        )
        for vote in m.votes:
            try:
                count_vote(vote, q, absent_voters)
            except InvalidValue as exc:
                problems.append(f"“{vote.matter}”：{exc}")
    return problems


def voting_problems(
    attendees: Sequence[Attendee], members: dict[int, Member], on: date
) -> list[str]:
    """Attendees marked as voting who had no vote on the meeting's day: only full members
    vote; 预备党员 and people not yet in the Party do not (党章第七条)."""
    problems = []
    for a in attendees:
        m = members.get(a.member_id)
        if not a.can_vote or m is None:
            continue
        if m.stage is not Stage.FULL:
            problems.append(f"{m.name}是{m.stage.value}，没有表决权，不能算作有表决权的人。")
        elif m.full_on is not None and m.full_on > on:
            problems.append(f"{m.name}在 {on} 还是预备党员（{m.full_on} 转正），当时没有表决权。")
    return problems
