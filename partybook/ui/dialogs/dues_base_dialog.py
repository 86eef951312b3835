"""年初核定: every member's dues category and monthly base for a year in one table, the rate and
monthly amount computed as they type; a change after collecting began asks for a reason."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.dues import Assessment, Category, MemberDues, parse_yuan, rate_text, yuan_text
from partybook.domain.errors import InvalidValue
from partybook.ui.models.table_model import EditableRowsModel
from partybook.ui.widgets import AsksBeforeDiscarding, ErrorLabel, ok_cancel_buttons

Index = QModelIndex | QPersistentModelIndex
NAME, CATEGORY, BASE, RATE, MONTHLY, FROM, REASON = range(7)
TITLES = ["姓名", "类别", "月基数（元）", "比例", "每月应交（元）", "从几月起", "调整原因"]
HINT = (
    "在职党员填每月工资收入（税后），离退休党员填每月离退休费（养老金）；学生或无收入、农民党员"
    "按定额交纳，不用填基数。本年还没有开始收缴的，直接填写或更正；已经开始收缴的，调整要写明"
    "原因（如工资调整、退休），从还没交的月份起执行，已交的月份不变。"
)


@dataclasses.dataclass
class Entry:
    """One row being edited: what was there, and what is typed now."""

    row: MemberDues
    category: Category
    base_text: str
    from_month: int
    reason: str = ""

    @property
    def paid(self) -> list[int]:
        return [c.month for c in self.row.cells if c.payment is not None]


class BaseModel(EditableRowsModel):
    edited = Signal()
    titles = TITLES

    def __init__(self, book: Book, rows: list[MemberDues], parent=None) -> None:
        super().__init__(parent)
        self._book = book
        self._rows = []
        for r in rows:
            a = r.assessment
            entry = Entry(
                r,
                a.category if a else Category.EMPLOYED,
                yuan_text(a.base_fen) if a and a.category.has_base else "",
                r.changes[0].from_month if r.changes else 1,
            )
            if entry.paid:
                entry.from_month = min(12, max(entry.paid) + 1)
            self._rows.append(entry)

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def base_fen(self, e: Entry) -> int:
        """The typed base in fen (0 when empty); raises InvalidValue for text that is not money."""
        if not e.category.has_base or not e.base_text.strip():
            return 0
        return parse_yuan(e.base_text)

    def computed(self, e: Entry) -> tuple[str, str]:
        try:
            base = self.base_fen(e)
        except InvalidValue:
            return "？", "？"
        if e.category.has_base and not base:
            return "", ""
        rate, monthly = self._book.dues.monthly(e.category, base)
        return rate_text(rate), yuan_text(monthly)

    def changed(self, e: Entry) -> bool:
        a = e.row.assessment
        try:
            base = self.base_fen(e)
        except InvalidValue:
            return True
        return a is None or (a.category, a.base_fen) != (e.category, base)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        e = self._rows[index.row()]
        if index.column() in (CATEGORY, FROM, REASON):
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == BASE and e.category.has_base:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            rate, monthly = self.computed(e)
            values = {
                NAME: e.row.member.name,
                CATEGORY: e.category.value,
                BASE: e.base_text if e.category.has_base else "定额",
                RATE: rate,
                MONTHLY: monthly,
                FROM: e.from_month if role == Qt.ItemDataRole.EditRole else f"{e.from_month}月",
                REASON: e.reason,
            }
            return values[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (NAME, REASON):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == REASON and e.paid:
            return f"已交 {len(e.paid)} 个月，调整须写明原因"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        e = self._rows[index.row()]
        col = index.column()
        if col == CATEGORY:
            e.category = Category(value)
        elif col == BASE:
            e.base_text = str(value).strip()
        elif col == FROM:
            try:
                month = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= month <= 12:
                return False
            e.from_month = month
        elif col == REASON:
            e.reason = str(value).strip()
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), REASON))
        self.edited.emit()
        return True

    def problems(self) -> list[str]:
        out = []
        for e in self._rows:
            name = e.row.member.name
            try:
                base = self.base_fen(e)
            except InvalidValue as exc:
                out.append(f"{name}：{exc}")
                continue
            if e.category.has_base and not base:
                if e.row.assessment is not None:  # a blank new row just stays 未核定
                    out.append(f"{name}：请填写月基数。")
            elif e.paid and self.changed(e) and not e.reason:
                out.append(f"{name}：本年已开始收缴，调整须写明原因。")
        return out

    def assessments(self) -> list[Assessment]:
        """Every row as an Assessment; the Book leaves the unchanged ones as they are."""
        return [
            Assessment(
                e.row.member.id,
                e.row.year,
                e.category,
                self.base_fen(e),
                e.from_month,
                e.reason,
            )
            for e in self._rows
            if not self.blank(e)
        ]

    def blank(self, e: Entry) -> bool:
        return e.row.assessment is None and e.category.has_base and not e.base_text.strip()


class CategoryDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        for c in Category:
            box.addItem(c.value, c.value)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DuesBaseDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, book: Book, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{year} 年党费基数核定（年初核定）")
        self.resize(820, 640)
        self.model = BaseModel(book, book.dues.rows(year), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(CATEGORY, CategoryDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        self.problems = ErrorLabel()
        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.model.edited.connect(self._check)
        self._check()
        self.table.resizeColumnsToContents()
        self._widen_columns()
        self.keep_form()  # 取消 asks once something here has changed

    def _widen_columns(self) -> None:
        """Room for the widest value each column can take, not only those shown now: a 类别
        chosen later (学生或无收入, with the list's arrow while it is edited) or a 比例 of 1.5%
        is not cut to "离…" or "1…" (larger type on a 125% screen too)."""
        metrics = self.table.fontMetrics()
        widest = {
            CATEGORY: [c.value for c in Category],
            BASE: ["月基数（元）", "000000.00"],
            RATE: ["比例", "1.5%", "0.5%", "定额"],
            MONTHLY: ["每月应交（元）", "0000.00"],
            FROM: ["从几月起", "12月"],
        }
        for col, texts in widest.items():
            room = max(metrics.horizontalAdvance(t) for t in texts) + 36  # padding, arrow
            self.table.setColumnWidth(col, max(self.table.columnWidth(col), room))

    def _check(self) -> None:
        problems = self.model.problems()
        self.problems.show_message("；".join(problems[:4]) + ("……" if len(problems) > 4 else ""))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(not problems)

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book, year: int) -> list[Assessment] | None:
        dialog = cls(book, year, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.model.assessments()
