"""Dates known only to their month (issue 21): "2003年6月", "1995.7", "1995-07" are kept as a
month alone, shown "1995.07", never with a made-up day; a rule that needs the day says when
the month is not enough."""

from __future__ import annotations

import copy
import pickle
from datetime import date, timedelta

import pytest

from partybook.domain.dates import (
    MonthDate,
    add_years,
    age_bounds,
    exact,
    format_date,
    month_only,
    parse_date,
    too_young,
)
from partybook.domain.idcard import make_id_number
from partybook.domain.members import Member, Stage
from partybook.domain.validation import fill_from_id_number, validate_member

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "typed",
    ["2003年6月", "2003.6", "2003.06", "2003-06", "2003/6", "200306", 2003.06, "２００３．６"],
)
def test_a_month_alone_is_kept_as_a_month(typed) -> None:
    found = parse_date(typed)
    assert month_only(found) and found == date(2003, 6, 1)
    assert format_date(found) == "2003.06" and str(found) == "2003.06"


def test_a_whole_date_is_still_a_plain_date() -> None:
    for typed in ("2003-06-01", "2003.6.1", "2003年6月1日", "20030601", date(2003, 6, 1)):
        found = parse_date(typed)
        assert not month_only(found) and format_date(found) == "2003-06-01"


def test_a_month_date_copies_and_counts_like_a_date() -> None:
    m = MonthDate(1995, 7)
    assert pickle.loads(pickle.dumps(m)) == m and month_only(copy.deepcopy(m))
    assert month_only(add_years(m, 18))  # July 2013: still a month alone
    assert not month_only(m + timedelta(days=3))  # a day worked out from it is a day
    assert not month_only(exact(m)) and exact(m) == date(1995, 7, 1)


def test_age_bounds_and_too_young() -> None:
    born = MonthDate(1995, 7)
    assert age_bounds(born, date(2013, 7, 15)) == (17, 18)
    assert age_bounds(born, date(2013, 8, 1)) == (18, 18)
    assert age_bounds(date(1995, 7, 20), date(2013, 7, 15)) == (17, 17)
    assert too_young(born, date(2013, 8, 1), 18, "递交申请书时") == (False, "")
    surely, said = too_young(born, date(2012, 8, 1), 18, "递交申请书时")
    assert surely and "不满18岁" in said
    surely, said = too_young(born, date(2013, 7, 15), 18, "递交申请书时")
    assert not surely and "只知道到月" in said and "1995.07" in said


def test_a_birth_month_agrees_with_the_id_number_and_takes_its_day() -> None:
    number = make_id_number("430521", date(1995, 7, 15), 3, "男")
    m = Member(name="王刚", id_number=number, birth_date=MonthDate(1995, 7))
    assert not [p for p in validate_member(m, TODAY) if p.field == "birth_date"]
    assert fill_from_id_number(m).birth_date == date(1995, 7, 15)
    wrong = m.replace(birth_date=MonthDate(1995, 8))
    assert [p for p in validate_member(wrong, TODAY) if p.field == "birth_date"]


def test_joining_in_the_month_of_the_18th_birthday_is_a_question_not_an_error() -> None:
    m = Member(
        name="李强",
        stage=Stage.FULL,
        birth_date=MonthDate(1990, 7),
        joined_on=date(2008, 7, 10),
        full_on=date(2009, 7, 10),
    )
    found = [p for p in validate_member(m, TODAY) if p.field == "joined_on"]
    assert found and all(p.warning for p in found)
    assert "只知道到月" in found[0].message
    early = m.replace(joined_on=date(2008, 6, 10), full_on=date(2009, 6, 10))
    assert [p for p in validate_member(early, TODAY) if p.field == "joined_on" and not p.warning]


def test_the_history_names_the_month_only_dates() -> None:
    from partybook.domain.history import describe

    line = describe(
        "2026-11-22 09:30",
        "member",
        "update",
        {"id": 1, "work_start": "2003-06-01", "month_only": ""},
        {"id": 1, "work_start": "2003-06-01", "month_only": "work_start,joined_on"},
        {},
    )
    assert "只知道年月的日期" in line.details and "参加工作" in line.details
    assert "month_only" not in line.details and "work_start" not in line.details
