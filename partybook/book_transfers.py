"""The Book's 组织关系转接 verbs: the log, with the roster updated in the same transaction."""

from __future__ import annotations

import dataclasses
from datetime import date

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


class TransfersBook:
    """Mixed into Book: needs self._store, self.members(), self.member(), self.today(),
    self.leave(), self.undo_leave() and self._save()."""

    def transfer_settings(self) -> TransferSettings:
        value = self._store.settings().get("transfers.receipt_days", "")
        return TransferSettings(int(value)) if value.isdigit() else TransferSettings()

    def save_transfer_settings(self, s: TransferSettings) -> None:
        if not 1 <= s.receipt_days <= 365:
            raise RuleViolation("回执提醒天数应在 1 到 365 之间。")
        self._store.put_settings({"transfers.receipt_days": str(s.receipt_days)})

    def transfers(self) -> list[Transfer]:
        return self._store.transfers()

    def transfer(self, transfer_id: int) -> Transfer:
        found = [t for t in self._store.transfers() if t.id == transfer_id]
        if not found:
            raise NotFound(f"没有编号为 {transfer_id} 的转接记录。")
        return found[0]

    def _clean_transfer(self, t: Transfer) -> Transfer:
        t = dataclasses.replace(
            t, organisation=t.organisation.strip(), letter_no=t.letter_no.strip()
        )
        problems = check_transfer(t, self.today())
        if problems:
            raise RuleViolation(join_problems(problems))
        return t

    def record_transfer_out(self, t: Transfer) -> Transfer:
        """A member transferred out: the record, and the member leaves with 转出 that day."""
        t = self._clean_transfer(dataclasses.replace(t, direction=Direction.OUT, id=None))
        if t.member_id is None:
            raise RuleViolation("请选择转出的党员。")
        member = self.member(t.member_id)
        if not member.stage.is_member:
            raise RuleViolation(f"{member.name} 不是党员，组织关系转接只用于党员。")
        with self._store.atomic():
            left = left_by_transfer(member, t)
            self.leave(member.id, LeaveReason.TRANSFERRED, t.on, left.left_note)
            return self._store.save_transfer(t)

    def record_transfer_in(self, t: Transfer, member: Member) -> tuple[Transfer, Member]:
        """A member transferred in: a new person joins the roster (checked like any other),
        or one who had transferred out comes back; the record and the roster in one write."""
        t = self._clean_transfer(dataclasses.replace(t, direction=Direction.IN, id=None))
        problems = check_transfer_in(member, t)
        if problems:
            raise RuleViolation(join_problems(problems))
        with self._store.atomic():
            if member.id is None:
                member = self._save(member, insert=True)
            else:
                before = self.member(member.id)
                if before.active:
                    raise RuleViolation(f"{before.name} 仍在本支部花名册上，不需要转入。")
                if before.left_reason is not LeaveReason.TRANSFERRED:
                    raise RuleViolation(
                        f"{before.name} 是因“{before.left_reason}”离开的，不能按组织关系转入恢复。"
                    )
                back = member.replace(left_on=None, left_reason=None, left_note="")
                member = self._save(back, insert=False)
            return self._store.save_transfer(dataclasses.replace(t, member_id=member.id)), member

    def update_transfer(self, t: Transfer) -> Transfer:
        """Correct a record (organisation, letter, 回执); a changed date of a transfer out
        moves the member's leaving date with it."""
        before = self.transfer(t.id)
        t = self._clean_transfer(
            dataclasses.replace(t, direction=before.direction, member_id=before.member_id)
        )
        with self._store.atomic():
            if t.direction is Direction.OUT and t.member_id is not None:
                member = self.member(t.member_id)
                if member.left_reason is LeaveReason.TRANSFERRED:
                    self._store.update_member(left_by_transfer(member, t))
            return self._store.save_transfer(t)

    def delete_transfer(self, transfer_id: int) -> Member | None:
        """Remove a record entered by mistake. A member recorded as transferred out by it is
        put back on the roster (returned); one transferred in stays."""
        t = self.transfer(transfer_id)
        with self._store.atomic():
            self._store.delete_transfer(transfer_id)
            if t.direction is Direction.OUT and t.member_id is not None:
                member = self.member(t.member_id)
                if member.left_reason is LeaveReason.TRANSFERRED and member.left_on == t.on:
                    return self.undo_leave(member.id)
        return None

    def transfer_due_items(self, on: date | None = None) -> list[DueItem]:
        """Transfers whose 回执 is still out after the set number of days (kind "transfer")."""
        names = {m.id: m.name for m in self.members()}
        return receipt_due_items(
            self._store.transfers(), names, on or self.today(), self.transfer_settings()
        )
