"""The draft's wording: a topic listed once even when a record writes its occasion before it,
and the rules' notes quoted in the prose without the table's spaces."""

from __future__ import annotations

from partybook.domain.report import _distinct


def test_a_topic_with_its_occasion_before_it_is_listed_once() -> None:
    topics = ["支委会集体学习：学习党章", "学习党章", "学习党史：新民主主义革命时期", "学习党章"]
    assert _distinct(topics) == ["学习党章", "学习党史：新民主主义革命时期"]


def test_different_topics_stay() -> None:
    assert _distinct(["学习党章", "学习条例", " ", ""]) == ["学习党章", "学习条例"]
