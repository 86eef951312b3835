"""Reading and writing the 谈心谈话 log."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.domain.errors import NotFound
from partybook.domain.talks import Talk
from partybook.store.records import TalkRecord

_FIELDS = ["on", "second_name", "topic", "content", "follow_up"]


def load_talks(year: int | None = None) -> list[Talk]:
    """Talks in date order: all, or one year's."""
    query = TalkRecord.select().order_by(TalkRecord.on, TalkRecord.id)
    if year is not None:
        query = query.where(
            (TalkRecord.on >= date(year, 1, 1)) & (TalkRecord.on <= date(year, 12, 31))
        )
    return [
        Talk(
            id=r.id,
            first_id=r.first_id,
            second_id=r.second_id,
            **{f: getattr(r, f) for f in _FIELDS},
        )
        for r in query
    ]


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
