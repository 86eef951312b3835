"""Reading and writing meetings with their attendance and votes (one meeting, one transaction)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

from partybook.domain.errors import NotFound
from partybook.domain.meetings import Attendee, Meeting, MeetingKind, Presence, Vote
from partybook.store.db import fetch, in_year, years_with
from partybook.store.records import AttendanceRecord, MeetingRecord, VoteRecord

_FIELDS = [
    f.name for f in dataclasses.fields(Meeting) if f.name not in ("id", "attendees", "votes")
]
_VOTE_FIELDS = [f.name for f in dataclasses.fields(Vote) if f.name != "member_id"]


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
    where = True if year is None else in_year(MeetingRecord.on, year)
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


def load_meeting_heads(
    year: int | None = None, kinds: Iterable[MeetingKind] | None = None
) -> list[Meeting]:
    """Every meeting (or a year's; of every kind or of `kinds`) with only what names it (date,
    kind, 党小组, 主题党日), in date order: the titles need the meetings, not their text,
    attendance or votes. A kind's meetings are numbered among themselves, so those of a few
    kinds get the titles they have among all (a township's year: 1 600 meetings, 500 of them
    the two kinds 民主评议 links to)."""
    m = MeetingRecord
    query = m.select(m.id, m.on, m.kind, m.group, m.theme_day).order_by(m.on, m.id)
    if year is not None:
        query = query.where(in_year(m.on, year))
    if kinds is not None:
        query = query.where(m.kind.in_([k.value for k in kinds]))
    return [
        Meeting(_KIND[kind], on, id=key, group=group, theme_day=theme_day)
        for key, on, kind, group, theme_day in fetch(query)
    ]


def _sql(sql: str, params: tuple = ()):
    return MeetingRecord._meta.database.execute_sql(sql, params)


def _bounds(year: int) -> tuple[str, str]:
    return (date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat())


# The year's meetings first (their date index), then each one's rows (CROSS JOIN keeps that
# order: SQLite would otherwise scan all 300 000 attendance rows).
_OF_YEAR = (
    'FROM meeting m CROSS JOIN attendance a ON a.meeting_id = m.id WHERE m."on" BETWEEN ? AND ?'
)


def meeting_counts(year: int) -> dict[int, tuple[int, int]]:
    """(应到, 实到) of each of the year's meetings with attendance rows, counted by SQLite:
    the same numbers as Meeting.should_attend and .present."""
    sql = (
        "SELECT a.meeting_id, SUM(NOT a.excluded), SUM(NOT a.excluded AND a.presence = ?) "
        f"{_OF_YEAR} GROUP BY a.meeting_id"
    )
    rows = _sql(sql, (Presence.PRESENT.value, *_bounds(year))).fetchall()
    return {key: (expected, present) for key, expected, present in rows}


def year_attendance(year: int) -> dict[int, tuple[int, int, int]]:
    """Each member's (expected, attended, on leave) at the year's meetings, not counting the
    rows marked 不计入应到; the rest of the expected ones were absent."""
    sql = (
        "SELECT a.member_id, COUNT(*), SUM(a.presence = ?), SUM(a.presence = ?) "
        f"{_OF_YEAR} AND NOT a.excluded GROUP BY a.member_id"
    )
    params = (Presence.PRESENT.value, Presence.LEAVE.value, *_bounds(year))
    return {key: (e, p, leave) for key, e, p, leave in _sql(sql, params).fetchall()}


def last_excused() -> dict[int, date]:
    """Each member's last meeting missed on approved leave with a reason (请假, a 正当理由)."""
    sql = (
        'SELECT a.member_id, MAX(m."on") FROM attendance a JOIN meeting m ON m.id = a.meeting_id '
        "WHERE a.presence = ? AND NOT a.excluded AND TRIM(a.reason) != '' GROUP BY a.member_id"
    )
    rows = _sql(sql, (Presence.LEAVE.value,)).fetchall()
    return {k: date.fromisoformat(on) for k, on in rows}


_WALK = 30_000  # attendance rows read in date order at most, before asking member by member
_QUIET = 2_000  # … or after this many rows without anyone new
_CHUNK = 500  # member ids per IN (…) query
_LATEST = 15_000  # the latest present rows grouped for each member's last day present


def _walk(sql: str, params: tuple, wanted: int) -> dict[int, object]:
    """The first value of each member in the rows of sql (member_id, value): read until
    `wanted` members were seen, _QUIET rows brought nobody new, or _WALK rows were read."""
    found: dict[int, object] = {}
    cursor = _sql(sql, params)
    quiet = 0
    try:
        for n, (member_id, value) in enumerate(cursor):
            if member_id in found:
                quiet += 1
                if quiet >= _QUIET:
                    break
            else:
                found[member_id] = value
                quiet = 0
                if len(found) >= wanted:
                    break
            if n >= _WALK:
                break
    finally:
        cursor.close()
    return found


def _by_member(sql: str, params: tuple, ids: list[int]) -> list[tuple]:
    """Rows of a grouped query over the members ids, asked in chunks ("{ids}" in sql)."""
    out = []
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out += _sql(sql.format(ids=marks), (*params, *chunk)).fetchall()
    return out


def expected_everywhere(progress=None) -> dict[int, date | None]:
    """Every member expected (not excluded) at a meeting of any year, in the order they first
    appear (by meeting date, meeting, row), with the last day each attended one.

    Grouping all 300 000 attendance rows costs SQLite half a second. Instead the rows are read
    in date order until everyone was seen (most people appear at the first meetings), and
    the latest _LATEST rows marked 出席 are grouped by member for the last day present; only
    the members not met in those are looked up a group at a time (through the member index).
    progress(done, total) is told between the queries."""
    report = progress or (lambda done, total: None)
    everyone = _sql("SELECT id FROM member").fetchall()  # a superset: attendance needs one
    forward = (
        "SELECT a.member_id, NULL FROM meeting m CROSS JOIN attendance a "
        'ON a.meeting_id = m.id WHERE NOT a.excluded ORDER BY m."on", m.id, a.id'
    )
    first = _walk(forward, (), len(everyone))
    later = [k for (k,) in everyone if k not in first]
    if later:
        rest = (
            "SELECT a.member_id, MIN(printf('%s%09d%09d', m.\"on\", m.id, a.id)) AS first "
            "FROM attendance a JOIN meeting m ON m.id = a.meeting_id "
            "WHERE NOT a.excluded AND a.member_id IN ({ids}) GROUP BY a.member_id"
        )
        for member_id, _ in sorted(_by_member(rest, (), later), key=lambda r: r[1]):
            first[member_id] = None
    report(1, 2)
    present = Presence.PRESENT.value
    # the latest rows grouped by SQLite itself (no Python step per row): each member's last
    # day among them is their last day present; the few not among them are asked below
    backward = (
        'SELECT member_id, MAX("on") FROM (SELECT a.member_id, m."on" FROM meeting m '
        "CROSS JOIN attendance a ON a.meeting_id = m.id WHERE NOT a.excluded AND a.presence = ? "
        'ORDER BY m."on" DESC LIMIT ?) GROUP BY member_id'
    )
    last = dict(_sql(backward, (present, _LATEST)).fetchall())
    unseen = [k for k in first if k not in last]
    if unseen:
        rest = (
            'SELECT a.member_id, MAX(m."on") FROM attendance a JOIN meeting m '
            "ON m.id = a.meeting_id WHERE NOT a.excluded AND a.presence = ? "
            "AND a.member_id IN ({ids}) GROUP BY a.member_id"
        )
        last.update(_by_member(rest, (present,), unseen))
    return {k: date.fromisoformat(last[k]) if last.get(k) else None for k in first}


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


def years() -> set[int]:
    """The years that have meetings."""
    return years_with(MeetingRecord)
