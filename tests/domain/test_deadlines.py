"""The due list: deadlines and earliest dates per stage, their states, holidays in 公示."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.deadlines import due_for
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.pipeline import Event, Kind, Path
from partybook.domain.rules import RULES_2014, RULES_2026, Practice
from partybook.domain.workdays import add_working_days, notice_end

TODAY = date(2026, 11, 22)


def person(stage: Stage) -> Member:
    return Member(name="韩雪", id=1, stage=stage)


def path(*steps) -> Path:
    return Path([Event(1, Kind.STEP, d, step=n, id=i) for i, (n, d) in enumerate(steps)])


def items(stage, p, today=TODAY, rules=RULES_2014, practice=None):
    practice = practice or Practice()
    return {(i.step, i.title): i for i in due_for(person(stage), p, today, rules, practice)}


@pytest.mark.parametrize(
    ("applied", "state"),
    [(date(2026, 10, 21), "overdue"), (date(2026, 10, 22), "soon"), (date(2026, 11, 20), "soon")],
)
def test_talk_deadline_and_its_state(applied, state) -> None:
    found = items(Stage.APPLICANT, path((1, applied)))
    talk = found[(2, "派人谈话")]
    assert talk.type == "deadline" and talk.state == state


def test_soon_window_is_a_setting() -> None:
    p = path((1, date(2026, 11, 20)))  # talk due 2026-12-20, 28 days away
    assert items(Stage.APPLICANT, p)[(2, "派人谈话")].state == "soon"
    late = items(Stage.APPLICANT, p, practice=Practice(soon_days=20))
    assert late[(2, "派人谈话")].state == "later"


def test_activist_has_assessment_report_and_earliest_candidate_date() -> None:
    p = path((1, date(2025, 9, 1)), (2, date(2025, 9, 10)), (3, date(2025, 12, 1)))
    p.events.append(Event(1, Kind.ASSESSMENT, date(2026, 6, 1)))
    p.events.append(Event(1, Kind.REPORT, date(2026, 9, 30)))
    found = items(Stage.ACTIVIST, p)
    assert found[(6, "半年考察")].date == date(2026, 12, 1)
    assert found[(6, "思想汇报")].date == date(2026, 12, 30)
    earliest = found[(7, "可确定为发展对象")]
    assert (earliest.date, earliest.type, earliest.state) == (
        date(2026, 12, 1),
        "earliest",
        "later",
    )
    assert (2, "派人谈话") not in found


def test_earliest_date_is_open_once_reached() -> None:
    p = path((3, date(2025, 11, 22)))
    assert items(Stage.ACTIVIST, p)[(7, "可确定为发展对象")].state == "open"


def test_approval_deadline_after_admission() -> None:
    p = path((3, date(2024, 1, 1)), (7, date(2025, 3, 1)), (15, date(2026, 8, 31)))
    approval = items(Stage.CANDIDATE, p)[(17, "上级党委审批")]
    assert approval.date == date(2026, 11, 30) and approval.state == "soon"


def test_probation_items_and_working_day_notice() -> None:
    p = path(
        (3, date(2024, 1, 1)),
        (7, date(2025, 3, 1)),
        (15, date(2025, 12, 20)),
        (17, date(2026, 1, 10)),
    )
    found = items(Stage.PROBATIONARY, p)
    assert found[(23, "召开支部大会讨论转正")].date == date(2026, 12, 20)
    assert found[(22, "提出转正申请")].date == date(2026, 11, 20)
    assert found[(22, "提出转正申请")].state == "overdue"
    notice = found[(23, "开始转正公示")]
    assert notice.date == add_working_days(date(2026, 12, 20), -5)[0] == date(2026, 12, 14)


def test_extension_moves_the_conversion_meeting() -> None:
    p = path((15, date(2025, 5, 20)), (17, date(2025, 6, 1)))
    p.events.append(Event(1, Kind.EXTENSION, date(2026, 5, 20), quantity=6))
    assert items(Stage.PROBATIONARY, p)[(23, "召开支部大会讨论转正")].date == date(2026, 11, 20)


def test_after_conversion_meeting_only_the_approval_is_due() -> None:
    p = path((15, date(2025, 5, 20)), (17, date(2025, 6, 1)), (23, date(2026, 5, 25)))
    found = items(Stage.PROBATIONARY, p)
    assert found[(24, "上级党委审批转正")].date == date(2026, 8, 25)
    assert (23, "召开支部大会讨论转正") not in found


def test_the_2026_rule_set_adds_its_deadlines() -> None:
    p = path((3, date(2024, 1, 1)), (7, date(2025, 3, 1)), (13, date(2026, 11, 1)))
    assert (15, "召开支部大会讨论接收") not in items(Stage.CANDIDATE, p)
    found = items(Stage.CANDIDATE, p, rules=RULES_2026)
    assert found[(15, "召开支部大会讨论接收")].date == date(2026, 12, 1)


def test_people_who_left_or_are_full_members_have_nothing_due() -> None:
    p = path((1, date(2026, 11, 1)))
    gone = person(Stage.APPLICANT)
    gone.left_reason = LeaveReason.STOPPED
    assert due_for(gone, p, TODAY, RULES_2014, Practice()) == []
    assert due_for(person(Stage.FULL), Path(), TODAY, RULES_2014, Practice()) == []


def test_sorted_by_urgency() -> None:
    p = path((3, date(2025, 1, 1)))
    states = [i.state for i in due_for(person(Stage.ACTIVIST), p, TODAY, RULES_2014, Practice())]
    order = {"overdue": 0, "soon": 1, "open": 2, "later": 3}
    assert [order[s] for s in states] == sorted(order[s] for s in states)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 9, 28), date(2026, 10, 9)),  # National Day week is skipped
        (date(2026, 11, 16), date(2026, 11, 20)),  # an ordinary week
        (date(2026, 11, 21), date(2026, 11, 27)),  # starting on a Saturday
    ],
)
def test_notice_of_five_working_days(start, end) -> None:
    assert notice_end(start, 5, True) == (end, True)


def test_unknown_years_fall_back_to_weekdays_and_say_so() -> None:
    end, known = notice_end(date(2031, 3, 3), 5, True)
    assert end == date(2031, 3, 7) and known is False
    assert notice_end(date(2026, 11, 16), 7, False) == (date(2026, 11, 22), True)
