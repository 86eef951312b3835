"""Typed changes: every write announces the areas it changed, once, after it commits; a write
that fails announces nothing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from partybook.book import Change
from partybook.domain.errors import PartyBookError
from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.rules import Practice
from partybook.domain.study import Session
from partybook.domain.talks import Talk

DAY = date(2026, 11, 20)


def _first(book, stage: Stage) -> Member:
    return next(m for m in book.members.all(include_left=False) if m.stage is stage)


def _talk(book) -> Talk:
    a, b = book.members.all(include_left=False)[:2]
    return Talk(DAY, a.id, "思想交流", second_id=b.id)


WRITES = {
    "a new member": (
        lambda b: b.members.add(Member(name="新来的", stage=Stage.APPLICANT)),
        Change.MEMBERS,
    ),
    "the branch's details": (lambda b: b.save_branch(Branch(name="改名支部")), Change.BRANCH),
    "the practice": (lambda b: b.rules.save_practice(Practice(soon_days=20)), Change.SETTINGS),
    "a talk": (lambda b: b.talks.save(_talk(b)), Change.TALKS),
    "a study session": (
        lambda b: b.study.save(
            Session(DAY, "学习党章", "集中学习", 2.0, participants=(_first(b, Stage.FULL).id,))
        ),
        Change.STUDY,
    ),
    "a meeting": (
        lambda b: b.meetings.save(
            Meeting(
                MeetingKind.COMMITTEE,
                DAY,
                attendees=b.meetings.default_attendees(MeetingKind.COMMITTEE),
            )
        ),
        Change.MEETINGS,
    ),
    "the committee's term": (
        lambda b: b.committee.set_term_start(date(2025, 1, 5)),
        Change.COMMITTEE,
    ),
    "the layouts": (lambda b: b.layouts.save(b.layouts.current()), Change.LAYOUTS),
    "a material ticked": (
        lambda b: b.pipeline.tick_material(_first(b, Stage.ACTIVIST).id, "入党申请书", True),
        Change.PIPELINE,
    ),
}


@pytest.mark.parametrize("what", WRITES)
def test_each_write_announces_its_area_once_after_it_commits(demo_book, what) -> None:
    write, area = WRITES[what]
    heard: list[Change] = []
    generations = []
    demo_book.subscribe(
        lambda change: (heard.append(change), generations.append(demo_book.generation()))
    )
    before = demo_book.generation()
    write(demo_book)
    assert len(heard) == 1, heard
    assert area & heard[0], (area, heard[0])
    assert generations[0] != before  # heard after the write, not before it


def test_a_meeting_with_a_passed_vote_announces_the_step_and_the_roster(demo_book) -> None:
    """The vote's step is a write inside the meeting's write: one announcement of both."""
    from partybook.domain.meetings import Presence, Vote

    candidate = _first(demo_book, Stage.CANDIDATE)
    attendees = [
        dataclasses.replace(a, presence=Presence.PRESENT)
        for a in demo_book.meetings.default_attendees(MeetingKind.GENERAL)
    ]
    voters = sum(1 for a in attendees if a.can_vote)
    meeting = Meeting(
        MeetingKind.GENERAL,
        DAY,
        attendees=attendees,
        votes=[
            Vote(f"接收{candidate.name}为预备党员", voters, 0, 0, member_id=candidate.id, step=15)
        ],
    )
    heard: list[Change] = []
    demo_book.subscribe(heard.append)
    demo_book.meetings.save(meeting)
    assert len(heard) == 1
    assert Change.MEETINGS | Change.PIPELINE | Change.MEMBERS in heard[0]
    assert demo_book.pipeline.path_of(candidate.id).on(15) == DAY  # the step, in the same write


def test_a_refused_write_announces_nothing(demo_book) -> None:
    heard: list[Change] = []
    demo_book.subscribe(heard.append)
    with pytest.raises(PartyBookError):
        demo_book.talks.save(Talk(date(2030, 1, 1), demo_book.members.all()[0].id, "未来的谈话"))
    with pytest.raises(PartyBookError):
        demo_book.save_branch(Branch(name=""))
    assert heard == []


def test_a_write_that_fails_inside_its_transaction_announces_nothing(demo_book) -> None:
    heard: list[Change] = []
    demo_book.subscribe(heard.append)
    with pytest.raises(RuntimeError), demo_book._core.writing(Change.TALKS):
        raise RuntimeError("the disk went away")
    with demo_book._core.writing(Change.DUES):
        pass
    assert heard == [Change.DUES]  # the failed one left nothing pending behind


def test_restore_announces_everything(demo_book, tmp_path) -> None:
    copy = demo_book.backup_to(tmp_path / "copy.sqlite")
    heard: list[Change] = []
    demo_book.subscribe(heard.append)
    demo_book.restore_from(copy)
    assert heard == [Change.everything()]


def test_unsubscribing_stops_the_announcements(demo_book) -> None:
    heard: list[Change] = []
    stop = demo_book.subscribe(heard.append)
    stop()
    demo_book.save_branch(Branch(name="改名支部"))
    assert heard == []
