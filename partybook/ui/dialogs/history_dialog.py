"""改动历史: every change to one record (and what belongs to it), newest first, read-only."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partybook.domain.history import HistoryLine
from partybook.ui.models.table_model import Column, ColumnTableModel, read_only_view

COLUMNS: list[Column[HistoryLine]] = [
    Column("时间", lambda h: h.at),
    Column("内容", lambda h: h.what),
    Column("操作", lambda h: h.action, align_center=True),
    Column("改动（原来 → 现在）", lambda h: h.details, tip=lambda h: h.details),
]


class HistoryDialog(QDialog):
    """Shows the lines the Book gives; the change log itself can only grow."""

    def __init__(self, title: str, lines: list[HistoryLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"改动历史：{title}")
        self.resize(900, 480)
        note = QLabel(
            f"共 {len(lines)} 条改动，最新的在最上面。这些记录由软件自动写入，不能修改或删除。"
            if lines
            else "这条记录还没有改动历史（在本版本之前录入、之后没有修改过的记录没有历史）。"
        )
        note.setWordWrap(True)
        self.model = ColumnTableModel(COLUMNS, self)
        self.model.set_rows(lines)
        self.view, _ = read_only_view(self.model, self)
        self.view.setSortingEnabled(False)  # newest first, as given
        self.view.setWordWrap(True)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(3, max(self.view.columnWidth(3), 420))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    @classmethod
    def show_for(cls, parent: QWidget | None, title: str, lines: list[HistoryLine]) -> None:
        cls(title, lines, parent).exec()


def show_history(parent: QWidget, book, kind: str, record_id: int | None, title: str) -> None:
    """The history of the selected record, or a plain word when nothing is selected."""
    from partybook.ui import messages

    if record_id is None:
        messages.show_info(parent, "请先在表格里选中一条记录，再看它的改动历史。")
        return
    HistoryDialog.show_for(parent, title, book.history.of(kind, record_id))
