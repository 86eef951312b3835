"""三会一课 arithmetic: expected attendees, quorum and votes at the edges, compliance, absences."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.errors import InvalidValue
from partybook.domain.meetings import (
    Attendee,
    Held,
    MeetingKind,
    Presence,
    Vote,
    attendance_from_counts,
    compliance,
    count_vote,
    expected_attendees,
    more_than_half,
    periods,
    quorum,
)
from partybook.domain.members import LeaveReason, Member, Stage

P, L, A = Presence.PRESENT, Presence.LEAVE, Presence.ABSENT


def members() -> list[Member]:
    return [
        Member("书记甲", Stage.FULL, id=1, party_post="书记", group="一组"),
        Member("委员乙", Stage.FULL, id=2, party_post="组织委员", group="二组"),
        Member("党员丙", Stage.FULL, id=3, group="一组"),
        Member("预备丁", Stage.PROBATIONARY, id=4, group="二组"),
        Member("积极戊", Stage.ACTIVIST, id=5),
        Member("转出己", Stage.FULL, id=6, group="一组", left_reason=LeaveReason.TRANSFERRED),
    ]


@pytest.mark.parametrize(
    ("kind", "group", "ids"),
    [
        (MeetingKind.GENERAL, "", [1, 2, 3, 4]),
        (MeetingKind.LECTURE, "", [1, 2, 3, 4]),
        (MeetingKind.THEME_DAY, "", [1, 2, 3, 4]),
        (MeetingKind.LIFE, "", [1, 2, 3, 4]),
        (MeetingKind.COMMITTEE, "", [1, 2]),
        (MeetingKind.GROUP, "一组", [1, 3]),
        (MeetingKind.GROUP, "二组", [2, 4]),
    ],
)
def test_expected_attendees_by_kind(kind, group, ids) -> None:
    assert [m.id for m in expected_attendees(kind, members(), group)] == ids


@pytest.mark.parametrize(("n", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (10, 6), (11, 6)])
def test_more_than_half(n, needed) -> None:
    assert more_than_half(n) == needed


def voters(present: int, away: int, probationary_present: int = 0, excluded: int = 0):
    out = [Attendee(i, P) for i in range(present)]
    out += [Attendee(100 + i, L, "外出培训") for i in range(away)]
    out += [Attendee(200 + i, P, can_vote=False) for i in range(probationary_present)]
    out += [
        Attendee(300 + i, A, excluded=True, excluded_reason="长期病休") for i in range(excluded)
    ]
    return out


def test_exactly_half_present_is_no_quorum() -> None:
    q = quorum(voters(5, 5))
    assert (q.should_attend, q.present, q.needed, q.reached) == (10, 5, 6, False)
    assert "未过半数" in q.text()
    assert quorum(voters(6, 4)).reached


def test_probationary_members_present_do_not_make_quorum() -> None:
    q = quorum(voters(5, 5, probationary_present=3))
    assert (q.should_attend, q.present, q.reached) == (10, 5, False)


def test_excluded_members_leave_the_headcount() -> None:
    q = quorum(voters(5, 4, excluded=2))
    assert (q.should_attend, q.reached) == (9, True)


def test_yes_must_exceed_half_of_those_who_should_attend_not_of_those_present() -> None:
    q = quorum(voters(8, 4))  # 12 should attend, 8 present
    assert not count_vote(Vote("接收韩雪为预备党员", yes=6, no=2), q, 4).passed  # 6 of 12
    assert count_vote(Vote("接收韩雪为预备党员", yes=7, no=1), q, 4).passed


def test_written_opinions_of_absent_voters_count() -> None:
    q = quorum(voters(7, 5))
    result = count_vote(Vote("转正", yes=6, no=1, written_yes=1), q, 5)
    assert result.total_yes == 7 and result.passed
    assert "含书面意见同意 1 票" in result.text()


@pytest.mark.parametrize(
    ("vote", "message"),
    [
        (Vote("x", yes=7, no=2), "多于实到"),
        (Vote("x", yes=-1), "负数"),
        (Vote("x", yes=5, written_yes=5), "书面意见"),
    ],
)
def test_impossible_counts_are_refused(vote, message) -> None:
    with pytest.raises(InvalidValue, match=message):
        count_vote(vote, quorum(voters(8, 4)), 4)


def test_no_vote_without_quorum() -> None:
    with pytest.raises(InvalidValue, match="不能表决"):
        count_vote(Vote("x", yes=5), quorum(voters(5, 5)), 5)


def test_periods() -> None:
    quarters = periods("quarter", 2026)
    assert [(p.start, p.end) for p in quarters][0] == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarters[3].label == "2026年第4季度"
    months = periods("month", 2024)
    assert months[1].end == date(2024, 2, 29) and months[1].label == "2024年2月"


def test_compliance_counts_a_combined_theme_day_for_both_kinds() -> None:
    held = [
        Held(date(2026, 1, 15), frozenset({MeetingKind.GENERAL, MeetingKind.THEME_DAY})),
        Held(date(2026, 2, 5), frozenset({MeetingKind.COMMITTEE})),
    ]
    found = {(r.kind, r.period.label): r for r in compliance(held, 2026, date(2026, 2, 20))}
    assert found[(MeetingKind.GENERAL, "2026年第1季度")].met
    assert found[(MeetingKind.THEME_DAY, "2026年1月")].met
    assert not found[(MeetingKind.THEME_DAY, "2026年2月")].met
    assert not found[(MeetingKind.COMMITTEE, "2026年1月")].met
    assert found[(MeetingKind.COMMITTEE, "2026年2月")].held == (date(2026, 2, 5),)
    assert (MeetingKind.COMMITTEE, "2026年3月") not in found  # not begun yet
    assert not found[(MeetingKind.LIFE, "2026年")].met


def test_frequencies_are_settings() -> None:
    held = [Held(date(2026, 5, 5), frozenset({MeetingKind.GROUP}))]
    found = compliance(held, 2026, date(2026, 12, 31), {MeetingKind.GROUP: "quarter"})
    assert [r.met for r in found] == [False, True, False, False]


def test_attendance_rates_and_six_month_flag() -> None:
    """The figures of these meetings of 2026 (as the store counts them, rows 不计入应到 left
    out), with everyone's last day present at any meeting:
      2026-01-10: 1 出席, 2 出席, 3 请假
      2026-04-10: 1 出席, 2 缺席, 3 缺席
      2026-09-10: 1 出席, 2 缺席, 3 缺席, 4 不计入应到
    and 5, present on 2026-10-01 but absent at three of four, and 6, expected only in 2025."""
    counts = {1: (3, 3, 0), 2: (3, 1, 0), 3: (3, 0, 1), 5: (4, 1, 0)}
    everywhere = {
        6: date(2025, 3, 1),
        1: date(2026, 9, 10),
        2: date(2026, 1, 10),
        3: None,
        5: date(2026, 10, 1),
    }
    stats = attendance_from_counts(counts, everywhere, date(2026, 11, 22))
    assert list(stats) == [6, 1, 2, 3, 5]  # everyone expected anywhere, in that order
    assert (stats[1].expected, stats[1].attended, stats[1].rate, stats[1].flag) == (3, 3, 1.0, "")
    assert (stats[2].attended, stats[2].absent) == (1, 2)
    assert stats[2].flag == "自 2026-01-10 以来未参加组织生活已超过六个月"
    assert (stats[3].leave, stats[3].absent, stats[3].rate) == (1, 2, 0.0)
    assert stats[3].last_attended is None and stats[3].flag == "今年未参加组织生活已超过六个月"
    assert (stats[5].absent, stats[5].flag) == (3, "今年无故缺席 3 次")
    assert (stats[6].expected, stats[6].rate, stats[6].flag) == (0, None, "")
    assert 4 not in stats


def test_only_full_members_on_the_day_may_vote() -> None:
    from datetime import date

    from partybook.domain.meetings import Attendee, voting_problems
    from partybook.domain.members import Member, Stage

    people = {
        1: Member(name="老党员", stage=Stage.FULL, full_on=date(2001, 7, 1), id=1),
        2: Member(name="预备", stage=Stage.PROBATIONARY, id=2),
        3: Member(name="新转正", stage=Stage.FULL, full_on=date(2026, 6, 1), id=3),
        4: Member(name="申请人", stage=Stage.APPLICANT, id=4),
    }
    day = date(2026, 5, 20)
    voting = [Attendee(i, can_vote=True) for i in people]
    problems = voting_problems(voting, people, day)
    assert len(problems) == 3
    assert "预备是预备党员，没有表决权" in problems[0]
    assert "新转正在 2026-05-20 还是预备党员" in problems[1]
    assert "申请人是入党申请人" in problems[2]
    assert voting_problems(voting[2:3], people, date(2026, 6, 1)) == []  # the day they converted
    assert voting_problems([Attendee(2, can_vote=False)], people, day) == []
