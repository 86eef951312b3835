"""Reading and writing the 谈心谈话 log."""

from __future__ import annotations

import dataclasses

from partybook.domain.errors import NotFound
from partybook.domain.talks import Talk, pair
from partybook.store.db import cursor, fetch, in_year, years_with
from partybook.store.records import TalkRecord

_FIELDS = ["on", "second_name", "topic", "content", "follow_up"]


def load_talks(year: int | None = None) -> list[Talk]:
    """Talks in date order: all, or one year's (read as tuples, not a model per row)."""
    t = TalkRecord
    query = t.select(t.id, t.first, t.second, *(getattr(t, f) for f in _FIELDS)).order_by(
        t.on, t.id
    )
    if year is not None:
        query = query.where(in_year(t.on, year))
    return fetch(query, make=_talk_of)


def talked_pairs(year: int) -> set[int]:
    """domain.talks.talked_pairs() of the year's talks, read without the talks themselves."""
    t = TalkRecord
    query = t.select(t.first, t.second).where(in_year(t.on, year) & t.second.is_null(False))
    # straight from the cursor (whole numbers: nothing to convert), no list of the rows first
    return {pair(a, b) for a, b in cursor(query)}


def _talk_of(row) -> Talk:
    return Talk(
        id=row[0], first_id=row[1], second_id=row[2], **dict(zip(_FIELDS, row[3:], strict=True))
    )


def save_talk(t: Talk) -> Talk:
    """Insert or replace a talk; call inside a transaction."""
    row = {f: getattr(t, f) for f in _FIELDS}
    row.update(first=t.first_id, second=t.second_id)
    if t.id is None:
        return dataclasses.replace(t, id=TalkRecord.insert(**row).execute())
    if TalkRecord.update(**row).where(TalkRecord.id == t.id).execute() != 1:
        raise NotFound("找不到这条谈话记录，可能已被删除。")
    return t


def delete_talk(talk_id: int) -> None:
    if TalkRecord.delete().where(TalkRecord.id == talk_id).execute() != 1:
        raise NotFound("找不到这条谈话记录，可能已被删除。")


def years() -> set[int]:
    """The years that have talks."""
    return years_with(TalkRecord)
