"""支委会与换届: who should attend an election (应到, from the roster on its day), its quorum,
差额 and who is elected, the approval of the 书记 and 副书记, the term by branch type and its
reminders, and the party groups (党小组). Members' posts stay in Member.party_post (the one
source)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from partybook.domain.dates import add_months, add_years
from partybook.domain.deadlines import DEADLINE, EARLIEST, OPEN, OVERDUE, SOON, DueItem
from partybook.domain.members import PARTY_POSTS, Member, Stage, is_committee_member
from partybook.domain.rules import ELECTION_RULES, RULES_2014, XUANJU, RuleSet

SECRETARY = "书记"


def post_order(m: Member) -> tuple[int, str]:
    """书记 first, then 副书记, 组织委员 … as PARTY_POSTS lists them."""
    post = m.party_post
    return (PARTY_POSTS.index(post) if post in PARTY_POSTS else len(PARTY_POSTS), m.name)


def current_committee(members: Sequence[Member]) -> list[Member]:
    """Today's 支委会: the active members with a 党内职务, 书记 first."""
    return sorted((m for m in members if m.active and is_committee_member(m)), key=post_order)


# who should attend: 应到会有选举权的人数 from the roster -------------------------------
# The cases the 选举工作条例 lets a branch leave out of 应到 with the upper committee's consent
# (and the 党员大会's); anyone else who stays away still counts.
EXCLUSION_REASONS = (
    "患病不能表达本人意志",
    "出国出境半年以上",
    "被依法留置、逮捕或正在服刑",
    "年老体弱卧床、长期生病生活不能自理",
    "外出工作学习半年以上未转组织关系",
    "离退休回原籍长期居住、不能参加选举",
)
EXCLUSION_BASIS = (
    f"{XUANJU}：因上述情况不能参加选举的，经上级党组织同意，可以不计算在应到会人数之内"
)


@dataclass(frozen=True)
class Exclusion:
    """A full member left out of an election's 应到: one of EXCLUSION_REASONS and the details
    (where, since when, the upper committee's consent)."""

    member_id: int
    reason: str
    note: str = ""


# Each member's 组织关系转接 as (day, arriving): True for 转入, False for 转出 (the shape the
# meetings' roster takes, so that one log serves both).
Moves = Mapping[int, Sequence[tuple[date, bool]]]


def _on_roster_by_moves(moves: Sequence[tuple[date, bool]], day: date) -> bool:
    """By the transfers log alone: not someone who moved that very day (there for part of
    it), nor one whose last move before it was leaving, nor one who arrived only later."""
    own = sorted(moves)
    if any(on == day for on, _ in own):
        return False
    before = [arriving for on, arriving in own if on < day]
    if before:
        return before[-1]
    return not own or not own[0][1]


def full_member_on(
    m: Member,
    day: date,
    moves: Sequence[tuple[date, bool]] = (),
    rules: RuleSet = RULES_2014,
) -> bool:
    """A 正式党员 on the branch's roster on day: not gone (leaving that day counts as gone, as
    the year's figures count it), on the roster by the transfers log (`moves`, if given),
    and full by then: from the 转正 date, or for a full member on a roster without one, from
    the end of a year's probation after joining."""
    if m.left_reason is not None and (m.left_on is None or m.left_on <= day):
        return False
    if moves and not _on_roster_by_moves(moves, day):
        return False
    if m.stage is not Stage.FULL:
        return False
    if m.full_on is not None:
        return m.full_on <= day
    if m.joined_on is not None:
        return add_years(m.joined_on, rules.value("probation_years")) <= day
    return True


@dataclass(frozen=True)
class Roll:
    """An election's 应到会有选举权的人数, computed from the roster on its day: the full members
    then, less those under 留党察看 (no vote) and those left out with a listed reason."""

    on: date
    full: tuple[Member, ...]
    without_vote: tuple[Member, ...] = ()
    excluded: tuple[tuple[Member, Exclusion], ...] = ()

    @property
    def voters(self) -> tuple[Member, ...]:
        gone = {m.id for m in self.without_vote} | {m.id for m, _ in self.excluded}
        return tuple(m for m in self.full if m.id not in gone)

    @property
    def should_attend(self) -> int:
        return len(self.voters)

    def text(self) -> str:
        """How the number comes about: 2026-11-20 花名册上的正式党员 10 人，减去…，应到 8 人."""
        parts = [f"{self.on} 花名册上的正式党员 {len(self.full)} 人"]
        if self.without_vote:
            names = "、".join(m.name for m in self.without_vote)
            parts.append(f"减去受留党察看处分、没有选举权的 {len(self.without_vote)} 人（{names}）")
        if self.excluded:
            names = "、".join(f"{m.name}：{x.reason}" for m, x in self.excluded)
            parts.append(f"减去经上级党组织同意不计入应到的 {len(self.excluded)} 人（{names}）")
        parts.append(f"应到会有选举权的党员 {self.should_attend} 人")
        return "，".join(parts)


def election_roll(
    members: Sequence[Member],
    on: date,
    without_vote: Collection[int] = (),
    excluded: Sequence[Exclusion] = (),
    moves: Moves | None = None,
) -> Roll:
    """The roll of an election held on `on`: the full members on the roster that day
    (full_member_on), less those without a vote that day (留党察看: `without_vote`, ids)
    and those excluded (an exclusion of someone not counted anyway is ignored here and
    reported by check_exclusions)."""
    moves = moves or {}
    full = tuple(m for m in members if full_member_on(m, on, moves.get(m.id, ())))
    no_vote = tuple(m for m in full if m.id in without_vote)
    voting = {m.id: m for m in full if m.id not in without_vote}
    out, seen = [], set()
    for x in excluded:
        if x.member_id in voting and x.member_id not in seen:
            seen.add(x.member_id)
            out.append((voting[x.member_id], x))
    return Roll(on, full, no_vote, tuple(out))


def check_exclusions(
    members: Sequence[Member],
    on: date,
    without_vote: Collection[int],
    excluded: Sequence[Exclusion],
    moves: Moves | None = None,
) -> list[str]:
    """Each member left out of 应到 must be a full member with a vote on that day, once, with
    a reason from EXCLUSION_REASONS and the details written out."""
    people = {m.id: m for m in members}
    moves = moves or {}
    problems, seen = [], set()
    for x in excluded:
        m = people.get(x.member_id)
        name = m.name if m is not None else f"编号 {x.member_id} 的人员"
        if m is None or not full_member_on(m, on, moves.get(m.id, ())):
            problems.append(f"{name} 在 {on} 不是本支部的正式党员，本来就不计入应到，不用列出。")
            continue
        if x.member_id in without_vote:
            problems.append(f"{name} 受留党察看处分，没有选举权，本来就不计入应到，不用列出。")
            continue
        if x.member_id in seen:
            problems.append(f"{name} 在不计入应到的名单中重复了。")
        seen.add(x.member_id)
        if x.reason not in EXCLUSION_REASONS:
            problems.append(f"{name}：请从所列情形中选择不计入应到的原因（{EXCLUSION_BASIS}）。")
        if not x.note.strip():
            problems.append(f"{name}：请写明具体情况（如外出的时间和去向、上级党组织同意的情况）。")
    return problems


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
    """A 换届选举 at the 支部党员大会. should_attend (应到会有选举权的人数) is the roster's
    (election_roll): None asks the Book to compute it; a number that differs is refused.
    Elections stored before issue 20 keep the number typed then."""

    on: date
    should_attend: int | None  # 应到会有选举权的人数
    present: int  # 实到
    seats: int  # 应选名额
    candidates: tuple[Candidate, ...] = ()
    id: int | None = None
    notes: str = ""
    excluded: tuple[Exclusion, ...] = ()  # left out of 应到 with a listed reason
    exception: str = ""  # why 差额 was knowingly not met (the written reason)
    violations: str = ""  # what the rules said then, kept with the exception
    approved_on: date | None = None  # the upper committee approved the 书记 and 副书记
    corrections: tuple[tuple[date, str], ...] = ()  # (day, reason) of each correction


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
    should = e.should_attend or 0
    need = quorum_needed(should, rules)
    verdict = (
        "超过五分之四，选举有效"
        if quorum_valid(should, e.present, rules)
        else (f"未超过五分之四（至少要到 {need} 人），选举无效")
    )
    return f"应到 {should} 人，实到 {e.present} 人，{verdict}"


def check_election(e: Election, today: date, rules: RuleSet = ELECTION_RULES) -> list[str]:
    """What stops an election from being saved, in Chinese; empty when it can be saved."""
    problems = []
    if e.on > today:
        problems.append(f"选举日期 {e.on} 晚于今天：请在选举之后记录。")
    if e.should_attend is None or e.should_attend <= 0:
        problems.append("没有应到会有选举权的党员：请检查花名册和选举日期。")
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


def min_candidates(seats: int, rules: RuleSet = ELECTION_RULES) -> int:
    """差额: 候选人数应当多于应选人数的20%, i.e. candidates − seats ≥ 20% of the seats, a part
    of a person counting as a whole one: seats + ⌈seats × 20 / 100⌉ in whole numbers
    (1 → 2, 3 → 4, 5 → 6, 6 → 8)."""
    percent = rules.value("candidates_margin_percent")
    return seats + -(-seats * percent // 100)


def margin_problems(e: Election, rules: RuleSet = ELECTION_RULES) -> list[str]:
    """差额 not met: saved only with a written exception (like a pipeline step). Fewer
    candidates than seats is check_election's (never saved)."""
    if e.seats <= 0 or len(e.candidates) < e.seats:
        return []
    need = min_candidates(e.seats, rules)
    if len(e.candidates) >= need:
        return []
    percent = rules.value("candidates_margin_percent")
    return [
        f"差额选举：应选 {e.seats} 名，候选人应至少 {need} 名（多于应选人数的 {percent}%，"
        f"即至少多 {need - e.seats} 名），现有 {len(e.candidates)} 名"
        f"（{rules.cite('candidates_margin_percent')}）。"
    ]


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


# the upper committee's approval of the 书记 and 副书记 ---------------------------------
APPROVED_POSTS = ("书记", "副书记")


def posts_to_approve(e: Election) -> tuple[Candidate, ...]:
    """The elected 书记 and 副书记 of an election (posts go to the elected only)."""
    return tuple(c for c in e.candidates if c.post in APPROVED_POSTS)


def latest_election(elections: Sequence[Election]) -> Election | None:
    """The election that made the present committee: the latest by date (then by entry)."""
    return max(elections, key=lambda e: (e.on, e.id or 0), default=None)


def approval_due_item(e: Election | None, rules: RuleSet = ELECTION_RULES) -> DueItem | None:
    """While the latest election's 书记/副书记 have no recorded approval, an item to record it
    (kind "committee", open from the election day): a reminder, never a refusal."""
    if e is None or e.approved_on is not None or not posts_to_approve(e):
        return None
    who = "、".join(f"{c.post}{c.name}" for c in posts_to_approve(e))
    title = f"{e.on} 选举产生的{who}尚待上级党组织批准：批准后请记录批准日期"
    basis = f"{e.on} 换届选举；{rules.cite('posts_approval')}"
    return DueItem("committee", "支委会", None, None, title, e.on, EARLIEST, OPEN, basis)


def check_approval(e: Election, on: date | None, today: date) -> list[str]:
    """The approval date: on or after the election, not after today, and only for an election
    that elected a 书记 or 副书记 (None clears a date entered by mistake)."""
    if not posts_to_approve(e):
        return [f"{e.on} 的选举没有选出书记或副书记，不需要记录上级批准。"]
    if on is None:
        return []
    if on < e.on:
        return [f"批准日期 {on} 早于选举日期 {e.on}。"]
    if on > today:
        return [f"批准日期 {on} 晚于今天：请在批准之后记录。"]
    return []


# term -----------------------------------------------------------------------
# The branch types the term depends on: a school branch 3 years (选举工作条例), village and
# community branches 5 (2018 中办 opinions).
SCHOOL, VILLAGE, COMMUNITY = "school", "village", "community"
BRANCH_TYPES = {SCHOOL: "学校党支部", VILLAGE: "村党组织", COMMUNITY: "社区党组织"}
_TERM_RULE = {SCHOOL: "term_years", VILLAGE: "term_years_village", COMMUNITY: "term_years_village"}


@dataclass(frozen=True)
class CommitteeSettings:
    """How early the due list warns that the term ends (months before the end), and the
    branch type the term's length depends on: one of BRANCH_TYPES' keys (school 3 years;
    village and community 5). "" is "not chosen": a school branch, and saving it keeps the
    type already kept."""

    early_months: int = 6
    late_months: int = 1
    branch_type: str = ""


def term_rule(settings: CommitteeSettings | None = None) -> str:
    """The rule key of the term's length for the branch type."""
    kind = settings.branch_type if settings is not None else ""
    return _TERM_RULE.get(kind or SCHOOL, "term_years")


def term_years(settings: CommitteeSettings | None = None, rules: RuleSet = ELECTION_RULES) -> int:
    return rules.value(term_rule(settings))


def branch_type_label(kind: str, rules: RuleSet = ELECTION_RULES) -> str:
    """e.g. 村党组织（每届 5 年）, for the settings' choice."""
    kind = kind if kind in BRANCH_TYPES else SCHOOL
    years = term_years(CommitteeSettings(branch_type=kind), rules)
    return f"{BRANCH_TYPES[kind]}（每届 {years} 年）"


def term_end(
    start: date, rules: RuleSet = ELECTION_RULES, settings: CommitteeSettings | None = None
) -> date:
    return add_years(start, term_years(settings, rules))


def term_due_item(
    start: date | None,
    today: date,
    settings: CommitteeSettings,
    rules: RuleSet = ELECTION_RULES,
) -> DueItem | None:
    """From six months before the term ends a reminder, from one month a stronger one, after
    the end an overdue one (kind "committee"); None before that or with no term known. The
    term's length is the branch type's (settings.branch_type)."""
    if start is None:
        return None
    end = term_end(start, rules, settings)
    early, late = add_months(end, -settings.early_months), add_months(end, -settings.late_months)
    if today < early:
        return None
    basis = f"本届支委会 {start} 选举产生；{rules.cite(term_rule(settings))}"
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
