"""Reading and writing meetings with their attendance and votes (one meeting, one transaction)."""

from __future__ import annotations

import dataclasses

from partybook.domain.errors import NotFound
from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence, Vote
from partybook.store.records import AttendanceRecord, MeetingRecord, VoteRecord

_FIELDS = [
    f.name for f in dataclasses.fields(Meeting) if f.name not in ("id", "attendees", "votes")
]
_VOTE_FIELDS = [f.name for f in dataclasses.fields(Vote) if f.name != "member_id"]


def load_meetings(year: int | None = None) -> list[Meeting]:
    query = MeetingRecord.select().order_by(MeetingRecord.on, MeetingRecord.id)
    if year is not None:
        query = query.where(MeetingRecord.on.year == year)
    records = list(query)
    ids = [r.id for r in records]
    attendance: dict[int, list[Attendee]] = {i: [] for i in ids}
    votes: dict[int, list[Vote]] = {i: [] for i in ids}
    if ids:
        for a in (
            AttendanceRecord.select()
            .where(AttendanceRecord.meeting.in_(ids))
            .order_by(AttendanceRecord.id)
        ):
            attendance[a.meeting_id].append(
                Attendee(
                    a.member_id,
                    Presence(a.presence),
                    a.reason,
                    a.excluded,
                    a.excluded_reason,
                    a.can_vote,
                )
            )
        for v in VoteRecord.select().where(VoteRecord.meeting.in_(ids)).order_by(VoteRecord.id):
            values = {f: getattr(v, f) for f in _VOTE_FIELDS}
            votes[v.meeting_id].append(Vote(member_id=v.member_id, **values))
    out = []
    for r in records:
        values = {f: getattr(r, f) for f in _FIELDS}
        values["kind"] = MeetingKind(r.kind)
        out.append(Meeting(id=r.id, attendees=attendance[r.id], votes=votes[r.id], **values))
    return out


def save_meeting(meeting: Meeting) -> Meeting:
    """Insert or replace a meeting with its attendance and votes; call inside a transaction."""
    row = {f: getattr(meeting, f) for f in _FIELDS}
    row["kind"] = meeting.kind.value
    if meeting.id is None:
        meeting_id = MeetingRecord.insert(**row).execute()
    else:
        meeting_id = meeting.id
        if MeetingRecord.update(**row).where(MeetingRecord.id == meeting_id).execute() != 1:
            raise NotFound("找不到这次会议，可能已被删除。")
        AttendanceRecord.delete().where(AttendanceRecord.meeting == meeting_id).execute()
        VoteRecord.delete().where(VoteRecord.meeting == meeting_id).execute()
    if meeting.attendees:
        AttendanceRecord.insert_many(
            [
                dict(
                    meeting=meeting_id,
                    member=a.member_id,
                    presence=a.presence.value,
                    reason=a.reason,
                    excluded=a.excluded,
                    excluded_reason=a.excluded_reason,
                    can_vote=a.can_vote,
                )
                for a in meeting.attendees
            ]
        ).execute()
    for v in meeting.votes:
        values = {f: getattr(v, f) for f in _VOTE_FIELDS}
        VoteRecord.insert(meeting=meeting_id, member=v.member_id, **values).execute()
    return dataclasses.replace(meeting, id=meeting_id)
