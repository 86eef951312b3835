"""Reading and writing the development pipeline's steps and the ticked materials."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from partybook.domain.errors import NotFound
from partybook.domain.pipeline import Event, Kind
from partybook.store import db as dbmod
from partybook.store.records import EventRecord, MaterialRecord

_EVENT_FIELDS = [f.name for f in dataclasses.fields(Event) if f.name not in ("id", "member_id")]


def _to_event(rec: EventRecord) -> Event:
    values = {name: getattr(rec, name) for name in _EVENT_FIELDS}
    values["kind"] = Kind(rec.kind)
    return Event(member_id=rec.member_id, id=rec.id, **values)


_EVENT_COLUMNS = [getattr(EventRecord, name) for name in _EVENT_FIELDS]
_KINDS = {k.value: k for k in Kind}


def _event_of(row: tuple) -> Event:
    values = dict(zip(_EVENT_FIELDS, row[2:], strict=True))
    values["kind"] = _KINDS[values["kind"]]
    return Event(member_id=row[1], id=row[0], **values)


def _event_row(event: Event) -> dict[str, object]:
    row = {name: getattr(event, name) for name in _EVENT_FIELDS}
    row["kind"] = event.kind.value
    row["member"] = event.member_id
    return row


def load_events(member_id: int | None = None, kinds: Iterable[Kind] | None = None) -> list[Event]:
    """Every event in date order, or one person's; only those of `kinds` when given (the
    development record and the 留党察看 records share the table)."""
    query = EventRecord.select(EventRecord.id, EventRecord.member, *_EVENT_COLUMNS).order_by(
        EventRecord.on, EventRecord.id
    )
    if member_id is not None:
        query = query.where(EventRecord.member == member_id)
    if kinds is not None:
        query = query.where(EventRecord.kind.in_([k.value for k in kinds]))
    return dbmod.fetch(query, make=_event_of)


def insert_event(event: Event) -> Event:
    new_id = EventRecord.insert(**_event_row(event)).execute()
    return dataclasses.replace(event, id=new_id)


def update_event(event: Event) -> None:
    count = EventRecord.update(**_event_row(event)).where(EventRecord.id == event.id).execute()
    if count != 1:
        raise NotFound("找不到这条记录，可能已被删除。")


def delete_event(event_id: int) -> None:
    EventRecord.delete().where(EventRecord.id == event_id).execute()


def ticked_materials(member_id: int) -> set[str]:
    query = MaterialRecord.select().where(MaterialRecord.member == member_id)
    return {rec.document for rec in query}


def set_material(member_id: int, document: str, present: bool) -> None:
    if present:
        MaterialRecord.insert(member=member_id, document=document).on_conflict_ignore().execute()
    else:
        MaterialRecord.delete().where(
            (MaterialRecord.member == member_id) & (MaterialRecord.document == document)
        ).execute()
