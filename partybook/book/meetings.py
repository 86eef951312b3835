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
from partybook.domain.dates import add_months
from partybook.domain.deadlines import DEADLINE, DueItem, urgency_state
from partybook.domain.errors import RuleViolation
from partybook.domain.meetings import (
    DEFAULT_FREQUENCY,
    FREQUENCIES,
    FREQUENCY_WORDS,
    NOT_REQUIRED,
    AttendanceStat,
    Attendee,
    Held,
    Meeting,
    MeetingKind,
    MeetingLine,
    Moves,
    Quorum,
    Requirement,
    Roll,
    VoteOn,
    absent_voters,
    attendance_from_counts,
    check_meeting,
    committee_missing,
    compliance,
    count_vote,
    lectures_by,
    meeting_titles,
    officer_problems,
    party_groups,
    quorum,
    roll_call,
    roll_problems,
    vote_on,
    vote_subject_problems,
    voting_problems,
)
from partybook.domain.members import LeaveReason
from partybook.domain.pipeline import Event, Kind
from partybook.domain.progress import Progress
from partybook.domain.rules import MEETING_RULES
from partybook.domain.study import follow_meeting
from partybook.domain.transfers import moves as transfer_moves
from partybook.store import meetings as meeting_store
from partybook.store import study as study_store
from partybook.store import transfers as transfer_store

# A saved meeting may record a passed vote's step (the person's path and stage) and moves the
# study sessions linked to it.
SAVE_CHANGE = Change.MEETINGS | Change.PIPELINE | Change.MEMBERS | Change.STUDY
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

    def moves(self) -> Moves:
        """Each member's 组织关系转接 as (day, arriving), from the transfers log: who was on
        the roster on a day depends on them (a member transferred in later was not)."""
        return transfer_moves(transfer_store.load_transfers())

    def roll(self, kind: MeetingKind, on: date, group: str = "") -> Roll:
        """Who should attend a meeting of `kind` on `on` by the roster as it was that day
        (应到), who may be listed, and who had a vote (full members not under 留党察看)."""
        return roll_call(
            kind,
            self._members.all(),
            on,
            group,
            self.moves(),
            self._members.without_vote(on),
        )

    def default_attendees(
        self, kind: MeetingKind, group: str = "", on: date | None = None
    ) -> list[Attendee]:
        """Who should attend a meeting of this kind on `on` (default today) by the roster that
        day, each marked with their vote (full members not under 留党察看)."""
        roll = self.roll(kind, on or self._core.today(), group)
        return [Attendee(i, can_vote=i in roll.voters) for i in roll.expected]

    def problems(self, meeting: Meeting) -> list[str]:
        """Everything that stops the meeting from being saved, in Chinese (empty: it can be):
        the record, the list against the roster on the day (应到), votes where there are none,
        the host and the recorder present, the quorum and each vote's threshold."""
        roll = self.roll(meeting.kind, meeting.on, meeting.group)
        people = {m.id: m for m in self._members.all()}
        problems = roll_problems(meeting, roll)
        problems += officer_problems(meeting, roll.names)
        problems += check_meeting(meeting, self._core.today(), roll)
        problems += voting_problems(
            [a for a in meeting.attendees if a.member_id not in roll.without_vote],
            people,
            meeting.on,
        )
        for vote in meeting.votes:
            problems += vote_subject_problems(vote, people.get(vote.member_id), meeting.on)
        return problems

    def quorum(self, meeting: Meeting) -> Quorum:
        """The quorum of the meeting with 应到有表决权 from the roster on its day."""
        return quorum(meeting.attendees, self.roll(meeting.kind, meeting.on, meeting.group))

    def last(self, kind: MeetingKind) -> Meeting | None:
        """The most recent meeting of a kind, to copy its place, host, recorder and list."""
        found = [m for m in meeting_store.load_meetings(attendees=False) if m.kind is kind]
        return self.get(found[-1].id) if found else None

    def save(self, meeting: Meeting) -> Meeting:
        """Save a meeting with its attendance and votes in one write, if its record is sound.
        A passed vote on admitting or converting someone records that step of their path in
        the same write; if the rules refuse the step, nothing is saved."""
        problems = self.problems(meeting)
        if problems:
            raise RuleViolation("\n".join([*problems, "会议没有保存。"]))
        with self._core.writing(SAVE_CHANGE):
            saved = meeting_store.save_meeting(meeting)
            self._record_vote_steps(saved, self.quorum(saved))
            for s in study_store.load_sessions(meeting_id=saved.id):  # linked sessions follow
                study_store.save_session(follow_meeting(s, saved))
        return saved

    def _record_vote_steps(self, meeting: Meeting, q: Quorum) -> None:
        """A passed vote about a person: admission (15) and conversion (23) are steps of their
        path; cancelling a probationary member's qualification is their leaving the roster
        with that reason on the meeting's day (党章第七条). In the meeting's write."""
        if not meeting.votes:
            return
        title = self.titles(meeting.on.year).get(meeting.id, meeting.kind.value)
        for vote in meeting.votes:
            kind = vote_on(vote.step)
            if vote.member_id is None or kind is None:
                continue
            result = count_vote(vote, q, absent_voters(q))
            if not result.passed:
                continue
            if kind is VoteOn.CANCEL:
                self._cancel_probation(vote.member_id, meeting, title, result.text())
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

    def _cancel_probation(self, member_id: int, meeting: Meeting, title: str, text: str) -> None:
        member = self._members.get(member_id)
        if member.left_reason is LeaveReason.CANCELLED and member.left_on == meeting.on:
            return  # recorded when the meeting was first saved
        try:
            self._members.leave(
                member_id,
                LeaveReason.CANCELLED,
                meeting.on,
                f"{title}表决取消预备党员资格：{text}须报上级党组织批准。",
            )
        except RuleViolation as exc:
            raise RuleViolation(
                f"表决通过，但不能记录{member.name}取消预备党员资格：{exc}\n会议没有保存。"
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

    def minutes_docx(self, meeting: Meeting | int, target):
        """The 会议记录 of a saved meeting (or its id) as an editable Word document: the same
        content as minutes_html, with the signature lines."""
        from partybook.export.documents import write_minutes
        from partybook.export.printables import minutes_parts

        if isinstance(meeting, int):
            meeting = self.get(meeting)
        title = self.titles().get(meeting.id, meeting.kind.value)
        parts = minutes_parts(self._core.branch(), title, meeting, self._members.names())
        return write_minutes(target, parts)

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
        """How often each kind must be held (month/quarter/year, or NOT_REQUIRED: 不适用); a
        setting, 条例 defaults."""
        values = self._core.settings()
        found = {}
        for kind, default in DEFAULT_FREQUENCY.items():
            chosen = values.get(f"{_FREQ_PREFIX}{kind.name}", default)
            found[kind] = chosen if chosen in FREQUENCIES else default
        return found

    def save_frequency(self, frequency: dict[MeetingKind, str]) -> None:
        bad = [k.value for k, v in frequency.items() if v not in FREQUENCIES]
        if bad:
            raise RuleViolation(f"会议频次只能是每月、每季度或每年，或者不适用：{'、'.join(bad)}")
        self._core.put_settings({f"{_FREQ_PREFIX}{k.name}": v for k, v in frequency.items()})

    def required(self) -> dict[MeetingKind, str]:
        """The frequency of each kind this branch must hold: not the kinds set to 不适用;
        党小组会 only where the branch has party groups, 支部委员会会议 only where it has a
        committee (whoever holds a 党内职务; 支部工作条例: below 7 full members none is set
        up, and a branch of 7 or more without one is reminded of it in due_items)."""
        found = {k: v for k, v in self.frequency().items() if v != NOT_REQUIRED}
        people = self._members.all(include_left=False)
        if not party_groups(people):
            found.pop(MeetingKind.GROUP, None)
        if not any(m.party_post.strip() for m in people):
            found.pop(MeetingKind.COMMITTEE, None)
        return found

    @kept
    def compliance(self, year: int, until: date | None = None) -> list[Requirement]:
        """The required meetings of the year's periods begun by `until`, each 党小组 its own
        党小组会; in a book opened (建账) during or after the year, not the periods that
        ended before the opening."""
        held = [Held(m.on, m.kinds, m.group) for m in meeting_store.load_meeting_heads(year)]
        day = until or self._core.today()
        groups = party_groups(self._members.all(include_left=False))
        return compliance(held, year, day, self.required(), self._opening.date(), groups)

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
        gone = {m.id for m in people if not m.active}  # their 组织生活 is elsewhere now
        return attendance_from_counts(
            counts, everywhere, self._core.today(), since, meeting_store.last_excused(), gone
        )

    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """Required meetings of the current periods not held yet (kind "meeting"), each
        党小组's own; a branch of 7 or more full members without a committee; the 书记's
        yearly 党课 not given yet."""
        day = on or self._core.today()
        soon_days = self._rules.practice().soon_days
        items = []
        for req in self.compliance(day.year, day):
            if req.met or not req.period.start <= day <= req.period.end:
                continue
            soon = req.period.end <= day + timedelta(days=soon_days)
            basis = f"按规定{FREQUENCY_WORDS[req.period.kind]}至少召开一次"
            if req.group:
                basis += f"；{MEETING_RULES.cite('group_meetings_per_month')}"
            items.append(
                DueItem(
                    "meeting",
                    "",
                    None,
                    None,
                    f"{req.period.label}{req.name}尚未召开",
                    req.period.end,
                    DEADLINE,
                    "soon" if soon else "later",
                    basis,
                )
            )
        people = self._members.all(include_left=False)
        full = committee_missing(people)
        if full is not None:
            month_end = add_months(date(day.year, day.month, 1), 1) - timedelta(days=1)
            items.append(
                DueItem(
                    "meeting",
                    "",
                    None,
                    None,
                    f"本支部有正式党员 {full} 名，应当设立支部委员会（尚未登记支委）",
                    month_end,
                    DEADLINE,
                    urgency_state(DEADLINE, month_end, day, soon_days),
                    f"{MEETING_RULES.cite('committee_min_full_members')}；选出支委后在花名册"
                    "登记党内职务，此后按月提醒支部委员会会议",
                )
            )
        items += self._secretary_lecture(people, day, soon_days)
        return items

    def _secretary_lecture(self, people, day: date, soon_days: int) -> list[DueItem]:
        """The 书记 gives at least one 党课 a year (支部工作条例): the year's 党课 whose 主讲人
        names the active member whose 党内职务 is 书记."""
        secretary = next((m for m in people if m.party_post.strip() == "书记"), None)
        if secretary is None:
            return []
        lectures = [m for m in self.all(day.year, attendees=False) if m.on <= day]
        if lectures_by(lectures, secretary.name, day.year):
            return []
        end = date(day.year, 12, 31)
        return [
            DueItem(
                "meeting",
                secretary.name,
                secretary.id,
                None,
                f"{day.year}年书记{secretary.name}尚未讲党课",
                end,
                DEADLINE,
                urgency_state(DEADLINE, end, day, soon_days),
                f"{MEETING_RULES.cite('secretary_lectures_per_year')}；"
                "记党课时把书记写在“党课主讲人”中",
            )
        ]
