"""民主评议: tally checks, grade suggestions, the ⅓ cap, probationary members, handling."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.appraisal import (
    Grade,
    ScoreScheme,
    Tally,
    blanks,
    check_grades,
    check_tally,
    excellent_cap,
    parse_grade,
    participants,
    suggest,
)
from partybook.domain.errors import InvalidValue
from partybook.domain.members import LeaveReason, Member, Stage


def test_participants_grade_full_members_only_and_skip_those_who_left() -> None:
    people = [
        Member("甲", Stage.FULL, id=1),
        Member("乙", Stage.PROBATIONARY, id=2),
        Member("丙", Stage.ACTIVIST, id=3),
        Member(
            "丁", Stage.FULL, id=4, left_on=date(2026, 3, 1), left_reason=LeaveReason.TRANSFERRED
        ),
        Member(
            "戊", Stage.FULL, id=5, left_on=date(2026, 12, 20), left_reason=LeaveReason.TRANSFERRED
        ),
    ]
    graded, ungraded = participants(people, date(2026, 12, 10))
    assert [m.id for m in graded] == [1, 5] and [m.id for m in ungraded] == [2]


def test_tally_checks() -> None:
    names = {1: "甲"}
    ok = [Tally(1, (10, 5, 0, 0))]
    assert check_tally(ok, handed_out=20, returned=18) == []
    assert blanks(ok[0], 18) == 3
    assert "多于发出" in check_tally(ok, handed_out=15, returned=18)[0]
    over = [Tally(1, (10, 9, 0, 0))]
    assert check_tally(over, 20, 18, names) == ["甲的票数合计 19 多于收回的 18 份。"]
    assert "负数" in check_tally([Tally(1, (-1, 0, 0, 0))], 20, 18)[0]


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, Grade.EXCELLENT),
        (99.5, Grade.QUALIFIED),
        (80, Grade.QUALIFIED),
        (79.9, Grade.BASIC),
        (60, Grade.BASIC),
        (59.5, Grade.UNQUALIFIED),
    ],
)
def test_score_boundaries(score, grade) -> None:
    assert suggest(None, score, ScoreScheme()) is grade


def test_thresholds_are_settings() -> None:
    assert suggest(None, 95, ScoreScheme(excellent=95)) is Grade.EXCELLENT


@pytest.mark.parametrize(
    ("counts", "grade"),
    [
        ((10, 3, 0, 0), Grade.EXCELLENT),
        ((3, 10, 0, 0), Grade.QUALIFIED),
        ((6, 6, 0, 0), Grade.QUALIFIED),
        ((0, 0, 0, 0), None),
        ((0, 2, 5, 1), Grade.BASIC),
    ],
)
def test_suggestion_from_the_tally(counts, grade) -> None:
    assert suggest(Tally(1, counts), None, ScoreScheme()) is grade


@pytest.mark.parametrize(("n", "cap"), [(3, 1), (4, 1), (9, 3), (10, 3), (31, 10)])
def test_excellent_cap(n, cap) -> None:
    assert excellent_cap(n) == cap


@pytest.mark.parametrize(
    ("n", "excellent", "ok"),
    [
        (3, 1, True),
        (3, 2, False),
        (4, 2, False),
        (10, 3, True),
        (10, 4, False),
        (31, 10, True),
        (31, 11, False),
    ],
)
def test_cap_is_checked(n, excellent, ok) -> None:
    grades = {i: Grade.EXCELLENT if i < excellent else Grade.QUALIFIED for i in range(n)}
    problems = check_grades(grades, {}, n)
    assert (problems == []) is ok
    if not ok:
        assert "三分之一" in problems[0] and f"最多 {excellent_cap(n)} 人" in problems[0]


def test_low_grades_need_a_handling_note() -> None:
    grades = {1: Grade.BASIC, 2: Grade.UNQUALIFIED, 3: Grade.QUALIFIED}
    problems = check_grades(grades, {1: "谈话提醒"}, 9, {2: "乙"})
    assert problems == ["乙评为不合格，需要填写处理意见（限期改正、劝其退党或除名）。"]


def test_parse_grade() -> None:
    assert parse_grade(" 合格 ") is Grade.QUALIFIED
    with pytest.raises(InvalidValue, match="等次应为"):
        parse_grade("良好")


def test_participants_as_they_were_on_the_round_date() -> None:
    people = [
        Member("早", Stage.FULL, id=1, joined_on=date(2010, 1, 1), full_on=date(2011, 1, 1)),
        Member("新转正", Stage.FULL, id=2, joined_on=date(2025, 3, 1), full_on=date(2026, 3, 1)),
        Member("晚", Stage.PROBATIONARY, id=3, joined_on=date(2026, 5, 20)),
        Member("不详", Stage.FULL, id=4),
    ]
    graded, ungraded = participants(people, date(2025, 12, 31))
    assert [m.id for m in graded] == [1, 4] and [m.id for m in ungraded] == [2]


def _participants_before(members, round_date):
    """participants() as it was written before issue 10 read the rule once per call."""
    graded, ungraded = [], []
    for m in members:
        if m.left_on is not None and m.left_on <= round_date:
            continue
        joined = m.joined_on is not None and m.joined_on <= round_date
        if m.joined_on is not None and not joined:
            continue
        if not (m.stage.is_member or joined):
            continue
        full_then = (m.full_on is not None and m.full_on <= round_date) or (
            m.stage is Stage.FULL and m.full_on is None
        )
        (graded if full_then else ungraded).append(m)
    return graded, ungraded


def test_participants_as_before_for_every_stage_and_date() -> None:
    """Every stage with each of its dates missing, before, on or after the round's date: the
    same people, in the same order, as the rule was first written."""
    on = date(2025, 12, 31)
    days = (None, date(2024, 6, 1), on, date(2026, 1, 2))
    people = [
        Member(f"人{n}", stage, id=n, joined_on=joined, full_on=full, left_on=left)
        for n, (stage, joined, full, left) in enumerate(
            (s, j, f, x) for s in Stage for j in days for f in days for x in days
        )
    ]
    graded, ungraded = participants(people, on)
    old_graded, old_ungraded = _participants_before(people, on)
    assert [m.id for m in graded] == [m.id for m in old_graded]
    assert [m.id for m in ungraded] == [m.id for m in old_ungraded]
    assert graded and ungraded and len(graded) + len(ungraded) < len(people)


def _check_tally_before(tallies, handed_out, returned, names=None):
    """check_tally() as it was written before issue 10 looked at the counts in bulk."""
    problems = []
    if returned > handed_out:
        problems.append(f"收回的测评表 {returned} 份多于发出的 {handed_out} 份。")
    if min((min(t.counts) for t in tallies), default=0) < 0:
        problems.append("票数不能是负数。")
    for t in tallies:
        votes = sum(t.counts)
        if votes > returned:
            who = (names or {}).get(t.member_id, f"编号 {t.member_id}")
            problems.append(f"{who}的票数合计 {votes} 多于收回的 {returned} 份。")
    return problems


@pytest.mark.parametrize("returned", [0, 3, 5, 10, 11])
@pytest.mark.parametrize("negative", [False, True])
def test_check_tally_as_before(returned, negative) -> None:
    from partybook.domain.appraisal import Entry, check_tally

    entries = [Entry(n, (n % 4, n % 3, n % 2, -1 if negative and n == 7 else 0)) for n in range(20)]
    names = {n: f"人{n}" for n in range(0, 20, 2)}
    for tallies in (entries, [e.tally for e in entries], []):
        assert check_tally(tallies, 10, returned, names) == _check_tally_before(
            tallies, 10, returned, names
        )
    assert check_tally(entries, 10, 3, names)  # some are over: the check can fail


@pytest.mark.parametrize("returned", [0, 5, 10, 11])
def test_entries_are_checked_as_their_tallies_were(returned) -> None:
    """check_tally reads a round's entries directly (no Tally per entry): the same problems."""
    from partybook.domain.appraisal import Entry, blanks, check_tally

    entries = [
        Entry(1, (3, 4, 2, 1)),
        Entry(2, (0, 0, 0, 0)),
        Entry(3, (5, 6, 0, 0)),
        Entry(4, (1, -1, 0, 0)),
    ]
    names = {1: "张三", 3: "李四"}
    old = check_tally([e.tally for e in entries], 10, returned, names)
    assert check_tally(entries, 10, returned, names) == old
    assert [blanks(e, returned) for e in entries] == [blanks(e.tally, returned) for e in entries]
    assert [e.votes for e in entries] == [e.tally.votes for e in entries]
