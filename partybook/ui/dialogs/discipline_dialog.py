"""Recording a member's 留党察看: its first day, one year or two, and an early end if any."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.discipline import Discipline, allowed_months, check_end
from partybook.domain.errors import InvalidValue
from partybook.domain.members import Member
from partybook.domain.rules import DISCIPLINE_RULES
from partybook.ui.widgets import AsksBeforeDiscarding, DateField, ErrorLabel, ok_cancel_buttons

SAVE, DELETE = "save", "delete"


@dataclass
class DisciplineAnswer:
    """What the secretary entered: save (new or corrected) or delete the record of `original`."""

    action: str
    start: date
    months: int
    notes: str = ""
    ended_on: date | None = None
    end_notes: str = ""
    original: Discipline | None = None


class DisciplineDialog(AsksBeforeDiscarding, QDialog):
    """A new 留党察看, or the one in force (or the latest) to correct, end early or delete."""

    def __init__(
        self, book: Book, member: Member, current: Discipline | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._book, self._member, self._current = book, member, current
        self._action = SAVE
        self.setWindowTitle(f"{member.name}：留党察看")
        self.setMinimumWidth(520)
        self.setMaximumSize(1024, 690)
        rules = DISCIPLINE_RULES
        intro = QLabel(
            f"受留党察看处分的党员照常参加组织生活，但{rules.rules['watch_max_months'].text}"
            f"（{rules.rules['watch_max_months'].article}）。期满之日起恢复党员权利。"
        )
        intro.setWordWrap(True)
        self.start = DateField()
        self.months = QComboBox()
        short, long = allowed_months(rules)
        self.months.addItem(f"一年（{short} 个月）", short)
        self.months.addItem(f"二年（{long} 个月）", long)
        self.months.setToolTip(
            "一年期满仍不符合恢复党员权利条件的，延长一年：把这里改为二年。\n"
            + rules.cite("watch_short_months")
        )
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("如：镇纪委 2026-03-10 决定（文号）")
        self.period = QLabel()
        self.period.setWordWrap(True)
        self.ended = QCheckBox("提前结束（处分被撤销或变更）")
        self.ended_on = DateField()
        self.end_notes = QLineEdit()
        self.end_notes.setPlaceholderText("如：申诉后县纪委撤销处分")
        form = QFormLayout()
        form.addRow("开始日期", self.start)
        form.addRow("期限", self.months)
        form.addRow("处分决定", self.notes)
        form.addRow("", self.period)
        form.addRow("", self.ended)
        form.addRow("结束日期", self.ended_on)
        form.addRow("结束原因", self.end_notes)
        self._form = form
        self.error = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存")
        self.delete_button = QPushButton("删除这条记录")
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setVisible(current is not None)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._on_delete)
        layout = QVBoxLayout(self)
        heading = f"{member.name}（{member.status_text}）"
        if current is not None:
            heading += f"\n已记录：{current.summary}"
        head = QLabel(heading)
        head.setWordWrap(True)
        layout.addWidget(head)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._load(current)
        for signal in (
            self.start.textChanged,
            self.months.currentIndexChanged,
            self.ended.toggled,
            self.ended_on.textChanged,
        ):
            signal.connect(self.revalidate)
        self.revalidate()
        self.keep_form()  # 取消 asks once something here has changed

    def _load(self, current: Discipline | None) -> None:
        if current is None:
            self.start.set_value(self._book.today())
            self._form.setRowVisible(self.ended, False)
            self._form.setRowVisible(self.ended_on, False)
            self._form.setRowVisible(self.end_notes, False)
            return
        self.start.set_value(current.start)
        self.months.setCurrentIndex(max(0, self.months.findData(current.months)))
        self.notes.setText(current.notes)
        self.ended.setChecked(current.ended_on is not None)
        self.ended_on.set_value(current.ended_on or self._book.today())
        self.end_notes.setText(current.end_notes)

    def answer(self) -> DisciplineAnswer | None:
        """What was entered, or None while a date cannot be read."""
        start = self.start.readable_value()
        if start is None:
            return None
        ended_on = self.ended_on.readable_value() if self.ended.isChecked() else None
        if self.ended.isChecked() and ended_on is None:
            return None
        return DisciplineAnswer(
            self._action,
            start,
            int(self.months.currentData()),
            self.notes.text().strip(),
            ended_on,
            self.end_notes.text().strip() if ended_on else "",
            self._current,
        )

    @Slot()
    def revalidate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ended_on.setEnabled(self.ended.isChecked())
        self.end_notes.setEnabled(self.ended.isChecked())
        try:
            self.start.value()
            self.ended_on.value()
        except InvalidValue as exc:
            self.error.show_message(str(exc))
            ok.setEnabled(False)
            return
        answer = self.answer()
        if answer is None:
            self.error.show_message("请填写日期。")
            self.period.setText("")
            ok.setEnabled(False)
            return
        original = self._current.event_id if self._current else None
        problems = self._book.members.check_discipline(
            self._member.id, answer.start, answer.months, original
        )
        shown = Discipline(self._member.id, answer.start, answer.months, answer.ended_on)
        if answer.ended_on is not None:
            problems += check_end(shown, answer.ended_on, self._book.today())
        self.period.setText(
            f"留党察看期间：{shown.start} 至 {shown.last_day}，{shown.ends} 起恢复党员权利。"
        )
        self.error.show_message("".join(problems))
        ok.setEnabled(not problems)

    @Slot()
    def _on_delete(self) -> None:
        self._action = DELETE
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, book: Book, member: Member, current: Discipline | None
    ) -> DisciplineAnswer | None:
        dialog = cls(book, member, current, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if dialog._action == DELETE:
            return DisciplineAnswer(DELETE, current.start, current.months, original=current)
        return dialog.answer()
