"""Recording that a person left the branch: reason, date and a note. Nobody is deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.domain.errors import InvalidValue
from partybook.domain.members import LeaveReason, Member
from partybook.ui.widgets import DateField, ErrorLabel, ok_cancel_buttons


@dataclass
class Leaving:
    reason: LeaveReason
    on: date
    note: str


class LeaveDialog(QDialog):
    """Ask why and when a person left; the record stays in the roster's history."""

    def __init__(self, member: Member, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(f"{member.name} 离开本支部")
        self.setMinimumWidth(480)
        intro = QLabel(
            f"记录 {member.name} 离开本支部。记录不会被删除，以后仍可在“已离开”中查看，"
            "记错了也可以撤销。"
        )
        intro.setWordWrap(True)
        self.reason = QComboBox()
        for reason in LeaveReason:
            self.reason.addItem(reason.value, reason)
        self.date = DateField()
        self.date.set_value(today)
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：转往某某学校党支部")
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("离开原因", self.reason)
        form.addRow("离开日期", self.date)
        form.addRow("说明", self.note)
        buttons = ok_cancel_buttons()
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def leaving(self) -> Leaving | None:
        """The answer, or None (with the reason shown) when the date is missing or wrong."""
        try:
            on = self.date.value()
        except InvalidValue as exc:
            self.error.show_message(str(exc))
            return None
        if on is None:
            self.error.show_message("请填写离开日期。")
            return None
        if on > self._today:
            self.error.show_message("离开日期不能晚于今天。")
            return None
        return Leaving(LeaveReason(self.reason.currentData()), on, self.note.text().strip())

    def _on_ok(self) -> None:
        if self.leaving() is not None:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, member: Member, today: date) -> Leaving | None:
        dialog = cls(member, today, parent)
        return dialog.leaving() if dialog.exec() == QDialog.DialogCode.Accepted else None
