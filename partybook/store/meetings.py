"""Reading and writing meetings with their attendance and votes (one meeting, one transaction)."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.domain.errors import NotFound
from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence, Vote
from partybook.store.db import fetch
from partybook.store.records import AttendanceRecord, MeetingRecord, VoteRecord

_FIELDS = [
    f.name for f in dataclasses.fields(Meeting) if f.name not in ("id", "attendees", "votes")
]
_VOTE_FIELDS = [f.name for f in dataclasses.fields(Vote) if f.name != "member_id"]


def _year(year: int):
    """Meetings of a year, as a range on the indexed date (strftime would scan every row)."""
    return (MeetingRecord.on >= date(year, 1, 1)) & (MeetingRecord.on <= date(year, 12, 31))


_COLUMNS = [getattr(MeetingRecord, f) for f in _FIELDS]
_PRESENCE = {p.value: p for p in Presence}
_KIND = {k.value: k for k in MeetingKind}


def load_meetings(
    year: int | None = None, *, attendees: bool = True, meeting_id: int | None = None
) -> list[Meeting]:
    """Meetings in date order with their attendance and votes (one query each, as tuples:
    building a peewee model per attendance row costs ten times more). attendees=False
    leaves out attendance and votes, for titles and the like."""
    query = MeetingRecord.select(MeetingRecord.id, *_COLUMNS).order_by(
        MeetingRecord.on, MeetingRecord.id
    )
    where = True if year is None else _year(year)
    if meeting_id is not None:
        where = MeetingRecord.id == meeting_id
    records = fetch(query.where(where))
    ids = [r[0] for r in records]
    attendance: dict[int, list[Attendee]] = {i: [] for i in ids}
    votes: dict[int, list[Vote]] = {i: [] for i in ids}
    if ids and attendees:
        inside = MeetingRecord.select(MeetingRecord.id).where(where)
        a = AttendanceRecord
        rows = (
            a.select(
                a.meeting, a.member, a.presence, a.reason, a.excluded, a.excluded_reason, a.can_vote
            )
            .where(a.meeting.in_(inside))
            .order_by(a.id)
        )
        for meeting_id, member_id, presence, reason, excluded, why, can_vote in fetch(rows):
            attendance[meeting_id].append(
                Attendee(member_id, _PRESENCE[presence], reason, excluded, why, can_vote)
            )
        for v in VoteRecord.select().where(VoteRecord.meeting.in_(inside)).order_by(VoteRecord.id):
            values = {f: getattr(v, f) for f in _VOTE_FIELDS}
            votes[v.meeting_id].append(Vote(member_id=v.member_id, **values))
    out = []
    for r in records:
        values = dict(zip(_FIELDS, r[1:], strict=True))
        values["kind"] = _KIND[values["kind"]]
        out.append(Meeting(id=r[0], attendees=attendance[r[0]], votes=votes[r[0]], **values))
    return out


def load_meeting_heads() -> list[Meeting]:
    """Every meeting with only what names it (date, kind, 党小组, 主题党日), in date order: the
    titles need all years' meetings, not their text, attendance or votes."""
    m = MeetingRecord
    query = m.select(m.id, m.on, m.kind, m.group, m.theme_day).order_by(m.on, m.id)
    return [
        Meeting(_KIND[kind], on, id=key, group=group, theme_day=theme_day)
        for key, on, kind, group, theme_day in fetch(query)
    ]


def expected_everywhere() -> dict[int, date | None]:
    """Every member expected (not excluded) at a meeting of any year, in the order they first
    appear (by meeting date, meeting, row), with the last day each attended: one grouped
    query instead of loading every year's attendance."""
    sql = (
        "SELECT a.member_id, MIN(printf('%s%09d%09d', m.\"on\", m.id, a.id)) AS first, "
        'MAX(CASE WHEN a.presence = ? THEN m."on" END) FROM attendance a '
        "JOIN meeting m ON m.id = a.meeting_id WHERE NOT a.excluded "
        "GROUP BY a.member_id ORDER BY first"
    )
    rows = MeetingRecord._meta.database.execute_sql(sql, (Presence.PRESENT.value,)).fetchall()
    return {member_id: date.fromisoformat(last) if last else None for member_id, _, last in rows}


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
