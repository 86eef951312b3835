"""建账日期: from which day the branch keeps its ledger here (asked at the first start)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from partybook.ui.widgets import ok_cancel_buttons

EXPLAIN = (
    "建账日期是开始用本软件记账的那一天，一般就是今天。软件不会把这一天以前的事当作“未办”或"
    "“逾期”：以前的会议、党费、学习进度和各项期限都不再提醒；但还在等待的事（如预备期已满、"
    "还没有讨论转正）照样提醒。\n\n"
    "建账以前今年已学的学时、党费交到哪个月、最近一次参加组织生活，可以在“期初数据”中填写。"
)


class OpeningDateDialog(QDialog):
    """One date, with what it means in plain words."""

    def __init__(
        self, current: date | None, today: date, first_time: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("建账日期")
        self.setMinimumWidth(520)
        intro = QLabel(("从哪一天开始在本软件中记账？\n\n" if first_time else "") + EXPLAIN)
        intro.setWordWrap(True)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date.setMinimumDate(QDate(2000, 1, 1))
        shown = current or today
        self.date.setDate(QDate(shown.year, shown.month, shown.day))
        form = QFormLayout()
        form.addRow("建账日期", self.date)
        buttons = ok_cancel_buttons("确定", "以后再说" if first_time else "取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        current: date | None,
        today: date,
        first_time: bool = False,
    ) -> date | None:
        dialog = cls(current, today, first_time, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
