"""The Book's meeting verbs: expected attendees, saving a meeting, compliance and attendance."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

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


class MeetingsBook:
    """Mixed into Book: needs self._store, self.members() and self.today()."""

    def meetings(self, year: int | None = None, *, attendees: bool = True) -> list[Meeting]:
        """The year's meetings; attendees=False leaves out attendance and votes (for lists)."""
        return self._store.meetings(year, attendees=attendees)

    def meeting_years(self) -> list[int]:
        """Years to choose from: this year and every year with a meeting, newest first."""
        return sorted({self.today().year, *self._store.years_with("meetings")}, reverse=True)

    def meeting_titles(self, year: int | None = None) -> dict[int, str]:
        """Each meeting's name (第 n 次 counts within its year), of every year or of one."""
        return meeting_titles(self._store.meeting_heads(year))

    def meeting_heads(
        self, year: int | None = None, kinds: Iterable[MeetingKind] | None = None
    ) -> list[Meeting]:
        """The meetings (of every kind or of `kinds`) with only id, date, kind, 党小组 and
        主题党日, for choosing one; meeting_titles() of them names them as among all."""
        return self._store.meeting_heads(year, kinds)

    def meeting_lines(self, year: int) -> list[MeetingLine]:
        """The year's meetings for a list: records without attendance, names, 应到 and 实到
        counted by the store rather than from 60 000 attendance rows read one by one."""
        meetings = self._store.meetings(year, attendees=False)
        titles = meeting_titles(meetings)  # the number counts within the year
        counts = self._store.meeting_counts(year)
        return [MeetingLine(m, titles[m.id], *counts.get(m.id, (0, 0))) for m in meetings]

    def default_attendees(self, kind: MeetingKind, group: str = "") -> list[Attendee]:
        """Who should attend a new meeting of this kind; full members can vote."""
        people = expected_attendees(kind, self.members(include_left=False), group)
        return [Attendee(m.id, can_vote=m.stage is Stage.FULL) for m in people]

    def last_meeting(self, kind: MeetingKind) -> Meeting | None:
        """The most recent meeting of a kind, to copy its place, host, recorder and list."""
        found = [m for m in self._store.meetings(attendees=False) if m.kind is kind]
        return self._store.one_meeting(found[-1].id) if found else None

    def save_meeting(self, meeting: Meeting) -> Meeting:
        """Save a meeting with its attendance and votes in one write, if its record is sound.
        A passed vote on admitting or converting someone records that step of their path in
        the same write; if the rules refuse the step, nothing is saved."""
        problems = check_meeting(meeting, self.today())
        problems += voting_problems(
            meeting.attendees, {m.id: m for m in self.members()}, meeting.on
        )
        if problems:
            raise RuleViolation("；".join(problems))
        with self._store.atomic():
            saved = self._store.save_meeting(meeting)
            self._record_vote_steps(saved)
            self._sync_study_with(saved)
        return saved

    def _record_vote_steps(self, meeting: Meeting) -> None:
        if not meeting.votes:
            return
        title = self.meeting_titles(meeting.on.year).get(meeting.id, meeting.kind.value)
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
            path = self.path_of(vote.member_id)
            existing = path.step(vote.step)
            if existing is not None and existing.on == meeting.on:
                continue  # already recorded (e.g. the meeting was edited)
            try:
                self.record_event(
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
                name = self.member(vote.member_id).name
                raise RuleViolation(
                    f"表决通过，但不能记入{name}的发展纪实：{exc}\n会议没有保存。"
                ) from exc

    def signin_sheet(self, meeting: Meeting):
        """The printable 签到表 of a meeting (saved or about to be held)."""
        from partybook.export.printables import signin_sheet

        titles = self.meeting_titles()
        title = titles.get(meeting.id) if meeting.id else None
        if title is None:  # not saved yet: its number is the next of the year
            same = [
                m
                for m in self._store.meetings(meeting.on.year)
                if m.kind is meeting.kind and m.group == meeting.group
            ]
            group = meeting.group if meeting.kind is MeetingKind.GROUP else ""
            title = f"{meeting.on.year}年{group}第{len(same) + 1}次{meeting.kind.value}"
        names = {m.id: m.name for m in self.members()}
        return signin_sheet(self.branch(), title, meeting, names)

    def minutes_html(self, meeting: Meeting) -> str:
        """The printable 会议记录 of a saved meeting."""
        from partybook.export.printables import minutes_html

        title = self.meeting_titles().get(meeting.id, meeting.kind.value)
        names = {m.id: m.name for m in self.members()}
        return minutes_html(self.branch(), title, meeting, names)

    def meeting(self, meeting_id: int) -> Meeting:
        found = self._store.one_meeting(meeting_id)
        if found is None:
            raise RuleViolation(f"没有编号为 {meeting_id} 的会议；用 partybook meetings 查看编号。")
        return found

    def export_meetings(self, target, year: int) -> int:
        """Write the year's 三会一课 workbook; returns the number of meetings."""
        from partybook.export.meetings import write_meetings_ledger

        names = {m.id: m.name for m in self.members()}
        return write_meetings_ledger(
            target,
            self.branch(),
            year,
            self.meetings(year),
            self.meeting_titles(),
            names,
            self.attendance(year),
            self.today(),
        )

    def meeting_frequency(self) -> dict[MeetingKind, str]:
        """How often each kind must be held (month/quarter/year); a setting, 条例 defaults."""
        values = self._store.settings()
        found = {}
        for kind, default in DEFAULT_FREQUENCY.items():
            chosen = values.get(f"{_FREQ_PREFIX}{kind.name}", default)
            found[kind] = chosen if chosen in _EVERY_WORDS else default
        return found

    def save_meeting_frequency(self, frequency: dict[MeetingKind, str]) -> None:
        bad = [k.value for k, v in frequency.items() if v not in _EVERY_WORDS]
        if bad:
            raise RuleViolation(f"会议频次只能是每月、每季度或每年：{'、'.join(bad)}")
        self._store.put_settings({f"{_FREQ_PREFIX}{k.name}": v for k, v in frequency.items()})

    def meeting_compliance(self, year: int, until: date | None = None) -> list[Requirement]:
        held = [Held(m.on, m.kinds) for m in self._store.meeting_heads(year)]
        return compliance(held, year, until or self.today(), self.meeting_frequency())

    def expected_everywhere(self, progress: Progress | None = None) -> dict[int, date | None]:
        """Everyone expected at any meeting, in order of first appearance, with the last day
        each attended one."""
        return self._store.expected_everywhere(progress)

    def attendance(self, year: int, progress: Progress | None = None) -> dict[int, AttendanceStat]:
        """Each member's attendance figures of the year (everyone ever expected at a meeting,
        in order of first appearance); progress(done, total) between the queries."""
        report = progress or (lambda done, total: None)
        everywhere = self.expected_everywhere(progress)
        report(1, 2)
        counts = self._store.year_attendance(year)
        report(2, 2)
        return attendance_from_counts(counts, everywhere, self.today())

    def meeting_due_items(self, on: date | None = None) -> list[DueItem]:
        """Required meetings of the current periods not held yet (kind "meeting")."""
        day = on or self.today()
        items = []
        for req in self.meeting_compliance(day.year, day):
            if req.met or not req.period.start <= day <= req.period.end:
                continue
            soon = req.period.end <= day + timedelta(days=self.practice().soon_days)
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


_EVERY_WORDS = {"month": "每月", "quarter": "每季度", "year": "每年"}
_FREQ_PREFIX = "meetings.frequency."
