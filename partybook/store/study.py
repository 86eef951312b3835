"""Reading and writing study sessions with who took part (one session, one transaction)."""

from __future__ import annotations

import dataclasses

from peewee import fn

from partybook.domain.errors import NotFound
from partybook.domain.study import Session
from partybook.store.db import fetch, in_year, years_with
from partybook.store.records import StudyParticipantRecord, StudyRecord

_FIELDS = [
    f.name
    for f in dataclasses.fields(Session)
    if f.name not in ("id", "participants", "meeting_id", "member_id")
]

_COLUMNS = [getattr(StudyRecord, f) for f in _FIELDS]


def group_study(year: int) -> tuple[int, float]:
    """The year's branch sessions (not members' own study): how many, and their hours."""
    query = StudyRecord.select(fn.COUNT(StudyRecord.id), fn.TOTAL(StudyRecord.hours)).where(
        in_year(StudyRecord.on, year) & StudyRecord.member.is_null()
    )
    count, hours = query.tuples().get()
    return count, hours


def load_sessions(year: int | None = None, meeting_id: int | None = None) -> list[Session]:
    """Sessions in date order: all, one year's, or those linked to one meeting."""
    where = True
    if year is not None:
        where = in_year(StudyRecord.on, year)
    if meeting_id is not None:
        where = StudyRecord.meeting == meeting_id
    query = StudyRecord.select(
        StudyRecord.id, StudyRecord.meeting, StudyRecord.member, *_COLUMNS
    ).order_by(StudyRecord.on, StudyRecord.id)
    records = fetch(query.where(where))
    people: dict[int, list[int]] = {r[0]: [] for r in records}
    if records:
        links = (
            StudyParticipantRecord.select(
                StudyParticipantRecord.study, StudyParticipantRecord.member
            )
            .join(StudyRecord)
            .where(where)
            .order_by(StudyParticipantRecord.id)
        )
        for study_id, member_id in fetch(links):
            people[study_id].append(member_id)
    return [
        Session(
            id=r[0],
            participants=tuple(people[r[0]]),
            meeting_id=r[1],
            member_id=r[2],
            **dict(zip(_FIELDS, r[3:], strict=True)),
        )
        for r in records
    ]


def save_session(s: Session) -> Session:
    """Insert or replace a session with its participants; call inside a transaction."""
    row = {f: getattr(s, f) for f in _FIELDS}
    row.update(meeting=s.meeting_id, member=s.member_id)
    if s.id is None:
        session_id = StudyRecord.insert(**row).execute()
    else:
        session_id = s.id
        if StudyRecord.update(**row).where(StudyRecord.id == session_id).execute() != 1:
            raise NotFound("找不到这条学习记录，可能已被删除。")
        StudyParticipantRecord.delete().where(StudyParticipantRecord.study == session_id).execute()
    if s.participants:
        StudyParticipantRecord.insert_many(
            [dict(study=session_id, member=m) for m in s.participants]
        ).execute()
    return dataclasses.replace(s, id=session_id)


def delete_session(session_id: int) -> None:
    """Remove a session entered by mistake, with its participants; call inside a transaction."""
    StudyParticipantRecord.delete().where(StudyParticipantRecord.study == session_id).execute()
    if StudyRecord.delete().where(StudyRecord.id == session_id).execute() != 1:
        raise NotFound("找不到这条学习记录，可能已被删除。")


def years() -> set[int]:
    """The years that have study sessions."""
    return years_with(StudyRecord)
