"""The 党费 tab: the year's grid of members × months, 年初核定, collecting this month for
everyone in one click, back-filling the months since a mid-year opening (建账) in one go, one
member's payment ahead or back, the sheet and the public notice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.dues import State, yuan_text
from partybook.domain.errors import PartyBookError
from partybook.support.files import safe_file_name
from partybook.ui import messages, printing
from partybook.ui.dialogs.backfill_dialog import BackfillDialog
from partybook.ui.dialogs.dues_base_dialog import DuesBaseDialog
from partybook.ui.dialogs.dues_pay_dialog import DuesPayDialog
from partybook.ui.models.dues_model import COLOURS, DuesGridModel
from partybook.ui.models.table_model import RowFilterProxy
from partybook.ui.tabs.base import Tab, fit_shown_view
from partybook.ui.widgets import listed

LEGEND = [
    (State.PAID, "已交（补＝补交，预＝预交）"),
    (State.UNPAID, "欠交"),
    (State.PENDING, "本月待交"),
    (State.NO_BASE, "未核定"),
    (State.NOT_DUE, "不需交纳"),
    (State.PAID_BEFORE, "期初已交"),  # these two only in a year that has such months
    (State.BEFORE_BOOK, "建账前（不算欠交）"),
]
BEFORE = (State.PAID_BEFORE, State.BEFORE_BOOK)
LEGEND_TIPS = {
    State.PAID_BEFORE: "建账前已交：期初数据中“党费已交至”的月份，交纳记录不在本台账",
    State.BEFORE_BOOK: "建账前的月份：本台账没有记录，不算欠交",
}


class DuesTab(Tab):
    SHOWS = Change.MEMBERS | Change.DUES | Change.SETTINGS | Change.OPENING

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
        self.model = DuesGridModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(28)
        # columns sized by the first 100 rows, as every other table (Qt's default: 1 000)
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.year = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索姓名")
        self.search.setClearButtonEnabled(True)
        self.base_button = QPushButton("年初核定…")
        self.base_button.setToolTip("核定或调整每名党员本年的党费类别和月基数")
        self.collect_button = QPushButton("收缴本月党费…")
        self.backfill_button = QPushButton("补录建账以来的收缴…")
        self.backfill_button.setToolTip(
            "建账以来已过去的月份当时已收过党费的，一次记为所有未交党员已交"
        )
        self.backfill_button.hide()  # shown by reload() in a book opened mid-year
        self.pay_button = QPushButton("登记交纳（补交/预交）…")
        self.undo_button = QPushButton("撤销所选月份…")
        self.export_button = QPushButton("导出 Excel…")
        self.notice_button = QPushButton("打印公示…")
        self.notice_pdf_button = QPushButton("公示存为 PDF…")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._layout()
        self._connect()
        self._fill_years()
        self.refresh()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addWidget(self.search, 1)
        # the outputs beside the search, the entries below: one row of eight buttons would
        # not fit a 1024-pixel screen
        for b in (self.export_button, self.notice_button, self.notice_pdf_button):
            top.addWidget(b)
        actions = QHBoxLayout()
        for b in (
            self.base_button,
            self.collect_button,
            self.backfill_button,
            self.pay_button,
            self.undo_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        legend = QHBoxLayout()
        self.legend: dict[State, QLabel] = {}
        for state, text in LEGEND:
            label = self.legend[state] = QLabel(f" {text} ")
            label.setStyleSheet(f"background: {COLOURS[state]}; border: 1px solid #cccccc;")
            label.setToolTip(LEGEND_TIPS.get(state, ""))
            legend.addWidget(label, 0, Qt.AlignmentFlag.AlignVCenter)
        hint = QLabel("鼠标停在格子上可看交纳日期和金额。")
        hint.setWordWrap(True)  # gives way to the legend on a narrow screen
        legend.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addLayout(legend)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.year.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self._apply_filter)
        self.base_button.clicked.connect(self._on_base_clicked)
        self.collect_button.clicked.connect(self._on_collect_clicked)
        self.backfill_button.clicked.connect(self._on_backfill_clicked)
        self.pay_button.clicked.connect(self._on_pay_clicked)
        self.table.doubleClicked.connect(self._on_pay_clicked)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.notice_button.clicked.connect(self._on_notice_clicked)
        self.notice_pdf_button.clicked.connect(self._on_notice_pdf_clicked)

    def _fill_years(self) -> None:
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in self._book.dues.years():
            self.year.addItem(f"{y} 年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)

    def current_year(self) -> int:
        return self.year.currentData() or self._book.today().year

    @Slot()
    def reload(self) -> None:
        year = self.current_year()
        rows = self._book.dues.rows(year)
        self.model.set_rows(rows)
        today = self._book.today()
        self.collect_button.setEnabled(year == today.year)
        self.collect_button.setText(
            f"收缴本月（{today.month}月）党费…" if year == today.year else "收缴本月党费…"
        )
        backfill = self._book.opening.date() is not None and bool(
            self._book.dues.months_since_opening(year)
        )
        self.backfill_button.setVisible(backfill)
        states = {c.state for r in rows for c in r.cells}
        for state in BEFORE:  # the legend of the months before the book, where there are some
            self.legend[state].setVisible(state in states)
        paid = sum(r.paid_fen for r in rows)
        behind = [r.member.name for r in rows if r.unpaid]
        missing = [r.member.name for r in rows if r.assessment is None]
        text = f"{year} 年应交党费的党员 {len(rows)} 名，已收缴 {yuan_text(paid)} 元。"
        if missing:
            text += f"未核定基数：{listed(missing, '、', '人')}（请点“年初核定”）。"
        text += f"有欠交的：{listed(behind, '、', '人')}。" if behind else "没有欠交的。"
        if behind and backfill:
            text += "建账以来的月份当时已收过的，请点“补录建账以来的收缴”。"
        self.summary.setText(text)
        self._apply_filter()
        fit_shown_view(self.table)

    @Slot()
    def _apply_filter(self) -> None:
        words = self.search.text().split()
        self.proxy.set_predicate(lambda r: all(w in r.member.name for w in words))

    def _after_change(self) -> None:
        self._fill_years()
        self.refresh()

    def selected(self) -> tuple[int | None, int | None]:
        """(member id, month or None) of the selected cell."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None, None
        row = self.proxy.row_at(index.row())
        return row.member.id, self.model.month_of(index.column())

    # actions ----------------------------------------------------------------
    @Slot()
    def _on_base_clicked(self) -> None:
        year = self.current_year()
        entries = DuesBaseDialog.ask(self, self._book, year)
        if entries is None:
            return
        try:
            self._book.dues.set_bases(year, entries)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_change()

    @Slot()
    def _on_collect_clicked(self) -> None:
        today = self._book.today()
        year, month = today.year, today.month
        ready, missing = self._book.dues.to_collect(year, month)
        if not ready:
            messages.show_info(self, f"{year}年{month}月没有需要收缴的党费（都已交纳或未核定）。")
            return
        total = sum(r.cell(month).due_fen for r in ready)
        text = (
            f"收缴 {year}年{month}月 党费：{len(ready)} 人，合计 {yuan_text(total)} 元，"
            f"交纳日期记为今天（{today}）。"
        )
        if missing:
            text += f"\n\n还没有核定基数、这次不收的：{'、'.join(missing)}。"
        text += "\n\n没来交的人，收缴后可以选中他这个月的格子点“撤销所选月份”。"
        if not messages.confirm(self, text, yes="收缴"):
            return
        try:
            self._book.dues.collect_month(year, month, today)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_change()

    @Slot()
    def _on_backfill_clicked(self) -> None:
        year = self.current_year()
        request = BackfillDialog.ask(self, self._book, year)
        if request is None:
            return
        months, paid_on = request
        try:
            with self.saving():
                self._book.dues.collect_months(year, months, paid_on)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._fill_years()
        self.load_saved()

    @Slot()
    def _on_pay_clicked(self) -> None:
        member_id, _ = self.selected()
        year = self.current_year()
        request = DuesPayDialog.ask(self, self._book, year, member_id)
        if request is None:
            return
        try:
            self._book.dues.pay(
                request.member_id, request.year, request.months, request.paid_on, request.note
            )
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_change()

    @Slot()
    def _on_undo_clicked(self) -> None:
        member_id, month = self.selected()
        year = self.current_year()
        row = next((r for r in self.model.rows() if r.member.id == member_id), None)
        if row is None or month is None or row.cell(month).payment is None:
            messages.show_info(self, "请先在表格中点选一个已交的月份格子。")
            return
        p = row.cell(month).payment
        if not messages.confirm(
            self,
            f"撤销 {row.member.name} {year}年{month}月 的交纳记录"
            f"（{p.paid_on} 交 {yuan_text(p.amount_fen)} 元）？\n\n只有录错时才需要撤销。",
            yes="撤销",
        ):
            return
        try:
            self._book.dues.delete_payment(member_id, year, month)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._after_change()

    @Slot()
    def _on_export_clicked(self) -> None:
        year = self.current_year()
        name = safe_file_name(f"{self._book.branch().name}{year}年党费收缴明细表.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, "导出党费", name, "Excel 工作簿 (*.xlsx)")
        if not target:
            return
        try:
            count = self._book.dues.export(Path(target), year)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(
            self, f"已导出 {year} 年党费收缴明细表（{count} 名党员）和党费收缴公示：\n{target}"
        )

    @Slot()
    def _on_notice_clicked(self) -> None:
        year = self.current_year()
        printing.preview(self, self._book.dues.notice_html(year), f"{year}年度党费收缴情况公示")

    @Slot()
    def _on_notice_pdf_clicked(self) -> None:
        year = self.current_year()
        name = safe_file_name(f"{self._book.branch().name}{year}年度党费收缴情况公示.pdf")
        target, _ = QFileDialog.getSaveFileName(self, "公示存为 PDF", name, "PDF 文件 (*.pdf)")
        if not target:
            return
        printing.save_pdf(self._book.dues.notice_html(year), Path(target))
        messages.show_info(self, f"已保存：\n{target}")
