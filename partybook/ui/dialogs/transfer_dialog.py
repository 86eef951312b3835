"""Recording a 组织关系转接: in or out, the date, the other organisation, the letter number and
the 回执. A transfer out chooses a member (who then leaves the roster); a transfer in is either
a new member (whose details follow in the member window) or one who once transferred out."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.errors import join_problems
from partybook.domain.members import LeaveReason
from partybook.domain.transfers import Direction, Transfer, check_transfer
from partybook.ui.attachments import Owner, strip_for
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons

NEW_MEMBER = -1  # the 转入人员 combo's entry for a person not yet on the roster


class TransferDialog(QDialog):
    def __init__(
        self,
        book: Book,
        direction: Direction,
        transfer: Transfer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._original = transfer
        self.direction = transfer.direction if transfer else direction
        self.editing = transfer is not None and transfer.id is not None
        out = self.direction is Direction.OUT
        verb = "转出" if out else "转入"
        self.setWindowTitle(f"修改{verb}记录" if self.editing else f"登记组织关系{verb}")
        self.setMinimumWidth(560)
        self.person = QComboBox()
        if self.editing:
            names = {m.id: m.name for m in book.members.all()}
            self.person.addItem(names.get(transfer.member_id, ""), transfer.member_id)
            self.person.setEnabled(False)
        elif out:
            self.person.addItem("（请选择要转出的党员）", None)
            for m in book.members.all(include_left=False):
                if m.stage.is_member:
                    self.person.addItem(f"{m.name}（{m.stage.value}）", m.id)
        else:
            self.person.addItem("新转入的党员（保存后填写其基本信息）", NEW_MEMBER)
            for m in book.members.all():
                if m.left_reason is LeaveReason.TRANSFERRED:
                    self.person.addItem(f"{m.name}（{m.left_on} 转出，现转回）", m.id)
        self.date = DateField()
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText("如：县城关第二小学党支部")
        self.letter_no = QLineEdit()
        self.letter_no.setPlaceholderText("如：青山组转〔2026〕3号（可不填）")
        self.receipt_back = QCheckBox("回执已返回" if out else "回执已寄回")
        self.receipt_on = DateField()
        self.notes = QLineEdit()
        hint = (
            "保存后，该党员在花名册中记为“已离开（转出）”，离开日期为转接日期；记录不会被删除。"
            if out
            else "新转入的党员保存后会打开人员信息窗口，按花名册要求填写入党日期等信息。"
        )
        if self.editing:
            hint = "修改转出日期时，该党员的离开日期会一起改正。" if out else ""
        self._hint = hint
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存")
        form = QFormLayout()
        form.addRow("转出党员" if out else "转入人员", self.person)
        form.addRow("转接日期", self.date)
        form.addRow("转往党组织" if out else "原所在党组织", self.organisation)
        form.addRow("介绍信编号", self.letter_no)
        form.addRow("回执", self.receipt_back)
        form.addRow("回执日期", self.receipt_on)
        form.addRow("备注", self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._load(transfer)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.date, self.organisation, self.receipt_on):
            edit.textChanged.connect(self.revalidate)
        self.receipt_back.toggled.connect(self.revalidate)
        self.person.currentIndexChanged.connect(self._on_person_changed)
        layout.insertWidget(
            layout.indexOf(self.buttons), strip_for(self._book, Owner.TRANSFER, self._original)
        )
        self.revalidate()

    def _load(self, t: Transfer | None) -> None:
        if t is None:
            self.date.set_value(self._book.today())
            return
        self.date.set_value(t.on)
        self.organisation.setText(t.organisation)
        self.letter_no.setText(t.letter_no)
        self.receipt_back.setChecked(t.receipt_back)
        self.receipt_on.set_value(t.receipt_on)
        self.notes.setText(t.notes)

    @Slot()
    def _on_person_changed(self) -> None:
        who = self.person.currentData()
        if self.direction is Direction.IN and who not in (None, NEW_MEMBER):
            note = self._book.members.get(who).left_note  # 转往X: they come back from X
            if note.startswith("转往") and not self.organisation.text().strip():
                self.organisation.setText(note[2:])
        self.revalidate()

    def member_choice(self) -> int | None:
        """The member chosen; None for a new member (transfer in) or nobody to choose."""
        who = self.person.currentData()
        return None if who in (None, NEW_MEMBER) else who

    def transfer(self) -> Transfer | None:
        on = self.date.readable_value()
        if on is None:
            return None
        base = self._original or Transfer(self.direction, on, "")
        return dataclasses.replace(
            base,
            on=on,
            organisation=self.organisation.text().strip(),
            member_id=self.member_choice(),
            letter_no=self.letter_no.text().strip(),
            receipt_back=self.receipt_back.isChecked(),
            receipt_on=self.receipt_on.readable_value(),
            notes=self.notes.text().strip(),
        )

    @Slot()
    def revalidate(self) -> list[str]:
        self.receipt_on.setEnabled(self.receipt_back.isChecked())
        t = self.transfer()
        if t is None:
            problems = ["请填写转接日期，如 2026-11-22。"]
        else:
            problems = check_transfer(t, self._book.today())
            if self.receipt_on.text().strip() and self.receipt_on.readable_value() is None:
                problems.append("回执日期写得不对，如 2026-11-22。")
            if self.direction is Direction.OUT and self.person.currentData() is None:
                problems.append("请选择要转出的党员。")
            elif self.direction is Direction.OUT and not self.editing:
                post = self._book.members.get(self.person.currentData()).party_post
                self.hint.setText(
                    f"此人现任{post}：转出后不再列入支委会。{self._hint}" if post else self._hint
                )
        self.problems.show_message(join_problems(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return problems

    def _on_ok(self) -> None:
        if not self.revalidate():
            self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        book: Book,
        direction: Direction = Direction.OUT,
        transfer: Transfer | None = None,
    ) -> Transfer | None:
        dialog = cls(book, direction, transfer, parent)
        return dialog.transfer() if dialog.exec() == QDialog.DialogCode.Accepted else None
