"""Reading and writing dues: each member's yearly bases (年初核定 and changes) and payments."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from peewee import IntegrityError

from partybook.domain.dues import Assessment, Category, Payment
from partybook.domain.errors import NotFound, RuleViolation
from partybook.store.db import cursor, reader, stream
from partybook.store.records import DuesBaseRecord, DuesPaymentRecord


def stream_assessments(year: int) -> Iterator[Assessment]:
    """The year's bases by member (ascending id), then first month, from the cursor."""
    b = DuesBaseRecord
    query = (
        b.select(b.member, b.category, b.base_fen, b.from_month, b.reason, b.set_on, b.id)
        .where(b.year == year)
        .order_by(b.member, b.from_month)
    )
    categories = {c.value: c for c in Category}
    for member_id, category, base_fen, from_month, reason, set_on, key in stream(query):
        yield Assessment(
            member_id=member_id,
            year=year,
            category=categories[category],
            base_fen=base_fen,
            from_month=from_month,
            reason=reason,
            set_on=set_on,
            id=key,
        )


def load_assessments(year: int) -> list[Assessment]:
    return list(stream_assessments(year))


def has_assessments(year: int) -> bool:
    return DuesBaseRecord.select().where(DuesBaseRecord.year == year).exists()


def save_assessment(a: Assessment) -> None:
    """Insert, or replace the one of the same member, year and first month; in a transaction."""
    DuesBaseRecord.replace(
        member=a.member_id,
        year=a.year,
        from_month=a.from_month,
        category=a.category.value,
        base_fen=a.base_fen,
        reason=a.reason,
        set_on=a.set_on,
    ).execute()


def stream_payments(year: int) -> Iterator[Payment]:
    """The year's payments by member (ascending id), then month, straight from the cursor: a
    township's year is 94 000 rows. The values that repeat are shared (the year, each
    member's id, the amounts, the days): an int read from SQLite is a new 28-byte object each
    time."""
    p = DuesPaymentRecord
    query = (
        p.select(p.member, p.month, p.amount_fen, p.paid_on, p.note, p.id)
        .where(p.year == year)
        .order_by(p.member, p.month)
    )
    day = reader(p.paid_on)
    seen: dict[int, int] = {}
    for member_id, month, amount_fen, paid_on, note, key in cursor(query):
        yield Payment(
            seen.setdefault(member_id, member_id),
            year,
            month,
            seen.setdefault(amount_fen, amount_fen),
            day(paid_on),
            note,
            key,
        )


def load_payments(year: int) -> list[Payment]:
    return list(stream_payments(year))


def insert_payments(payments: Sequence[Payment]) -> None:
    """Insert payments; a month already paid refuses the whole batch (call in a transaction)."""
    if not payments:
        return
    rows = [
        dict(
            member=p.member_id,
            year=p.year,
            month=p.month,
            amount_fen=p.amount_fen,
            paid_on=p.paid_on,
            note=p.note,
        )
        for p in payments
    ]
    try:
        DuesPaymentRecord.insert_many(rows).execute()
    except IntegrityError as exc:
        raise RuleViolation("其中有月份已经登记过交纳，没有重复登记。") from exc


def delete_payment(member_id: int, year: int, month: int) -> None:
    count = (
        DuesPaymentRecord.delete()
        .where(
            (DuesPaymentRecord.member == member_id)
            & (DuesPaymentRecord.year == year)
            & (DuesPaymentRecord.month == month)
        )
        .execute()
    )
    if count != 1:
        raise NotFound(f"{year}年{month}月没有这名党员的交纳记录。")


def years() -> set[int]:
    q1 = DuesBaseRecord.select(DuesBaseRecord.year).distinct().tuples()
    q2 = DuesPaymentRecord.select(DuesPaymentRecord.year).distinct().tuples()
    return {int(y) for (y,) in q1} | {int(y) for (y,) in q2}


def replace_assessments(member_id: int, year: int, assessments: Sequence[Assessment]) -> None:
    """A correction before any payment: the member's year holds exactly these afterwards."""
    DuesBaseRecord.delete().where(
        (DuesBaseRecord.member == member_id) & (DuesBaseRecord.year == year)
    ).execute()
    for a in assessments:
        save_assessment(a)
