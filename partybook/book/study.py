"""学习记录: sessions (linked to meetings or not), each member's hours, due items, outputs."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.meetings import Meetings
from partybook.book.members import Members
from partybook.book.opening import BookOpening
from partybook.book.rules import Rules
from partybook.domain.deadlines import DEADLINE, DueItem
from partybook.domain.errors import NotFound, RuleViolation
from partybook.domain.meetings import Meeting
from partybook.domain.rules import STUDY_RULES
from partybook.domain.study import (
    DEFAULT_FORMS,
    MemberHours,
    Session,
    StudySettings,
    check_session,
    follow_meeting,
    hours_text,
    member_hours,
)
from partybook.domain.transfers import moves as transfer_moves
from partybook.store import study as study_store
from partybook.store import transfers as transfer_store

_KEYS = {"member_hours": "study.member_hours", "leader_hours": "study.leader_hours"}
_PERSONAL_KEY = "study.count_personal"  # whether a member's own study counts in the 学时


class Study:
    """book.study: the branch's study sessions and personal study, and the hours they make."""

    def __init__(
        self,
        core: Core,
        members: Members,
        rules: Rules,
        meetings: Meetings,
        opening: BookOpening,
    ) -> None:
        self._core = core
        self._members = members
        self._rules = rules
        self._meetings = meetings
        self._opening = opening

    # settings ---------------------------------------------------------------
    def settings(self) -> StudySettings:
        v = self._core.settings()
        default = StudySettings()
        forms = tuple(f for f in v.get("study.forms", "").split("、") if f.strip())
        try:
            return StudySettings(
                float(v.get(_KEYS["member_hours"], default.member_hours)),
                float(v.get(_KEYS["leader_hours"], default.leader_hours)),
                forms or DEFAULT_FORMS,
                v.get(_PERSONAL_KEY, "1") != "0",
            )
        except ValueError:
            return default

    def save_settings(self, s: StudySettings) -> None:
        if not 0 < s.member_hours <= 500 or not 0 < s.leader_hours <= 500:
            raise RuleViolation("每年学时要求应在 1 到 500 之间。")
        forms = [f.strip() for f in s.forms if f.strip()]
        if not forms:
            raise RuleViolation("学习形式至少要有一种。")
        if any("、" in f for f in forms):
            raise RuleViolation("学习形式的名称里不能有顿号“、”。")
        self._core.put_settings(
            {
                _KEYS["member_hours"]: f"{s.member_hours:g}",
                _KEYS["leader_hours"]: f"{s.leader_hours:g}",
                "study.forms": "、".join(dict.fromkeys(forms)),
                _PERSONAL_KEY: "1" if s.count_personal else "0",
            }
        )

    # sessions ---------------------------------------------------------------
    def sessions(self, year: int | None = None) -> list[Session]:
        return study_store.load_sessions(year)

    def group_study(self, year: int) -> tuple[int, float]:
        """The year's branch sessions and their hours, counted by the store (not read)."""
        return study_store.group_study(year)

    def years(self) -> list[int]:
        """Years to choose from: this year and every year with study, newest first."""
        return sorted({self._core.today().year, *study_store.years()}, reverse=True)

    def session(self, session_id: int) -> Session:
        found = [s for s in study_store.load_sessions() if s.id == session_id]
        if not found:
            raise NotFound(
                f"没有编号为 {session_id} 的学习记录；用 partybook study --sessions 查看。"
            )
        return found[0]

    def last_session(self) -> Session | None:
        """The most recent branch session, for "copy from previous session"."""
        found = [s for s in study_store.load_sessions() if not s.personal]
        return found[-1] if found else None

    def default_participants(self) -> tuple[int, ...]:
        """Everyone who is expected at a branch session: the active members."""
        return tuple(m.id for m in self._members.all(include_left=False) if m.stage.is_member)

    def from_meeting(self, s: Session, meeting: Meeting) -> Session:
        """A session linked to a meeting takes its date, place, presenter and who was present."""
        return follow_meeting(s, meeting)

    def check(self, s: Session) -> list[str]:
        problems = check_session(s, self._core.today())
        people = {m.id: m for m in self._members.all()}
        for member_id in s.participants:
            m = people.get(member_id)
            if m is None:
                problems.append(f"花名册中没有编号为 {member_id} 的人员。")
            elif m.left_on is not None and m.left_reason is not None and m.left_on < s.on:
                problems.append(
                    f"{m.name} 已于 {m.left_on} 离开支部（{m.left_reason.value}），"
                    f"不能记入 {s.on} 的学习。"
                )
        return problems

    def save(self, s: Session) -> Session:
        """Save a study session (or personal study) with its participants in one write."""
        if s.meeting_id is not None:
            s = follow_meeting(s, self._meetings.get(s.meeting_id))
        s = dataclasses.replace(
            s,
            topic=s.topic.strip(),
            form=s.form.strip(),
            participants=tuple(dict.fromkeys(s.participants)),
        )
        problems = self.check(s)
        if problems:
            raise RuleViolation("；".join(problems))
        with self._core.writing(Change.STUDY):
            return study_store.save_session(s)

    def delete(self, session_id: int) -> None:
        with self._core.writing(Change.STUDY):
            study_store.delete_session(session_id)

    # hours ------------------------------------------------------------------
    @kept
    def hours(self, year: int, on: date | None = None) -> list[MemberHours]:
        """Every member of the year with hours, requirement and the target on the day (with
        the 期初数据 hours and, in a book opened during the year, judged as domain.study says)."""
        return member_hours(
            self._members.all(),
            study_store.load_sessions(year),
            year,
            on or self._core.today(),
            self.settings(),
            self._opening.state(),
            self.arrivals(year),
        )

    def arrivals(self, year: int) -> dict[int, date]:
        """The day each member last transferred in (转入) up to the year's end: like joining,
        their requirement runs from it and their study counts from it."""
        end = date(year, 12, 31)
        found = {}
        for member_id, moved in transfer_moves(transfer_store.load_transfers()).items():
            arrivals = [on for on, arriving in moved if arriving and on <= end]
            if arrivals:
                found[member_id] = max(arrivals)
        return found

    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """Members below their pro-rata target for the day (kind "study")."""
        day = on or self._core.today()
        end = date(day.year, 12, 31)
        soon = end <= day + timedelta(days=self._rules.practice().soon_days)
        state = "soon" if soon else "later"
        items = []
        bases: dict[tuple[bool, float], str] = {}  # one text per requirement: 8 000 share it
        for row in self.hours(day.year, day):
            if not row.behind:
                continue
            key = (row.leader, row.requirement)
            if key not in bases:
                rule = STUDY_RULES.cite("leader_hours" if row.leader else "member_hours")
                bases[key] = f"全年应学 {row.requirement:g} 学时（{rule}）"
            items.append(
                DueItem(
                    "study",
                    row.member.name,
                    row.member.id,
                    None,
                    f"学习学时不足：已学 {hours_text(row.hours)} 学时，"
                    f"按进度应有约 {row.target:.1f} 学时，差 {row.shortfall:.1f} 学时",
                    end,
                    DEADLINE,
                    state,
                    bases[key],
                    shortfall=row.shortfall,
                )
            )
        return items

    # outputs ----------------------------------------------------------------
    def signin_sheet(self, s: Session):
        """The printable 签到表 of a session: the participants ticked, or everyone expected."""
        from partybook.export.printables import study_signin_sheet

        names = self._members.names()
        people = s.participants or self.default_participants()
        return study_signin_sheet(self._core.branch(), s, [names.get(i, "") for i in people])

    def export(self, target, year: int) -> int:
        """Write the year's 学习记录 workbook (sessions and hours); returns the sessions."""
        from partybook.export.study import write_study_workbook

        sessions = self.sessions(year)
        write_study_workbook(
            target,
            self._core.branch(),
            year,
            sessions,
            self.hours(year),
            self._members.names(),
            self._meetings.titles(),
            self.settings(),
            self._core.today(),
        )
        return len(sessions)
