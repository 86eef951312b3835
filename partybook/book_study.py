"""The Book's study verbs: sessions linked to meetings, hours per member, due items, outputs."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from partybook.domain.deadlines import DEADLINE, DueItem
from partybook.domain.errors import NotFound, RuleViolation
from partybook.domain.meetings import Meeting, Presence
from partybook.domain.rules import STUDY_RULES
from partybook.domain.study import (
    DEFAULT_FORMS,
    MemberHours,
    Session,
    StudySettings,
    check_session,
    hours_text,
    member_hours,
)

_KEYS = {"member_hours": "study.member_hours", "leader_hours": "study.leader_hours"}


class StudyBook:
    """Mixed into Book: needs self._store, self.members(), self.member(), self.today(),
    self.practice(), self.meeting() and self.meeting_titles()."""

    # settings ---------------------------------------------------------------
    def study_settings(self) -> StudySettings:
        v = self._store.settings()
        default = StudySettings()
        forms = tuple(f for f in v.get("study.forms", "").split("、") if f.strip())
        try:
            return StudySettings(
                float(v.get(_KEYS["member_hours"], default.member_hours)),
                float(v.get(_KEYS["leader_hours"], default.leader_hours)),
                forms or DEFAULT_FORMS,
            )
        except ValueError:
            return default

    def save_study_settings(self, s: StudySettings) -> None:
        if not 0 < s.member_hours <= 500 or not 0 < s.leader_hours <= 500:
            raise RuleViolation("每年学时要求应在 1 到 500 之间。")
        forms = [f.strip() for f in s.forms if f.strip()]
        if not forms:
            raise RuleViolation("学习形式至少要有一种。")
        if any("、" in f for f in forms):
            raise RuleViolation("学习形式的名称里不能有顿号“、”。")
        self._store.put_settings(
            {
                _KEYS["member_hours"]: f"{s.member_hours:g}",
                _KEYS["leader_hours"]: f"{s.leader_hours:g}",
                "study.forms": "、".join(dict.fromkeys(forms)),
            }
        )

    # sessions ---------------------------------------------------------------
    def study_sessions(self, year: int | None = None) -> list[Session]:
        return self._store.study_sessions(year)

    def study_years(self) -> list[int]:
        """Years to choose from: this year and every year with study, newest first."""
        return sorted({self.today().year, *self._store.years_with("study")}, reverse=True)

    def study_session(self, session_id: int) -> Session:
        found = [s for s in self._store.study_sessions() if s.id == session_id]
        if not found:
            raise NotFound(
                f"没有编号为 {session_id} 的学习记录；用 partybook study --sessions 查看。"
            )
        return found[0]

    def last_study_session(self) -> Session | None:
        """The most recent branch session, for "copy from previous session"."""
        found = [s for s in self._store.study_sessions() if not s.personal]
        return found[-1] if found else None

    def default_study_participants(self) -> tuple[int, ...]:
        """Everyone who is expected at a branch session: the active members."""
        return tuple(m.id for m in self.members(include_left=False) if m.stage.is_member)

    def session_from_meeting(self, s: Session, meeting: Meeting) -> Session:
        """A session linked to a meeting takes its date, place, presenter and who was present."""
        present = tuple(
            a.member_id
            for a in meeting.attendees
            if a.presence is Presence.PRESENT and not a.excluded
        )
        return dataclasses.replace(
            s,
            on=meeting.on,
            place=meeting.place,
            presenter=s.presenter or meeting.lecturer or meeting.host,
            participants=present,
            meeting_id=meeting.id,
            member_id=None,
        )

    def check_study_session(self, s: Session) -> list[str]:
        problems = check_session(s, self.today())
        people = {m.id: m for m in self.members()}
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

    def save_study_session(self, s: Session) -> Session:
        """Save a study session (or personal study) with its participants in one write."""
        if s.meeting_id is not None:
            s = self.session_from_meeting(s, self.meeting(s.meeting_id))
        s = dataclasses.replace(
            s,
            topic=s.topic.strip(),
            form=s.form.strip(),
            participants=tuple(dict.fromkeys(s.participants)),
        )
        problems = self.check_study_session(s)
        if problems:
            raise RuleViolation("；".join(problems))
        return self._store.save_study_session(s)

    def delete_study_session(self, session_id: int) -> None:
        self._store.delete_study_session(session_id)

    def _sync_study_with(self, meeting: Meeting) -> None:
        """After a meeting is saved, its linked sessions follow it (same transaction)."""
        for s in self._store.study_sessions(meeting_id=meeting.id):
            self._store.save_study_session(self.session_from_meeting(s, meeting))

    # hours ------------------------------------------------------------------
    def study_hours(self, year: int, on: date | None = None) -> list[MemberHours]:
        """Every member of the year with hours, requirement and the target on the day."""
        return member_hours(
            self.members(),
            self._store.study_sessions(year),
            year,
            on or self.today(),
            self.study_settings(),
        )

    def study_due_items(self, on: date | None = None) -> list[DueItem]:
        """Members below their pro-rata target for the day (kind "study")."""
        day = on or self.today()
        end = date(day.year, 12, 31)
        state = "soon" if end <= day + timedelta(days=self.practice().soon_days) else "later"
        items = []
        bases: dict[tuple[bool, float], str] = {}  # one text per requirement: 8 000 share it
        for row in self.study_hours(day.year, day):
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
    def study_signin_sheet(self, s: Session):
        """The printable 签到表 of a session: the participants ticked, or everyone expected."""
        from partybook.export.printables import study_signin_sheet

        names = {m.id: m.name for m in self.members()}
        people = s.participants or self.default_study_participants()
        return study_signin_sheet(self.branch(), s, [names.get(i, "") for i in people])

    def export_study(self, target, year: int) -> int:
        """Write the year's 学习记录 workbook (sessions and hours); returns the sessions."""
        from partybook.export.study import write_study_workbook

        sessions = self.study_sessions(year)
        write_study_workbook(
            target,
            self.branch(),
            year,
            sessions,
            self.study_hours(year),
            {m.id: m.name for m in self.members()},
            self.meeting_titles(),
            self.study_settings(),
            self.today(),
        )
        return len(sessions)
