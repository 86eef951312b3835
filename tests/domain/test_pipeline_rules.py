"""Each development rule, at its exact boundary day, month ends and leap years included."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import Event, Kind, Path, check_event, stage_from_path
from partybook.domain.rules import RULES_2014, RULES_2026, rule_set

TODAY = date(2026, 11, 22)
FULL = {"刘建华", "陈秀英", "王志强"}
ME = Member(name="韩雪", id=1, stage=Stage.APPLICANT, birth_date=date(2000, 2, 29))


def ev(step, on, **kw) -> Event:
    return Event(member_id=1, kind=Kind.STEP, step=step, on=on, **kw)


def path(*steps: tuple[int, date]) -> Path:
    return Path([ev(n, d, id=i) for i, (n, d) in enumerate(steps, start=100)])


def keys(p: Path, e: Event, member: Member = ME, rules=RULES_2014) -> set[str]:
    return {v.key for v in check_event(member, p, e, rules, FULL, TODAY)}


@pytest.mark.parametrize(
    ("applied", "ok"),
    [(date(2018, 2, 27), False), (date(2018, 2, 28), True), (date(2018, 3, 1), True)],
)
def test_applicant_is_18_on_the_application_day_leap_birthday(applied, ok) -> None:
    assert ("min_age" not in keys(Path(), ev(1, applied))) is ok


@pytest.mark.parametrize(
    ("applied", "talk", "ok"),
    [
        (date(2026, 1, 31), date(2026, 2, 28), True),  # month end clamps
        (date(2026, 1, 31), date(2026, 3, 1), False),
        (date(2024, 1, 31), date(2024, 2, 29), True),  # leap year
        (date(2026, 5, 10), date(2026, 6, 10), True),  # the exact boundary day
        (date(2026, 5, 10), date(2026, 6, 11), False),
    ],
)
def test_talk_within_one_month(applied, talk, ok) -> None:
    assert ("talk_within_months" not in keys(path((1, applied)), ev(2, talk))) is ok


@pytest.mark.parametrize(
    ("activist", "candidate", "ok"),
    [
        (date(2024, 2, 29), date(2025, 2, 28), True),  # 29 Feb + 1 year = 28 Feb
        (date(2024, 2, 29), date(2025, 2, 27), False),
        (date(2025, 3, 1), date(2026, 3, 1), True),
        (date(2025, 3, 1), date(2026, 2, 28), False),
    ],
)
def test_a_year_of_cultivation(activist, candidate, ok) -> None:
    p = path((1, date(2024, 1, 1)), (3, activist))
    assert ("cultivation_years" not in keys(p, ev(7, candidate))) is ok


@pytest.mark.parametrize(
    ("people", "ok"),
    [
        ("刘建华、陈秀英", True),
        ("刘建华", False),
        ("刘建华、陈秀英、王志强", False),
        ("刘建华、韩梅梅", False),
        ("刘建华，陈秀英", True),
    ],
)
def test_exactly_two_full_member_sponsors(people, ok) -> None:
    p = path((3, date(2024, 1, 1)), (7, date(2025, 3, 1)))
    assert ("sponsors" not in keys(p, ev(9, date(2025, 4, 1), people=people))) is ok


@pytest.mark.parametrize(
    ("people", "ok"),
    [("刘建华", True), ("刘建华、陈秀英", True), ("", False), ("刘建华、陈秀英、王志强", False)],
)
def test_one_or_two_mentors(people, ok) -> None:
    p = path((3, date(2024, 1, 1)))
    assert ("mentors_max" not in keys(p, ev(5, date(2024, 1, 5), people=people))) is ok


@pytest.mark.parametrize(
    ("quantity", "unit", "ok"),
    [
        (3, "天", True),
        (2.5, "天", False),
        (24, "学时", True),
        (23.5, "学时", False),
        (None, "", False),
    ],
)
def test_training_three_days_or_24_hours(quantity, unit, ok) -> None:
    p = path((3, date(2024, 1, 1)), (7, date(2025, 3, 1)))
    e = ev(11, date(2025, 5, 1), quantity=quantity, unit=unit)
    assert ("training_days" not in keys(p, e)) is ok


@pytest.mark.parametrize(
    ("approved", "broken"),
    [
        (date(2026, 2, 28), None),  # 30 Nov + 3 months = 28 Feb
        (date(2026, 3, 1), "approval_months"),
        (date(2026, 5, 30), "approval_months"),
        (date(2026, 5, 31), "approval_max_months"),
    ],
)
def test_approval_within_three_months_at_most_six(approved, broken) -> None:
    p = path((3, date(2023, 1, 1)), (7, date(2024, 3, 1)), (15, date(2025, 11, 30)))
    found = keys(p, ev(17, approved)) & {"approval_months", "approval_max_months"}
    assert found == ({broken} if broken else set())


@pytest.mark.parametrize(
    ("extension", "meeting", "ok"),
    [
        (0, date(2026, 5, 20), True),
        (0, date(2026, 5, 19), False),
        (6, date(2026, 11, 20), True),
        (6, date(2026, 11, 19), False),
    ],
)
def test_conversion_meeting_not_before_probation_ends(extension, meeting, ok) -> None:
    p = path((7, date(2024, 3, 1)), (15, date(2025, 5, 20)), (17, date(2025, 6, 20)))
    if extension:
        p.events.append(Event(1, Kind.EXTENSION, date(2026, 5, 20), quantity=extension, id=9))
    assert ("probation_years" not in keys(p, ev(23, meeting))) is ok


@pytest.mark.parametrize(("months", "ok"), [(5, False), (6, True), (12, True), (13, False)])
def test_extension_six_to_twelve_months(months, ok) -> None:
    p = path((15, date(2025, 5, 20)), (17, date(2025, 6, 20)))
    e = Event(1, Kind.EXTENSION, date(2026, 5, 20), quantity=months)
    assert ("extension_min_months" not in keys(p, e)) is ok


def test_extension_only_once_and_only_for_probationary_members() -> None:
    p = path((15, date(2025, 5, 20)), (17, date(2025, 6, 20)))
    p.events.append(Event(1, Kind.EXTENSION, date(2026, 5, 20), quantity=6, id=9))
    assert "extensions_max" in keys(p, Event(1, Kind.EXTENSION, date(2026, 11, 1), quantity=6))
    assert "order" in keys(
        path((7, date(2024, 3, 1))), Event(1, Kind.EXTENSION, date(2026, 5, 20), quantity=6)
    )


def test_out_of_order_dates_and_missing_gate_steps() -> None:
    p = path((1, date(2024, 5, 1)), (3, date(2024, 7, 1)))
    assert "order" in keys(p, ev(2, date(2024, 8, 1)))  # after step 3
    assert "order" in keys(path(), ev(7, date(2025, 8, 1)))  # no step 3 yet
    assert "order" not in keys(p, ev(2, date(2024, 5, 20)))


def test_future_dates_are_refused() -> None:
    assert "future" in keys(Path(), ev(1, date(2026, 11, 23)))


def test_violations_cite_the_rule_and_article() -> None:
    p = path((1, date(2026, 1, 31)))
    [v] = check_event(ME, p, ev(2, date(2026, 3, 5)), RULES_2014, FULL, TODAY)
    assert "第七条" in v.message and "一个月" in v.message


def test_stage_follows_the_gate_steps() -> None:
    assert stage_from_path(Path(), Stage.FULL) is Stage.FULL
    assert stage_from_path(path((1, date(2024, 1, 1))), Stage.FULL) is Stage.APPLICANT
    p = path(
        (1, date(2023, 1, 1)), (3, date(2023, 3, 1)), (7, date(2024, 3, 1)), (15, date(2024, 9, 1))
    )
    assert stage_from_path(p, Stage.APPLICANT) is Stage.CANDIDATE  # not before approval
    p.events.append(ev(17, date(2024, 10, 1)))
    assert stage_from_path(p, Stage.APPLICANT) is Stage.PROBATIONARY


def test_rule_sets_are_versioned_and_the_2026_set_only_adds() -> None:
    assert RULES_2014.verified and not RULES_2026.verified
    assert set(RULES_2014.rules) < set(RULES_2026.rules)
    for key, rule in RULES_2014.rules.items():
        assert RULES_2026.rules[key] == rule
        assert rule.article and rule.text
    assert rule_set("no such set") is RULES_2014


def test_a_step_on_a_month_alone_is_refused_and_cannot_be_overridden() -> None:
    from partybook.domain.dates import MonthDate
    from partybook.domain.pipeline import HARD_KEYS

    found = check_event(ME, Path(), ev(1, MonthDate(2019, 7)), RULES_2014, FULL, TODAY)
    day = [v for v in found if v.key == "day"]
    assert day and "只有年月，请补全到日" in day[0].message and "2019.07" in day[0].message
    assert "day" in HARD_KEYS
    assert "day" not in keys(Path(), ev(1, date(2019, 7, 1)))
