"""Recording one step of a person's development, with the rules checked as you type."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.errors import InvalidValue
from partybook.domain.members import Member
from partybook.domain.pipeline import (
    DAY_NEEDED,
    HARD_KEYS,
    LEAVING_MARK,
    STEPS,
    Event,
    Kind,
    next_step,
)
from partybook.ui.attachments import Owner, strip_for
from partybook.ui.widgets import AsksBeforeDiscarding, DateField, ErrorLabel, ok_cancel_buttons

CHOICES: list[tuple[str, Kind, int | None]] = [
    *((f"第 {n} 步  {s.title}", Kind.STEP, n) for n, s in STEPS.items()),
    ("考察（半年一次）", Kind.ASSESSMENT, None),
    ("思想汇报", Kind.REPORT, None),
    ("团组织推优", Kind.RECOMMENDATION, None),
    ("延长预备期", Kind.EXTENSION, None),
]
LEAVING_STEPS = (13, 15)  # where "3 个月内将离开本单位" is asked (pre-review, admission)


class StepDialog(AsksBeforeDiscarding, QDialog):
    """OK works when the rules allow the step, or when an exception with a reason is given."""

    def __init__(
        self,
        book: Book,
        member: Member,
        event: Event | None,
        suggested: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._member = member
        self._original = event
        self.setWindowTitle(f"{member.name}：{'修改记录' if event else '记录一步'}")
        self.setMinimumWidth(620)
        self.choice = QComboBox()
        for text, kind, number in CHOICES:
            self.choice.addItem(text, (kind.value, number))
        self.date = DateField(day_needed=DAY_NEEDED)  # a step's deadlines count days
        self.people = QLineEdit()
        self.people.setPlaceholderText("几个人之间用顿号隔开，如：刘建华、张丽")
        self.meeting = QLineEdit()
        self.meeting.setPlaceholderText("如：2026年第3次支委会")
        self.quantity = QDoubleSpinBox()
        self.quantity.setRange(0, 999)
        self.quantity.setDecimals(1)
        self.unit = QComboBox()
        self.unit.addItems(["", "天", "学时", "个月"])
        amount = QHBoxLayout()
        amount.addWidget(self.quantity)
        amount.addWidget(self.unit)
        amount.addStretch(1)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(56)
        rules, key = book.rules.current(), "prereview_leaving_months"  # in every rule set
        months = rules.value(key)
        self.leaving = QCheckBox(f"发展对象 {months} 个月内将离开本单位（调动、毕业、外出等）")
        self.leaving.setToolTip(f"{rules.cite(key)}\n勾选后记在备注里：{LEAVING_MARK}")
        self.rules_label = ErrorLabel()
        # The hint line keeps its room (two lines), shown even when empty: the dialog does not
        # grow or shrink as hints come and go while the date is typed.
        self.rules_label.setMinimumHeight(2 * self.rules_label.fontMetrics().lineSpacing())
        self.override = QCheckBox("记录例外（确属特殊情况，仍按实际日期记录）")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("写明理由，如：上级党委会议推迟，经镇党委同意")
        form = QFormLayout()
        form.addRow("事项", self.choice)
        form.addRow("日期", self.date)
        form.addRow("相关人员", self.people)
        form.addRow("决定的会议", self.meeting)
        form.addRow("时长/数量", amount)
        form.addRow("备注", self.notes)
        form.addRow("", self.leaving)
        self._form = form
        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{member.name}（{member.status_text}）"))
        layout.addLayout(form)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.override)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._load(event, suggested)
        for signal in (
            self.choice.currentIndexChanged,
            self.date.textChanged,
            self.people.textChanged,
            self.quantity.valueChanged,
            self.unit.currentIndexChanged,
            self.override.toggled,
            self.reason.textChanged,
            self.leaving.toggled,
        ):
            signal.connect(self.revalidate)
        layout.insertWidget(
            layout.indexOf(self.buttons), strip_for(self._book, Owner.STEP, self._original)
        )
        self.revalidate()
        self.keep_form()  # 取消 asks once something here has changed

    def _load(self, event: Event | None, suggested: int | None) -> None:
        if event is None:
            if suggested is None or isinstance(suggested, bool):  # not a step: the next one
                path = self._book.pipeline.path_of(self._member.id)
                suggested = next_step(path, self._member.stage)
            index = next((i for i, c in enumerate(CHOICES) if c[2] == suggested), 0)
            self.choice.setCurrentIndex(index)
            self.date.set_value(self._book.today())
            return
        index = next(i for i, c in enumerate(CHOICES) if (c[1], c[2]) == (event.kind, event.step))
        self.choice.setCurrentIndex(index)
        self.date.set_value(event.on)
        self.people.setText(event.people)
        self.meeting.setText(event.meeting)
        self.quantity.setValue(event.quantity or 0)
        self.unit.setCurrentText(event.unit)
        self.leaving.setChecked(event.leaving_soon)
        self.notes.setPlainText(event.notes.replace(LEAVING_MARK, "").strip())
        self.override.setChecked(bool(event.exception))
        self.reason.setText(event.exception)

    def entered(self) -> Event | None:
        """The event as entered, or None while the date cannot be read."""
        on = self.date.readable_value()
        if on is None:
            return None
        kind, number = self.choice.currentData()
        base = self._original or Event(self._member.id, Kind(kind), on)
        quantity = self.quantity.value() or None
        notes = self.notes.toPlainText().strip()
        if self.leaving.isChecked() and number in LEAVING_STEPS:
            notes = LEAVING_MARK + notes
        return dataclasses.replace(
            base,
            kind=Kind(kind),
            step=number,
            on=on,
            people=self.people.text().strip(),
            meeting=self.meeting.text().strip(),
            quantity=quantity,
            unit=self.unit.currentText(),
            notes=notes,
            exception=self.reason.text().strip() if self.override.isChecked() else "",
        )

    def _hint(self, text: str, warning: bool = False) -> None:
        """The hint line's text; the line stays in place (its room kept) when there is none."""
        self.rules_label.show_message(text, warning=warning)
        self.rules_label.setVisible(True)

    @Slot()
    def revalidate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reason.setEnabled(self.override.isChecked())
        self._form.setRowVisible(self.leaving, self.choice.currentData()[1] in LEAVING_STEPS)
        try:
            self.date.value()
        except InvalidValue as exc:
            self._hint(str(exc))
            ok.setEnabled(False)
            return
        event = self.entered()
        if event is None:
            self._hint("请填写日期。")
            ok.setEnabled(False)
            return
        violations = self._book.pipeline.check_event(event)
        future = any(v.key in HARD_KEYS for v in violations)
        binding = [v for v in violations if not v.practice]  # a practice only warns
        text = "；".join(v.message for v in violations)
        overridden = self.override.isChecked() and bool(self.reason.text().strip())
        self._hint(text, warning=(overridden or not binding) and not future)
        ok.setEnabled(not future and (not binding or overridden))

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        book: Book,
        member: Member,
        event: Event | None = None,
        suggested: int | None = None,
    ) -> Event | None:
        dialog = cls(book, member, event, suggested, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.entered()
        return None
