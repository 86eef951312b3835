"""民主评议党员: ballots tallied, a grade suggested, the ⅓ cap on 优秀, handling of low grades."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from partybook.domain.errors import InvalidValue
from partybook.domain.meetings import MeetingKind
from partybook.domain.members import Member, Stage
from partybook.domain.rules import DISCIPLINE_RULES, JIAOYU_GUANLI


class Grade(enum.StrEnum):
    EXCELLENT = "优秀"
    QUALIFIED = "合格"
    BASIC = "基本合格"
    UNQUALIFIED = "不合格"


GRADES = list(Grade)
NEEDS_HANDLING = (Grade.BASIC, Grade.UNQUALIFIED)


@dataclass(frozen=True)
class Handling:
    """One way of handling a low grade, in the rules' words, with where the rules say it."""

    words: str
    article: str
    text: str

    @property
    def cite(self) -> str:
        return f"{self.article}：{self.text}"


def _handling(words: str, article_no: str, text: str) -> Handling:
    return Handling(words, f"{JIAOYU_GUANLI}{article_no}", text)


_CRITICISM = _handling(
    "批评教育",
    "第二十九条",
    "存在与党的要求不相符合的行为、情节较轻的，党组织应当采取适当方式及时进行批评教育，"
    "帮助其改进提高",
)
_CORRECTION = Handling(
    "限期改正",
    DISCIPLINE_RULES.rules["correction_max_months"].article,
    DISCIPLINE_RULES.rules["correction_max_months"].text,
)
_PERSUADE = _handling(
    "劝其退党", "第三十一条", "限期改正期满后仍无转变的，劝其退党，劝而不退的予以除名"
)
_REMOVE = _handling(
    "除名",
    "第三十一条",
    "已经丧失党员条件的，或劝其退党而不退的，予以除名；自行脱党的，按照自行脱党予以除名",
)

# The choices the appraisal offers for each low grade (free text is still allowed): 基本合格
# 批评教育 or 限期改正; 不合格 限期改正, 劝其退党 or 除名 (党员教育管理工作条例 第二十九至三十一条).
HANDLINGS: dict[Grade, tuple[Handling, ...]] = {
    Grade.BASIC: (_CRITICISM, _CORRECTION),
    Grade.UNQUALIFIED: (_CORRECTION, _PERSUADE, _REMOVE),
}


def handling_choices(grade: Grade | None) -> list[str]:
    """The words offered for a grade's handling (none for 优秀 and 合格)."""
    return [h.words for h in HANDLINGS.get(grade, ())] if grade else []


def handling_hint(grade: Grade | None) -> str:
    """What the rules offer for the grade, with their articles, for a tooltip."""
    if grade not in HANDLINGS:
        return ""
    return "\n".join(f"{h.words}：{h.cite}" for h in HANDLINGS[grade])


def _choices_text(grade: Grade) -> str:
    words = handling_choices(grade)
    return "、".join(words[:-1]) + f"或{words[-1]}" if len(words) > 1 else "".join(words)


STEPS = ("学习教育", "自评", "互评", "民主测评", "组织评定", "表彰和处理")
NOT_GRADED = "预备党员，不评定等次"
ROUND_MEETINGS = (MeetingKind.GENERAL, MeetingKind.LIFE)  # what a round may be linked to


@dataclass(frozen=True)
class ScoreScheme:
    """Seed 002's 100-point target sheet; thresholds are settings."""

    excellent: float = 100
    qualified: float = 80
    basic: float = 60

    def grade(self, score: float) -> Grade:
        if score >= self.excellent:
            return Grade.EXCELLENT
        if score >= self.qualified:
            return Grade.QUALIFIED
        if score >= self.basic:
            return Grade.BASIC
        return Grade.UNQUALIFIED


@dataclass(frozen=True)
class AppraisalSettings:
    """Practice that differs by township: all settings, with domain.md's defaults."""

    scheme: ScoreScheme = ScoreScheme()
    cap_of_all: bool = False  # ⅓ of all participants instead of the full members graded
    due_month: int = 12  # the round is usually done by this day of the year
    due_day: int = 31
    criteria: tuple[str, ...] = ()  # optional sub-criteria columns on the ballot

    def cap_base(self, graded: int, all_participants: int) -> int:
        return all_participants if self.cap_of_all else graded


def participants(members: Iterable[Member], round_date) -> tuple[list[Member], list[Member]]:
    """(graded, taking part but not graded) on the round's date: full members are graded,
    probationary members take part; later joiners and those who had left are not in it.
    (Someone with a joining date on or before the round's date took part, whatever their stage
    now; without one, their stage says. A township's 10 000 people: the rule is read once.)"""
    graded, ungraded = [], []
    in_party = {s for s in Stage if s.is_member}
    full = Stage.FULL
    for m in members:
        left, joined, full_on = m.left_on, m.joined_on, m.full_on
        if left is not None and left <= round_date:
            continue
        if joined is None:
            if m.stage not in in_party:
                continue
        elif joined > round_date:
            continue  # joined after the round
        full_then = m.stage is full if full_on is None else full_on <= round_date
        (graded if full_then else ungraded).append(m)
    return graded, ungraded


@dataclass(frozen=True)
class Tally:
    """One member's counts from the returned ballots."""

    member_id: int
    counts: tuple[int, int, int, int]  # 优秀, 合格, 基本合格, 不合格

    @property
    def votes(self) -> int:
        return sum(self.counts)


def check_tally(
    tallies: Sequence[Tally | Entry],
    handed_out: int,
    returned: int,
    names: dict[int, str] | None = None,
) -> list[str]:
    """Problems with the counts, in Chinese; blank ballots for a member are allowed (reported).
    Tallies or a round's entries (their counts are the tally: no Tally made per entry)."""
    problems = []
    if returned > handed_out:
        problems.append(f"收回的测评表 {returned} 份多于发出的 {handed_out} 份。")
    counts = [t.counts for t in tallies]  # a township's round: 8 000, looked at twice
    if min(map(min, counts), default=0) < 0:
        problems.append("票数不能是负数。")
    for t, votes in zip(tallies, map(sum, counts), strict=True):
        if votes > returned:
            who = (names or {}).get(t.member_id, f"编号 {t.member_id}")
            problems.append(f"{who}的票数合计 {votes} 多于收回的 {returned} 份。")
    return problems


def blanks(tally: Tally | Entry, returned: int) -> int:
    """Ballots that left this member unmarked."""
    return max(returned - tally.votes, 0)


def suggest(tally: Tally | None, score: float | None, scheme: ScoreScheme) -> Grade | None:
    """A suggestion for the committee: from the score if given, else the most ticked grade
    (ties go to the lower grade, as a cautious reading)."""
    if score is not None:
        return scheme.grade(score)
    if tally is None or tally.votes == 0:
        return None
    best = max(tally.counts)
    return GRADES[max(i for i, c in enumerate(tally.counts) if c == best)]


def excellent_cap(graded: int) -> int:
    """At most ⅓ of the members graded may be 优秀 (rounded down)."""
    return graded // 3


def check_grades(
    grades: dict[int, Grade],
    handling: dict[int, str],
    graded_count: int,
    names: dict[int, str] | None = None,
) -> list[str]:
    """The cap on 优秀 and a handling note for every 基本合格 / 不合格."""
    problems = []
    excellent = sum(1 for g in grades.values() if g is Grade.EXCELLENT)
    cap = excellent_cap(graded_count)
    if excellent > cap:
        problems.append(
            f"评为优秀的有 {excellent} 人，超过参加评定的 {graded_count} 人的三分之一"
            f"（最多 {cap} 人）。"
        )
    for member_id, grade in grades.items():
        if grade in NEEDS_HANDLING and not handling.get(member_id, "").strip():
            who = (names or {}).get(member_id, f"编号 {member_id}")
            problems.append(f"{who}评为{grade.value}，需要填写处理意见（{_choices_text(grade)}）。")
    return problems


def parse_grade(text: str) -> Grade:
    try:
        return Grade(text.strip())
    except ValueError:
        raise InvalidValue(f"等次应为优秀、合格、基本合格或不合格，现为“{text}”。") from None


@dataclass
class Entry:
    """One participant of a round: the tally, an optional score, and the committee's grade."""

    member_id: int
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)
    score: float | None = None
    grade: Grade | None = None  # None for probationary members and before the committee decides
    reason: str = ""
    handling: str = ""

    @property
    def tally(self) -> Tally:
        return Tally(self.member_id, self.counts)

    @property
    def votes(self) -> int:
        return sum(self.counts)


def next_step(steps: Mapping[str, tuple[date | None, str]]) -> str | None:
    """The first of STEPS without a date (None: every step done)."""
    return next((s for s in STEPS if not (steps.get(s) or (None, ""))[0]), None)


@dataclass
class Round:
    """The year's appraisal round."""

    year: int
    on: date | None = None
    meeting_id: int | None = None
    handed_out: int = 0
    returned: int = 0
    steps: dict[str, tuple[date | None, str]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    id: int | None = None

    def next_step(self) -> str | None:
        return next_step(self.steps)

    @property
    def complete(self) -> bool:
        return self.next_step() is None


def check_round(
    r: Round, graded_ids: set[int], names: dict[int, str], today: date, cap_base: int | None = None
) -> list[str]:
    """Everything that stops a round from being saved, in Chinese."""
    problems = []
    dates = [d for d, _ in r.steps.values() if d] + ([r.on] if r.on else [])
    if any(d > today for d in dates):
        problems.append("评议的日期不能晚于今天。")
    problems += check_tally(r.entries, r.handed_out, r.returned, names)
    for e in r.entries:
        if e.grade is not None and e.member_id not in graded_ids:
            problems.append(f"{names.get(e.member_id, '')}是预备党员，不评定等次。")
        if e.score is not None and not 0 <= e.score <= 200:
            problems.append(f"{names.get(e.member_id, '')}的得分 {e.score:g} 不在 0–200 之间。")
    grades = {e.member_id: e.grade for e in r.entries if e.grade is not None}
    handling = {e.member_id: e.handling for e in r.entries}
    base = len(graded_ids) if cap_base is None else cap_base
    problems += check_grades(grades, handling, base, names)
    return problems
