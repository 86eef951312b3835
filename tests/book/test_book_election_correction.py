"""A saved election can be corrected (with the reason), and the change log keeps the old
values; only the latest election sets today's posts, term and 书记."""

from __future__ import annotations

import dataclasses

import pytest

from partybook.domain.committee import Candidate
from partybook.domain.errors import RuleViolation


def _votes(e, **by_name):
    return tuple(dataclasses.replace(c, votes=by_name.get(c.name, c.votes)) for c in e.candidates)


def test_a_vote_count_entered_wrongly_is_corrected_and_logged(demo_book) -> None:
    e = demo_book.committee.elections()[0]
    assert {c.name: c.votes for c in e.candidates}["王志强"] == 14
    fixed = dataclasses.replace(e, candidates=_votes(e, 王志强=15))
    saved = demo_book.committee.correct_election(fixed, "得票录错，按计票单更正")
    again = demo_book.committee.get_election(e.id)
    assert {c.name: c.votes for c in again.candidates}["王志强"] == 15
    assert again.corrections == ((demo_book.today(), "得票录错，按计票单更正"),)
    assert saved.should_attend == e.should_attend == 17
    lines = demo_book.history.of("election", e.id)
    changed = [x for x in lines if x.what == "候选人得票" and x.action == "修改"]
    assert changed and "得票：14 → 15" in changed[0].details


def test_a_correction_needs_its_reason_and_the_rules(demo_book) -> None:
    e = demo_book.committee.elections()[0]
    with pytest.raises(RuleViolation, match="原因"):
        demo_book.committee.correct_election(e, "  ")
    too_many = dataclasses.replace(e, candidates=_votes(e, 刘建华=99))
    with pytest.raises(RuleViolation, match="得票"):
        demo_book.committee.correct_election(too_many, "更正")
    assert demo_book.committee.get_election(e.id) == e  # nothing written
    with pytest.raises(RuleViolation, match="修改选举记录"):
        demo_book.committee.record_election(e)


def test_correcting_the_latest_election_updates_the_posts(demo_book) -> None:
    e = demo_book.committee.elections()[0]
    posts = {c.name: c.post for c in e.candidates}
    assert posts["王志强"] == "宣传委员" and posts["张丽"] == "纪检委员"
    swapped = tuple(
        dataclasses.replace(c, post={"王志强": "纪检委员", "张丽": "宣传委员"}.get(c.name, c.post))
        for c in e.candidates
    )
    demo_book.committee.correct_election(dataclasses.replace(e, candidates=swapped), "职务录反")
    people = {m.name: m.party_post for m in demo_book.members.all()}
    assert people["王志强"] == "纪检委员" and people["张丽"] == "宣传委员"
    # the 书记 and 副书记 did not change: an approval recorded stays
    assert demo_book.committee.term_start() == e.on


def test_an_older_election_corrected_leaves_todays_committee(demo_book) -> None:
    first = demo_book.committee.elections()[0]
    # a later election makes the present committee
    ids = {m.name: m.id for m in demo_book.members.all()}
    later = dataclasses.replace(
        first,
        id=None,
        on=demo_book.today(),
        should_attend=None,
        present=17,
        corrections=(),
        candidates=tuple(
            Candidate(ids[n], n, v, p)
            for n, v, p in (
                ("刘建华", 17, "书记"),
                ("陈秀英", 16, "组织委员"),
                ("王志强", 15, "宣传委员"),
                ("张丽", 14, "纪检委员"),
                ("李国平", 5, ""),
            )
        ),
    )
    demo_book.committee.record_election(later)
    before = {m.name: m.party_post for m in demo_book.members.all()}
    fixed = dataclasses.replace(first, candidates=_votes(first, 李国平=7))
    demo_book.committee.correct_election(fixed, "得票录错")
    assert {m.name: m.party_post for m in demo_book.members.all()} == before
    assert demo_book.committee.term_start() == demo_book.today()
