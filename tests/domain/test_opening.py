"""建账's pure rules: months as secretaries write them, the steps a stage proves, the record a
person brings from the roster, and which deadlines a book opened mid-year shows."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.deadlines import due_for
from partybook.domain.errors import InvalidValue
from partybook.domain.meetings import Held, MeetingKind, compliance
from partybook.domain.members import Member, Stage
from partybook.domain.opening import Balance, Opening, arrival_events, parse_month
from partybook.domain.pipeline import Event, Kind, Path, implied_steps
from partybook.domain.rules import DEFAULT_RULE_SET, Practice, rule_set


@pytest.mark.parametrize(
    "text, month",
    [
        ("2026年8月", (2026, 8)),
        ("2026-08", (2026, 8)),
        ("2026.8", (2026, 8)),
        ("2026/12", (2026, 12)),
        ("202608", (2026, 8)),
        (2026.08, (2026, 8)),
        (date(2026, 8, 31), (2026, 8)),
        ("", None),
        (None, None),
    ],
)
def test_months_as_written(text, month) -> None:
    assert parse_month(text) == month


@pytest.mark.parametrize(
    "text, words", [("2026年13月", "没有13月"), ("八月", "无法识别"), ("1800-01", "年份")]
)
def test_bad_months_say_what_is_wrong(text, words) -> None:
    with pytest.raises(InvalidValue, match=words):
        parse_month(text)


def test_a_stage_proves_the_steps_up_to_the_one_that_made_it() -> None:
    assert implied_steps(Stage.APPLICANT) == frozenset({1})
    assert implied_steps(Stage.ACTIVIST) == frozenset(range(1, 4))
    assert implied_steps(Stage.CANDIDATE) == frozenset(range(1, 8))
    assert implied_steps(Stage.PROBATIONARY) == frozenset(range(1, 18))
    assert implied_steps(Stage.FULL) == frozenset(range(1, 25))


def test_the_record_a_person_brings_from_the_roster() -> None:
    probationary = Member("郑小兵", Stage.PROBATIONARY, id=4, joined_on=date(2025, 10, 20))
    assert [(e.step, e.on) for e in arrival_events(probationary)] == [(15, date(2025, 10, 20))]
    assert arrival_events(probationary, recorded=frozenset({15})) == []
    activist = Member("周晓", Stage.ACTIVIST, id=5)
    dates = {1: date(2024, 9, 1), 3: date(2025, 3, 1), 7: date(2026, 1, 1)}
    # step 7 is beyond an activist: a date the stage does not reach is not recorded
    assert [(e.step, e.on) for e in arrival_events(activist, dates)] == [
        (1, date(2024, 9, 1)),
        (3, date(2025, 3, 1)),
    ]
    assert arrival_events(Member("老党员", Stage.FULL, id=6, joined_on=date(1990, 1, 1))) == []


RULES, PRACTICE = rule_set(DEFAULT_RULE_SET), Practice()


def _due(member, events, opened, today=date(2026, 12, 2)):
    return [
        (i.step, i.title, i.state)
        for i in due_for(member, Path(events), today, RULES, PRACTICE, opened)
    ]


def test_a_deadline_before_the_opening_is_dropped_unless_it_is_a_status() -> None:
    m = Member("孙磊", Stage.APPLICANT, id=1)
    applied = [Event(1, Kind.STEP, date(2026, 8, 1), step=1)]
    assert _due(m, applied, None) == [(2, "派人谈话", "overdue")]
    assert _due(m, applied, date(2026, 9, 15)) == []
    assert _due(m, applied, date(2026, 8, 20)) == [(2, "派人谈话", "overdue")]  # after it
    # admitted 2026-05-01, the approval (a status) was due 2026-08-01: still due
    c = Member("钱", Stage.CANDIDATE, id=2)
    admitted = [Event(2, Kind.STEP, date(2026, 5, 1), step=15)]
    assert (17, "上级党委审批", "overdue") in _due(c, admitted, date(2026, 9, 15))


def test_meeting_periods_that_ended_before_the_opening_are_not_required() -> None:
    held = [Held(date(2026, 10, 8), frozenset({MeetingKind.GENERAL}))]
    freq = {MeetingKind.GENERAL: "quarter", MeetingKind.THEME_DAY: "month"}
    got = compliance(held, 2026, date(2026, 12, 2), freq, date(2026, 9, 15))
    assert [(r.kind, r.period.label, r.met) for r in got] == [
        (MeetingKind.GENERAL, "2026年第3季度", False),
        (MeetingKind.GENERAL, "2026年第4季度", True),
        (MeetingKind.THEME_DAY, "2026年9月", False),
        (MeetingKind.THEME_DAY, "2026年10月", False),
        (MeetingKind.THEME_DAY, "2026年11月", False),
        (MeetingKind.THEME_DAY, "2026年12月", False),
    ]
    assert len(compliance(held, 2026, date(2026, 12, 2), freq)) == 4 + 12  # no opening


def test_the_opening_knows_each_members_start_and_hours() -> None:
    o = Opening(date(2026, 9, 15), {1: Balance(1, 20.0, (2026, 8), date(2026, 6, 1))})
    assert o.since(Member("甲", id=1, joined_on=date(2000, 1, 1))) == date(2026, 6, 1)
    assert o.since(Member("乙", id=2, joined_on=date(2026, 10, 1))) == date(2026, 10, 1)
    assert o.since(Member("丙", id=3)) == date(2026, 9, 15)
    assert (o.hours(1, 2026), o.hours(1, 2027), o.hours(2, 2026)) == (20.0, 0.0, 0.0)
    assert Opening().since(Member("丁", id=4)) is None


# one line for many ------------------------------------------------------------------------
def _item(kind, member, title="学习学时不足", state="soon", step=None, day=date(2026, 12, 31)):
    from partybook.domain.deadlines import DueItem

    return DueItem(kind, member, hash(member) % 1000, step, title, day, "deadline", state)


def test_items_alike_for_many_people_make_one_line() -> None:
    from partybook.domain.deadlines import DueLine, grouped

    study = [_item("study", f"党员{i}") for i in range(17)]
    talk = _item("talk", "刘建华", "书记刘建华今年还需谈心谈话 4 人")
    reports = [_item("pipeline", n, "思想汇报", step=6) for n in ("甲", "乙")]
    lines = grouped([talk, *study, *reports])
    assert lines[0] is talk and lines[2:] == reports  # two alike stay two lines
    line = lines[1]
    assert isinstance(line, DueLine) and line.items == tuple(study)
    assert line.title == "17 名党员学时落后进度"
    assert line.member == "党员0、党员1、党员2、党员3、党员4 等 17 人"
    assert line.member_id is None and line.urgency == study[0].urgency
    # different states are different lines: the overdue ones are not hidden among the rest
    mixed = [_item("dues", f"人{i}", "欠交", "overdue") for i in range(3)] + [
        _item("dues", f"乙{i}", "欠交", "soon") for i in range(3)
    ]
    assert [x.title for x in grouped(mixed)] == ["3 名党员欠交党费", "3 名党员欠交党费"]
    assert [x.state for x in grouped(mixed)] == ["overdue", "soon"]
