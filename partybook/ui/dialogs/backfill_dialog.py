"""补录建账以来的收缴: a branch that began its book mid-year has collected the months since the
opening on paper; this records the chosen months as paid by everyone who owed them, each on
its own month's last day or all on one day (book.dues.collect_months)."""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.dues import State, check_payment, yuan_text
from partybook.ui.dialogs.dues_pay_dialog import months_text
from partybook.ui.widgets import (
    AsksBeforeDiscarding,
    DateField,
    ErrorLabel,
    listed,
    ok_cancel_buttons,
)

_OPEN = (State.UNPAID, State.PENDING, State.FUTURE)  # owed and assessed, not paid yet
PER_COLUMN = 6  # month boxes a line


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


class BackfillDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, book: Book, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"补录建账以来的党费收缴（{year} 年）")
        self.setMinimumWidth(480)
        self._book, self._year = book, year
        self._today = book.today()
        self._rows = book.dues.rows(year)
        opened = book.opening.date()
        since = f"本支部 {opened.year}年{opened.month}月{opened.day}日 建账。" if opened else ""
        self.intro = intro = QLabel(
            f"{since}建账以来已过去的月份，若当时已经收过党费，可以在这里一次补录："
            "勾选的月份记为所有还没有交纳记录的党员已交。"
        )
        intro.setWordWrap(True)
        self.months: dict[int, QCheckBox] = {}
        grid = QGridLayout()
        for i, m in enumerate(book.dues.months_since_opening(year)):
            box = QCheckBox(f"{m}月")
            box.setChecked(True)
            box.toggled.connect(self._check)
            grid.addWidget(box, i // PER_COLUMN, i % PER_COLUMN)
            self.months[m] = box
        grid.setColumnStretch(PER_COLUMN, 1)  # the boxes side by side, the room after them
        self.each_month = QRadioButton("每月按当月收缴记录（交纳日期为当月最后一天）")
        self.each_month.setChecked(True)
        self.same_day = QRadioButton("统一的交纳日期")
        group = QButtonGroup(self)
        group.addButton(self.each_month)
        group.addButton(self.same_day)
        self.date = DateField()
        self.date.set_value(self._today)
        self.date.setEnabled(False)
        self.date.setMaximumWidth(160)
        self.same_day.toggled.connect(self.date.setEnabled)
        self.same_day.toggled.connect(self._check)
        self.date.textChanged.connect(self._check)
        one_day = QHBoxLayout()
        one_day.addWidget(self.same_day)
        one_day.addWidget(self.date)
        one_day.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("补录")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("补录的月份："))
        layout.addLayout(grid)
        layout.addWidget(QLabel("交纳日期："))
        layout.addWidget(self.each_month)
        layout.addLayout(one_day)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        note = QLabel("没交的人，补录后可以选中他那个月的格子点“撤销所选月份”。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666666;")
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._check()
        self.keep_form()  # 取消 asks once something here has changed

    def chosen(self) -> list[int]:
        return [m for m, box in self.months.items() if box.isChecked()]

    def paid_on(self) -> date | None:
        """The one day chosen for every month, or None: each month on its own last day."""
        return self.date.readable_value() if self.same_day.isChecked() else None

    def _day(self, month: int) -> date | None:
        if self.same_day.isChecked():
            return self.date.readable_value()
        return min(_month_end(self._year, month), self._today)

    def counts(self) -> tuple[int, int, int, list[str]]:
        """(people, payments, total fen, names not assessed) of the ticked months."""
        months = self.chosen()
        people, payments, total, missing = set(), 0, 0, []
        for r in self._rows:
            cells = [r.cell(m) for m in months]
            for c in cells:
                if c.state in _OPEN:
                    people.add(r.member.id)
                    payments += 1
                    total += c.due_fen
            if any(c.state is State.NO_BASE for c in cells):
                missing.append(r.member.name)
        return len(people), payments, total, missing

    def _check(self) -> None:
        months = self.chosen()
        problems: list[str] = []
        people, payments, total, missing = self.counts()
        if not self.months:
            problems.append(f"{self._year} 年建账以来已过去的月份都已收齐，没有需要补录的。")
        elif not months:
            problems.append("请勾选要补录的月份。")
        elif not payments:
            problems.append("勾选的月份没有需要补录的党费（都已交纳或未核定）。")
        if self.same_day.isChecked() and self.date.readable_value() is None:
            problems.append("请填写交纳日期，如 2026-10-31。")
        for m in months:
            day = self._day(m)
            if day is not None:
                problems += check_payment(self._year, m, day, self._today)
        text = ""
        if payments:
            text = (
                f"将为 {people} 名党员记录 {months_text(months)} 的党费，共 {payments} 笔，"
                f"合计 {yuan_text(total)} 元。"
            )
        if missing:
            text += f"还没有核定基数、这次不补录的：{listed(missing, '、', '人')}。"
        self.summary.setText(text)
        self.summary.setVisible(bool(text))
        self.problems.show_message("\n".join(dict.fromkeys(problems)))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(not problems)

    def request(self) -> tuple[list[int], date | None]:
        return self.chosen(), self.paid_on()

    @classmethod
    def ask(
        cls, parent: QWidget | None, book: Book, year: int
    ) -> tuple[list[int], date | None] | None:
        dialog = cls(book, year, parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
