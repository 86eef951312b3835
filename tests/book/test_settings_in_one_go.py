"""The settings dialog's pages are saved in one transaction (Book.save_settings): a page the
book refuses (here a 建账日期 in the future) keeps none of the others, and a save that goes
through is announced once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from partybook.book.changes import Change
from partybook.domain.errors import PartyBookError
from partybook.domain.rules import RULE_SETS


def _current(book) -> dict:
    return dict(
        rule_set=book.rules.current().name,
        practice=book.rules.practice(),
        frequency=book.meetings.frequency(),
        appraisal=book.appraisal.settings(),
        study=book.study.settings(),
        talks=book.talks.settings(),
        transfers=book.transfers.settings(),
        committee=book.committee.settings(),
        dues=book.dues.settings(),
    )


def _changed(book) -> dict:
    values = _current(book)
    other = next(name for name in RULE_SETS if name != values["rule_set"])
    values["rule_set"] = other
    values["practice"] = replace(values["practice"], notice_days=7)
    values["study"] = replace(values["study"], member_hours=40.0)
    return values


def test_a_refused_page_keeps_none_of_the_others(book) -> None:
    before = _current(book)
    heard: list[Change] = []
    book.subscribe(heard.append)
    with pytest.raises(PartyBookError):
        book.save_settings(**_changed(book), opening=date(2030, 1, 1))  # after today
    assert _current(book) == before
    assert book.opening.date() is None
    assert heard == []


def test_every_page_is_saved_and_announced_once(book) -> None:
    wanted = _changed(book)
    heard: list[Change] = []
    book.subscribe(heard.append)
    book.save_settings(**wanted, opening=date(2026, 9, 1))
    assert _current(book) == wanted
    assert book.opening.date() == date(2026, 9, 1)
    assert len(heard) == 1
    assert Change.SETTINGS in heard[0] and Change.OPENING in heard[0]
    book.save_settings(**wanted)  # "keep": the 建账日期 stays
    assert book.opening.date() == date(2026, 9, 1)
    book.save_settings(**wanted, opening=None)
    assert book.opening.date() is None
