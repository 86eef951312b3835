"""组织关系转接: the log, with the roster updated in the same transaction."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.domain.deadlines import DueItem
from partybook.domain.errors import NotFound, RuleViolation, join_problems
from partybook.domain.members import LeaveReason, Member
from partybook.domain.transfers import (
    Direction,
    Transfer,
    TransferSettings,
    check_transfer,
    check_transfer_in,
    left_by_transfer,
    receipt_due_items,
)
from partybook.store import members as member_store
from partybook.store import transfers as transfer_store


class Transfers:
    """book.transfers: the log of transfers in and out, the roster updated in the same write."""

    def __init__(self, core: Core, members: Members) -> None:
        self._core = core
        self._members = members

    def settings(self) -> TransferSettings:
        value = self._core.settings().get("transfers.receipt_days", "")
        return TransferSettings(int(value)) if value.isdigit() else TransferSettings()

    def save_settings(self, s: TransferSettings) -> None:
        if not 1 <= s.receipt_days <= 365:
            raise RuleViolation("回执提醒天数应在 1 到 365 之间。")
        self._core.put_settings({"transfers.receipt_days": str(s.receipt_days)})

    def all(self) -> list[Transfer]:
        return transfer_store.load_transfers()

    def get(self, transfer_id: int) -> Transfer:
        found = [t for t in transfer_store.load_transfers() if t.id == transfer_id]
        if not found:
            raise NotFound(f"没有编号为 {transfer_id} 的转接记录。")
        return found[0]

    def _clean_transfer(self, t: Transfer) -> Transfer:
        t = dataclasses.replace(
            t, organisation=t.organisation.strip(), letter_no=t.letter_no.strip()
        )
        problems = check_transfer(t, self._core.today())
        if problems:
            raise RuleViolation(join_problems(problems))
        return t

    def record_out(self, t: Transfer) -> Transfer:
        """A member transferred out: the record, and the member leaves with 转出 that day."""
        t = self._clean_transfer(dataclasses.replace(t, direction=Direction.OUT, id=None))
        if t.member_id is None:
            raise RuleViolation("请选择转出的党员。")
        member = self._members.get(t.member_id)
        if not member.stage.is_member:
            raise RuleViolation(f"{member.name} 不是党员，组织关系转接只用于党员。")
        with self._core.writing(Change.TRANSFERS | Change.MEMBERS):
            left = left_by_transfer(member, t)
            self._members.leave(member.id, LeaveReason.TRANSFERRED, t.on, left.left_note)
            return transfer_store.save_transfer(t)

    def record_in(self, t: Transfer, member: Member) -> tuple[Transfer, Member]:
        """A member transferred in: a new person joins the roster (checked like any other),
        or one who had transferred out comes back; the record and the roster in one write."""
        t = self._clean_transfer(dataclasses.replace(t, direction=Direction.IN, id=None))
        problems = check_transfer_in(member, t)
        if problems:
            raise RuleViolation(join_problems(problems))
        with self._core.writing(Change.TRANSFERS | Change.MEMBERS):
            if member.id is None:
                member = self._members.add(member)
            else:
                before = self._members.get(member.id)
                if before.active:
                    raise RuleViolation(f"{before.name} 仍在本支部花名册上，不需要转入。")
                if before.left_reason is not LeaveReason.TRANSFERRED:
                    raise RuleViolation(
                        f"{before.name} 是因“{before.left_reason}”离开的，不能按组织关系转入恢复。"
                    )
                back = member.replace(left_on=None, left_reason=None, left_note="")
                member = self._members.update(back)
            return transfer_store.save_transfer(dataclasses.replace(t, member_id=member.id)), member

    def update(self, t: Transfer) -> Transfer:
        """Correct a record (organisation, letter, 回执); a changed date of a transfer out
        moves the member's leaving date with it."""
        before = self.get(t.id)
        t = self._clean_transfer(
            dataclasses.replace(t, direction=before.direction, member_id=before.member_id)
        )
        with self._core.writing(Change.TRANSFERS | Change.MEMBERS):
            if t.direction is Direction.OUT and t.member_id is not None:
                member = self._members.get(t.member_id)
                if member.left_reason is LeaveReason.TRANSFERRED:
                    member_store.update_member(left_by_transfer(member, t))
            return transfer_store.save_transfer(t)

    def delete(self, transfer_id: int) -> Member | None:
        """Remove a record entered by mistake. A member recorded as transferred out by it is
        put back on the roster (returned); one transferred in stays."""
        t = self.get(transfer_id)
        with self._core.writing(Change.TRANSFERS | Change.MEMBERS):
            transfer_store.delete_transfer(transfer_id)
            if t.direction is Direction.OUT and t.member_id is not None:
                member = self._members.get(t.member_id)
                if member.left_reason is LeaveReason.TRANSFERRED and member.left_on == t.on:
                    return self._members.undo_leave(member.id)
        return None

    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """Transfers whose 回执 is still out after the set number of days (kind "transfer")."""
        names = self._members.names()
        return receipt_due_items(
            transfer_store.load_transfers(), names, on or self._core.today(), self.settings()
        )
