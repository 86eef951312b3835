"""登记交纳: one member pays one or several months at once, ahead (预交) or back (补交); months
further back than the rules allow are refused with the reason before anything is saved. The
months before the book (建账前, or 建账前已交 by the 期初数据) are not offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.dues import MONTHS, Kind, MemberDues, Payment, State, check_payment, yuan_text
from partybook.ui.widgets import AsksBeforeDiscarding, DateField, ErrorLabel, ok_cancel_buttons

_OPEN = (State.UNPAID, State.PENDING, State.FUTURE)


def months_text(months: list[int]) -> str:
    """[1, 2, …, 8] → "1月至8月"; [3] → "3月"; not a run → "1月、3月"."""
    if len(months) > 2 and months == list(range(months[0], months[-1] + 1)):
        return f"{months[0]}月至{months[-1]}月"
    return "、".join(f"{m}月" for m in months)


@dataclass(frozen=True)
class PayRequest:
    member_id: int
    year: int
    months: tuple[int, ...]
    paid_on: date
    note: str = ""


MONTHS_PER_ROW = 4


class DuesPayDialog(AsksBeforeDiscarding, QDialog):
    def __init__(
        self,
        book: Book,
        year: int,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"登记党费交纳（{year} 年）")
        self.setMinimumWidth(560)
        self._book, self._year = book, year
        self._rows = {r.member.id: r for r in book.dues.rows(year)}
        self.member = QComboBox()
        for r in self._rows.values():
            self.member.addItem(r.member.name, r.member.id)
        if member_id is not None:
            self.member.setCurrentIndex(max(0, self.member.findData(member_id)))
        self.date = DateField()
        self.date.set_value(book.today())
        self.note = QLineEdit()
        self.note.setPlaceholderText("可不填，如：外出务工，委托家属代交")
        self.months: dict[int, QCheckBox] = {m: QCheckBox(f"{m}月") for m in MONTHS}
        # four to a row with room between them: "10月 已交" and "11月（欠）" side by side
        # overlapped in six narrow columns
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for m, box in self.months.items():
            grid.addWidget(box, (m - 1) // MONTHS_PER_ROW, (m - 1) % MONTHS_PER_ROW)
            box.toggled.connect(self._check)
        self.before = QLabel()  # which months are before the book, for the member chosen
        self.before.setWordWrap(True)
        self.before.setStyleSheet("color: #666666;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("登记")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("党员", self.member)
        form.addRow("交纳日期", self.date)
        form.addRow("交纳月份", grid)
        form.addRow("", self.before)
        form.addRow("备注", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.member.currentIndexChanged.connect(self._fill_months)
        self.date.textChanged.connect(self._check)
        self._fill_months()
        self.keep_form()  # 取消 asks once something here has changed

    def row(self) -> MemberDues | None:
        return self._rows.get(self.member.currentData())

    def _fill_months(self) -> None:
        r = self.row()
        for m, box in self.months.items():
            c = r.cell(m) if r else None
            box.blockSignals(True)
            box.setChecked(False)
            box.setEnabled(c is not None and c.state in _OPEN)
            if c is None:
                box.setToolTip("")
            elif c.state is State.PAID:
                box.setText(f"{m}月 已交")
                box.setToolTip(f"{c.payment.paid_on} 已交 {yuan_text(c.paid_fen)} 元")
            elif c.state is State.PAID_BEFORE:
                box.setText(f"{m}月 已交")
                box.setToolTip("建账前已交（期初数据）")
            elif c.state is State.BEFORE_BOOK:
                box.setText(f"{m}月")
                box.setToolTip("建账前的月份，不在本台账登记交纳")
            else:
                box.setText(f"{m}月" + ("（欠）" if c.state is State.UNPAID else ""))
                box.setToolTip(f"{c.state.value}，应交 {yuan_text(c.due_fen)} 元")
            box.blockSignals(False)
        before = [m for m in MONTHS if r and r.cell(m).state is State.BEFORE_BOOK]
        self.before.setText(
            f"{months_text(before)}为建账前的月份，不在本台账登记交纳。" if before else ""
        )
        self.before.setVisible(bool(before))
        self._check()

    def chosen(self) -> list[int]:
        return [m for m, box in self.months.items() if box.isChecked()]

    def _check(self) -> None:
        r, months = self.row(), self.chosen()
        problems, lines = [], []
        day = self.date.readable_value()
        if day is None:
            problems.append("请填写交纳日期，如 2026-11-22。")
        if r is not None and r.assessment is None:
            problems.append(
                f"{r.member.name} 还没有核定 {self._year} 年党费基数，请先点“年初核定”。"
            )
        if not months:
            problems.append("请勾选要交纳的月份。")
        if day is not None and r is not None and months:
            for m in months:
                problems += check_payment(self._year, m, day, self._book.today())
            kinds: dict[Kind, list[int]] = {}
            for m in months:
                kinds.setdefault(Payment(0, self._year, m, 0, day).kind, []).append(m)
            for kind, ms in kinds.items():
                lines.append(f"{kind.value} {'、'.join(f'{m}月' for m in ms)}")
            total = sum(r.cell(m).due_fen for m in months)
            lines.append(f"共 {len(months)} 个月，合计 {yuan_text(total)} 元")
        self.summary.setText("；".join(lines))
        self.problems.show_message("\n".join(dict.fromkeys(problems)))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(not problems)

    def request(self) -> PayRequest:
        return PayRequest(
            self.member.currentData(),
            self._year,
            tuple(self.chosen()),
            self.date.readable_value() or self._book.today(),
            self.note.text().strip(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, book: Book, year: int, member_id: int | None = None
    ) -> PayRequest | None:
        dialog = cls(book, year, member_id, parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
