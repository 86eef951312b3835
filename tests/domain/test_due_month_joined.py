"""A 预备党员 whose roster 入党时间 is known only to its month: the 转正 items say the day is not
known (counted from the month's 1st, please complete it) instead of showing an invented day."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.domain.dates import MonthDate
from partybook.domain.deadlines import due_for
from partybook.domain.members import Member, Stage
from partybook.domain.opening import arrival_events
from partybook.domain.pipeline import Path
from partybook.domain.rules import RULES_2014, Practice

TODAY = date(2026, 11, 22)


def due(joined: date) -> dict[str, str]:
    member = Member(name="邓佳", id=1, stage=Stage.PROBATIONARY, joined_on=joined)
    # the step 15 the roster gives, as the event table keeps it: a plain day
    plain = date(joined.year, joined.month, joined.day)
    events = [dataclasses.replace(e, on=plain) for e in arrival_events(member)]
    found = due_for(member, Path(events), TODAY, RULES_2014, Practice())
    return {i.title: i.basis for i in found if i.step in (22, 23)}


def test_a_month_only_joining_day_is_said_not_invented() -> None:
    found = due(MonthDate(2026, 3))
    meeting = found["召开支部大会讨论转正"]
    assert meeting.startswith("2026.03 支部大会通过") and "2026-03-01" not in meeting
    for basis in found.values():
        assert "入党时间只知道到月（2026.03），按当月1日算起，请在花名册中补全到日" in basis


def test_an_exact_joining_day_says_nothing_more() -> None:
    found = due(date(2026, 3, 1))
    assert found["召开支部大会讨论转正"].startswith("2026-03-01 支部大会通过")
    assert not any("只知道到月" in b for b in found.values())
