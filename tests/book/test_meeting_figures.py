"""The 三会一课 figures the store counts (应到/实到, each member's year, first and last
attendance): as worked out by hand from the meetings of the test, and the same in the short
lines and heads as in the full meetings."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.book.changes import Change
from partybook.domain.meetings import (
    Attendee,
    Held,
    Meeting,
    MeetingKind,
    Presence,
    compliance,
    meeting_titles,
)
from partybook.store import meetings as meeting_store


def _write(book, meeting: Meeting) -> None:
    """Write a meeting as the store keeps it, its list as given: these lists are odd on
    purpose (a few people each, 不计入应到 without a listed reason), which Book.meetings.save
    refuses since 应到 comes from the roster. The store's counting is what is tested here."""
    with book._core.writing(Change.MEETINGS):
        meeting_store.save_meeting(meeting)


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
        _write(book, Meeting(MeetingKind.GROUP, on, group="第一党小组", attendees=early))
    late = [Attendee(late_start.id, Presence.ABSENT), Attendee(people[2].id, Presence.ABSENT)]
    _write(book, Meeting(MeetingKind.COMMITTEE, date(2026, 7, 1), attendees=late))
    # the latest row of people[8] says 出席 but is not counted: not their last attendance
    last = [Attendee(people[8].id, excluded=True, excluded_reason="列席")]
    _write(book, Meeting(MeetingKind.COMMITTEE, date(2026, 11, 21), attendees=last))


def _present_meetings(book) -> None:
    """Besides _odd_meetings: people present (their last day present), and someone absent
    three times this year though present in June."""
    people = [m for m in book.members.all(include_left=False) if m.stage.is_member]
    p = [m.id for m in people]
    present = [Attendee(p[i]) for i in (2, 3, 9)]
    _write(book, Meeting(MeetingKind.GENERAL, date(2025, 6, 10), attendees=present))
    june = [Attendee(p[3]), Attendee(p[4], Presence.LEAVE, reason="出差")]
    _write(book, Meeting(MeetingKind.GENERAL, date(2026, 6, 1), attendees=june))
    for on in (date(2026, 8, 1), date(2026, 10, 10)):
        absent = [Attendee(p[3], Presence.ABSENT)]
        _write(book, Meeting(MeetingKind.COMMITTEE, on, attendees=absent))


SIX = "未参加组织生活已超过六个月"
SINCE = f"自 2025-06-10 以来{SIX}"  # 王志强's and 曾小红's last day present
NONE = f"今年{SIX}"  # never present
# on approved leave (出差) at 2026-02-03, a 正当理由 (党章第九条): six months counted from it
AWAY = f"自 2026-02-03 请假以来{SIX}"
JUNE, LAST = date(2026, 6, 1), date(2025, 6, 10)
# (expected, attended, on leave, absent, last day present, flag) by year, worked out from the
# meetings of _odd_meetings and _present_meetings; everyone ever expected (not 刘建华, only
# ever 不计入应到, nor 孙德明, only a row not counted) in the order they first appear: the
# 2024 meeting (entered after the 2026 one) first, 曾小红 in 2025-06, 陈秀英 in 2026-07
FIGURES = {
    2024: {
        "王志强": (1, 0, 0, 1, LAST, SINCE),
        "张丽": (1, 0, 0, 1, JUNE, ""),
        "李国平": (1, 0, 0, 1, None, ""),  # on leave 2026-06-01
        "赵春梅": (1, 0, 1, 0, None, AWAY),
        "周文斌": (1, 0, 1, 0, None, AWAY),
        "吴晓燕": (1, 0, 1, 0, None, AWAY),
        "曾小红": (0, 0, 0, 0, LAST, ""),
        "陈秀英": (0, 0, 0, 0, None, ""),
    },
    2025: {
        "王志强": (2, 1, 0, 1, LAST, SINCE),
        "张丽": (2, 1, 0, 1, JUNE, ""),
        "李国平": (1, 0, 0, 1, None, ""),  # on leave 2026-06-01
        "赵春梅": (1, 0, 1, 0, None, AWAY),
        "周文斌": (1, 0, 1, 0, None, AWAY),
        "吴晓燕": (1, 0, 1, 0, None, AWAY),
        "曾小红": (1, 1, 0, 0, LAST, SINCE),
        "陈秀英": (0, 0, 0, 0, None, ""),
    },
    2026: {
        "王志强": (2, 0, 0, 2, LAST, SINCE),
        "张丽": (4, 1, 0, 3, JUNE, "今年无故缺席 3 次"),
        "李国平": (2, 0, 1, 1, None, ""),
        "赵春梅": (1, 0, 1, 0, None, AWAY),
        "周文斌": (1, 0, 1, 0, None, AWAY),
        "吴晓燕": (1, 0, 1, 0, None, AWAY),
        "曾小红": (0, 0, 0, 0, LAST, ""),
        "陈秀英": (1, 0, 0, 1, None, NONE),
    },
}


@pytest.mark.parametrize(
    "walk, quiet, latest", [(30_000, 2_000, 15_000), (3, 2, 3), (0, 1, 0), (0, 1, 1)]
)
def test_attendance_figures_are_those_of_the_meetings(
    quiet_book, monkeypatch, walk, quiet, latest
) -> None:
    """Also with the walk and the latest rows cut short, so that members are looked up one
    group at a time."""
    assert quiet_book.meetings.all() == []
    _odd_meetings(quiet_book)
    _present_meetings(quiet_book)
    monkeypatch.setattr(meeting_store, "_WALK", walk)
    monkeypatch.setattr(meeting_store, "_QUIET", quiet)
    monkeypatch.setattr(meeting_store, "_LATEST", latest)
    names = quiet_book.members.names()
    assert sorted({m.on.year for m in quiet_book.meetings.all()}) == sorted(FIGURES)
    for year, expected in FIGURES.items():
        got = quiet_book.meetings.attendance(year)
        assert [names[k] for k in got] == list(expected), year  # the same people in order
        figures = {
            names[k]: (s.expected, s.attended, s.leave, s.absent, s.last_attended, s.flag)
            for k, s in got.items()
        }
        assert figures == expected, year
        assert all(s.member_id == k for k, s in got.items())
    rates = quiet_book.meetings.attendance(2026)
    assert [s.rate for s in rates.values() if s.attended] == [0.25]  # 张丽: 1 of 4


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
        held = [Held(m.on, m.kinds, m.group) for m in full]
        on = min(demo_book.today(), date(year, 12, 31))
        assert demo_book.meetings.compliance(year, on) == compliance(
            held, year, on, demo_book.meetings.frequency(), groups=["第一党小组", "第二党小组"]
        )


def test_the_heads_of_a_few_kinds_have_the_titles_they_have_among_all(demo_book) -> None:
    """民主评议 reads only the 支部党员大会 and 组织生活会 of the year: each keeps the number
    it has among every meeting of the year (a kind counts among its own, in date order)."""
    _odd_meetings(demo_book)
    for on, theme in ((date(2026, 11, 20), True), (date(2026, 1, 5), False)):  # entered late
        for kind in (MeetingKind.LIFE, MeetingKind.GENERAL):
            people = demo_book.meetings.default_attendees(kind, on=on)
            demo_book.meetings.save(Meeting(kind, on, attendees=people, theme_day=theme))
    for year in sorted({m.on.year for m in demo_book.meetings.all()}):
        every = demo_book.meetings.heads(year)
        titles = meeting_titles(every)
        for kinds in ((MeetingKind.GENERAL, MeetingKind.LIFE), (MeetingKind.GROUP,), ()):
            few = demo_book.meetings.heads(year, kinds)
            assert [m.id for m in few] == [m.id for m in every if m.kind in kinds]
            assert meeting_titles(few) == {m.id: titles[m.id] for m in few}
    assert "（含主题党日）" in " ".join(meeting_titles(demo_book.meetings.heads(2026)).values())
