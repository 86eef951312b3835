"""Issue 20's development rules, each at its boundary day.

- 延长预备期 late: 《细则》第三十二条 — 预备党员预备期满，党支部应当及时讨论其能否转为正式党员,
  and an extension is decided then; one dated after the end (grace 0 days) is late and needs an
  exception reason.
- 团组织推优 (practice, domain.md §1 step 3): an applicant aged 28 or under on the application
  date is usually proposed by the Youth League before step 3; a warning, labelled as practice.
- 预审 (《发展党员工作流程图》第13步): a candidate leaving the unit within 3 months is normally
  not admitted — asked at steps 13 and 15 (a box kept in the step's notes)."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.materials import checklist
from partybook.domain.members import Member, Stage
from partybook.domain.pipeline import (
    LEAVING_MARK,
    Event,
    Kind,
    Path,
    check_event,
)
from partybook.domain.rules import RULES_2014, RULES_2026

TODAY = date(2026, 11, 22)
FULL = {"刘建华", "陈秀英"}


def ev(step, on, member_id=1, **kw) -> Event:
    return Event(member_id=member_id, kind=Kind.STEP, step=step, on=on, **kw)


def found(member, p, e, rules=RULES_2014):
    return {v.key: v for v in check_event(member, p, e, rules, FULL, TODAY)}


# 延长预备期, decided late ----------------------------------------------------------------
PROBATIONER = Member(name="谢婷", id=1, stage=Stage.PROBATIONARY)


def probation(admitted: date) -> Path:
    return Path([ev(15, admitted, id=10), ev(17, date(admitted.year, 12, 31), id=11)])


def extension(on: date, months: int = 6, **kw) -> Event:
    return Event(1, Kind.EXTENSION, on, quantity=months, unit="个月", **kw)


@pytest.mark.parametrize(
    ("admitted", "decided", "late"),
    [
        (date(2025, 3, 10), date(2026, 3, 9), False),  # the day before the end
        (date(2025, 3, 10), date(2026, 3, 10), False),  # the end itself: the 转正 meeting's day
        (date(2025, 3, 10), date(2026, 3, 11), True),  # the day after
        (date(2025, 3, 10), date(2026, 9, 1), True),  # long after
        (date(2024, 2, 29), date(2025, 2, 28), False),  # a leap-day admission ends 28 Feb
        (date(2024, 2, 29), date(2025, 3, 1), True),
        (date(2025, 1, 31), date(2026, 1, 31), False),
        (date(2025, 1, 31), date(2026, 2, 1), True),
    ],
)
def test_an_extension_decided_after_probation_ended_is_late(admitted, decided, late) -> None:
    got = found(PROBATIONER, probation(admitted), extension(decided))
    assert ("extension_grace_days" in got) is late
    if late:
        message = got["extension_grace_days"].message
        assert (
            "期满" in message
            and "第三十二条" in message
            and not got["extension_grace_days"].practice
        )


def test_the_late_check_ignores_the_extension_being_corrected() -> None:
    """Correcting a saved extension (same id) measures against the probation without it."""
    saved = extension(date(2026, 3, 10), 12, id=50)
    p = Path([*probation(date(2025, 3, 10)).events, saved])
    corrected = extension(date(2026, 3, 10), 6, id=50)
    assert "extension_grace_days" not in found(PROBATIONER, p, corrected)


def test_without_an_admission_date_nothing_is_late() -> None:
    p = Path([ev(17, date(2025, 5, 1), id=11)])
    assert "extension_grace_days" not in found(PROBATIONER, p, extension(date(2026, 9, 1)))


def test_the_grace_is_in_both_rule_sets() -> None:
    for rules in (RULES_2014, RULES_2026):
        assert rules.value("extension_grace_days") == 0
        assert "第三十二条" in rules.cite("extension_grace_days")


# 团组织推优 ------------------------------------------------------------------------------
def applicant(born: date) -> Member:
    return Member(name="韩雪", id=1, stage=Stage.APPLICANT, birth_date=born)


@pytest.mark.parametrize(
    ("born", "applied", "asked"),
    [
        (date(1998, 3, 4), date(2026, 3, 3), True),  # 27 the day before the 28th birthday
        (date(1998, 3, 4), date(2026, 3, 4), True),  # 28 on the day: "28 or under"
        (date(1997, 3, 5), date(2026, 3, 4), True),  # 28 and 364 days
        (date(1997, 3, 4), date(2026, 3, 4), False),  # 29 on the day
        (date(1990, 1, 1), date(2026, 3, 4), False),
        (date(2000, 2, 29), date(2028, 2, 28), True),  # leap birthday: 27 until 29 Feb
        (date(1998, 2, 28), date(2026, 3, 1), True),
    ],
)
def test_young_applicants_are_asked_for_the_league_recommendation(born, applied, asked) -> None:
    p = Path([ev(1, applied, id=1)])
    got = found(applicant(born), p, ev(3, date(2026, 9, 1)))
    assert ("league_recommend_max_age" in got) is asked
    if asked:
        v = got["league_recommend_max_age"]
        assert v.practice  # practice, not rule: a warning
        assert v.message.startswith("惯例提示（不是硬性规定）")
        assert "28周岁以下" in v.message and "第八条" in v.message


def test_a_recorded_recommendation_before_the_step_satisfies_it() -> None:
    young = applicant(date(2000, 5, 1))
    p = Path([ev(1, date(2025, 3, 1), id=1), Event(1, Kind.RECOMMENDATION, date(2025, 6, 1), id=2)])
    assert "league_recommend_max_age" not in found(young, p, ev(3, date(2025, 9, 1)))
    assert "league_recommend_max_age" not in found(young, p, ev(3, date(2025, 6, 1)))  # same day
    later = Path([ev(1, date(2025, 3, 1), id=1), Event(1, Kind.RECOMMENDATION, date(2025, 10, 1))])
    assert "league_recommend_max_age" in found(young, later, ev(3, date(2025, 9, 1)))


def test_no_birth_date_or_no_application_date_asks_nothing() -> None:
    nobody = Member(name="某", id=1, stage=Stage.APPLICANT)
    assert "league_recommend_max_age" not in found(
        nobody, Path([ev(1, date(2025, 3, 1), id=1)]), ev(3, date(2025, 9, 1))
    )
    young = applicant(date(2000, 5, 1))
    assert "league_recommend_max_age" not in found(young, Path(), ev(3, date(2025, 9, 1)))


def test_a_recommendation_is_its_own_record_and_proves_the_document() -> None:
    rec = Event(1, Kind.RECOMMENDATION, date(2025, 6, 1), meeting="2025年6月团支部大会")
    assert rec.title == "团组织推优"
    assert found(applicant(date(2000, 5, 1)), Path(), rec) == {}
    p = Path([ev(1, date(2025, 3, 1), id=1), rec])
    doc = next(d for d in checklist(p, Stage.APPLICANT, set()) if d.name == "推荐/推优表")
    assert doc.present and doc.how == "已有记录"
    ticked = next(
        d for d in checklist(Path(), Stage.APPLICANT, {"推荐/推优表"}) if d.name == "推荐/推优表"
    )
    assert ticked.present and ticked.how == "手工勾选"  # a 党员推荐 still ticks by hand


# 预审: leaving the unit within 3 months ----------------------------------------------------
CANDIDATE = Member(name="邓佳", id=1, stage=Stage.CANDIDATE)


@pytest.mark.parametrize(
    ("step", "notes", "asked"),
    [
        (13, LEAVING_MARK, True),
        (13, LEAVING_MARK + "镇党委预审", True),
        (13, "镇党委预审", False),
        (15, LEAVING_MARK, True),
        (15, "", False),
        (14, LEAVING_MARK, False),  # only asked at the pre-review and the admission
    ],
)
def test_leaving_within_three_months_is_flagged_at_13_and_15(step, notes, asked) -> None:
    e = ev(step, date(2026, 10, 1), notes=notes)
    got = found(CANDIDATE, Path(), e)
    assert ("prereview_leaving_months" in got) is asked
    if asked:
        v = got["prereview_leaving_months"]
        assert not v.practice and "3 个月内离开本单位" in v.message
        assert "一般不办理接收预备党员手续" in v.message


def test_the_admission_reads_the_pre_reviews_box_unless_it_was_overridden() -> None:
    said = ev(13, date(2026, 9, 1), id=5, notes=LEAVING_MARK)
    assert "prereview_leaving_months" in found(CANDIDATE, Path([said]), ev(15, date(2026, 10, 1)))
    overridden = ev(13, date(2026, 9, 1), id=5, notes=LEAVING_MARK, exception="调动已取消")
    assert "prereview_leaving_months" not in found(
        CANDIDATE, Path([overridden]), ev(15, date(2026, 10, 1))
    )
    assert ev(13, date(2026, 9, 1), notes=LEAVING_MARK).leaving_soon
    assert RULES_2014.value("prereview_leaving_months") == 3
