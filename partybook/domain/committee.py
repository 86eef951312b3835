"""支委会与换届: the election's quorum and who is elected, the 3-year term and its reminders,
and the party groups (党小组). Members' posts stay in Member.party_post (the one source)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from partybook.domain.dates import add_months, add_years
from partybook.domain.deadlines import DEADLINE, OVERDUE, SOON, DueItem
from partybook.domain.members import PARTY_POSTS, Member, is_committee_member
from partybook.domain.rules import ELECTION_RULES, RuleSet

SECRETARY = "书记"


def post_order(m: Member) -> tuple[int, str]:
    """书记 first, then 副书记, 组织委员 … as PARTY_POSTS lists them."""
    post = m.party_post
    return (PARTY_POSTS.index(post) if post in PARTY_POSTS else len(PARTY_POSTS), m.name)


def current_committee(members: Sequence[Member]) -> list[Member]:
    """Today's 支委会: the active members with a 党内职务, 书记 first."""
    return sorted((m for m in members if m.active and is_committee_member(m)), key=post_order)


# election -------------------------------------------------------------------
def quorum_needed(should_attend: int, rules: RuleSet = ELECTION_RULES) -> int:
    """The fewest present that is MORE than 4/5 of those who should attend (6 → 5, 5 → 5)."""
    num, den = rules.value("quorum_numerator"), rules.value("quorum_denominator")
    return should_attend * num // den + 1


def quorum_valid(should_attend: int, present: int, rules: RuleSet = ELECTION_RULES) -> bool:
    """present > 4/5 × should_attend, in whole numbers so that 4 of 5 is exactly not enough."""
    num, den = rules.value("quorum_numerator"), rules.value("quorum_denominator")
    return present * den > should_attend * num


def votes_needed(present: int, rules: RuleSet = ELECTION_RULES) -> int:
    """The fewest votes that are MORE than half of those present (9 → 5, 10 → 6)."""
    num, den = rules.value("elected_numerator"), rules.value("elected_denominator")
    return present * num // den + 1


@dataclass(frozen=True)
class Candidate:
    """A candidate (a full member on the roster), the votes for them, and the post given after
    the election (empty for someone not elected)."""

    member_id: int
    name: str
    votes: int
    post: str = ""


@dataclass(frozen=True)
class Election:
    """A 换届选举 at the 支部党员大会."""

    on: date
    should_attend: int  # 应到会有选举权的人数
    present: int  # 实到
    seats: int  # 应选名额
    candidates: tuple[Candidate, ...] = ()
    id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Result:
    """Who is elected: more than half of the votes of those present, the most votes first up
    to the number of seats; a tie at the last seat is left for another round (tied)."""

    elected: tuple[Candidate, ...]
    tied: tuple[Candidate, ...] = ()
    needed: int = 0


def result(e: Election, rules: RuleSet = ELECTION_RULES) -> Result:
    needed = votes_needed(e.present, rules)
    passed = sorted((c for c in e.candidates if c.votes >= needed), key=lambda c: -c.votes)
    if len(passed) <= e.seats:
        return Result(tuple(passed), (), needed)
    cut = passed[e.seats - 1].votes if e.seats > 0 else None
    above = tuple(c for c in passed if cut is not None and c.votes > cut)
    at_cut = tuple(c for c in passed if c.votes == cut)
    if len(above) + len(at_cut) == e.seats:
        return Result(above + at_cut, (), needed)
    return Result(above, at_cut, needed)


def quorum_text(e: Election, rules: RuleSet = ELECTION_RULES) -> str:
    need = quorum_needed(e.should_attend, rules)
    verdict = (
        "超过五分之四，选举有效"
        if quorum_valid(e.should_attend, e.present, rules)
        else (f"未超过五分之四（至少要到 {need} 人），选举无效")
    )
    return f"应到 {e.should_attend} 人，实到 {e.present} 人，{verdict}"


def check_election(e: Election, today: date, rules: RuleSet = ELECTION_RULES) -> list[str]:
    """What stops an election from being saved, in Chinese; empty when it can be saved."""
    problems = []
    if e.on > today:
        problems.append(f"选举日期 {e.on} 晚于今天：请在选举之后记录。")
    if e.should_attend <= 0:
        problems.append("请填写应到会有选举权的人数。")
    elif not 0 <= e.present <= e.should_attend:
        problems.append(f"实到人数应在 0 到 {e.should_attend} 之间。")
    elif not quorum_valid(e.should_attend, e.present, rules):
        problems.append(
            f"{quorum_text(e, rules)}（{rules.cite('quorum_numerator')}），不能保存为有效选举。"
        )
    if e.seats <= 0:
        problems.append("请填写应选名额。")
    if not e.candidates:
        problems.append("请添加候选人。")
    elif len(e.candidates) < e.seats:
        problems.append(f"候选人只有 {len(e.candidates)} 名，少于应选名额 {e.seats} 名。")
    ids = [c.member_id for c in e.candidates]
    if len(set(ids)) != len(ids):
        problems.append("候选人有重复。")
    for c in e.candidates:
        if not 0 <= c.votes <= e.present:
            problems.append(f"{c.name} 的得票 {c.votes} 应在 0 到实到人数 {e.present} 之间。")
    return problems


def check_posts(e: Election, rules: RuleSet = ELECTION_RULES) -> list[str]:
    """Every elected candidate gets one post of PARTY_POSTS; only the elected; one 书记."""
    problems = []
    r = result(e, rules)
    elected = {c.member_id for c in r.elected}
    if r.tied:
        names = "、".join(c.name for c in r.tied)
        problems.append(f"{names} 得票相等（{r.tied[0].votes} 票），应就最后名额再次投票。")
    for c in e.candidates:
        if c.member_id in elected and c.post not in PARTY_POSTS:
            problems.append(f"请为当选的 {c.name} 选择职务。")
        if c.member_id not in elected and c.post:
            problems.append(f"{c.name} 未当选，不能担任{c.post}。")
    secretaries = [c for c in e.candidates if c.post == SECRETARY]
    if elected and len(secretaries) != 1:
        problems.append("当选的委员中应有且只有一名书记。")
    return problems


# term -----------------------------------------------------------------------
@dataclass(frozen=True)
class CommitteeSettings:
    """How early the due list warns that the term ends (months before the end)."""

    early_months: int = 6
    late_months: int = 1


def term_end(start: date, rules: RuleSet = ELECTION_RULES) -> date:
    return add_years(start, rules.value("term_years"))


def term_due_item(
    start: date | None,
    today: date,
    settings: CommitteeSettings,
    rules: RuleSet = ELECTION_RULES,
) -> DueItem | None:
    """From six months before the term ends a reminder, from one month a stronger one, after
    the end an overdue one (kind "committee"); None before that or with no term known."""
    if start is None:
        return None
    end = term_end(start, rules)
    early, late = add_months(end, -settings.early_months), add_months(end, -settings.late_months)
    if today < early:
        return None
    basis = f"本届支委会 {start} 选举产生；{rules.cite('term_years')}"
    if today > end:
        title, state = f"支委会任期已于 {end} 届满，应按期换届（延期须报上级党组织批准）", OVERDUE
    elif today >= late:
        title, state = (
            f"支委会任期 {end} 届满，已不足 {settings.late_months} 个月，请召开党员大会换届选举",
            SOON,
        )
    else:
        title, state = (
            f"支委会任期 {end} 届满，请着手准备换届（提前 {settings.early_months} 个月提醒）",
            SOON,
        )
    return DueItem("committee", "支委会", None, None, title, end, DEADLINE, state, basis)


# party groups ---------------------------------------------------------------
@dataclass(frozen=True)
class PartyGroup:
    """A 党小组: its name, leader and members (the members' `group` field is the source)."""

    name: str
    leader_id: int | None = None
    member_ids: tuple[int, ...] = field(default=())


def party_groups(members: Sequence[Member], leaders: dict[str, int | None]) -> list[PartyGroup]:
    """Every group named on the roster or in the group records, with its active members."""
    names = dict.fromkeys([*leaders, *sorted({m.group for m in members if m.group})])
    active: dict[str, list[int]] = {}  # one pass over the roster, not one per group
    for m in members:
        if m.active and m.group:
            active.setdefault(m.group, []).append(m.id)
    return [PartyGroup(name, leaders.get(name), tuple(active.get(name, ()))) for name in names]


def check_group(g: PartyGroup) -> list[str]:
    problems = []
    if not g.name.strip():
        problems.append("请填写党小组名称。")
    if g.leader_id is not None and g.leader_id not in g.member_ids:
        problems.append("党小组组长应是本小组的成员。")
    return problems
