"""Issue 20, elections, written from the rules (《中国共产党基层组织选举工作条例》2020, domain.md
§6): 应到 is the roster's on the election day (正式党员 with a vote, less those left out with a
listed reason, 第五条: 预备党员 and members under 留党察看 have no vote); the 4/5 quorum and
"more than half of those present" against it; 差额 (候选人数应当多于应选人数的20%); the upper
committee's approval of the 书记 and 副书记; the term by branch type (3 years for a school
branch, 5 for village and community branches by the 2018 中办 opinions)."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.committee import (
    EXCLUSION_REASONS,
    SCHOOL,
    VILLAGE,
    Candidate,
    CommitteeSettings,
    Election,
    Exclusion,
    approval_due_item,
    check_approval,
    check_election,
    check_exclusions,
    election_roll,
    full_member_on,
    latest_election,
    margin_problems,
    min_candidates,
    quorum_needed,
    quorum_valid,
    term_due_item,
    term_end,
    term_years,
    votes_needed,
)
from partybook.domain.deadlines import OPEN
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.rules import ELECTION_RULES

DAY = date(2026, 11, 20)
TODAY = date(2026, 11, 22)
ABROAD = EXCLUSION_REASONS[1]


def _full(n: int, first_id: int = 1) -> list[Member]:
    return [
        Member(f"党员{i}", Stage.FULL, id=i, joined_on=date(2010, 1, 1), full_on=date(2011, 1, 1))
        for i in range(first_id, first_id + n)
    ]


# 应到 from the roster ---------------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 3, 4, 9, 10])
def test_should_attend_is_every_full_member_on_the_roster_that_day(n) -> None:
    others = [
        Member("预备", Stage.PROBATIONARY, id=101, joined_on=date(2026, 5, 1)),
        Member("发展对象", Stage.CANDIDATE, id=102),
        Member("申请人", Stage.APPLICANT, id=103),
    ]
    roll = election_roll([*_full(n), *others], DAY)
    assert roll.should_attend == n
    assert f"正式党员 {n} 人" in roll.text() and f"应到会有选举权的党员 {n} 人" in roll.text()


@pytest.mark.parametrize("n", [1, 2, 3, 4, 9, 10])
def test_members_under_probation_watch_have_no_vote_and_are_not_counted(n) -> None:
    # 第五条: 受留党察看处分的党员在留党察看期间没有表决权、选举权和被选举权
    members = _full(n)
    roll = election_roll(members, DAY, without_vote={1})
    assert roll.should_attend == n - 1
    assert "受留党察看处分、没有选举权的 1 人（党员1）" in roll.text()


@pytest.mark.parametrize(("n", "out", "expected"), [(1, 1, 0), (2, 1, 1), (10, 2, 8), (9, 3, 6)])
def test_members_left_out_with_a_listed_reason_are_not_counted(n, out, expected) -> None:
    excluded = [Exclusion(i, ABROAD, "赴外省进修一年，经镇党委同意") for i in range(1, out + 1)]
    roll = election_roll(_full(n), DAY, excluded=excluded)
    assert roll.should_attend == expected
    assert f"不计入应到的 {out} 人" in roll.text()
    assert check_exclusions(_full(n), DAY, set(), excluded) == []


def test_who_is_a_full_member_on_the_day() -> None:
    base = Member("甲", Stage.FULL, id=1, joined_on=date(2020, 1, 1), full_on=date(2021, 1, 1))
    assert full_member_on(base, DAY)
    # left before or on the day: gone; left after: still counted that day
    assert not full_member_on(base.replace(left_on=DAY, left_reason=LeaveReason.TRANSFERRED), DAY)
    later = base.replace(left_on=date(2026, 12, 1), left_reason=LeaveReason.TRANSFERRED)
    assert full_member_on(later, DAY)
    # converted after the day: still probationary then (no vote)
    assert not full_member_on(base.replace(full_on=date(2026, 11, 21)), DAY)
    assert full_member_on(base.replace(full_on=DAY), DAY)
    # a full member on a roster without 转正时间: full a year after joining
    no_date = base.replace(joined_on=date(2025, 11, 21), full_on=None)
    assert not full_member_on(no_date, DAY)
    assert full_member_on(no_date.replace(joined_on=date(2025, 11, 20)), DAY)
    # by the transfers log: arrived later, left and came back, moved that very day
    assert not full_member_on(base, DAY, [(date(2026, 11, 21), True)])
    assert full_member_on(base, DAY, [(date(2026, 1, 5), True)])
    assert not full_member_on(base, DAY, [(date(2025, 1, 5), True), (date(2026, 1, 5), False)])
    back = [(date(2025, 1, 5), False), (date(2026, 1, 5), True)]
    assert full_member_on(base, DAY, back)
    assert not full_member_on(base, DAY, [(DAY, True)])
    assert full_member_on(base, DAY, [(date(2026, 12, 1), False)])  # leaves later
    # probationary today: not full on any day before
    assert not full_member_on(base.replace(stage=Stage.PROBATIONARY, full_on=None), DAY)


def test_a_member_who_arrived_after_the_day_is_not_on_its_roll() -> None:
    members = _full(10)
    roll = election_roll(members, DAY, moves={10: [(date(2026, 11, 21), True)]})
    assert roll.should_attend == 9


def test_a_branch_of_ten_with_one_left_out_of_the_list_still_has_ten_to_attend() -> None:
    """The issue's case: a branch of 10 where 4 came is 应到 10, not 4 — and 3 of 10 present
    is no valid election."""
    roll = election_roll(_full(10), DAY)
    assert roll.should_attend == 10
    assert not quorum_valid(roll.should_attend, 4) and not quorum_valid(roll.should_attend, 3)


@pytest.mark.parametrize(
    ("problem", "excluded", "without_vote"),
    [
        ("不是本支部的正式党员", [Exclusion(101, ABROAD, "出国")], set()),  # probationary
        ("不是本支部的正式党员", [Exclusion(999, ABROAD, "出国")], set()),  # not on the roster
        ("受留党察看处分", [Exclusion(1, ABROAD, "出国")], {1}),
        ("重复", [Exclusion(1, ABROAD, "出国"), Exclusion(1, ABROAD, "出国")], set()),
        ("请从所列情形中选择", [Exclusion(1, "请假", "开会")], set()),
        ("请写明具体情况", [Exclusion(1, ABROAD, "  ")], set()),
    ],
)
def test_leaving_someone_out_needs_a_full_member_a_listed_reason_and_details(
    problem, excluded, without_vote
) -> None:
    members = [*_full(3), Member("预备", Stage.PROBATIONARY, id=101, joined_on=date(2026, 5, 1))]
    problems = check_exclusions(members, DAY, without_vote, excluded)
    assert any(problem in p for p in problems), problems
    if "所列情形" in problem:
        assert any("选举工作条例" in p for p in problems)  # the article is quoted


# the 4/5 quorum and the votes against the roster's 应到 -------------------------------------
@pytest.mark.parametrize(
    ("n", "needed"), [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (9, 8), (10, 9), (18, 15)]
)
def test_more_than_four_fifths_of_the_rolls_should_attend_must_be_present(n, needed) -> None:
    # 有选举权的到会人数超过应到会人数的五分之四: present × 5 > n × 4
    roll = election_roll(_full(n), DAY)
    assert quorum_needed(roll.should_attend) == needed
    assert quorum_valid(roll.should_attend, needed)
    assert not quorum_valid(roll.should_attend, needed - 1)
    assert all(quorum_valid(n, p) == (p * 5 > n * 4) for p in range(n + 1))


@pytest.mark.parametrize("present", [1, 2, 3, 4, 9, 10])
def test_elected_with_more_than_half_of_those_present(present) -> None:
    # 赞成票超过实到会有选举权的人数的一半: votes × 2 > present
    needed = votes_needed(present)
    assert needed * 2 > present and (needed - 1) * 2 <= present


def test_an_election_checks_its_turnout_against_the_rolls_number() -> None:
    cands = tuple(Candidate(i, f"党员{i}", 9) for i in range(1, 5))
    e = Election(DAY, election_roll(_full(10), DAY).should_attend, 8, 3, cands)
    assert any("选举无效" in p for p in check_election(e, TODAY))  # 8 of 10 is exactly 4/5
    ok = Election(DAY, 10, 9, 3, cands)
    assert check_election(ok, TODAY) == []
    too_many = Election(DAY, 10, 11, 3, cands)
    assert any("实到人数应在 0 到 10" in p for p in check_election(too_many, TODAY))
    assert any("没有应到" in p for p in check_election(Election(DAY, 0, 0, 3, cands), TODAY))


# 差额 ------------------------------------------------------------------------------------
def _by_the_rule(seats: int) -> int:
    """The fewest candidates c with c − seats ≥ 20% of seats, found by counting up."""
    c = seats
    while (c - seats) * 100 < seats * 20:
        c += 1
    return c


@pytest.mark.parametrize(
    ("seats", "least"),
    [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 8), (7, 9), (8, 10), (9, 11)],
)
def test_candidates_exceed_the_seats_by_at_least_twenty_percent(seats, least) -> None:
    assert min_candidates(seats) == least == _by_the_rule(seats)
    names = [Candidate(i, f"候选人{i}", 0) for i in range(1, least + 1)]
    enough = Election(DAY, 20, 20, seats, tuple(names))
    assert margin_problems(enough) == []
    short = Election(DAY, 20, 20, seats, tuple(names[:-1]))
    [problem] = margin_problems(short)
    assert f"应选 {seats} 名，候选人应至少 {least} 名" in problem
    assert ELECTION_RULES.cite("candidates_margin_percent") in problem
    assert "选举工作条例" in problem and "20%" in problem


def test_fewer_candidates_than_seats_is_a_hard_problem_not_a_margin_one() -> None:
    e = Election(DAY, 10, 10, 3, (Candidate(1, "甲", 9), Candidate(2, "乙", 9)))
    assert margin_problems(e) == []
    assert any("少于应选名额" in p for p in check_election(e, TODAY))


def test_the_margin_is_in_the_rule_set() -> None:
    rule = ELECTION_RULES.rules["candidates_margin_percent"]
    assert rule.value == 20 and "选举工作条例" in rule.article


# the 书记 and 副书记 need the upper committee's approval ---------------------------------
def _elected(posts: tuple[str, ...], approved: date | None = None, on: date = DAY) -> Election:
    cands = tuple(Candidate(i, f"党员{i}", 9, p) for i, p in enumerate(posts, 1))
    return Election(on, 10, 9, len(posts), cands, id=1, approved_on=approved)


def test_a_missing_approval_is_a_due_item_with_the_article() -> None:
    item = approval_due_item(_elected(("书记", "副书记", "组织委员")))
    assert item is not None and item.kind == "committee" and item.state == OPEN
    assert "书记党员1、副书记党员2" in item.title and "尚待上级党组织批准" in item.title
    assert item.date == DAY
    assert ELECTION_RULES.cite("posts_approval") in item.basis


@pytest.mark.parametrize(
    ("posts", "approved", "due"),
    [
        (("书记", "组织委员"), None, True),
        (("副书记", "组织委员"), None, True),
        (("书记", "组织委员"), date(2026, 11, 21), False),
        (("组织委员", "宣传委员"), None, False),  # nobody needing approval
    ],
)
def test_the_approval_item_goes_when_the_date_is_recorded(posts, approved, due) -> None:
    assert (approval_due_item(_elected(posts, approved)) is not None) is due
    assert approval_due_item(None) is None


def test_only_the_latest_election_is_asked_about() -> None:
    old = _elected(("书记",), on=date(2023, 3, 1))
    new = _elected(("书记",), approved=date(2026, 11, 21))
    assert latest_election([new, old]) is new
    assert approval_due_item(latest_election([old, new])) is None


@pytest.mark.parametrize(
    ("on", "problem"),
    [
        (date(2026, 11, 19), "早于选举日期"),
        (date(2026, 11, 23), "晚于今天"),
        (DAY, None),
        (TODAY, None),
        (None, None),  # clearing a date entered by mistake
    ],
)
def test_the_approval_date_lies_between_the_election_and_today(on, problem) -> None:
    problems = check_approval(_elected(("书记",)), on, TODAY)
    assert (problem is None and not problems) or any(problem in p for p in problems)
    assert check_approval(_elected(("组织委员",)), DAY, TODAY)  # no 书记/副书记 elected


# the term by branch type ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "years", "end"),
    [
        ("", 3, date(2027, 3, 15)),
        (SCHOOL, 3, date(2027, 3, 15)),
        (VILLAGE, 5, date(2029, 3, 15)),
        ("community", 5, date(2029, 3, 15)),
    ],
)
def test_the_term_is_three_years_for_a_school_and_five_for_villages(kind, years, end) -> None:
    settings = CommitteeSettings(branch_type=kind)
    assert term_years(settings) == years
    assert term_end(date(2024, 3, 15), settings=settings) == end


def test_the_term_reminders_follow_the_branch_type() -> None:
    start = date(2024, 3, 15)
    village = CommitteeSettings(branch_type=VILLAGE)
    assert term_due_item(start, date(2026, 9, 15), village) is None  # 3 years would warn
    item = term_due_item(start, date(2028, 9, 15), village)
    assert item is not None and item.date == date(2029, 3, 15)
    assert ELECTION_RULES.cite("term_years_village") in item.basis
    school = term_due_item(start, date(2026, 9, 15), CommitteeSettings())
    assert school is not None and ELECTION_RULES.cite("term_years") in school.basis
    overdue = term_due_item(start, date(2029, 3, 16), village)
    assert overdue is not None and "届满" in overdue.title
