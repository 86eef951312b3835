"""组织关系转接: checks of a record, the member after a transfer out, the missing 回执."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.members import LeaveReason, Member, Stage
from partybook.domain.transfers import (
    Direction,
    Transfer,
    TransferSettings,
    check_transfer,
    check_transfer_in,
    left_by_transfer,
    receipt_due_items,
)

TODAY = date(2026, 11, 22)


def test_a_transfer_out_leaves_with_the_reason_and_the_date() -> None:
    t = Transfer(Direction.OUT, date(2026, 9, 1), "县城关第二小学党支部", member_id=7)
    m = left_by_transfer(Member("林海", id=7), t)
    assert m.left_reason is LeaveReason.TRANSFERRED and m.left_on == date(2026, 9, 1)
    assert m.left_note == "转往县城关第二小学党支部" and not m.active


def test_who_can_be_transferred_in() -> None:
    t = Transfer(Direction.IN, date(2026, 9, 1), "邻镇中学党支部")
    assert check_transfer_in(Member("甲", joined_on=date(2010, 7, 1)), t) == []
    assert "预备" in check_transfer_in(Member("乙", stage=Stage.ACTIVIST), t)[0]
    assert "晚于转入日期" in check_transfer_in(Member("丙", joined_on=date(2026, 10, 1)), t)[0]


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({"on": date(2026, 12, 1)}, "晚于今天"),
        ({"organisation": " "}, "转往党组织"),
        ({"receipt_on": date(2026, 10, 1)}, "勾选"),
        ({"receipt_back": True}, "回执返回的日期"),
        ({"receipt_back": True, "receipt_on": date(2026, 8, 1)}, "早于转接日期"),
        ({"receipt_back": True, "receipt_on": date(2026, 11, 23)}, "晚于今天"),
    ],
)
def test_checks_of_a_transfer(changes, word) -> None:
    import dataclasses

    base = Transfer(
        Direction.OUT, date(2026, 9, 1), "县城关第二小学党支部", letter_no="青组转〔2026〕5号"
    )
    assert check_transfer(base, TODAY) == []
    problems = check_transfer(dataclasses.replace(base, **changes), TODAY)
    assert len(problems) == 1 and word in problems[0]


def test_a_receipt_still_out_after_the_set_days_is_due() -> None:
    out = Transfer(Direction.OUT, date(2026, 10, 23), "县一中党支部", member_id=7, letter_no="5号")
    back = Transfer(
        Direction.OUT,
        date(2026, 1, 5),
        "某支部",
        member_id=8,
        receipt_back=True,
        receipt_on=date(2026, 1, 20),
    )
    came = Transfer(Direction.IN, date(2026, 6, 1), "邻镇中学党支部", member_id=9)
    names = {7: "林海", 8: "某人", 9: "新人"}
    settings = TransferSettings()
    # 30 days after 2026-10-23 is 2026-11-22: due from the day after
    items = receipt_due_items([out, back, came], names, date(2026, 11, 22), settings)
    assert [i.member for i in items] == ["新人"] and "寄回" in items[0].title
    items = receipt_due_items([out, back, came], names, date(2026, 11, 23), settings)
    assert [i.member for i in items] == ["林海", "新人"]
    assert items[0].kind == "transfer" and items[0].state == "overdue"
    assert "回执尚未返回" in items[0].title and "5号" in items[0].basis
    assert receipt_due_items([out], names, TODAY, TransferSettings(receipt_days=10))
