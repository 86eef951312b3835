"""三会一课: meeting kinds, who should attend, quorum and votes, compliance, attendance."""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from partybook.domain.dates import add_months
from partybook.domain.errors import InvalidValue
from partybook.domain.members import LeaveReason, Member, Stage, is_committee_member
from partybook.domain.rules import (
    DANGZHANG_PROBATION,
    HEADCOUNT_SOURCE,
    MEETING_RULES,
    XIZE,
)


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
NOT_REQUIRED = "none"  # 不适用: the branch is not asked for this kind at all (a setting)
FREQUENCIES = (MONTH, QUARTER, YEAR, NOT_REQUIRED)
FREQUENCY_WORDS = {MONTH: "每月", QUARTER: "每季度", YEAR: "每年", NOT_REQUIRED: "不适用"}
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


# who should attend by the roster on the day ------------------------------------------------
# Moves: each member's 组织关系转接 as (day, arriving): arriving True for 转入, False for 转出.
Moves = Mapping[int, Sequence[tuple[date, bool]]]


def _on_roster(member: Member, on: date, moves: Moves, *, all_day: bool) -> bool:
    """Whether a Party member was on the branch's roster on the day: all_day, the whole day
    (joined, arrived before it and still there after it: they are 应到); otherwise at some
    time of it (the admission meeting that day, a transfer that day: they may be listed)."""
    if not member.stage.is_member:
        return False
    if member.joined_on is not None and (
        member.joined_on >= on if all_day else member.joined_on > on
    ):
        return False
    if member.left_reason is not None and (
        member.left_on is None or (member.left_on <= on if all_day else member.left_on < on)
    ):
        return False
    own = sorted(moves.get(member.id, ()))
    if any(day == on for day, _ in own):
        return not all_day  # moved that very day: there for part of it
    before = [arriving for day, arriving in own if day < on]
    if before:
        return before[-1]  # the last move before the day: arrived, or left
    return not own or not own[0][1]  # nothing before: there unless they arrived later


def party_members_on(
    members: Iterable[Member], on: date, moves: Moves | None = None, *, all_day: bool = True
) -> list[Member]:
    """The Party members (正式 and 预备) on the branch's roster on the day, from the roster's
    dates (入党时间, leaving) and the transfers log: the people a 支部党员大会 that day
    expects (all_day), or may list (at some time of the day)."""
    return [m for m in members if _on_roster(m, on, moves or {}, all_day=all_day)]


def full_on(member: Member, on: date) -> bool:
    """A full member on the day (转正 by then): only they vote (党章第七条)."""
    return member.stage is Stage.FULL and (member.full_on is None or member.full_on <= on)


@dataclass(frozen=True)
class Roll:
    """Who should attend a meeting by the roster on its day (应到), who may be on its list,
    and who has a vote. The list of a meeting must hold everyone expected; nobody is left
    out of 应到 but with a listed reason (Attendee.excluded)."""

    kind: MeetingKind
    on: date
    group: str
    expected: tuple[int, ...]  # by the roster's order
    allowed: frozenset[int]  # Party members on the roster at some time of the day
    voters: frozenset[int]  # of those, full members not under 留党察看
    probationary: frozenset[int]  # 预备党员 on the day (no vote)
    without_vote: frozenset[int]  # under 留党察看 on the day (no vote; they attend)
    names: Mapping[int, str] = field(default_factory=dict)

    def no_vote_reason(self, member_id: int) -> str:
        """Why a person has no vote on the day ("" if they have one)."""
        if member_id in self.voters:
            return ""
        if member_id in self.without_vote:
            return "受留党察看处分"
        if member_id in self.probationary:
            return "预备党员"
        return "不是正式党员"


def roll_call(
    kind: MeetingKind,
    members: Iterable[Member],
    on: date,
    group: str = "",
    moves: Moves | None = None,
    without_vote: Collection[int] = (),
) -> Roll:
    """The roll of a meeting of `kind` on `on` from the roster as it was that day: every Party
    member for a 支部党员大会, 党课, 主题党日 or 组织生活会; the committee (whoever holds a 党内
    职务; the roster knows today's posts) for a 支部委员会会议; one 党小组 for a 党小组会."""
    people = list(members)
    moves = moves or {}
    present = party_members_on(people, on, moves, all_day=False)
    whole_day = {m.id for m in party_members_on(people, on, moves)}
    party = [m for m in people if m.id in whole_day]
    if kind is MeetingKind.COMMITTEE:
        expected = [m for m in party if is_committee_member(m)]
    elif kind is MeetingKind.GROUP:
        expected = [m for m in party if m.group.strip() == group.strip()]
    else:
        expected = party
    discipline = frozenset(without_vote)
    return Roll(
        kind,
        on,
        group.strip(),
        tuple(m.id for m in expected),
        frozenset(m.id for m in present),
        frozenset(m.id for m in present if full_on(m, on) and m.id not in discipline),
        frozenset(m.id for m in present if not full_on(m, on)),
        discipline & frozenset(m.id for m in present),
        {m.id: m.name for m in people},
    )


# 不计入应到: the reasons the rules allow, each with the upper committee's consent
EXCLUSION_SOURCE = (
    f"{HEADCOUNT_SOURCE}：经上级党组织同意，下列党员可不计算在支部党员大会应到会人数之内"
)
_ABROAD = MEETING_RULES.value("headcount_abroad_months")
_AWAY = MEETING_RULES.value("headcount_away_months")
# in the source's order, each in a few words (EXCLUSION_SOURCE has them in full): (1) 患有
# 精神病或因其他疾病导致不能表达本人意志的; (2) 自费出国半年以上的; (3) 虽未受到留党察看以上
# 党纪处分，但正在服刑的 (and, domain.md §1.2, in custody); (4) 年老体弱卧床不起和长年生病生活
# 不能自理的; (5) 工作调动、下派锻炼、蹲点、外出学习或工作半年以上等，按规定应转走正式组织
# 关系而未转走的. Members under 留党察看 are not among them: they attend and count in 应到,
# without a vote (Roll.without_vote takes them out of 应到有表决权).
EXCLUSION_REASONS = (
    "患病不能表达本人意志",
    f"出国（境）{_ABROAD}个月以上",
    "正在服刑或被羁押",
    "年老卧床或长年生病不能自理",
    f"外出{_AWAY}个月以上未转组织关系",
)
_NOTE_MARK = "："


def exclusion_text(reason: str, note: str = "") -> str:
    """Attendee.excluded_reason as kept: the listed reason, then the secretary's words."""
    note = note.strip()
    return f"{reason}{_NOTE_MARK}{note}" if note else reason


def exclusion_reason(text: str) -> tuple[str, str] | None:
    """(listed reason, free text) of an excluded_reason; None if it names no listed reason."""
    text = text.strip()
    for reason in EXCLUSION_REASONS:
        if text == reason:
            return reason, ""
        if text.startswith(reason + _NOTE_MARK):
            return reason, text[len(reason) + 1 :].strip()
    return None


@dataclass(frozen=True, slots=True)  # 60 000 a year in a township book
class Attendee:
    """One expected attendee of one meeting."""

    member_id: int
    presence: Presence = Presence.PRESENT
    reason: str = ""
    # not counted in 应到 (abroad, away, bedridden…, EXCLUSION_REASONS), with the upper
    # committee's consent; excluded_reason is exclusion_text(listed reason, free text)
    excluded: bool = False
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


def quorum(attendees: Sequence[Attendee], roll: Roll | None = None) -> Quorum:
    """Quorum of a 支部党员大会: voting members present > ½ of voting members who should attend.

    With the roll, 应到有表决权 comes from the roster on the day: every full member expected
    (or listed) and not under 留党察看, less those excluded with a reason; one left off the
    list counts as expected and not present. Without it, from the list's can_vote marks."""
    if roll is None:
        voters = [a for a in attendees if a.can_vote and not a.excluded]
        present = sum(1 for a in voters if a.presence is Presence.PRESENT)
        return Quorum(len(voters), present, more_than_half(len(voters)))
    listed = {a.member_id for a in attendees if a.member_id in roll.allowed}
    excluded = {a.member_id for a in attendees if a.excluded}
    due = (set(roll.expected) | listed) & roll.voters - excluded
    came = {a.member_id for a in attendees if a.presence is Presence.PRESENT and not a.excluded}
    return Quorum(len(due), len(due & came), more_than_half(len(due)))


def absent_voters(q: Quorum) -> int:
    """Voting members who should attend and did not: their written opinions may count."""
    return q.should_attend - q.present


class VoteOn(enum.IntEnum):
    """What a vote about one person decides, kept in Vote.step: the step of their path it
    records (15 接收, 23 转正), or CANCEL, the side exit 取消预备党员资格 (no step of the 25:
    the person leaves the roster with that reason on the meeting's day)."""

    ADMIT = 15
    CONVERT = 23
    CANCEL = -1

    def matter(self, name: str) -> str:
        """The matter as the minutes and the dialog word it."""
        return {
            VoteOn.ADMIT: f"接收{name}为预备党员",
            VoteOn.CONVERT: f"{name}转为正式党员",
            VoteOn.CANCEL: f"取消{name}的预备党员资格",
        }[self]

    @property
    def basis(self) -> str:
        if self is VoteOn.CANCEL:
            return (
                f"{DANGZHANG_PROBATION}：预备党员不履行党员义务、不具备党员条件的，应当取消预备"
                "党员资格；须经支部大会讨论通过和上级党组织批准"
            )
        return f"{XIZE}：支部大会讨论，赞成人数超过应到会有表决权党员的半数"


def vote_on(step: int | None) -> VoteOn | None:
    """The kind of a linked vote from its Vote.step, None for a vote about no one."""
    try:
        return None if step is None else VoteOn(step)
    except ValueError:
        return None


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
    member_id: int | None = None  # whom a vote on admission, conversion or cancelling is about
    # VoteOn: 15 (接收预备党员) or 23 (转正), recorded into that person's path, or -1
    # (取消预备党员资格), recorded as their leaving the roster
    step: int | None = None


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
    if kind == NOT_REQUIRED:
        return []
    step = {MONTH: 1, QUARTER: 3, YEAR: 12}[kind]
    out = []
    for month in range(1, 13, step):
        start = date(year, month, 1)
        out.append(Period(kind, start, add_months(start, step) - timedelta(days=1)))
    return out


@dataclass(frozen=True)
class Held:
    """A meeting as compliance sees it: its date, every kind it counts for, its 党小组."""

    on: date
    kinds: frozenset[MeetingKind]
    group: str = ""


@dataclass(frozen=True)
class Requirement:
    kind: MeetingKind
    period: Period
    held: tuple[date, ...]
    group: str = ""  # the 党小组 that must hold this 党小组会 ("" for every other kind)

    @property
    def met(self) -> bool:
        return bool(self.held)

    @property
    def name(self) -> str:
        """The meeting asked for: 支部委员会会议, 党小组会（第一党小组）."""
        return f"{self.kind.value}（{self.group}）" if self.group else self.kind.value


def compliance(
    meetings: Iterable[Held],
    year: int,
    until: date,
    frequency: dict | None = None,
    opened: date | None = None,
    groups: Sequence[str] | None = None,
) -> list[Requirement]:
    """For each required kind and each period of the year that has begun by `until` (and, in a
    book opened on `opened`, not ended before it: the book cannot know what was held then):
    the dates of meetings held in it. A 主题党日 held with a 党员大会 counts for both; a kind
    set to NOT_REQUIRED is not asked for.

    With `groups`, each 党小组 must hold its own 党小组会 (支部工作条例: one group's meeting does
    not count for another): one requirement per group and period, none without groups."""
    frequency = DEFAULT_FREQUENCY if frequency is None else frequency
    meetings = list(meetings)
    out = []
    for kind, every in frequency.items():
        owners: Sequence[str] = [""]
        if kind is MeetingKind.GROUP and groups is not None:
            owners = [g.strip() for g in groups if g.strip()]
        for period in periods(every, year):
            if period.start > until or (opened is not None and period.end < opened):
                continue
            for owner in owners:
                held = tuple(
                    sorted(
                        m.on
                        for m in meetings
                        if kind in m.kinds
                        and period.start <= m.on <= period.end
                        and (not owner or m.group.strip() == owner)
                    )
                )
                out.append(Requirement(kind, period, held, owner))
    return out


def party_groups(members: Iterable[Member]) -> list[str]:
    """The branch's 党小组: those of its active Party members, in order of name."""
    return sorted({m.group.strip() for m in members if m.active and m.stage.is_member} - {""})


def committee_missing(members: Iterable[Member]) -> int | None:
    """The number of active full members, where the branch has enough of them to need a
    支部委员会 (7 or more, 支部工作条例) but no committee is recorded (nobody active holds a
    党内职务); None otherwise. Below 7 the rules expect no committee (a 书记 alone)."""
    people = [m for m in members if m.active]
    if any(is_committee_member(m) for m in people):
        return None
    full = sum(1 for m in people if m.stage is Stage.FULL)
    return full if full >= MEETING_RULES.value("committee_min_full_members") else None


_SEPARATORS = re.compile(r"[、，,；;/\s]+")
_TITLES = ("同志", "副书记", "书记")


def names_in(text: str) -> set[str]:
    """The people a field like 主持人 or 党课主讲人 names: 刘建华, 刘建华、王志强, 刘建华书记."""
    found = set()
    for part in _SEPARATORS.split(text.replace("（", " ").replace("）", " ")):
        part = part.strip()
        if part in _TITLES:
            continue
        for title in _TITLES:
            if part.endswith(title) and len(part) > len(title):
                part = part[: -len(title)]
                break
        if part:
            found.add(part)
    return found


def lectures_by(meetings: Iterable[Meeting], name: str, year: int) -> list[date]:
    """The days of the year's 党课 whose 主讲人 was `name` (the 书记's 党课, 支部工作条例)."""
    return sorted(
        m.on
        for m in meetings
        if m.kind is MeetingKind.LECTURE and m.on.year == year and name in names_in(m.lecturer)
    )


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
    gone: Collection[int] = (),
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
    opening or the day they joined: the book cannot count what it did not see). Nobody in
    `gone` (left the roster: transferred out, …) is flagged: their 组织生活 is no longer here."""
    stats = {k: AttendanceStat(k, last_attended=last) for k, last in everywhere.items()}
    for member_id, (expected, attended, leave) in counts.items():
        s = stats.setdefault(member_id, AttendanceStat(member_id))
        s.expected, s.attended, s.leave = expected, attended, leave
        s.absent = expected - attended - leave
    flagged = _flagged(stats, today, since or {}, excused or {})
    for member_id in gone:
        if member_id in flagged:
            flagged[member_id].flag = ""
    return flagged


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


# A time of day as the record writes it: 14:30 (a full-width colon and one hour digit allowed).
_CLOCK = re.compile(r"\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*")


def _minutes(text: str) -> int | None:
    """Minutes after midnight of a time like 14:30; None for text that is no such time."""
    found = _CLOCK.fullmatch(text)
    return int(found[1]) * 60 + int(found[2]) if found else None


def time_problems(start: str, end: str) -> list[str]:
    """A meeting's start and end: a time written like one (14:30) must be a time of the day
    (25:99 is not), and the end after the start. Other words (下午) are left as written."""
    problems = []
    for label, text in (("开始时间", start), ("结束时间", end)):
        found = _CLOCK.fullmatch(text or "")
        if found and not (int(found[1]) <= 23 and int(found[2]) <= 59):
            problems.append(f"{label}“{text}”不是一天中的时刻（00:00–23:59）。")
    first, last = _minutes(start or ""), _minutes(end or "")
    if not problems and first is not None and last is not None and last <= first:
        problems.append(f"结束时间 {end} 不晚于开始时间 {start}。")
    elif not problems and first is None and last is None and start and end and end <= start:
        problems.append(f"结束时间 {end} 不晚于开始时间 {start}。")
    return problems


def check_meeting(m: Meeting, today: date, roll: Roll | None = None) -> list[str]:
    """What stops a meeting record from being saved, in Chinese; empty when it can be saved.
    With the roll (the roster on the day), quorum and vote thresholds count 应到有表决权 from
    the roster, not from the list."""
    problems = []
    if m.on > today:
        problems.append(f"会议日期 {m.on} 晚于今天：请在会后记录（会前可以先打印签到表）。")
    problems += time_problems(m.start, m.end)
    if m.theme_day and m.kind is MeetingKind.COMMITTEE:
        problems.append(
            "支部委员会会议只有支委参加，不能同时作为主题党日（主题党日面向全体党员）。"
        )
    if m.kind is MeetingKind.GROUP and not m.group:
        problems.append("党小组会要写明是哪个党小组。")
    if not m.attendees and not (roll is not None and roll.expected):
        problems.append("没有应到人员。")
    linked = [v for v in m.votes if v.member_id is not None or vote_on(v.step) is not None]
    if linked and m.kind is not MeetingKind.GENERAL:
        problems.append(
            "接收预备党员、预备党员转正和取消预备党员资格，须由支部党员大会讨论表决"
            f"（{DANGZHANG_PROBATION}），不能记在{m.kind.value}上。"
        )
    if m.kind is MeetingKind.GENERAL and m.votes:
        q = quorum(m.attendees, roll)
        for vote in m.votes:
            try:
                count_vote(vote, q, absent_voters(q))
            except InvalidValue as exc:
                problems.append(f"“{vote.matter}”：{exc}")
    return problems


def _some(names: Iterable[str], most: int = 10) -> str:
    """Names joined with 、, the first `most` of them and 等 N 人 for a long list."""
    names = list(names)
    shown = "、".join(names[:most])
    return f"{shown} 等 {len(names)} 人" if len(names) > most else shown


def roll_problems(m: Meeting, roll: Roll) -> list[str]:
    """Where a meeting's list departs from the roster on its day: someone expected left off,
    someone listed who was not a Party member of the branch that day, someone left out of
    应到 without a reason the rules list, a vote marked where there is none (or not marked
    where there is one)."""
    problems = []
    names = roll.names
    listed = [a.member_id for a in m.attendees]
    where = f"{m.on} 的{m.kind.value}" + (f"（{roll.group}）" if roll.group else "")
    missing = [i for i in roll.expected if i not in listed]
    if missing:
        who = _some(names.get(i, str(i)) for i in missing)
        problems.append(
            f"按花名册，{where}应到 {len(roll.expected)} 人，名单中缺少 {len(missing)} 人："
            f"{who}。应到人员按当天的花名册计算，不能漏掉：请把他们加入名单，标明出席、请假"
            "或缺席；确实不能参加的（出国出境、长期外出、卧床等），选择“不计入应到”的原因"
            "（须经上级党组织同意）。"
        )
    twice = sorted({i for i in listed if listed.count(i) > 1})
    if twice:
        problems.append(f"名单中重复列出：{'、'.join(names.get(i, str(i)) for i in twice)}。")
    strangers = [i for i in dict.fromkeys(listed) if i not in roll.allowed]
    if strangers:
        who = _some(names.get(i, str(i)) for i in strangers)
        problems.append(
            f"{who} 在 {m.on} 不是本支部的党员（尚未入党、尚未转入或已经离开），不能列为应到"
            "人员；列席会议的请写在“列席人员”中。"
        )
    for a in m.attendees:
        name = names.get(a.member_id, str(a.member_id))
        if a.excluded and exclusion_reason(a.excluded_reason) is None:
            extra = ""
            if "留党察看" in a.excluded_reason:
                extra = (
                    "受留党察看处分的党员照常参加会议、计入应到，只是没有表决权"
                    "（已自动不计入应到有表决权人数）。"
                )
            given = a.excluded_reason.strip()
            problems.append(
                f"{name}标为“不计入应到”，"
                + (f"原因“{given}”不是规定的情形" if given else "但没有写原因")
                + f"：只有{'、'.join(EXCLUSION_REASONS)}的党员，经上级党组织同意，才可不计入"
                f"应到（{HEADCOUNT_SOURCE}）。请从规定的原因中选择，说明可写在后面。{extra}"
            )
        if a.member_id not in roll.allowed:
            continue
        if a.can_vote and a.member_id in roll.without_vote:
            problems.append(
                f"{name}在 {m.on} 受留党察看处分，没有表决权，不能算作有表决权的人"
                "（党章第四十条）。"
            )
        elif not a.can_vote and a.member_id in roll.voters:
            problems.append(
                f"{name}在 {m.on} 是有表决权的正式党员，不能标为无表决权；"
                "不能到会的按请假或缺席记录。"
            )
    return problems


def officer_problems(m: Meeting, names: Mapping[int, str]) -> list[str]:
    """The host (主持人) and the recorder (记录人) are present at their meeting: refused when
    someone the field names is on the list as 请假, 缺席 or 不计入应到 (matched by name)."""
    by_name: dict[str, list[Attendee]] = {}
    for a in m.attendees:
        by_name.setdefault(names.get(a.member_id, ""), []).append(a)
    problems = []
    for role, text in (("主持人", m.host), ("记录人", m.recorder)):
        for name in sorted(names_in(text)):
            for a in by_name.get(name, []):
                if a.excluded:
                    state = "不计入应到"
                elif a.presence is not Presence.PRESENT:
                    state = a.presence.value
                else:
                    continue
                problems.append(
                    f"{role}{name}在应到人员中标为“{state}”：主持人和记录人应当出席会议。"
                    f"请把{name}改为出席，或把{role}改为实际{role[:2]}会议的人。"
                )
    return problems


def vote_subject_problems(vote: Vote, member: Member | None, on: date) -> list[str]:
    """A vote to cancel a probationary member's qualification is about a 预备党员 of the
    branch (党章第七条); admission and conversion are checked by the development rules."""
    if vote_on(vote.step) is not VoteOn.CANCEL:
        return []
    if member is None:
        return ["取消预备党员资格的表决要选择是哪一位预备党员。"]
    if member.left_reason is not None and not (
        member.left_reason is LeaveReason.CANCELLED and member.left_on == on
    ):
        return [f"{member.name}已于 {member.left_on} 离开（{member.left_reason.value}）。"]
    if member.stage is not Stage.PROBATIONARY or (
        member.joined_on is not None and member.joined_on > on
    ):
        return [
            f"{member.name}在 {on} 不是预备党员（现为{member.stage.value}），只有预备党员才能"
            f"被取消预备党员资格（{DANGZHANG_PROBATION}）。"
        ]
    return []


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
