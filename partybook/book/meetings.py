"""三会一课: expected attendees, saving a meeting with its votes, compliance and attendance."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.book.opening import BookOpening
from partybook.book.pipeline import Pipeline
from partybook.book.rules import Rules
from partybook.domain.deadlines import DEADLINE, DueItem
from partybook.domain.errors import RuleViolation
from partybook.domain.meetings import (
    DEFAULT_FREQUENCY,
    AttendanceStat,
    Attendee,
    Held,
    Meeting,
    MeetingKind,
    MeetingLine,
    Presence,
    Requirement,
    attendance_from_counts,
    check_meeting,
    compliance,
    count_vote,
    expected_attendees,
    meeting_titles,
    quorum,
    voting_problems,
)
from partybook.domain.members import Stage
from partybook.domain.pipeline import Event, Kind
from partybook.domain.progress import Progress
from partybook.domain.study import follow_meeting
from partybook.store import meetings as meeting_store
from partybook.store import study as study_store

# A saved meeting may record a passed vote's step (the person's path and stage) and moves the
# study sessions linked to it.
SAVE_CHANGE = Change.MEETINGS | Change.PIPELINE | Change.MEMBERS | Change.STUDY
_EVERY_WORDS = {"month": "每月", "quarter": "每季度", "year": "每年"}
_FREQ_PREFIX = "meetings.frequency."


def _own_lists(meetings: list[Meeting]) -> list[Meeting]:
    """Each caller's copy of kept meetings, with its own lists: a Meeting is edited in place."""
    return [
        dataclasses.replace(m, attendees=list(m.attendees), votes=list(m.votes)) for m in meetings
    ]


class Meetings:
    """book.meetings: the meetings of the branch, and what the rules ask of them."""

    def __init__(
        self,
        core: Core,
        members: Members,
        rules: Rules,
        pipeline: Pipeline,
        opening: BookOpening,
    ) -> None:
        self._core = core
        self._members = members
        self._rules = rules
        self._pipeline = pipeline
        self._opening = opening

    @kept(give=_own_lists)
    def all(self, year: int | None = None, *, attendees: bool = True) -> list[Meeting]:
        """The year's meetings (or every year's); attendees=False leaves out attendance and
        votes (for lists)."""
        return meeting_store.load_meetings(year, attendees=attendees)

    def years(self) -> list[int]:
        """Years to choose from: this year and every year with a meeting, newest first."""
        return sorted({self._core.today().year, *meeting_store.years()}, reverse=True)

    @kept
    def titles(self, year: int | None = None) -> dict[int, str]:
        """Each meeting's name (第 n 次 counts within its year), of every year or of one."""
        return meeting_titles(meeting_store.load_meeting_heads(year))

    def heads(
        self, year: int | None = None, kinds: Iterable[MeetingKind] | None = None
    ) -> list[Meeting]:
        """The meetings (of every kind or of `kinds`) with only id, date, kind, 党小组 and
        主题党日, for choosing one; titles() of them names them as among all."""
        return meeting_store.load_meeting_heads(year, kinds)

    @kept(give=list)
    def lines(self, year: int) -> list[MeetingLine]:
        """The year's meetings for a list: records without attendance, names, 应到 and 实到
        counted by the store rather than from 60 000 attendance rows read one by one. A line's
        meeting is read, never edited (get() gives one to edit)."""
        meetings = meeting_store.load_meetings(year, attendees=False)
        titles = meeting_titles(meetings)  # the number counts within the year
        counts = meeting_store.meeting_counts(year)
        return [MeetingLine(m, titles[m.id], *counts.get(m.id, (0, 0))) for m in meetings]

    def get(self, meeting_id: int) -> Meeting:
        found = meeting_store.load_meetings(meeting_id=meeting_id)
        if not found:
            raise RuleViolation(f"没有编号为 {meeting_id} 的会议；用 partybook meetings 查看编号。")
        return found[0]

    def default_attendees(self, kind: MeetingKind, group: str = "") -> list[Attendee]:
        """Who should attend a new meeting of this kind; full members can vote."""
        people = expected_attendees(kind, self._members.all(include_left=False), group)
        return [Attendee(m.id, can_vote=m.stage is Stage.FULL) for m in people]

    def last(self, kind: MeetingKind) -> Meeting | None:
        """The most recent meeting of a kind, to copy its place, host, recorder and list."""
        found = [m for m in meeting_store.load_meetings(attendees=False) if m.kind is kind]
        return self.get(found[-1].id) if found else None

    def save(self, meeting: Meeting) -> Meeting:
        """Save a meeting with its attendance and votes in one write, if its record is sound.
        A passed vote on admitting or converting someone records that step of their path in
        the same write; if the rules refuse the step, nothing is saved."""
        problems = check_meeting(meeting, self._core.today())
        problems += voting_problems(
            meeting.attendees, {m.id: m for m in self._members.all()}, meeting.on
        )
        if problems:
            raise RuleViolation("；".join(problems))
        with self._core.writing(SAVE_CHANGE):
            saved = meeting_store.save_meeting(meeting)
            self._record_vote_steps(saved)
            for s in study_store.load_sessions(meeting_id=saved.id):  # linked sessions follow
                study_store.save_session(follow_meeting(s, saved))
        return saved

    def _record_vote_steps(self, meeting: Meeting) -> None:
        if not meeting.votes:
            return
        title = self.titles(meeting.on.year).get(meeting.id, meeting.kind.value)
        q = quorum(meeting.attendees)
        absent = sum(
            1
            for a in meeting.attendees
            if a.can_vote and not a.excluded and a.presence is not Presence.PRESENT
        )
        for vote in meeting.votes:
            if vote.member_id is None or vote.step not in (15, 23):
                continue
            result = count_vote(vote, q, absent)
            if not result.passed:
                continue
            existing = self._pipeline.path_of(vote.member_id).step(vote.step)
            if existing is not None and existing.on == meeting.on:
                continue  # already recorded (e.g. the meeting was edited)
            try:
                self._pipeline.record_event(
                    Event(
                        vote.member_id,
                        Kind.STEP,
                        meeting.on,
                        step=vote.step,
                        meeting=title,
                        notes=result.text(),
                    )
                )
            except RuleViolation as exc:
                name = self._members.get(vote.member_id).name
                raise RuleViolation(
                    f"表决通过，但不能记入{name}的发展纪实：{exc}\n会议没有保存。"
                ) from exc

    # printouts and the workbook ---------------------------------------------
    def signin_sheet(self, meeting: Meeting):
        """The printable 签到表 of a meeting (saved or about to be held)."""
        from partybook.export.printables import signin_sheet

        title = self.titles().get(meeting.id) if meeting.id else None
        if title is None:  # not saved yet: its number is the next of the year
            same = [
                m
                for m in self.heads(meeting.on.year)
                if m.kind is meeting.kind and m.group == meeting.group
            ]
            group = meeting.group if meeting.kind is MeetingKind.GROUP else ""
            title = f"{meeting.on.year}年{group}第{len(same) + 1}次{meeting.kind.value}"
        return signin_sheet(self._core.branch(), title, meeting, self._members.names())

    def minutes_html(self, meeting: Meeting) -> str:
        """The printable 会议记录 of a saved meeting."""
        from partybook.export.printables import minutes_html

        title = self.titles().get(meeting.id, meeting.kind.value)
        return minutes_html(self._core.branch(), title, meeting, self._members.names())

    def export(self, target, year: int) -> int:
        """Write the year's 三会一课 workbook; returns the number of meetings."""
        from partybook.export.meetings import write_meetings_ledger

        return write_meetings_ledger(
            target,
            self._core.branch(),
            year,
            self.all(year),
            self.titles(),
            self._members.names(),
            self.attendance(year),
            self._core.today(),
        )

    # what the rules ask -----------------------------------------------------
    def frequency(self) -> dict[MeetingKind, str]:
        """How often each kind must be held (month/quarter/year); a setting, 条例 defaults."""
        values = self._core.settings()
        found = {}
        for kind, default in DEFAULT_FREQUENCY.items():
            chosen = values.get(f"{_FREQ_PREFIX}{kind.name}", default)
            found[kind] = chosen if chosen in _EVERY_WORDS else default
        return found

    def save_frequency(self, frequency: dict[MeetingKind, str]) -> None:
        bad = [k.value for k, v in frequency.items() if v not in _EVERY_WORDS]
        if bad:
            raise RuleViolation(f"会议频次只能是每月、每季度或每年：{'、'.join(bad)}")
        self._core.put_settings({f"{_FREQ_PREFIX}{k.name}": v for k, v in frequency.items()})

    def required(self) -> dict[MeetingKind, str]:
        """The frequency of each kind this branch must hold: 党小组会 only where the branch has
        party groups (支部工作条例: a branch without groups holds none)."""
        found = self.frequency()
        if not any(m.group.strip() for m in self._members.all(include_left=False)):
            found.pop(MeetingKind.GROUP, None)
        return found

    @kept
    def compliance(self, year: int, until: date | None = None) -> list[Requirement]:
        """The required meetings of the year's periods begun by `until`; in a book opened
        (建账) during or after the year, not the periods that ended before the opening."""
        held = [Held(m.on, m.kinds) for m in meeting_store.load_meeting_heads(year)]
        day = until or self._core.today()
        return compliance(held, year, day, self.required(), self._opening.date())

    @kept
    def expected_everywhere(self, *, progress: Progress | None = None) -> dict[int, date | None]:
        """Everyone expected at any meeting, in order of first appearance, with the last day
        each attended one."""
        return meeting_store.expected_everywhere(progress)

    @kept
    def attendance(
        self, year: int, *, progress: Progress | None = None
    ) -> dict[int, AttendanceStat]:
        """Each member's attendance figures of the year (everyone ever expected at a meeting,
        in order of first appearance); progress(done, total) between the queries."""
        report = progress or (lambda done, total: None)
        everywhere = self.expected_everywhere(progress=progress)
        report(1, 2)
        counts = meeting_store.year_attendance(year)
        report(2, 2)
        opening = self._opening.state()
        people = self._members.all()
        since = {m.id: opening.since(m) for m in people}
        return attendance_from_counts(
            counts, everywhere, self._core.today(), since, meeting_store.last_excused()
        )

    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """Required meetings of the current periods not held yet (kind "meeting")."""
        day = on or self._core.today()
        soon_days = self._rules.practice().soon_days
        items = []
        for req in self.compliance(day.year, day):
            if req.met or not req.period.start <= day <= req.period.end:
                continue
            soon = req.period.end <= day + timedelta(days=soon_days)
            items.append(
                DueItem(
                    "meeting",
                    "",
                    None,
                    None,
                    f"{req.period.label}{req.kind.value}尚未召开",
                    req.period.end,
                    DEADLINE,
                    "soon" if soon else "later",
                    f"按规定{_EVERY_WORDS[req.period.kind]}至少召开一次",
                )
            )
        return items
