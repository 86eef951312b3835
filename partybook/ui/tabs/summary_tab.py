"""年度统计: the year's figures for the work summary, the records behind each one, and a draft
paragraph to paste into the summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.stats import Figure, Ref
from partybook.ui.table_model import Column, ColumnTableModel, read_only_view
from partybook.ui.tabs.base import Tab

FIGURE_COLUMNS: list[Column[Figure]] = [
    Column("方面", lambda f: f.group),
    Column("项目", lambda f: f.label),
    Column("数", lambda f: f.text, align_center=True),
    Column("说明", lambda f: f.note),
]
REF_COLUMNS: list[Column[Ref]] = [
    Column("日期", lambda r: r.on),
    Column("记录", lambda r: r.text),
]


class SummaryTab(Tab):
    changed = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent, lazy=lazy)
        self._book = book
        self.year = QComboBox()
        self.figures_model = ColumnTableModel(FIGURE_COLUMNS, self)
        self.refs_model = ColumnTableModel(REF_COLUMNS, self)
        self.figures_view, self.figures_proxy = read_only_view(self.figures_model, self)
        self.figures_view.setSortingEnabled(False)  # the order a summary reads them
        self.refs_view, _ = read_only_view(self.refs_model, self)
        self.refs_title = QLabel("点击左边的一项，这里列出它包含的记录。")
        self.refs_title.setWordWrap(True)
        self.paragraph = QPlainTextEdit()
        self.paragraph.setReadOnly(True)
        self.copy_button = QPushButton("复制这段文字")
        self.copied = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addStretch(1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.refs_title)
        column.addWidget(self.refs_view)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.figures_view)
        split.addWidget(right)
        split.setSizes([620, 480])
        text = QGroupBox("工作总结用语（可复制后粘贴到总结里再修改）")
        box = QVBoxLayout(text)
        box.addWidget(self.paragraph)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.copied)
        row.addStretch(1)
        box.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 3)
        layout.addWidget(text, 1)
        self.year.currentIndexChanged.connect(self.reload)
        self.figures_view.selectionModel().selectionChanged.connect(self._on_figure_changed)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.refresh()

    def current_year(self) -> int:
        return self.year.currentData() or self._book.today().year

    def _fill_years(self) -> None:
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in self._book.summary_years():
            self.year.addItem(f"{y} 年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)

    @Slot()
    def reload(self) -> None:
        self._fill_years()
        year = self.current_year()
        figs = self._book.year_figures(year)
        self.figures_model.set_rows(figs)
        self.refs_model.set_rows([])
        self.refs_title.setText("点击左边的一项，这里列出它包含的记录。")
        self.paragraph.setPlainText(self._book.year_paragraph(year, figs))
        self.copied.setText("")
        self.figures_view.resizeColumnsToContents()

    def show_figure(self, key: str) -> Figure | None:
        """Select a figure by key and list its records."""
        for row in range(self.figures_proxy.rowCount()):
            if self.figures_proxy.row_at(row).key == key:
                self.figures_view.selectRow(row)
                return self.figures_proxy.row_at(row)
        return None

    @Slot()
    def _on_figure_changed(self) -> None:
        rows = self.figures_view.selectionModel().selectedRows()
        if not rows:
            return
        f = self.figures_proxy.row_at(rows[0].row())
        self.refs_model.set_rows(sorted(f.refs, key=lambda r: (r.on is None, r.on or 0, r.text)))
        self.refs_title.setText(f"{f.label}：{f.text}，共 {len(f.refs)} 条记录")
        self.refs_view.resizeColumnsToContents()

    @Slot()
    def _on_copy_clicked(self) -> None:
        QApplication.clipboard().setText(self.paragraph.toPlainText())
        self.copied.setText("已复制。")
