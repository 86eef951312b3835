"""Reading and writing the roster's people (the store of Members)."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.domain.dates import MonthDate, month_only
from partybook.domain.errors import NotFound
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.store import db as dbmod
from partybook.store.records import MemberRecord

_MEMBER_FIELDS = [f.name for f in dataclasses.fields(Member) if f.name != "id"]
# the dates a roster may know only to the month (kept as such in member.month_only)
MONTH_FIELDS = ("birth_date", "work_start", "joined_on", "full_on")


def _months(values: dict[str, object], marked: str) -> None:
    """Mark the dates named in `marked` ("birth_date,joined_on") as known only to the month."""
    for name in marked.split(",") if marked else ():
        value = values.get(name)
        if name in MONTH_FIELDS and isinstance(value, date):
            values[name] = MonthDate(value.year, value.month)


def _month_marks(member: Member) -> str:
    return ",".join(n for n in MONTH_FIELDS if month_only(getattr(member, n)))


def _to_member(rec: MemberRecord) -> Member:
    values = {name: getattr(rec, name) for name in _MEMBER_FIELDS}
    values["stage"] = Stage(rec.stage)
    values["left_reason"] = LeaveReason(rec.left_reason) if rec.left_reason else None
    _months(values, rec.month_only)
    return Member(id=rec.id, **values)


_MEMBER_COLUMNS = [getattr(MemberRecord, name) for name in _MEMBER_FIELDS]
_STAGES = {s.value: s for s in Stage}
_REASONS = {r.value: r for r in LeaveReason}


# Fields whose few values repeat down a roster (性别, 民族, 学历, a school's 籍贯 and 党小组…):
# one string object per value instead of one per person, a third of a big roster's memory.
_REPEATED = ("sex", "ethnicity", "education", "native_place", "position", "party_post", "group")


def _member_of(row: tuple, seen: dict[str, str] | None = None) -> Member:
    """A Member from a tuple (id, *_MEMBER_FIELDS, month_only): what _to_member does, without
    building a peewee model per row (a tenth of the time for the whole roster). `seen`, shared
    by the rows of one read, makes equal repeated values one object."""
    values = dict(zip(_MEMBER_FIELDS, row[1:-1], strict=True))
    _months(values, row[-1])
    if seen is not None:
        for name in _REPEATED:
            value = values[name]
            values[name] = seen.setdefault(value, value)
    values["stage"] = _STAGES[values["stage"]]
    reason = values["left_reason"]
    values["left_reason"] = _REASONS[reason] if reason else None
    return Member(id=row[0], **values)


def _to_row(member: Member) -> dict[str, object]:
    row = {name: getattr(member, name) for name in _MEMBER_FIELDS}
    row["stage"] = member.stage.value
    row["left_reason"] = member.left_reason.value if member.left_reason else None
    row["month_only"] = _month_marks(member)
    return row


def load_members() -> list[Member]:
    """The whole roster by id, each repeated value one shared string (Store.members keeps it)."""
    query = MemberRecord.select(
        MemberRecord.id, *_MEMBER_COLUMNS, MemberRecord.month_only
    ).order_by(MemberRecord.id)
    seen: dict[str, str] = {}
    return dbmod.fetch(query, make=lambda row: _member_of(row, seen))


def load_member(member_id: int) -> Member:
    rec = MemberRecord.get_or_none(MemberRecord.id == member_id)
    if rec is None:
        raise NotFound(f"找不到编号为 {member_id} 的人员。")
    return _to_member(rec)


def insert_member(member: Member) -> Member:
    new_id = MemberRecord.insert(**_to_row(member)).execute()
    return member.replace(id=new_id)


def insert_members(members: list[Member], progress=None) -> list[Member]:
    """Insert many members in batches (call inside a transaction); progress(done, total)
    after each batch may raise Cancelled, rolling the transaction back."""
    out: list[Member] = []
    step = 900 // (len(_MEMBER_FIELDS) + 2)  # SQLite's limit on bound values
    report = progress or (lambda done, total: None)
    report(0, len(members))
    for start in range(0, len(members), step):
        batch = members[start : start + step]
        last = MemberRecord.insert_many([_to_row(m) for m in batch]).execute()
        # one multi-row INSERT into a rowid table gives consecutive ids ending at last
        first = last - len(batch) + 1
        out += [m.replace(id=first + i) for i, m in enumerate(batch)]
        report(len(out), len(members))
    return out


def update_member(member: Member) -> None:
    if member.id is None:
        raise NotFound("这个人员还没有保存过。")
    count = MemberRecord.update(**_to_row(member)).where(MemberRecord.id == member.id).execute()
    if count != 1:
        raise NotFound(f"找不到编号为 {member.id} 的人员。")
