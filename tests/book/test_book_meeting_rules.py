"""三会一课 rules through the Book (issue 20): 应到 from the roster on the day, reasons for
leaving anyone out, host and recorder present, 党小组会 per group, a committee from 7 full
members (支部工作条例第六章), the 书记's 党课 (第五章), 不适用 frequencies, 取消预备党员资格 as
a 支部大会 decision (党章第七条)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from partybook.book import Book
from partybook.domain.errors import RuleViolation
from partybook.domain.meetings import (
    EXCLUSION_REASONS,
    NOT_REQUIRED,
    Meeting,
    MeetingKind,
    Presence,
    Vote,
    VoteOn,
    exclusion_text,
)
from partybook.domain.members import Branch, LeaveReason, Member, Stage

NOW = datetime(2026, 11, 22, 9, 30)


def _id(book, name: str) -> int:
    return next(m.id for m in book.members.all() if m.name == name)


def _general(book, on: date, **kw) -> Meeting:
    people = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
    return Meeting(
        MeetingKind.GENERAL, on, attendees=people, host="刘建华", recorder="陈秀英", **kw
    )


def _meeting_titles(book) -> set[str]:
    return {i.title for i in book.due_items() if i.kind == "meeting"}


# 应到 from the roster on the day -----------------------------------------------------------
def test_the_default_list_is_the_roster_on_the_meetings_day(quiet_book) -> None:
    """谢婷 joined in 2026-05: not 应到 in March; 林海 transferred out in 2026-03: 应到 before."""
    names = quiet_book.members.names()
    march = {
        names[a.member_id]
        for a in quiet_book.meetings.default_attendees(MeetingKind.GENERAL, on=date(2026, 3, 10))
    }
    now = {names[a.member_id] for a in quiet_book.meetings.default_attendees(MeetingKind.GENERAL)}
    assert "林海" in march and "谢婷" not in march
    assert "谢婷" in now and "林海" not in now
    assert len(march) == len(now) == 19


def test_someone_left_off_the_list_is_refused_and_nothing_is_saved(quiet_book) -> None:
    m = _general(quiet_book, date(2026, 11, 20))
    left_off = m.attendees.pop(5)
    name = quiet_book.members.get(left_off.member_id).name
    with pytest.raises(RuleViolation) as refused:
        quiet_book.meetings.save(m)
    text = str(refused.value)
    assert f"名单中缺少 1 人：{name}" in text and "会议没有保存" in text
    assert "不计入应到" in text  # says what to do instead
    assert quiet_book.meetings.all() == []


def test_a_branch_of_seventeen_with_four_listed_cannot_admit_with_three_votes(quiet_book):
    """The demo branch has 17 full members: four listed, three yes votes admit nobody."""
    person = _id(quiet_book, "邓佳")  # a candidate whose pre-review is done
    full = [a for a in _general(quiet_book, date(2026, 11, 20)).attendees if a.can_vote][:4]
    vote = Vote("接收邓佳为预备党员", yes=3, no=1, member_id=person, step=VoteOn.ADMIT)
    m = Meeting(MeetingKind.GENERAL, date(2026, 11, 20), attendees=full, votes=[vote])
    q = quiet_book.meetings.quorum(m)
    assert (q.should_attend, q.present, q.needed, q.reached) == (17, 4, 9, False)
    problems = quiet_book.meetings.problems(m)
    assert any("不能表决" in p for p in problems) and any("缺少 15 人" in p for p in problems)
    with pytest.raises(RuleViolation):
        quiet_book.meetings.save(m)
    assert quiet_book.pipeline.path_of(person).step(15) is None


def test_leaving_someone_out_of_should_attend_needs_a_listed_reason(quiet_book) -> None:
    m = _general(quiet_book, date(2026, 11, 20))
    out = m.attendees[5]
    m.attendees[5] = dataclasses.replace(out, excluded=True, excluded_reason="长期病休")
    with pytest.raises(RuleViolation, match="原因“长期病休”不是规定的情形"):
        quiet_book.meetings.save(m)
    reason = exclusion_text(EXCLUSION_REASONS[3], "长期病休在家")
    m.attendees[5] = dataclasses.replace(out, excluded=True, excluded_reason=reason)
    saved = quiet_book.meetings.save(m)
    assert quiet_book.meetings.quorum(saved).should_attend == 16  # 17 full, one left out
    html = quiet_book.meetings.minutes_html(saved)
    name = quiet_book.members.get(out.member_id).name
    assert f"{name}（{reason}）" in html and "经上级党组织同意" in html


def test_members_under_discipline_attend_without_a_vote(quiet_book, monkeypatch) -> None:
    """留党察看 (book.members.without_vote): on the list, 无表决权, out of 应到有表决权."""
    watched = _id(quiet_book, "李国平")
    monkeypatch.setattr(quiet_book.members, "without_vote", lambda on=None: {watched})
    people = quiet_book.meetings.default_attendees(MeetingKind.GENERAL, on=date(2026, 11, 20))
    mark = next(a for a in people if a.member_id == watched)
    assert not mark.can_vote
    m = _general(quiet_book, date(2026, 11, 20))
    assert quiet_book.meetings.quorum(m).should_attend == 16
    assert quiet_book.meetings.roll(MeetingKind.GENERAL, m.on).no_vote_reason(watched)
    forced = [dataclasses.replace(a, can_vote=True) if a is mark else a for a in people]
    with pytest.raises(RuleViolation, match="李国平在 2026-11-20 受留党察看处分，没有表决权"):
        quiet_book.meetings.save(dataclasses.replace(m, attendees=forced))
    saved = quiet_book.meetings.save(m)
    assert "李国平" in quiet_book.meetings.minutes_html(saved).split("无表决权")[1]


# the host and the recorder --------------------------------------------------------------
@pytest.mark.parametrize("role", ["host", "recorder"])
def test_the_host_and_the_recorder_are_present(quiet_book, role) -> None:
    m = _general(quiet_book, date(2026, 11, 20))
    who = {"host": "刘建华", "recorder": "陈秀英"}[role]
    m.attendees = [
        dataclasses.replace(a, presence=Presence.LEAVE, reason="外出")
        if a.member_id == _id(quiet_book, who)
        else a
        for a in m.attendees
    ]
    label = {"host": "主持人", "recorder": "记录人"}[role]
    with pytest.raises(RuleViolation, match=f"{label}{who}在应到人员中标为“请假”"):
        quiet_book.meetings.save(m)
    assert quiet_book.meetings.all() == []


def test_the_demos_first_general_meeting_has_its_host_present(demo_book) -> None:
    """The demo had 主持人 刘建华 on leave at 2026年第1次支部党员大会: fixed."""
    titles = demo_book.meetings.titles()
    first = next(m for m in demo_book.meetings.all(2026) if "第1次支部党员大会" in titles[m.id])
    host = next(a for a in first.attendees if a.member_id == _id(demo_book, "刘建华"))
    assert first.host == "刘建华" and host.presence is Presence.PRESENT
    names = demo_book.members.names()
    for m in demo_book.meetings.all(2026):  # every demo meeting passes today's checks
        assert demo_book.meetings.problems(m) == [], titles[m.id]
        officers = {m.host, m.recorder}
        assert all(
            a.presence is Presence.PRESENT for a in m.attendees if names[a.member_id] in officers
        )


# 党小组会 per group, the committee, frequencies ----------------------------------------------
def test_each_party_group_holds_its_own_meeting(quiet_book) -> None:
    before = _meeting_titles(quiet_book)
    assert "2026年11月党小组会（第一党小组）尚未召开" in before
    assert "2026年11月党小组会（第二党小组）尚未召开" in before
    on = date(2026, 11, 12)
    people = quiet_book.meetings.default_attendees(MeetingKind.GROUP, "第一党小组", on)
    quiet_book.meetings.save(
        Meeting(MeetingKind.GROUP, on, group="第一党小组", attendees=people, host="赵春梅")
    )
    after = _meeting_titles(quiet_book)
    assert "2026年11月党小组会（第一党小组）尚未召开" not in after
    assert "2026年11月党小组会（第二党小组）尚未召开" in after  # one group does not count for both
    groups = [r for r in quiet_book.meetings.compliance(2026) if r.kind is MeetingKind.GROUP]
    assert len(groups) == 2 * 11 and {r.group for r in groups} == {"第一党小组", "第二党小组"}


def _small_branch(tmp_path, full: int, post: str = "") -> Book:
    book = Book.open(tmp_path / f"b{full}.sqlite", clock=lambda: NOW)
    book.save_branch(Branch(name="某村小学党支部"))
    for i in range(full):
        joined = date(2000 + i, 7, 1)
        book.members.add(
            Member(
                f"党员{'甲乙丙丁戊己庚辛壬癸'[i]}",
                Stage.FULL,
                sex="女",
                joined_on=joined,
                full_on=joined.replace(year=joined.year + 1),
                party_post=post if i == 0 else "",
            )
        )
    return book


@pytest.mark.parametrize(("full", "reminded"), [(5, False), (6, False), (7, True), (9, True)])
def test_a_branch_without_a_committee_is_not_asked_for_committee_meetings(
    tmp_path, full, reminded
) -> None:
    """Below 7 full members the rules expect no committee (不设支委会); from 7 a reminder that
    one should be set up takes the place of the monthly 支委会."""
    book = _small_branch(tmp_path, full)
    try:
        assert MeetingKind.COMMITTEE not in book.meetings.required()
        assert MeetingKind.GROUP not in book.meetings.required()  # no groups either
        items = [i for i in book.due_items() if i.kind == "meeting"]
        assert not [i for i in items if "支部委员会会议" in i.title or "党小组会" in i.title]
        reminder = [i for i in items if "应当设立支部委员会" in i.title]
        assert bool(reminder) is reminded
        if reminded:
            assert f"有正式党员 {full} 名" in reminder[0].title
            assert "7人以上" in reminder[0].basis and "支部工作条例" in reminder[0].basis
            assert reminder[0].date == date(2026, 11, 30)
    finally:
        book.close(auto_backup=False)


def test_a_branch_with_a_secretary_only_is_asked_for_committee_meetings(tmp_path) -> None:
    book = _small_branch(tmp_path, 5, post="书记")
    try:
        assert MeetingKind.COMMITTEE in book.meetings.required()
        assert "2026年11月支部委员会会议尚未召开" in _meeting_titles(book)
    finally:
        book.close(auto_backup=False)


def test_not_required_round_trips_and_asks_nothing(quiet_book) -> None:
    frequency = quiet_book.meetings.frequency()
    frequency[MeetingKind.LIFE] = NOT_REQUIRED
    frequency[MeetingKind.THEME_DAY] = NOT_REQUIRED
    quiet_book.meetings.save_frequency(frequency)
    assert quiet_book.meetings.frequency() == frequency
    assert MeetingKind.LIFE not in quiet_book.meetings.required()
    titles = _meeting_titles(quiet_book)
    assert not [t for t in titles if "组织生活会" in t or "主题党日" in t]
    assert not [r for r in quiet_book.meetings.compliance(2026) if r.kind is MeetingKind.LIFE]
    with pytest.raises(RuleViolation, match="不适用"):
        quiet_book.meetings.save_frequency({MeetingKind.LIFE: "weekly"})


# the 书记's 党课 ------------------------------------------------------------------------------
def _lecture(book, on: date, lecturer: str) -> None:
    people = book.meetings.default_attendees(MeetingKind.LECTURE, on=on)
    book.meetings.save(
        Meeting(MeetingKind.LECTURE, on, attendees=people, lecturer=lecturer, host="刘建华")
    )


def test_the_secretarys_lecture_is_due_until_given(quiet_book) -> None:
    [item] = [i for i in quiet_book.due_items() if "尚未讲党课" in i.title]
    assert item.title == "2026年书记刘建华尚未讲党课" and item.kind == "meeting"
    assert (item.date, item.type, item.state) == (date(2026, 12, 31), "deadline", "later")
    assert "党支部书记每年至少为党员讲1次党课" in item.basis and "支部工作条例" in item.basis
    soon = [i for i in quiet_book.meetings.due_items(date(2026, 12, 10)) if "党课" in i.title]
    assert [i.state for i in soon if "书记" in i.title] == ["soon"]
    _lecture(quiet_book, date(2026, 10, 25), "王志强")  # another lecturer does not count
    assert [i for i in quiet_book.due_items() if "尚未讲党课" in i.title]
    _lecture(quiet_book, date(2026, 11, 5), "刘建华书记")
    assert not [i for i in quiet_book.due_items() if "尚未讲党课" in i.title]


def test_the_demo_secretary_gave_his_lectures(demo_book) -> None:
    assert not [i for i in demo_book.due_items() if "尚未讲党课" in i.title]


# 取消预备党员资格 ------------------------------------------------------------------------------
def _cancel(book, yes: int, on: date = date(2026, 11, 20)) -> tuple[Meeting, int]:
    person = _id(book, "谢婷")
    vote = Vote(VoteOn.CANCEL.matter("谢婷"), yes=yes, no=17 - yes, member_id=person, step=-1)
    return dataclasses.replace(_general(book, on), votes=[vote]), person


def test_a_passed_vote_cancels_the_qualification_on_the_meetings_day(quiet_book) -> None:
    m, person = _cancel(quiet_book, yes=12)
    saved = quiet_book.meetings.save(m)
    gone = quiet_book.members.get(person)
    assert (gone.left_reason, gone.left_on) == (LeaveReason.CANCELLED, date(2026, 11, 20))
    assert "2026年第1次支部党员大会表决取消预备党员资格" in gone.left_note
    assert "须报上级党组织批准" in gone.left_note
    assert quiet_book.meetings.all()[0].votes[0].step == VoteOn.CANCEL
    quiet_book.meetings.save(saved)  # editing the meeting again records nothing twice
    assert quiet_book.members.get(person).left_on == date(2026, 11, 20)
    assert person not in {
        a.member_id for a in quiet_book.meetings.default_attendees(MeetingKind.GENERAL)
    }


def test_a_failed_vote_to_cancel_changes_nothing(quiet_book) -> None:
    m, person = _cancel(quiet_book, yes=8)  # 8 of 17: not more than half
    quiet_book.meetings.save(m)
    assert quiet_book.members.get(person).active


def test_only_a_probationary_member_can_have_the_qualification_cancelled(quiet_book) -> None:
    m, _ = _cancel(quiet_book, yes=12)
    full = _id(quiet_book, "黄伟")
    vote = dataclasses.replace(m.votes[0], matter="取消黄伟的预备党员资格", member_id=full)
    with pytest.raises(RuleViolation, match="只有预备党员才能被取消预备党员资格"):
        quiet_book.meetings.save(dataclasses.replace(m, votes=[vote]))
    assert quiet_book.meetings.all() == [] and quiet_book.members.get(full).active


def test_a_cancel_vote_at_a_committee_meeting_is_refused(quiet_book) -> None:
    on = date(2026, 11, 20)
    people = quiet_book.meetings.default_attendees(MeetingKind.COMMITTEE, on=on)
    vote = Vote("取消谢婷的预备党员资格", yes=4, member_id=_id(quiet_book, "谢婷"), step=-1)
    m = Meeting(MeetingKind.COMMITTEE, on, attendees=people, votes=[vote])
    with pytest.raises(RuleViolation, match="须由支部党员大会讨论表决"):
        quiet_book.meetings.save(m)


def test_a_member_transferred_out_is_not_flagged_for_meetings_before_leaving(demo_book):
    """林海 (转出 2026-03) was 应到 at the first meetings of the year; gone, he is not told
    he has been six months without 组织生活."""
    stats = demo_book.meetings.attendance(2026)
    lin = _id(demo_book, "林海")
    assert stats[lin].expected > 0 and stats[lin].flag == ""
    assert all(a.member_id != lin for a in _general(demo_book, date(2026, 6, 1)).attendees)
