"""Working days after chinese-calendar's last year (issue 20): the secretary enters a year's
放假安排, every count follows it and says which source it used.

The 2027 schedule below is test data shaped like a State Council notice (春节 2027-02-06 is a
Saturday): 2月5日至11日放假, 2月14日（周日）、2月20日（周六）上班."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.deadlines import due_for
from partybook.domain.errors import InvalidValue
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Kind, Path
from partybook.domain.rules import DEFAULT_RULE_SET, Practice, rule_set
from partybook.domain.workdays import (
    ENTERED,
    LIBRARY,
    WEEKDAYS,
    YearSchedule,
    add_working_days,
    check_schedule,
    count_working_days,
    days_text,
    library_schedule,
    parse_days,
    working_day,
)

SPRING_2027 = YearSchedule(
    2027,
    parse_days("2027-02-05至2027-02-11", 2027),
    parse_days("2月14日、2027-02-20", 2027),
)


def test_the_days_as_a_secretary_writes_them() -> None:
    assert len(SPRING_2027.off) == 7 and SPRING_2027.on == {date(2027, 2, 14), date(2027, 2, 20)}
    assert days_text(SPRING_2027.off) == "2027-02-05至2027-02-11"
    assert parse_days("", 2027) == frozenset()
    with pytest.raises(InvalidValue, match="不是 2027 年"):
        parse_days("2026-10-01", 2027)
    with pytest.raises(InvalidValue, match="早于开始"):
        parse_days("2027-02-11至2027-02-05", 2027)
    assert check_schedule(YearSchedule(2027, on=frozenset({date(2027, 2, 15)})))  # a Monday


def test_2027_without_an_entry_falls_back_to_weekdays_and_says_so() -> None:
    day, sources = count_working_days(date(2027, 2, 19), -5)
    assert day == date(2027, 2, 12)  # Mon–Fri only: the festival is not known
    assert sources == {WEEKDAYS}


def test_a_notice_across_the_spring_festival_with_the_schedule_entered() -> None:
    """Five working days back from Friday 2027-02-19: the 18th, 17th, 16th, 15th and the
    14th (a Sunday made a working day); Mon–Fri alone would give the 12th, a holiday."""
    schedules = {2027: SPRING_2027}
    assert working_day(date(2027, 2, 8), schedules) == (False, ENTERED)  # a holiday Monday
    assert working_day(date(2027, 2, 14), schedules) == (True, ENTERED)  # 调休 Sunday
    day, sources = count_working_days(date(2027, 2, 19), -5, schedules)
    assert day == date(2027, 2, 14) and sources == {ENTERED}
    # across the holiday: 5 working days after Thursday 2027-02-04 → 2, 14 (Sun), 15, 16, 17
    assert add_working_days(date(2027, 2, 4), 5, schedules) == (date(2027, 2, 17), True)
    assert add_working_days(date(2027, 2, 4), 5) == (date(2027, 2, 11), False)


def test_the_conversion_notice_in_the_due_list_follows_the_schedule_and_names_it() -> None:
    """Probation ends 2027-02-19; the 公示 (5 working days) must start by 2027-02-14."""
    m = Member("钱多", Stage.PROBATIONARY, id=1)
    path = Path([Event(1, Kind.STEP, date(2026, 2, 19), step=15)])
    rules, practice = rule_set(DEFAULT_RULE_SET), Practice()
    today = date(2027, 1, 10)

    def notice(schedules):
        items = due_for(m, path, today, rules, practice, schedules=schedules)
        return next(i for i in items if i.title == "开始转正公示")

    with_entry = notice({2027: SPRING_2027})
    assert with_entry.date == date(2027, 2, 14) and "按支部录入的放假安排" in with_entry.basis
    without = notice(None)
    assert without.date == date(2027, 2, 12) and "按周一至周五计算" in without.basis


def test_the_library_prefills_a_year_it_knows() -> None:
    known = library_schedule(2026)
    assert known is not None and date(2026, 10, 1) in known.off  # 国庆
    assert all(d.weekday() >= 5 for d in known.on) and known.on
    assert working_day(date(2026, 10, 1)) == (False, LIBRARY)
    assert library_schedule(2027) is None
