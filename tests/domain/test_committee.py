"""支委会与换届: the 4/5 quorum on its boundaries, who is elected, the term reminders on their
boundary days, party groups."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.committee import (
    Candidate,
    CommitteeSettings,
    Election,
    PartyGroup,
    check_election,
    check_group,
    check_posts,
    current_committee,
    party_groups,
    quorum_needed,
    quorum_valid,
    result,
    term_due_item,
    term_end,
    votes_needed,
)
from partybook.domain.members import LeaveReason, Member, Stage

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("should", "present", "valid"),
    [
        (6, 5, True),  # 25 > 24
        (5, 4, False),  # 20 = 20: exactly 4/5 is not MORE than 4/5
        (5, 5, True),
        (10, 8, False),
        (10, 9, True),
        (15, 12, False),
        (15, 13, True),
        (19, 16, True),  # 80 > 76
        (19, 15, False),  # 75 < 76
        (1, 1, True),
    ],
)
def test_quorum_is_more_than_four_fifths(should, present, valid) -> None:
    assert quorum_valid(should, present) is valid
    assert (present >= quorum_needed(should)) is valid


@pytest.mark.parametrize(("present", "needed"), [(9, 5), (10, 6), (5, 3), (4, 3), (1, 1)])
def test_elected_needs_more_than_half_of_those_present(present, needed) -> None:
    assert votes_needed(present) == needed


def _election(present=16, seats=3, votes=(16, 15, 9, 8), should=19) -> Election:
    names = ["刘建华", "陈秀英", "王志强", "张丽", "李国平"]
    cands = tuple(Candidate(i + 1, names[i], v) for i, v in enumerate(votes))
    return Election(date(2026, 3, 15), should, present, seats, cands)


def test_more_than_half_are_elected_most_votes_first_up_to_the_seats() -> None:
    r = result(_election(present=16, seats=3, votes=(16, 15, 9, 8)))  # 9 > 8 = half of 16
    assert [c.name for c in r.elected] == ["刘建华", "陈秀英", "王志强"] and r.needed == 9
    r = result(_election(present=16, seats=3, votes=(16, 8, 8, 2)))  # exactly half fails
    assert [c.name for c in r.elected] == ["刘建华"]
    r = result(_election(present=16, seats=2, votes=(16, 15, 14, 2)))  # more pass than seats
    assert [c.name for c in r.elected] == ["刘建华", "陈秀英"] and not r.tied


def test_a_tie_for_the_last_seat_is_left_for_another_round() -> None:
    r = result(_election(present=16, seats=2, votes=(16, 12, 12, 2)))
    assert [c.name for c in r.elected] == ["刘建华"]
    assert [c.name for c in r.tied] == ["陈秀英", "王志强"]
    e = _election(present=16, seats=2, votes=(16, 12, 12, 2))
    assert any("得票相等" in p for p in check_posts(e))


def test_an_invalid_turnout_is_refused_with_the_rule() -> None:
    e = _election(present=15, should=19, votes=(15, 14, 9, 8))
    problems = check_election(e, TODAY)
    assert len(problems) == 1 and "选举无效" in problems[0] and "五分之四" in problems[0]
    assert "至少要到 16 人" in problems[0]
    assert check_election(_election(present=16), TODAY) == []


def test_other_problems_of_an_election() -> None:
    e = _election(present=16, votes=(17, 3))
    problems = check_election(e, TODAY)
    assert any("得票 17" in p for p in problems) and any("少于应选名额" in p for p in problems)
    late = Election(date(2026, 12, 1), 5, 5, 1, (Candidate(1, "甲", 5),))
    assert any("晚于今天" in p for p in check_election(late, TODAY))


def test_posts_go_to_the_elected_with_one_secretary() -> None:
    e = _election(present=16, seats=3, votes=(16, 15, 9, 8))
    assert len(check_posts(e)) >= 3  # nobody has a post yet
    posts = ("书记", "组织委员", "宣传委员", "")
    given = Election(
        e.on,
        e.should_attend,
        e.present,
        e.seats,
        tuple(
            Candidate(c.member_id, c.name, c.votes, p)
            for c, p in zip(e.candidates, posts, strict=True)
        ),
    )
    assert check_posts(given) == []
    wrong = ("组织委员", "组织委员", "宣传委员", "纪检委员")
    given = Election(
        e.on,
        e.should_attend,
        e.present,
        e.seats,
        tuple(
            Candidate(c.member_id, c.name, c.votes, p)
            for c, p in zip(e.candidates, wrong, strict=True)
        ),
    )
    problems = check_posts(given)
    assert any("有且只有一名书记" in p for p in problems)
    assert any("张丽 未当选" in p for p in problems)


def test_term_is_three_years() -> None:
    assert term_end(date(2024, 3, 15)) == date(2027, 3, 15)
    assert term_end(date(2024, 2, 29)) == date(2027, 2, 28)


START = date(2024, 3, 15)  # the term ends 2027-03-15


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 9, 14), None),  # the day before six months before
        (date(2026, 9, 15), "准备换届"),  # six months before: the first reminder
        (date(2027, 2, 14), "准备换届"),
        (date(2027, 2, 15), "不足 1 个月"),  # one month before: the stronger one
        (date(2027, 3, 15), "不足 1 个月"),  # the last day of the term
        (date(2027, 3, 16), "已于 2027-03-15 届满"),
    ],
)
def test_term_reminders_on_their_boundary_days(today, expected) -> None:
    item = term_due_item(START, today, CommitteeSettings())
    if expected is None:
        assert item is None
        return
    assert expected in item.title and item.kind == "committee"
    assert item.date == date(2027, 3, 15)
    assert item.state == ("overdue" if today > date(2027, 3, 15) else "soon")
    assert "三年" in item.basis


def test_term_reminder_months_are_a_setting_and_no_term_means_no_item() -> None:
    settings = CommitteeSettings(early_months=3, late_months=2)
    assert term_due_item(START, date(2026, 12, 14), settings) is None
    assert "提前 3 个月" in term_due_item(START, date(2026, 12, 15), settings).title
    assert "不足 2 个月" in term_due_item(START, date(2027, 1, 15), settings).title
    assert term_due_item(None, TODAY, CommitteeSettings()) is None


def test_the_committee_is_the_active_members_with_a_post_secretary_first() -> None:
    people = [
        Member("甲", id=1, party_post="组织委员"),
        Member("乙", id=2, party_post="书记"),
        Member("丙", id=3),
        Member(
            "丁",
            id=4,
            party_post="宣传委员",
            left_reason=LeaveReason.TRANSFERRED,
            left_on=date(2026, 1, 1),
        ),
    ]
    assert [m.name for m in current_committee(people)] == ["乙", "甲"]


def test_party_groups_from_the_roster_and_the_records() -> None:
    people = [
        Member("甲", id=1, group="第一党小组"),
        Member("乙", id=2, group="第二党小组"),
        Member("丙", id=3, group="第一党小组", stage=Stage.PROBATIONARY),
        Member(
            "丁",
            id=4,
            group="第一党小组",
            left_reason=LeaveReason.DECEASED,
            left_on=date(2026, 1, 1),
        ),
    ]
    groups = party_groups(people, {"第一党小组": 1, "退休党小组": None})
    by_name = {g.name: g for g in groups}
    assert by_name["第一党小组"].member_ids == (1, 3) and by_name["第一党小组"].leader_id == 1
    assert by_name["退休党小组"].member_ids == () and set(by_name) == {
        "第一党小组",
        "第二党小组",
        "退休党小组",
    }
    assert check_group(PartyGroup("第二党小组", 1, (2,))) == ["党小组组长应是本小组的成员。"]
    assert check_group(PartyGroup(" ", None, ())) == ["请填写党小组名称。"]
