"""留党察看 and 除名, written from the rules.

党章第四十条: 留党察看最长不超过两年；党员在留党察看期间没有表决权、选举权和被选举权。
《中国共产党纪律处分条例》: 留党察看处分，分为留党察看一年、留党察看二年。
党章第九条: 自行脱党的党员，支部大会应当决定把这样的党员除名，并报上级党组织批准。

The period counts as the book counts the 预备期 ("一年，从支部大会通过之日算起"): from the
first day up to the same date a year (two years) later, when it has expired and the rights
come back; a start on 29 February expires on 28 February."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partybook.domain.discipline import (
    Discipline,
    allowed_months,
    check_discipline,
    check_end,
    current,
    disciplines,
    under_discipline,
)
from partybook.domain.members import (
    LEAVE_EXPLANATIONS,
    LeaveReason,
    Member,
    Stage,
    leave_problems,
    leave_reasons,
)
from partybook.domain.pipeline import DEVELOPMENT_KINDS, Event, Kind, Path, check_event
from partybook.domain.rules import DISCIPLINE_RULES, RULES_2014

TODAY = date(2026, 11, 22)
FULL = Member(name="黄伟", id=7, stage=Stage.FULL, joined_on=date(2010, 7, 1))


def watch(start: date, months: int, member_id: int = 7, **kw) -> Event:
    return Event(member_id, Kind.DISCIPLINE, start, quantity=months, unit="个月", **kw)


def lifted(on: date, member_id: int = 7, **kw) -> Event:
    return Event(member_id, Kind.DISCIPLINE_END, on, **kw)


def test_the_rule_set_holds_one_and_two_years_with_their_articles() -> None:
    assert allowed_months() == (12, 24)
    assert DISCIPLINE_RULES.value("watch_max_months") == 24
    assert "第四十条" in DISCIPLINE_RULES.cite("watch_max_months")
    assert "没有表决权、选举权和被选举权" in DISCIPLINE_RULES.cite("watch_max_months")
    assert "纪律处分条例" in DISCIPLINE_RULES.cite("watch_short_months")
    assert "第九条" in DISCIPLINE_RULES.cite("self_lapse_months")
    assert DISCIPLINE_RULES.value("self_lapse_months") == 6


# the period, day by day at its edges ------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "months", "day", "under"),
    [
        # one year from 10 March 2025: the last day under it is 9 March 2026
        (date(2025, 3, 10), 12, date(2025, 3, 9), False),  # the day before
        (date(2025, 3, 10), 12, date(2025, 3, 10), True),  # the first day
        (date(2025, 3, 10), 12, date(2026, 3, 9), True),  # the last day
        (date(2025, 3, 10), 12, date(2026, 3, 10), False),  # 期满: rights back
        # two years
        (date(2025, 3, 10), 24, date(2026, 3, 10), True),
        (date(2025, 3, 10), 24, date(2027, 3, 9), True),
        (date(2025, 3, 10), 24, date(2027, 3, 10), False),
        # a leap day start expires on 28 February (or on the 29th two years on, 2026: no)
        (date(2024, 2, 29), 12, date(2025, 2, 27), True),
        (date(2024, 2, 29), 12, date(2025, 2, 28), False),
        (date(2024, 2, 29), 24, date(2026, 2, 27), True),
        (date(2024, 2, 29), 24, date(2026, 2, 28), False),
        # a month end
        (date(2025, 1, 31), 12, date(2026, 1, 30), True),
        (date(2025, 1, 31), 12, date(2026, 1, 31), False),
        # across New Year
        (date(2025, 12, 31), 12, date(2026, 12, 30), True),
        (date(2025, 12, 31), 12, date(2026, 12, 31), False),
    ],
)
def test_under_discipline_from_the_first_day_to_the_day_before_it_expires(
    start, months, day, under
) -> None:
    d = Discipline(7, start, months)
    assert d.in_force(day) is under
    assert under_discipline([watch(start, months)], day) == ({7} if under else set())


@pytest.mark.parametrize(
    ("start", "months", "last", "expires"),
    [
        (date(2025, 3, 10), 12, date(2026, 3, 9), date(2026, 3, 10)),
        (date(2025, 3, 10), 24, date(2027, 3, 9), date(2027, 3, 10)),
        (date(2024, 2, 29), 12, date(2025, 2, 27), date(2025, 2, 28)),
        (date(2023, 3, 1), 12, date(2024, 2, 29), date(2024, 3, 1)),  # a leap year's last day
    ],
)
def test_the_roster_mark_names_the_last_day(start, months, last, expires) -> None:
    d = Discipline(7, start, months)
    assert d.expires == expires and d.last_day == last
    assert d.mark == f"留党察看（至 {last.isoformat()}）"


@pytest.mark.parametrize(
    ("ended", "day", "under"),
    [
        (date(2025, 9, 1), date(2025, 8, 31), True),
        (date(2025, 9, 1), date(2025, 9, 1), False),  # the rights come back that day
        (date(2025, 9, 1), date(2026, 1, 1), False),
        (date(2025, 3, 11), date(2025, 3, 10), True),  # ended the day after it began
        (date(2025, 3, 11), date(2025, 3, 11), False),
    ],
)
def test_lifted_early(ended, day, under) -> None:
    events = [watch(date(2025, 3, 10), 12, id=1), lifted(ended, id=2, notes="申诉后撤销")]
    (d,) = disciplines(events)
    assert d.ended_early and d.ended_on == ended and d.end_notes == "申诉后撤销"
    assert d.in_force(day) is under
    assert d.mark == f"留党察看（至 {(ended - timedelta(days=1)).isoformat()}）"
    assert "提前结束" in d.summary


def test_an_end_belongs_to_the_members_latest_discipline_before_it() -> None:
    events = [
        watch(date(2018, 5, 1), 12, id=1),
        watch(date(2024, 5, 1), 24, id=2),
        lifted(date(2025, 1, 1), id=3),
        watch(date(2025, 3, 10), 12, member_id=9, id=4),
    ]
    found = disciplines(events)
    assert [(d.member_id, d.start, d.ended_on) for d in found] == [
        (7, date(2018, 5, 1), None),
        (7, date(2024, 5, 1), date(2025, 1, 1)),
        (9, date(2025, 3, 10), None),
    ]
    assert set(current(found, date(2025, 6, 1))) == {9}
    assert set(current(found, date(2024, 12, 31))) == {7}


def test_who_has_no_vote_on_a_day_leaves_out_those_who_had_left() -> None:
    events = [watch(date(2026, 1, 5), 12), watch(date(2026, 2, 1), 12, member_id=8)]
    gone = Member(name="甲", id=8, left_on=date(2026, 6, 1), left_reason=LeaveReason.EXPELLED)
    here = Member(name="黄伟", id=7)
    assert under_discipline(events, date(2026, 5, 31), [here, gone]) == {7, 8}
    assert under_discipline(events, date(2026, 6, 1), [here, gone]) == {7}
    assert under_discipline(events, date(2026, 1, 4), [here, gone]) == set()
    assert under_discipline([], TODAY) == set()


# recording it --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("months", "ok"), [(12, True), (24, True), (6, False), (18, False), (36, False), (0, False)]
)
def test_only_one_year_or_two_years(months, ok) -> None:
    problems = check_discipline(FULL, date(2026, 3, 10), months, [], TODAY)
    assert (problems == []) is ok
    if not ok:
        assert "一年" in problems[0] and "二年" in problems[0] and "第四十条" in problems[0]


@pytest.mark.parametrize(
    "stage", [Stage.PROBATIONARY, Stage.CANDIDATE, Stage.ACTIVIST, Stage.APPLICANT]
)
def test_only_a_full_member_is_put_under_it(stage) -> None:
    someone = Member(name="谢婷", id=3, stage=stage)
    (problem,) = check_discipline(someone, date(2026, 3, 10), 12, [], TODAY)
    assert "正式党员" in problem and "谢婷" in problem


def test_a_member_who_left_or_a_future_start_or_before_joining_is_refused() -> None:
    gone = FULL.replace(left_on=date(2026, 1, 1), left_reason=LeaveReason.TRANSFERRED)
    assert "已离开" in check_discipline(gone, date(2025, 3, 10), 12, [], TODAY)[0]
    assert "晚于今天" in check_discipline(FULL, date(2026, 11, 23), 12, [], TODAY)[0]
    assert check_discipline(FULL, TODAY, 12, [], TODAY) == []
    assert "入党日期" in check_discipline(FULL, date(2010, 6, 30), 12, [], TODAY)[0]


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        (date(2026, 3, 10), True),  # the day the earlier one expired
        (date(2026, 3, 9), False),  # its last day
        (date(2025, 3, 10), False),
        (date(2024, 3, 11), False),  # would end the day after the earlier one began
        (date(2024, 3, 10), True),  # ends the day the earlier one begins
    ],
)
def test_two_periods_may_not_overlap(start, ok) -> None:
    earlier = Discipline(7, date(2025, 3, 10), 12)
    problems = check_discipline(FULL, start, 12, [earlier], TODAY)
    assert (problems == []) is ok
    if not ok:
        assert "重叠" in problems[0] and "改为二年" in problems[0]


@pytest.mark.parametrize(
    ("on", "ok"),
    [
        (date(2025, 3, 10), False),  # the first day: nothing to end
        (date(2025, 3, 11), True),
        (date(2026, 3, 9), True),  # its last day
        (date(2026, 3, 10), False),  # expired already: nothing to record
        (date(2026, 11, 23), False),  # the future
    ],
)
def test_an_early_end_lies_inside_the_period(on, ok) -> None:
    d = Discipline(7, date(2025, 3, 10), 12)
    assert (check_end(d, on, TODAY) == []) is ok


def test_discipline_records_are_not_development_steps() -> None:
    assert Kind.DISCIPLINE not in DEVELOPMENT_KINDS and Kind.DISCIPLINE_END not in DEVELOPMENT_KINDS
    (v,) = check_event(FULL, Path(), watch(date(2026, 3, 10), 12), RULES_2014, set(), TODAY)
    assert v.key == "kind"
    assert watch(date(2026, 3, 10), 12).title == "留党察看"


# 除名 --------------------------------------------------------------------------------
def test_removal_is_offered_to_members_only() -> None:
    assert LeaveReason.REMOVED in leave_reasons(Stage.FULL)
    assert LeaveReason.REMOVED in leave_reasons(Stage.PROBATIONARY)
    for stage in (Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE):
        assert LeaveReason.REMOVED not in leave_reasons(stage)
        assert LeaveReason.STOPPED in leave_reasons(stage)
    assert LeaveReason.CANCELLED in leave_reasons(Stage.PROBATIONARY)
    assert LeaveReason.CANCELLED not in leave_reasons(Stage.FULL)
    assert leave_reasons(Stage.FULL)[0] is LeaveReason.TRANSFERRED


def test_removal_keeps_its_stored_value_and_every_reason_is_explained() -> None:
    assert LeaveReason("除名") is LeaveReason.REMOVED
    assert [r.value for r in LeaveReason][:5] == [
        "转出",
        "去世",
        "出党",
        "取消预备党员资格",
        "停止培养",
    ]
    assert set(LEAVE_EXPLANATIONS) == set(LeaveReason)
    text = LEAVE_EXPLANATIONS[LeaveReason.REMOVED]
    assert "第九条" in text and "自行脱党" in text and "支部大会" in text


@pytest.mark.parametrize(
    ("stage", "note", "ok"),
    [
        (Stage.FULL, "2026年第2次支部党员大会决定除名，报镇党委批准", True),
        (Stage.PROBATIONARY, "2026年第2次支部党员大会决定", True),
        (Stage.FULL, "", False),  # the decision must be written
        (Stage.FULL, "   ", False),
        (Stage.CANDIDATE, "支部大会决定", False),  # not a member yet: 停止培养
        (Stage.APPLICANT, "支部大会决定", False),
    ],
)
def test_removal_is_a_recorded_decision_of_a_member(stage, note, ok) -> None:
    someone = Member(name="黄伟", id=7, stage=stage)
    problems = leave_problems(someone, LeaveReason.REMOVED, note)
    assert (problems == []) is ok
    if not ok:
        assert "第九条" in problems[0] or "停止培养" in problems[0]
