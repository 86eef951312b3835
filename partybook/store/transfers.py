"""Reading and writing the 组织关系转接 log."""

from __future__ import annotations

import dataclasses

from partybook.domain.errors import NotFound
from partybook.domain.transfers import Direction, Transfer
from partybook.store.records import TransferRecord

_FIELDS = ["on", "organisation", "letter_no", "receipt_back", "receipt_on", "notes"]
_GONE = "找不到这条转接记录，可能已被删除。"


def load_transfers() -> list[Transfer]:
    """Every transfer, in date order."""
    query = TransferRecord.select().order_by(TransferRecord.on, TransferRecord.id)
    return [
        Transfer(
            direction=Direction(r.direction),
            member_id=r.member_id,
            id=r.id,
            **{f: getattr(r, f) for f in _FIELDS},
        )
        for r in query
    ]


def save_transfer(t: Transfer) -> Transfer:
    """Insert or replace a transfer record; call inside a transaction."""
    row = {f: getattr(t, f) for f in _FIELDS}
    row.update(direction=t.direction.value, member=t.member_id)
    if t.id is None:
        return dataclasses.replace(t, id=TransferRecord.insert(**row).execute())
    if TransferRecord.update(**row).where(TransferRecord.id == t.id).execute() != 1:
        raise NotFound(_GONE)
    return t


def delete_transfer(transfer_id: int) -> None:
    if TransferRecord.delete().where(TransferRecord.id == transfer_id).execute() != 1:
        raise NotFound(_GONE)
