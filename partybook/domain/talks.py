"""谈心谈话: the log of talks, and who still has to talk with whom this year (支部工作条例)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from partybook.domain.deadlines import DEADLINE, LATER, SOON, DueItem
from partybook.domain.members import Member, is_committee_member
from partybook.domain.rules import TALK_RULES

COMMITTEE, SECRETARY = "committee", "secretary"
SCOPES = {
    COMMITTEE: "每名支委与每名党员（含支委之间）",
    SECRETARY: "书记与每名党员",
}
NAMES_SHOWN = 8  # a due item lists this many names, then "等"


@dataclass(frozen=True)
class TalkSettings:
    """Whether the due list follows the yearly talks, and between whom (a setting)."""

    enabled: bool = True
    scope: str = COMMITTEE


@dataclass(frozen=True, slots=True)
class Talk:
    """One talk: a person on the roster (usually a 支委) with a member or someone else."""

    on: date
    first_id: int  # 谈话人, on the roster
    topic: str
    id: int | None = None
    second_id: int | None = None  # 谈话对象 on the roster …
    second_name: str = ""  # … or someone who is not (free text)
    content: str = ""  # 谈话内容（简要）
    follow_up: str = ""  # 后续跟进


def check_talk(t: Talk, today: date) -> list[str]:
    """What stops a talk from being saved, in Chinese; empty when it can be saved."""
    problems = []
    if t.on > today:
        problems.append(f"谈话日期 {t.on} 晚于今天：请在谈话之后记录。")
    if not t.topic.strip():
        problems.append("请填写谈话主题。")
    if t.second_id is None and not t.second_name.strip():
        problems.append("请选择谈话对象，或填写不在花名册上的人员姓名。")
    if t.second_id is not None and t.second_id == t.first_id:
        problems.append("谈话人和谈话对象是同一个人。")
    return problems


def talkers(members: Iterable[Member], settings: TalkSettings) -> list[Member]:
    """Who has to talk with everyone: the active 支委 (or only the 书记)."""
    out = [m for m in members if m.active and m.stage.is_member and is_committee_member(m)]
    if settings.scope == SECRETARY:
        out = [m for m in out if m.party_post == "书记"]
    return out


@dataclass(frozen=True)
class Coverage:
    """One 支委's talks of the year: with whom done, with whom still to do."""

    talker: Member
    done: tuple[Member, ...]
    missing: tuple[Member, ...]


def pair(a: int, b: int) -> int:
    """Two people as one key, whichever of them started the talk: one int (a township's
    20 000 pairs as tuples of two ints took three times the memory)."""
    low, high = (a, b) if a <= b else (b, a)
    return low << 32 | high


def talked_pairs(talks: Iterable[Talk], year: int) -> set[int]:
    """Who talked with whom in the year (people on the roster), either way round."""
    return {
        pair(t.first_id, t.second_id)
        for t in talks
        if t.on.year == year and t.second_id is not None
    }


def coverage_of(
    members: Sequence[Member], pairs: set[int], settings: TalkSettings
) -> list[Coverage]:
    """For each talker, the active members (probationary and full) talked with in the year and
    those not yet, from the year's talked_pairs(): a talk counts whichever of the two started
    it. (A set of pairs: a township's committee has thousands of talks with thousands of
    members; the store reads the pairs without the talks.)"""
    party = [m for m in members if m.active and m.stage.is_member]
    rows = []
    for c in talkers(members, settings):
        done, missing = [], []
        for m in party:
            if m.id == c.id:
                continue
            (done if pair(c.id, m.id) in pairs else missing).append(m)
        rows.append(Coverage(c, tuple(done), tuple(missing)))
    return rows


def names_text(people: Sequence[Member]) -> str:
    """甲、乙、丙 — or the first eight and 等 for a long list (the count is said before)."""
    names = [m.name for m in people]
    if len(names) <= NAMES_SHOWN:
        return "、".join(names)
    return "、".join(names[:NAMES_SHOWN]) + "等"


def talk_due_items(rows: Sequence[Coverage], today: date, soon_days: int) -> list[DueItem]:
    """One item per 支委 who still has people to talk with this year (kind "talk")."""
    end = date(today.year, 12, 31)
    state = SOON if end <= today + timedelta(days=soon_days) else LATER
    return [
        DueItem(
            "talk",
            r.talker.name,
            r.talker.id,
            None,
            f"{r.talker.party_post}{r.talker.name}今年还需谈心谈话 {len(r.missing)} 人："
            f"{names_text(r.missing)}",
            end,
            DEADLINE,
            state,
            TALK_RULES.cite("talks_per_year"),
            shortfall=float(len(r.missing)),
        )
        for r in rows
        if r.missing
    ]
