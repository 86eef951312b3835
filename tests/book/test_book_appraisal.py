"""The appraisal round through the Book: participants, saving with checks, due items."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from partybook.domain.appraisal import STEPS, Grade, Round
from partybook.domain.errors import RuleViolation


def _round(book) -> Round:
    return book.appraisal.round(2026)


def test_a_new_round_lists_everyone_taking_part(quiet_book) -> None:
    r = _round(quiet_book)
    assert r.id is None and len(r.entries) == 19  # 17 full + 2 probationary, nobody who left
    rows = {row["member"]: row for row in quiet_book.appraisal.rows(2026)}
    assert rows["谢婷"]["status"] == "预备党员，不评定等次"
    assert rows["刘建华"]["status"] == "正式党员"


def test_save_and_reload_with_tally_and_grades(quiet_book) -> None:
    r = _round(quiet_book)
    r = dataclasses.replace(
        r,
        on=date(2026, 11, 20),
        handed_out=19,
        returned=18,
        steps={s: (date(2026, 11, 1), "") for s in STEPS[:4]},
    )
    r.entries[0] = dataclasses.replace(r.entries[0], counts=(12, 6, 0, 0), grade=Grade.EXCELLENT)
    saved = quiet_book.appraisal.save(r)
    again = quiet_book.appraisal.round(2026)
    assert again.id == saved.id and again.entries[0].counts == (12, 6, 0, 0)
    assert again.entries[0].grade is Grade.EXCELLENT
    assert again.next_step() == "组织评定"
    row = quiet_book.appraisal.rows(2026)[0]
    assert row["suggested"] == "优秀" and row["grade"] == "优秀"


def test_more_excellent_than_a_third_is_refused(quiet_book) -> None:
    # 17 full members graded: at most 5 优秀
    r = _round(quiet_book)
    graded, _ = quiet_book.appraisal.participants(2026)
    ids = [m.id for m in graded]
    entries = [
        dataclasses.replace(e, grade=Grade.EXCELLENT) if e.member_id in ids[:6] else e
        for e in r.entries
    ]
    with pytest.raises(RuleViolation, match="最多 5 人"):
        quiet_book.appraisal.save(dataclasses.replace(r, entries=entries))
    assert quiet_book.appraisal.saved(2026) is None


def test_probationary_members_are_not_graded_and_low_grades_need_handling(quiet_book) -> None:
    r = _round(quiet_book)
    names = {m.id: m.name for m in quiet_book.members.all()}
    entries = [
        dataclasses.replace(e, grade=Grade.QUALIFIED) if names[e.member_id] == "谢婷" else e
        for e in r.entries
    ]
    with pytest.raises(RuleViolation, match="谢婷是预备党员，不评定等次"):
        quiet_book.appraisal.save(dataclasses.replace(r, entries=entries))
    entries = [
        dataclasses.replace(e, grade=Grade.BASIC) if names[e.member_id] == "黄伟" else e
        for e in r.entries
    ]
    with pytest.raises(RuleViolation, match="黄伟评为基本合格，需要填写处理意见"):
        quiet_book.appraisal.save(dataclasses.replace(r, entries=entries))


def test_counts_above_returned_ballots_are_refused(quiet_book) -> None:
    r = dataclasses.replace(_round(quiet_book), handed_out=19, returned=10)
    r.entries[0] = dataclasses.replace(r.entries[0], counts=(8, 3, 0, 0))
    with pytest.raises(RuleViolation, match="多于收回的 10 份"):
        quiet_book.appraisal.save(r)


def test_due_until_the_round_is_complete(quiet_book) -> None:
    [item] = quiet_book.appraisal.due_items()
    assert item.kind == "appraisal" and item.date == date(2026, 12, 31)
    assert item.title == "2026年民主评议党员尚未开展"
    r = dataclasses.replace(_round(quiet_book), steps={s: (date(2026, 11, 1), "") for s in STEPS})
    quiet_book.appraisal.save(r)
    assert quiet_book.appraisal.due_items() == []


def test_appraisal_settings(quiet_book) -> None:
    from partybook.domain.appraisal import AppraisalSettings, ScoreScheme

    assert quiet_book.appraisal.settings() == AppraisalSettings()
    chosen = AppraisalSettings(ScoreScheme(95, 75, 55), True, 11, 30, ("政治表现", "工作实绩"))
    quiet_book.appraisal.save_settings(chosen)
    assert quiet_book.appraisal.settings() == chosen
    assert quiet_book.appraisal.excellent_limit(2026) == 19 // 3  # ⅓ of all participants now
    [item] = quiet_book.appraisal.due_items()
    assert item.date == date(2026, 11, 30) and item.state == "soon"
    assert "政治表现" in quiet_book.appraisal.ballot_html(2026, 1)
    with pytest.raises(RuleViolation, match="得分标准"):
        quiet_book.appraisal.save_settings(AppraisalSettings(ScoreScheme(80, 90, 60)))
    with pytest.raises(RuleViolation, match="不是有效日期"):
        quiet_book.appraisal.save_settings(AppraisalSettings(due_month=2, due_day=30))
