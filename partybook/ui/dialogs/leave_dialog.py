"""Recording that a person left the branch: reason, date and a note. Nobody is deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRect, Qt
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
from partybook.domain.members import (
    LEAVE_EXPLANATIONS,
    NOTE_HINTS,
    LeaveReason,
    Member,
    leave_problems,
    leave_reasons,
)
from partybook.ui.widgets import AsksBeforeDiscarding, DateField, ErrorLabel, ok_cancel_buttons

WIDTH = 560


@dataclass
class Leaving:
    reason: LeaveReason
    on: date
    note: str


class LeaveDialog(AsksBeforeDiscarding, QDialog):
    """Ask why and when a person left; the record stays in the roster's history."""

    def __init__(self, member: Member, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._member = member
        self.setWindowTitle(f"{member.name} 离开本支部")
        self.setMinimumWidth(WIDTH)
        intro = QLabel(
            f"记录 {member.name} 离开本支部。记录不会被删除，以后仍可在“已离开”中查看，"
            "记错了也可以撤销。"
        )
        intro.setWordWrap(True)
        self.reason = QComboBox()
        for reason in leave_reasons(member.stage):
            self.reason.addItem(reason.value, reason)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #555555;")
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A window does not grow for a wrapped label's height: room for the longest one offered
        texts = [LEAVE_EXPLANATIONS.get(r, "") for r in leave_reasons(member.stage)]
        room = QRect(0, 0, WIDTH - 60, 10_000)  # less the dialog's margins, and some
        flags = Qt.TextFlag.TextWordWrap
        self.explanation.ensurePolished()  # the style sheet's font, not the default
        metrics = self.explanation.fontMetrics()
        tallest = max(metrics.boundingRect(room, flags, t).height() for t in texts)
        self.explanation.setMinimumHeight(tallest * 5 // 4)  # Chinese glyphs' lines are taller
        self.date = DateField()
        self.date.set_value(today)
        self.note = QLineEdit()
        self.error = ErrorLabel()
        first, form = QFormLayout(), QFormLayout()  # 离开原因 and 离开日期: labels as wide
        first.addRow("离开原因", self.reason)
        form.addRow("离开日期", self.date)
        form.addRow("说明", self.note)
        buttons = ok_cancel_buttons()
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(first)
        layout.addWidget(self.explanation)  # wraps in a box layout; a form row mis-sizes it
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.currentIndexChanged.connect(self._explain)
        self._explain()
        self.keep_form()  # 取消 asks once something here has changed

    def _explain(self) -> None:
        """The chosen reason's meaning (除名 quotes 党章第九条) and a hint for the note."""
        reason = LeaveReason(self.reason.currentData())
        self.explanation.setText(LEAVE_EXPLANATIONS.get(reason, ""))
        self.note.setPlaceholderText(NOTE_HINTS.get(reason, ""))
        self.error.show_message("")

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
        reason, note = LeaveReason(self.reason.currentData()), self.note.text().strip()
        problems = leave_problems(self._member, reason, note)
        if problems:
            self.error.show_message("".join(problems))
            return None
        return Leaving(reason, on, note)

    def _on_ok(self) -> None:
        if self.leaving() is not None:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, member: Member, today: date) -> Leaving | None:
        dialog = cls(member, today, parent)
        return dialog.leaving() if dialog.exec() == QDialog.DialogCode.Accepted else None
