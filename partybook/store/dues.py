"""Reading and writing dues: each member's yearly bases (年初核定 and changes) and payments."""

from __future__ import annotations

from collections.abc import Sequence

from peewee import IntegrityError

from partybook.domain.dues import Assessment, Category, Payment
from partybook.domain.errors import NotFound, RuleViolation
from partybook.store.records import DuesBaseRecord, DuesPaymentRecord


def load_assessments(year: int) -> list[Assessment]:
    query = (
        DuesBaseRecord.select()
        .where(DuesBaseRecord.year == year)
        .order_by(DuesBaseRecord.member, DuesBaseRecord.from_month)
    )
    return [
        Assessment(
            member_id=r.member_id,
            year=r.year,
            category=Category(r.category),
            base_fen=r.base_fen,
            from_month=r.from_month,
            reason=r.reason,
            set_on=r.set_on,
            id=r.id,
        )
        for r in query
    ]


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


def load_payments(year: int) -> list[Payment]:
    query = (
        DuesPaymentRecord.select()
        .where(DuesPaymentRecord.year == year)
        .order_by(DuesPaymentRecord.member, DuesPaymentRecord.month)
    )
    return [
        Payment(r.member_id, r.year, r.month, r.amount_fen, r.paid_on, r.note, r.id) for r in query
    ]


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
