"""Reading and writing the yearly appraisal round with its entries (one round, one write)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from partybook.domain.appraisal import Entry, Grade, Round
from partybook.store.db import cursor
from partybook.store.records import AppraisalEntryRecord, AppraisalRecord

_COUNTS = ("excellent", "qualified", "basic", "unqualified")
_GRADES = {g.value: g for g in Grade}  # a dict look-up: Grade(text) per entry cost 2 µs


def _steps(text: str | None) -> dict[str, tuple[date | None, str]]:
    return {
        name: (date.fromisoformat(on) if on else None, note)
        for name, (on, note) in json.loads(text or "{}").items()
    }


def load_steps(year: int) -> dict[str, tuple[date | None, str]] | None:
    """The steps of the year's round (None: no round), without its entries: what the home
    page asks, and a township's round has 8 600 entries."""
    query = AppraisalRecord.select(AppraisalRecord.steps).where(AppraisalRecord.year == year)
    found = query.tuples().first()
    return None if found is None else _steps(found[0])


def load_round(year: int) -> Round | None:
    rec = AppraisalRecord.get_or_none(AppraisalRecord.year == year)
    if rec is None:
        return None
    steps = _steps(rec.steps)
    e = AppraisalEntryRecord
    query = (
        e.select(e.member, e.excellent, e.qualified, e.basic, e.unqualified, e.score, e.grade)
        .select_extend(e.reason, e.handling)
        .where(e.appraisal == rec.id)
        .order_by(e.id)
    )
    # rows straight from SQLite's cursor: a peewee model per entry costs ten times more, and
    # nothing needs converting (whole numbers and text as stored; the score, a REAL column,
    # comes as a float or None, as peewee's float() would make it)
    rows = [
        Entry(member_id, (c1, c2, c3, c4), score, _GRADES[grade] if grade else None, why, handling)
        for member_id, c1, c2, c3, c4, score, grade, why, handling in cursor(query)
    ]
    return Round(
        rec.year, rec.on, rec.meeting_id, rec.handed_out, rec.returned, steps, rows, rec.id
    )


def save_round(r: Round) -> Round:
    """Insert or replace the round of r.year; call inside a transaction."""
    steps = json.dumps(
        {name: [on.isoformat() if on else None, note] for name, (on, note) in r.steps.items()},
        ensure_ascii=False,
    )
    row = dict(
        year=r.year,
        on=r.on,
        meeting=r.meeting_id,
        handed_out=r.handed_out,
        returned=r.returned,
        steps=steps,
    )
    existing = AppraisalRecord.get_or_none(AppraisalRecord.year == r.year)
    if existing is None:
        round_id = AppraisalRecord.insert(**row).execute()
    else:
        round_id = existing.id
        AppraisalRecord.update(**row).where(AppraisalRecord.id == round_id).execute()
        AppraisalEntryRecord.delete().where(AppraisalEntryRecord.appraisal == round_id).execute()
    if r.entries:
        AppraisalEntryRecord.insert_many(
            [
                dict(
                    appraisal=round_id,
                    member=e.member_id,
                    score=e.score,
                    grade=e.grade.value if e.grade else None,
                    reason=e.reason,
                    handling=e.handling,
                    **dict(zip(_COUNTS, e.counts, strict=True)),
                )
                for e in r.entries
            ]
        ).execute()
    return dataclasses.replace(r, id=round_id)
