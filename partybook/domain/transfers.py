"""组织关系转接: the branch's log of members transferred in and out (the transfer itself is
done in the national system), and the reminder for a 回执 that has not come back."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from partybook.domain.deadlines import DEADLINE, OVERDUE, DueItem
from partybook.domain.members import LeaveReason, Member


class Direction(enum.StrEnum):
    IN = "转入"
    OUT = "转出"


@dataclass(frozen=True)
class TransferSettings:
    """After how many days a missing 回执 goes on the due list (local practice)."""

    receipt_days: int = 30


@dataclass(frozen=True)
class Transfer:
    """One transfer of a member's organisational relation, in or out."""

    direction: Direction
    on: date
    organisation: str  # 转往的党组织 (out) or 原所在党组织 (in)
    member_id: int | None = None  # set when the roster has been updated
    id: int | None = None
    letter_no: str = ""  # 介绍信编号
    receipt_back: bool = False  # 回执已返回 (out) / 已寄回 (in)
    receipt_on: date | None = None
    notes: str = ""

    @property
    def organisation_label(self) -> str:
        return "转往党组织" if self.direction is Direction.OUT else "原所在党组织"


def check_transfer(t: Transfer, today: date) -> list[str]:
    """What stops a transfer record from being saved, in Chinese; empty when it can be saved."""
    problems = []
    if t.on > today:
        problems.append(f"转接日期 {t.on} 晚于今天：请在办理之后记录。")
    if not t.organisation.strip():
        problems.append(f"请填写{t.organisation_label}。")
    if t.receipt_on is not None and not t.receipt_back:
        problems.append("填写了回执日期，请同时勾选“回执已返回”。")
    if t.receipt_back and t.receipt_on is None:
        problems.append("请填写回执返回的日期。")
    if t.receipt_on is not None:
        if t.receipt_on < t.on:
            problems.append(f"回执日期 {t.receipt_on} 早于转接日期 {t.on}。")
        elif t.receipt_on > today:
            problems.append(f"回执日期 {t.receipt_on} 晚于今天。")
    return problems


def check_transfer_in(member: Member, t: Transfer) -> list[str]:
    """A member transferred in must be a Party member who joined before the transfer."""
    problems = []
    if not member.stage.is_member:
        problems.append(
            f"转入的应是党员（正式或预备），{member.name or '此人'}现为“{member.stage.value}”。"
        )
    if member.joined_on is not None and member.joined_on > t.on:
        problems.append(f"入党日期 {member.joined_on} 晚于转入日期 {t.on}。")
    return problems


def left_by_transfer(member: Member, t: Transfer) -> Member:
    """The member as the roster keeps them after a transfer out: left with 转出 on that day."""
    return member.replace(
        left_on=t.on, left_reason=LeaveReason.TRANSFERRED, left_note=f"转往{t.organisation}"
    )


def receipt_due_items(
    transfers: list[Transfer], names: dict[int, str], today: date, settings: TransferSettings
) -> list[DueItem]:
    """A transfer whose 回执 is still out after the set number of days (kind "transfer")."""
    items = []
    for t in transfers:
        if t.receipt_back:
            continue
        when = t.on + timedelta(days=settings.receipt_days)
        if when >= today:
            continue
        name = names.get(t.member_id, "")
        if t.direction is Direction.OUT:
            title = f"转往{t.organisation}的介绍信回执尚未返回"
        else:
            title = f"从{t.organisation}转入的回执尚未寄回"
        items.append(
            DueItem(
                "transfer",
                name,
                t.member_id,
                None,
                title,
                when,
                DEADLINE,
                OVERDUE,
                f"{t.on} {t.direction.value}"
                + (f"（介绍信 {t.letter_no}）" if t.letter_no else "")
                + f"；超过 {settings.receipt_days} 天提醒",
            )
        )
    return items


def moves(transfers: Iterable[Transfer]) -> dict[int, list[tuple[date, bool]]]:
    """Each member's 组织关系转接 as (day, arriving), in the log's order: who was on the
    roster on a day depends on them (meetings' and elections' 应到, study from arrival)."""
    found: dict[int, list[tuple[date, bool]]] = {}
    for t in transfers:
        if t.member_id is not None:
            found.setdefault(t.member_id, []).append((t.on, t.direction is Direction.IN))
    return found
