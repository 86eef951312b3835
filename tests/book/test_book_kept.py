"""What the Book works out once per change (due items, the home page's counts, dues, study
hours, meeting compliance) is kept between reads, and every write shows up at once."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date

from partybook.book import pipeline as book_pipeline
from partybook.domain.members import Member, Stage


def _names(items) -> set[str]:
    return {i.member for i in items}


def test_the_due_items_are_worked_out_once_until_something_changes(quiet_book, monkeypatch):
    calls = []
    real = book_pipeline.due_for
    monkeypatch.setattr(book_pipeline, "due_for", lambda *a: calls.append(1) or real(*a))
    first = quiet_book.due_items()
    counted = len(calls)
    assert counted > 0
    assert quiet_book.due_items() == first
    assert quiet_book.pipeline.due_items() == [i for i in first if i.kind == "pipeline"]
    assert len(calls) == counted  # the tabs asking again cost nothing
    quiet_book.members.add(Member(name="新申请人", stage=Stage.FULL))
    assert "新申请人" in _names(quiet_book.due_items())
    assert len(calls) > counted


def test_a_write_shows_up_in_every_kept_answer_at_once(quiet_book):
    before_glance = quiet_book.summary.glance()
    before_hours = len(quiet_book.study.hours(2026))
    assert "新党员" not in _names(quiet_book.study.due_items())
    added = quiet_book.members.add(Member(name="新党员", stage=Stage.FULL))
    assert "新党员" in _names(quiet_book.study.due_items())  # no hours yet: behind
    assert quiet_book.summary.glance() != before_glance  # one more full member
    assert len(quiet_book.study.hours(2026)) == before_hours + 1
    quiet_book.members.update(quiet_book.members.get(added.id).replace(name="改名后"))
    names = _names(quiet_book.due_items())
    assert "改名后" in names and "新党员" not in names


def test_a_changed_day_is_asked_afresh(quiet_book):
    today = quiet_book.due_items()
    later = quiet_book.due_items(date(2027, 6, 1))
    assert later != today
    assert quiet_book.due_items() == today


def test_a_caller_changing_the_list_does_not_change_what_is_kept(quiet_book):
    items = quiet_book.due_items()
    assert items
    items.clear()
    assert quiet_book.due_items()


def test_a_restore_shows_the_restored_data(quiet_book, tmp_path):
    copy = quiet_book.backup_to(tmp_path / "copy.sqlite")
    quiet_book.members.add(Member(name="恢复前加的", stage=Stage.FULL))
    assert "恢复前加的" in _names(quiet_book.due_items())
    quiet_book.restore_from(copy)
    assert "恢复前加的" not in _names(quiet_book.due_items())


def test_a_commit_by_another_program_shows_up(quiet_book):
    quiet_book.members.add(Member(name="外部改名", stage=Stage.FULL))
    assert "外部改名" in _names(quiet_book.due_items())
    con = sqlite3.connect(quiet_book.path)
    with con:
        con.execute("UPDATE member SET name = '别处改的' WHERE name = '外部改名'")
    con.close()
    assert "别处改的" in _names(quiet_book.due_items())


def test_settings_are_read_afresh_after_they_are_saved(quiet_book):
    branch = quiet_book.branch()
    quiet_book.save_branch(dataclasses.replace(branch, name="新的支部名"))
    assert quiet_book.branch().name == "新的支部名"


def test_meetings_are_kept_but_each_caller_edits_its_own_copy(quiet_book):
    from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence

    march = quiet_book.meetings.default_attendees(MeetingKind.GENERAL, on=date(2026, 3, 10))
    people = [quiet_book.members.get(a.member_id) for a in march]  # the roster that day
    meeting = Meeting(
        MeetingKind.GENERAL,
        date(2026, 3, 10),
        attendees=[Attendee(m.id, can_vote=m.stage is Stage.FULL) for m in people],
        topic="学习",
    )
    quiet_book.meetings.save(meeting)
    first = quiet_book.meetings.all(2026)
    assert quiet_book.meetings.attendance(2026)[people[0].id].attended == 1
    first[0].attendees[0] = dataclasses.replace(first[0].attendees[0], presence=Presence.ABSENT)
    first[0].topic = "改过"
    again = quiet_book.meetings.all(2026)
    assert again[0].attendees[0].presence is Presence.PRESENT and again[0].topic == "学习"
    quiet_book.meetings.save(first[0])  # the edit saved: every answer shows it at once
    assert quiet_book.meetings.all(2026)[0].topic == "改过"
    assert quiet_book.meetings.attendance(2026)[people[0].id].attended == 0
    assert len(quiet_book.meetings.titles()) == 1
    april = quiet_book.meetings.default_attendees(MeetingKind.GENERAL, on=date(2026, 4, 10))
    quiet_book.meetings.save(dataclasses.replace(meeting, on=date(2026, 4, 10), attendees=april))
    assert len(quiet_book.meetings.titles()) == 2  # a new meeting has its title at once


def test_appraisal_participants_are_kept_per_round_date_until_something_changes(
    quiet_book, monkeypatch
):
    from partybook.book import appraisal as book_appraisal

    calls = []
    real = book_appraisal.participants
    monkeypatch.setattr(book_appraisal, "participants", lambda *a: calls.append(a[1]) or real(*a))
    graded, ungraded = quiet_book.appraisal.participants(2026)
    assert graded and calls == [date(2026, 12, 31)]
    assert quiet_book.appraisal.round(2026).entries  # a new round lists them: not worked out again
    assert quiet_book.appraisal.participants(2026, date(2026, 12, 31)) == (graded, ungraded)
    assert len(calls) == 1
    graded.clear()  # a caller's lists are its own
    assert quiet_book.appraisal.participants(2026)[0]
    assert quiet_book.appraisal.participants(2026, date(2026, 6, 30)) is not None
    assert calls == [date(2026, 12, 31), date(2026, 6, 30)]  # another date: asked afresh
    added = quiet_book.members.add(Member(name="新评议人", stage=Stage.FULL))
    assert added.id in {m.id for m in quiet_book.appraisal.participants(2026)[0]}
    assert len(calls) == 3
