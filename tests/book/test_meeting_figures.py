"""The 三会一课 figures the store counts (应到/实到, each member's year, first and last
attendance) are the same as worked out the old way, from every meeting's attendance rows."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from partybook.domain.meetings import (
    Attendee,
    Held,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    Presence,
    attendance_stats,
    compliance,
    meeting_titles,
)
from partybook.store import meetings as meeting_store


def _odd_meetings(book) -> None:
    """Rows the shortcuts could get wrong: someone only ever 不计入应到, someone whose first
    rows are excluded, a meeting entered later with an earlier date, absences and leave, a
    latest 出席 not counted."""
    people = [m for m in book.members.all(include_left=False) if m.stage.is_member]
    only_excluded, late_start = people[0], people[1]
    early = [
        Attendee(only_excluded.id, Presence.ABSENT, excluded=True, excluded_reason="病假"),
        Attendee(late_start.id, excluded=True, excluded_reason="外出"),
        *(Attendee(p.id, Presence.ABSENT) for p in people[2:5]),
        *(Attendee(p.id, Presence.LEAVE, reason="出差") for p in people[5:8]),
    ]
    for on in (date(2026, 2, 3), date(2024, 5, 6), date(2025, 1, 2)):
        book.meetings.save(Meeting(MeetingKind.GROUP, on, group="第一党小组", attendees=early))
    late = [Attendee(late_start.id, Presence.ABSENT), Attendee(people[2].id, Presence.ABSENT)]
    book.meetings.save(Meeting(MeetingKind.COMMITTEE, date(2026, 7, 1), attendees=late))
    # the latest row of people[8] says 出席 but is not counted: not their last attendance
    last = [Attendee(people[8].id, excluded=True, excluded_reason="列席")]
    book.meetings.save(Meeting(MeetingKind.COMMITTEE, date(2026, 11, 21), attendees=last))


def _old_way(book, year: int) -> dict:
    every = [MeetingAttendance(m.on, tuple(m.attendees)) for m in book.meetings.all()]
    return attendance_stats(every, year, book.today())


@pytest.mark.parametrize(
    "walk, quiet, latest", [(30_000, 2_000, 15_000), (3, 2, 3), (0, 1, 0), (0, 1, 1)]
)
def test_attendance_figures_match_the_old_way(demo_book, monkeypatch, walk, quiet, latest) -> None:
    """Also with the walk and the latest rows cut short, so that members are looked up one
    group at a time."""
    _odd_meetings(demo_book)
    monkeypatch.setattr(meeting_store, "_WALK", walk)
    monkeypatch.setattr(meeting_store, "_QUIET", quiet)
    monkeypatch.setattr(meeting_store, "_LATEST", latest)
    years = sorted({m.on.year for m in demo_book.meetings.all()})
    assert len(years) >= 3
    for year in years:
        new = demo_book.meetings.attendance(year)
        old = _old_way(demo_book, year)
        assert list(new) == list(old)  # the same people in the same order
        assert [dataclasses.asdict(s) for s in new.values()] == [
            dataclasses.asdict(s) for s in old.values()
        ]
    assert any(s.flag for s in demo_book.meetings.attendance(2026).values())


def test_meeting_lines_match_the_full_meetings(demo_book) -> None:
    _odd_meetings(demo_book)
    titles = demo_book.meetings.titles()
    for year in sorted({m.on.year for m in demo_book.meetings.all()}):
        full = demo_book.meetings.all(year)
        lines = demo_book.meetings.lines(year)
        assert [line.meeting.id for line in lines] == [m.id for m in full]
        assert [(line.should_attend, line.present) for line in lines] == [
            (m.should_attend, m.present) for m in full
        ]
        assert [line.title for line in lines] == [titles[m.id] for m in full]
        assert demo_book.meetings.titles(year) == {m.id: titles[m.id] for m in full}
        assert meeting_titles(full) == demo_book.meetings.titles(year)
        held = [Held(m.on, m.kinds) for m in full]
        on = min(demo_book.today(), date(year, 12, 31))
        assert demo_book.meetings.compliance(year, on) == compliance(
            held, year, on, demo_book.meetings.frequency()
        )


def test_the_heads_of_a_few_kinds_have_the_titles_they_have_among_all(demo_book) -> None:
    """民主评议 reads only the 支部党员大会 and 组织生活会 of the year: each keeps the number
    it has among every meeting of the year (a kind counts among its own, in date order)."""
    _odd_meetings(demo_book)
    for on, theme in ((date(2026, 11, 20), True), (date(2026, 1, 5), False)):  # entered late
        for kind in (MeetingKind.LIFE, MeetingKind.GENERAL):
            people = demo_book.meetings.default_attendees(kind)
            demo_book.meetings.save(Meeting(kind, on, attendees=people, theme_day=theme))
    for year in sorted({m.on.year for m in demo_book.meetings.all()}):
        every = demo_book.meetings.heads(year)
        titles = meeting_titles(every)
        for kinds in ((MeetingKind.GENERAL, MeetingKind.LIFE), (MeetingKind.GROUP,), ()):
            few = demo_book.meetings.heads(year, kinds)
            assert [m.id for m in few] == [m.id for m in every if m.kind in kinds]
            assert meeting_titles(few) == {m.id: titles[m.id] for m in few}
    assert "（含主题党日）" in " ".join(meeting_titles(demo_book.meetings.heads(2026)).values())
