"""The handling of 基本合格 and 不合格 in the rules' words (《中国共产党党员教育管理工作条例》
2019): 第二十九条 批评教育; 第三十条 限期改正 (不超过1年); 第三十一条 劝其退党、除名."""

from __future__ import annotations

import pytest

from partybook.domain.appraisal import (
    HANDLINGS,
    NEEDS_HANDLING,
    Grade,
    check_grades,
    handling_choices,
    handling_hint,
)
from partybook.domain.rules import DISCIPLINE_RULES


@pytest.mark.parametrize(
    ("grade", "choices"),
    [
        (Grade.BASIC, ["批评教育", "限期改正"]),
        (Grade.UNQUALIFIED, ["限期改正", "劝其退党", "除名"]),
        (Grade.QUALIFIED, []),
        (Grade.EXCELLENT, []),
        (None, []),
    ],
)
def test_the_choices_offered_per_grade(grade, choices) -> None:
    assert handling_choices(grade) == choices


def test_every_low_grade_has_choices_each_with_its_article() -> None:
    assert set(HANDLINGS) == set(NEEDS_HANDLING)
    articles = {h.words: h.article for hs in HANDLINGS.values() for h in hs}
    assert articles["批评教育"].endswith("第二十九条")
    assert articles["限期改正"].endswith("第三十条")
    assert articles["劝其退党"].endswith("第三十一条")
    assert articles["除名"].endswith("第三十一条")
    assert all("党员教育管理工作条例" in a for a in articles.values())
    assert DISCIPLINE_RULES.value("correction_max_months") == 12
    assert "不超过1年" in handling_hint(Grade.UNQUALIFIED)
    assert handling_hint(Grade.QUALIFIED) == ""


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (Grade.BASIC, "甲评为基本合格，需要填写处理意见（批评教育或限期改正）。"),
        (Grade.UNQUALIFIED, "甲评为不合格，需要填写处理意见（限期改正、劝其退党或除名）。"),
    ],
)
def test_a_missing_handling_names_the_rules_choices(grade, expected) -> None:
    assert check_grades({1: grade}, {}, 9, {1: "甲"}) == [expected]


@pytest.mark.parametrize("text", ["限期改正", "劝其退党", "谈话提醒，限期三个月改正"])
def test_any_written_handling_is_accepted(text) -> None:
    """The choices are offered, not imposed: free text stays allowed."""
    assert check_grades({1: Grade.UNQUALIFIED}, {1: text}, 9, {1: "甲"}) == []
