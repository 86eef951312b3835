"""学习记录: study sessions and personal study, each member's hours against the yearly
requirement (32 / 56 学时) and the pro-rata target for a date."""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from partybook.domain.meetings import Meeting, Presence
from partybook.domain.members import Member, is_committee_member
from partybook.domain.opening import NO_OPENING, Opening
from partybook.domain.rules import STUDY_RULES

DEFAULT_FORMS = (
    "集中学习",
    "专题党课",
    "支部书记讲党课",
    "中心组学习",
    "自学",
    "网络学习",
    "专题研讨",
    "实地参观",
)
MAX_HOURS = 100  # one record; a week of training elsewhere is about 40 学时


@dataclass(frozen=True)
class StudySettings:
    """The yearly requirement (a setting; defaults from the 2019 条例) and the list of forms."""

    member_hours: float = STUDY_RULES.value("member_hours")
    leader_hours: float = STUDY_RULES.value("leader_hours")
    forms: tuple[str, ...] = DEFAULT_FORMS
    # The plan behind 32/56 speaks of 集中学习培训; whether a member's own study counts is
    # left open (STUDY_RULES.note): counted unless the branch (its township) says otherwise.
    count_personal: bool = True

    def requirement(self, member: Member) -> float:
        """56 学时 for the secretary and committee members (anyone with a 党内职务), else 32."""
        return self.leader_hours if is_committee_member(member) else self.member_hours


@dataclass(frozen=True)
class Session:
    """A study session of the branch, or (member_id set) one member's own study."""

    on: date
    topic: str
    form: str
    hours: float
    id: int | None = None
    materials: str = ""  # 学习内容/篇目
    presenter: str = ""  # 主讲人/领学人
    place: str = ""
    participants: tuple[int, ...] = ()  # member ids; a personal entry has exactly its member
    guests: str = ""  # 列席/其他参加人员, free text
    notes: str = ""
    meeting_id: int | None = None  # a session that was a meeting (e.g. 党课) links to it
    member_id: int | None = None  # set for an individual's own study

    @property
    def personal(self) -> bool:
        return self.member_id is not None


def hours_text(hours: float) -> str:
    """3 → "3", 1.5 → "1.5"."""
    return f"{hours:g}"


def check_session(s: Session, today: date) -> list[str]:
    """What stops a study record from being saved, in Chinese; empty when it can be saved."""
    problems = []
    if s.on > today:
        problems.append(f"学习日期 {s.on} 晚于今天：请在学习之后记录（之前可以先打印签到表）。")
    if not s.topic.strip():
        problems.append("请填写学习主题。")
    if not s.form.strip():
        problems.append("请选择学习形式。")
    if not 0 < s.hours <= MAX_HOURS:
        problems.append(f"学时应在 0.5 到 {MAX_HOURS} 之间（现在是 {hours_text(s.hours)}）。")
    elif s.hours * 2 != int(s.hours * 2):
        problems.append(f"学时按半小时计，如 1、1.5、2（现在是 {hours_text(s.hours)}）。")
    if s.personal:
        if tuple(s.participants) != (s.member_id,):
            problems.append("个人学习记录只属于一名党员。")
    elif not s.participants:
        problems.append("请勾选参加学习的人员。")
    if len(set(s.participants)) != len(s.participants):
        problems.append("参加人员有重复。")
    return problems


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Window:
    """The months of a year in which a member had to study: from the month they joined the
    Party or transferred in (if that year) to the month they left (if that year). Their
    study counts from the very day they joined or arrived (`first_day`), not before it."""

    start: date
    end: date
    first_day: date | None = None

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def months_done(self, on: date) -> int:
        """Months of the window that are over on `on` (a month counts from its last day)."""
        over = on.year * 12 + on.month - 1  # the month of `on` counts once its last day comes
        if on < _month_end(on.year, on.month):
            over -= 1
        first = self.start.year * 12 + self.start.month - 1
        last = self.end.year * 12 + self.end.month - 1
        return max(0, min(last, over) - first + 1)

    def __contains__(self, day: date) -> bool:
        return (self.first_day or self.start) <= day <= self.end


def window(member: Member, year: int, arrived: date | None = None) -> Window | None:
    """The member's study window in a year, or None if they were not a member in it (or
    not in this branch: `arrived` is the day they transferred in, if they did)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    first_day = None
    for began in (member.joined_on, arrived):
        if began is None:
            continue
        if began > end:
            return None
        if began > start:
            start = date(year, began.month, 1)
            first_day = max(began, first_day or began)
    if member.left_on is not None and member.left_reason is not None:
        if member.left_on < date(year, 1, 1):
            return None
        if member.left_on < end:
            end = member.left_on
    if not member.stage.is_member:
        return None
    return Window(start, end, first_day)


@dataclass(frozen=True, slots=True)  # one per member: 10 000 in a township book
class MemberHours:
    """One member's study in one year, as of a day."""

    member: Member
    hours: float  # all hours in the window, with those studied before the book (opening_hours)
    sessions: int  # branch sessions attended
    personal_hours: float  # of which their own study
    requirement: float  # for the year, pro-rata for the months they were a member
    target: float  # what they should have by the day
    leader: bool
    entries: tuple[int, ...] = field(default=(), repr=False)  # session ids counted
    opening_hours: float = 0.0  # 建账前: studied this year before the book began (期初数据)
    # worked out once from the fields above (the table asks for every cell's colour)
    shortfall: float = field(init=False)  # how far below the target for the day (0: on track)
    behind: bool = field(init=False)  # below the target for the day, and still in the branch

    def __post_init__(self) -> None:
        shortfall = max(0.0, round(self.target - self.hours, 2))
        object.__setattr__(self, "shortfall", shortfall)
        object.__setattr__(self, "behind", self.member.active and shortfall > 0)

    @property
    def met(self) -> bool:
        return self.hours >= self.requirement


def member_hours(
    members: Iterable[Member],
    sessions: Sequence[Session],
    year: int,
    on: date,
    settings: StudySettings,
    opening: Opening = NO_OPENING,
    arrived: Mapping[int, date] | None = None,
) -> list[MemberHours]:
    """Every member of the year with their hours, requirement and target on `on`.

    Sessions outside a member's window (before joining, after leaving) do not count. The
    target grows month by month: by 30 June a member with 32 学时 a year should have 16.

    In a book opened (建账) during the year, a member with 期初数据 hours is judged on the
    whole year (those hours count, marked 建账前); one without is judged only on the months
    since the opening month, as the book cannot know what they studied before. A year that
    ended before the opening is not judged at all.

    arrived: the day each member transferred in (this year or before): like joining, their
    requirement is pro-rated from that month and their study counts from that day.
    """
    arrived = arrived or {}
    rows = []
    by_member: dict[int, list[Session]] = {}  # one pass over the sessions, not one per member
    for s in sessions:
        for member_id in dict.fromkeys(s.participants):
            by_member.setdefault(member_id, []).append(s)
    for m in members:
        w = window(m, year, arrived.get(m.id))
        if w is None:
            continue
        mine = [s for s in by_member.get(m.id, ()) if s.on in w]
        base = settings.requirement(m)
        before = opening.hours(m.id, year)
        judged = _judged(w, year, opening, m.id)
        if judged is None:
            done = 0
        elif on.year == year:
            done = judged.months_done(on)
        else:
            done = judged.months if on.year > year else 0
        counted = mine if settings.count_personal else [s for s in mine if not s.personal]
        rows.append(
            MemberHours(
                member=m,
                hours=sum(s.hours for s in counted) + before,
                sessions=sum(1 for s in mine if not s.personal),
                personal_hours=sum(s.hours for s in mine if s.personal),
                requirement=round(base * w.months / 12, 2),
                target=round(base * done / 12, 2),
                leader=is_committee_member(m),
                entries=tuple(s.id for s in mine if s.id is not None),
                opening_hours=before,
            )
        )
    return rows


def _judged(w: Window, year: int, opening: Opening, member_id: int | None) -> Window | None:
    """The part of a member's window their progress is judged on (see member_hours)."""
    opened = opening.on
    if opened is None or opened.year < year:
        return w
    if opened.year > year:
        return None  # the whole year was before the book
    b = opening.balance(member_id)
    if b is not None and b.hours is not None:
        return w  # the hours before the book are known: the whole year
    start = date(year, opened.month, 1)
    if start <= w.start:
        return w
    return Window(start, w.end) if start <= w.end else None


def follow_meeting(s: Session, meeting: Meeting) -> Session:
    """A session linked to a meeting takes its date, place, presenter and who was present."""
    present = tuple(
        a.member_id for a in meeting.attendees if a.presence is Presence.PRESENT and not a.excluded
    )
    return dataclasses.replace(
        s,
        on=meeting.on,
        place=meeting.place,
        presenter=s.presenter or meeting.lecturer or meeting.host,
        participants=present,
        meeting_id=meeting.id,
        member_id=None,
    )
