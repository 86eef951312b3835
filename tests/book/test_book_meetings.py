"""Meetings through the Book: default attendees, one-transaction saves, titles, compliance, due."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from partybook.domain.errors import RuleViolation
from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence, Vote


def general(book, on=date(2026, 10, 15), **kw) -> Meeting:
    people = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)  # the roster that day
    return Meeting(
        MeetingKind.GENERAL,
        on,
        attendees=people,
        place="会议室",
        host="刘建华",
        recorder="陈秀英",
        **kw,
    )


def test_default_attendees_follow_the_kind(quiet_book) -> None:
    everyone = quiet_book.meetings.default_attendees(MeetingKind.GENERAL)
    committee = quiet_book.meetings.default_attendees(MeetingKind.COMMITTEE)
    group = quiet_book.meetings.default_attendees(MeetingKind.GROUP, "第一党小组")
    assert len(everyone) == 19 and len(committee) == 4
    assert 0 < len(group) < len(everyone)
    names = {m.id: m for m in quiet_book.members.all()}
    assert all(a.can_vote == names[a.member_id].stage.name.endswith("FULL") for a in everyone)


def test_save_reload_titles_and_copy(quiet_book) -> None:
    first = quiet_book.meetings.save(general(quiet_book, date(2026, 3, 10), theme_day=True))
    second = quiet_book.meetings.save(general(quiet_book, date(2026, 6, 10)))
    loaded = quiet_book.meetings.all(2026)
    assert [m.id for m in loaded] == [first.id, second.id]
    assert len(loaded[0].attendees) == 19 and loaded[0].theme_day
    titles = quiet_book.meetings.titles()
    assert titles[first.id] == "2026年第1次支部党员大会（含主题党日）"
    assert titles[second.id] == "2026年第2次支部党员大会"
    assert quiet_book.meetings.last(MeetingKind.GENERAL).id == second.id
    assert quiet_book.meetings.last(MeetingKind.LECTURE) is None


def test_editing_replaces_attendance_and_votes(quiet_book) -> None:
    saved = quiet_book.meetings.save(general(quiet_book))
    someone = saved.attendees[2]  # not the host nor the recorder: they are present
    changed = dataclasses.replace(
        saved,
        attendees=[
            *saved.attendees[:2],
            dataclasses.replace(someone, presence=Presence.LEAVE, reason="生病"),
            *saved.attendees[3:],
        ],
    )
    quiet_book.meetings.save(changed)
    again = quiet_book.meetings.all()[0]
    assert again.attendees[2].presence is Presence.LEAVE and again.attendees[2].reason == "生病"
    assert len(again.attendees) == len(saved.attendees)


def test_a_vote_without_quorum_is_refused_and_nothing_is_written(quiet_book) -> None:
    m = general(quiet_book)
    few = [dataclasses.replace(a, presence=Presence.ABSENT) for a in m.attendees]
    bad = dataclasses.replace(m, attendees=few, votes=[Vote("接收蒋涛为预备党员", yes=3)])
    with pytest.raises(RuleViolation, match="不能表决"):
        quiet_book.meetings.save(bad)
    assert quiet_book.meetings.all() == []


def test_future_meetings_and_unknown_members_are_refused(quiet_book) -> None:
    with pytest.raises(RuleViolation, match="晚于今天"):
        quiet_book.meetings.save(general(quiet_book, date(2026, 12, 1)))
    broken = dataclasses.replace(general(quiet_book), attendees=[Attendee(99999)])
    with pytest.raises(Exception):  # noqa: B017 - the foreign key refuses it, atomically
        quiet_book.meetings.save(broken)
    assert quiet_book.meetings.all() == []


def test_missing_meetings_of_the_current_period_are_due(quiet_book) -> None:
    items = [i for i in quiet_book.due_items() if i.kind == "meeting"]
    titles = {i.title for i in items}
    assert "2026年11月支部委员会会议尚未召开" in titles
    assert "2026年第4季度支部党员大会尚未召开" in titles
    month = next(i for i in items if i.title.startswith("2026年11月支部委员会"))
    assert (month.date, month.type, month.state) == (date(2026, 11, 30), "deadline", "soon")
    quiet_book.meetings.save(general(quiet_book, date(2026, 11, 20), theme_day=True))
    titles = {i.title for i in quiet_book.due_items() if i.kind == "meeting"}
    assert "2026年第4季度支部党员大会尚未召开" not in titles
    assert "2026年11月主题党日尚未召开" not in titles


def test_attendance_per_member(quiet_book) -> None:
    m = general(quiet_book, date(2026, 3, 10))
    absent_id = m.attendees[2].member_id  # not the host nor the recorder: they are present
    m.attendees[2] = dataclasses.replace(m.attendees[2], presence=Presence.ABSENT)
    quiet_book.meetings.save(m)
    stats = quiet_book.meetings.attendance(2026)
    assert stats[absent_id].expected == 1 and stats[absent_id].attended == 0
    assert "六个月" in stats[absent_id].flag
    other = m.attendees[1].member_id
    assert stats[other].rate == 1.0


def test_cli_meetings_list(quiet_book, capsys) -> None:
    import json

    from partybook.cli import main

    saved = quiet_book.meetings.save(general(quiet_book, date(2026, 3, 10)))
    path = str(quiet_book.path)
    quiet_book.close(auto_backup=False)
    assert main(["--db", path, "meetings", "--year", "2026", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == saved.id and row["title"] == "2026年第1次支部党员大会"
    assert (row["should_attend"], row["present"]) == (19, 19)
    assert main(["--db", path, "due", "--json"]) == 0
    kinds = {d["kind"] for d in json.loads(capsys.readouterr().out)}
    # no study or talks recorded yet; the demo's committee term ends soon, 林海's 回执 is out
    assert kinds == {"pipeline", "meeting", "appraisal", "study", "talk", "transfer", "committee"}


def test_the_demo_book_has_a_year_of_meetings(demo_book) -> None:
    meetings = demo_book.meetings.all(2026)
    assert len(meetings) > 30
    kinds = {m.kind for m in meetings}
    assert kinds == set(MeetingKind) - {MeetingKind.LIFE}
    flagged = {
        demo_book.members.get(k).name
        for k, v in demo_book.meetings.attendance(2026).items()
        if v.flag
    }
    assert flagged == {"黄伟"}
    due = {i.title for i in demo_book.due_items() if i.kind == "meeting"}
    assert "2026年组织生活会尚未召开" in due


def test_minutes_and_print_commands(demo_book, tmp_path, capsys) -> None:
    from partybook.cli import main

    meeting = next(m for m in demo_book.meetings.all() if m.kind is MeetingKind.GENERAL)
    html = demo_book.meetings.minutes_html(meeting)
    assert "会议记录" in html and "2026年第1次支部党员大会（含主题党日）" in html
    assert "主持人（签字）" in html and "实到" in html
    empty = demo_book.meetings.minutes_html(
        dataclasses.replace(meeting, content="", resolutions="")
    )
    content = empty.split("<th>会议内容</th><td>")[1].split("</td>")[0]
    assert content.count("<br>") >= 15  # room to write the record by hand
    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    out = tmp_path / "signin.pdf"
    assert (
        main(["--db", path, "print", "signin", "--meeting", str(meeting.id), "--pdf", str(out)])
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF") and "2 页" in capsys.readouterr().out
    minutes = tmp_path / "minutes.pdf"
    assert (
        main(
            ["--db", path, "print", "minutes", "--meeting", str(meeting.id), "--pdf", str(minutes)]
        )
        == 0
    )
    assert minutes.read_bytes().startswith(b"%PDF")
    assert main(["--db", path, "print", "minutes", "--meeting", "9999", "--pdf", str(minutes)]) == 2
    assert "没有编号为 9999 的会议" in capsys.readouterr().err


def _id(book, name):
    return next(m.id for m in book.members.all() if m.name == name)


def test_an_admission_vote_records_the_step(quiet_book) -> None:
    from partybook.domain.members import Stage

    person = _id(quiet_book, "邓佳")  # a candidate whose pre-review is done
    m = general(quiet_book, date(2026, 11, 20))
    vote = Vote("接收邓佳为预备党员", yes=15, member_id=person, step=15)
    saved = quiet_book.meetings.save(dataclasses.replace(m, votes=[vote]))
    step = quiet_book.pipeline.path_of(person).step(15)
    assert step.on == date(2026, 11, 20) and step.meeting == "2026年第1次支部党员大会"
    assert "通过" in step.notes
    assert quiet_book.members.get(person).stage is Stage.CANDIDATE  # until the approval (step 17)
    assert quiet_book.meetings.all()[0].votes[0].member_id == person
    quiet_book.meetings.save(saved)  # editing the meeting does not record the step twice
    assert len([e for e in quiet_book.pipeline.path_of(person).events if e.step == 15]) == 1


def test_a_vote_the_rules_refuse_saves_nothing(quiet_book) -> None:
    person = _id(quiet_book, "韩雪")  # still an activist: no step 7 yet
    m = general(quiet_book, date(2026, 11, 20))
    vote = Vote("接收韩雪为预备党员", yes=15, member_id=person, step=15)
    with pytest.raises(RuleViolation, match="不能记入韩雪的发展纪实"):
        quiet_book.meetings.save(dataclasses.replace(m, votes=[vote]))
    assert quiet_book.meetings.all() == []
    assert quiet_book.pipeline.path_of(person).step(15) is None


def test_a_failed_vote_records_nothing(quiet_book) -> None:
    person = _id(quiet_book, "邓佳")
    m = general(quiet_book, date(2026, 11, 20))
    vote = Vote("接收邓佳为预备党员", yes=5, no=10, member_id=person, step=15)
    quiet_book.meetings.save(dataclasses.replace(m, votes=[vote]))
    assert quiet_book.pipeline.path_of(person).step(15) is None


def test_meeting_frequencies_are_settings(quiet_book) -> None:
    assert quiet_book.meetings.frequency()[MeetingKind.GROUP] == "month"
    frequency = quiet_book.meetings.frequency()
    frequency[MeetingKind.GROUP] = "quarter"
    quiet_book.meetings.save_frequency(frequency)
    assert quiet_book.meetings.frequency()[MeetingKind.GROUP] == "quarter"
    titles = {i.title for i in quiet_book.due_items() if i.kind == "meeting"}
    assert "2026年第4季度党小组会（第一党小组）尚未召开" in titles  # each group its own
    assert "2026年第4季度党小组会（第二党小组）尚未召开" in titles
    frequency[MeetingKind.GROUP] = "weekly"
    with pytest.raises(RuleViolation, match="每月、每季度或每年"):
        quiet_book.meetings.save_frequency(frequency)


def test_a_probationary_member_marked_as_voting_is_refused_and_nothing_saved(demo_book) -> None:
    from partybook.domain.meetings import Attendee as _Attendee
    from partybook.domain.members import Stage as _Stage

    probationary = next(
        m for m in demo_book.members.all(include_left=False) if m.stage is _Stage.PROBATIONARY
    )
    before = len(demo_book.meetings.all(2026))
    attendees = demo_book.meetings.default_attendees(MeetingKind.GENERAL)
    forced = [
        _Attendee(a.member_id, can_vote=True) if a.member_id == probationary.id else a
        for a in attendees
    ]
    with pytest.raises(RuleViolation, match=f"{probationary.name}是预备党员，没有表决权"):
        demo_book.meetings.save(Meeting(MeetingKind.GENERAL, date(2026, 11, 20), attendees=forced))
    assert len(demo_book.meetings.all(2026)) == before
