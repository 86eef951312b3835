"""年度统计: the year's figures for the work summary, the records behind each one, and a draft
paragraph to paste into the summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book, Change
from partybook.domain.errors import Cancelled, PartyBookError
from partybook.domain.stats import Figure, Ref
from partybook.support.files import safe_file_name
from partybook.ui import messages
from partybook.ui.dialogs.layouts_dialog import LayoutsDialog
from partybook.ui.models.table_model import Column, ColumnTableModel, read_only_view
from partybook.ui.progress import progress_dialog
from partybook.ui.tabs.base import Tab, fit_rows_view

FIGURE_COLUMNS: list[Column[Figure]] = [
    Column("方面", lambda f: f.group),
    Column("项目", lambda f: f.label),
    Column("数", lambda f: f.text, align_center=True),
    Column("说明", lambda f: f.note),
]
REF_COLUMNS: list[Column[Ref]] = [
    Column("日期", lambda r: r.on),
    Column("记录", lambda r: r.shown),
]


class SummaryTab(Tab):
    SHOWS = Change.everything() & ~Change.TOWNSHIP

    def __init__(self, book: Book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(book, parent, lazy=lazy)
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
        self.report_button = QPushButton("写工作总结初稿…")
        self.report_button.setToolTip(
            "按台账记录写出本年度党建工作总结初稿（Word 文档），数字都取自台账；"
            "需要您补写的地方标有【请填写】"
        )
        self.export_button = QPushButton("导出年度台账…")
        self.export_button.setToolTip("一个 Excel 文件，包含上级要的每一张表，都已设置好 A4 打印")
        self.layouts_button = QPushButton("表格格式设置…")
        self.layouts_button.setToolTip("按上级的模板选择每张表的列、顺序、表头文字和日期写法")
        self.import_layouts_button = QPushButton("导入表格格式…")
        self.export_layouts_button = QPushButton("导出表格格式…")
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addStretch(1)
        for b in (
            self.report_button,
            self.export_button,
            self.layouts_button,
            self.import_layouts_button,
            self.export_layouts_button,
        ):
            top.addWidget(b)
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
        self.report_button.clicked.connect(self._on_report_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.layouts_button.clicked.connect(self._on_layouts_clicked)
        self.import_layouts_button.clicked.connect(self._on_import_layouts_clicked)
        self.export_layouts_button.clicked.connect(self._on_export_layouts_clicked)
        self.refresh()

    def current_year(self) -> int:
        return self.year.currentData() or self._book.today().year

    def _fill_years(self) -> None:
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in self._book.summary.years():
            self.year.addItem(f"{y} 年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)

    @Slot()
    def reload(self) -> None:
        self._fill_years()
        year = self.current_year()
        self.report_button.setEnabled(not self._book.township.is_collection())
        figs = self._book.summary.year_figures(year)
        self.figures_model.set_rows(figs)
        self.refs_model.set_rows([])
        self.refs_title.setText("点击左边的一项，这里列出它包含的记录。")
        self.paragraph.setPlainText(self._book.summary.year_paragraph(year, figs))
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
        refs = self._book.summary.figure_refs(self.current_year(), f)
        self.refs_model.set_rows(sorted(refs, key=lambda r: (r.on is None, r.on or 0, r.shown)))
        self.refs_title.setText(f"{f.label}：{f.text}，共 {len(refs)} 条记录")
        fit_rows_view(self.refs_view)  # a township's figure lists 8 000 records

    @Slot()
    def _on_copy_clicked(self) -> None:
        QApplication.clipboard().setText(self.paragraph.toPlainText())
        self.copied.setText("已复制。")

    @Slot()
    def _on_report_clicked(self) -> None:
        year = self.current_year()
        name = safe_file_name(f"{self._book.branch().name}{year}年度党建工作总结（初稿）.docx")
        target, _ = QFileDialog.getSaveFileName(self, "写工作总结初稿", name, "Word 文档 (*.docx)")
        if not target:
            return
        if not target.lower().endswith(".docx"):
            target += ".docx"
        try:
            report = self._book.summary.export_report(Path(target), year)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        left = sum(1 for p in report.paras() if p.kind == "placeholder")
        messages.show_info(
            self,
            f"已写出 {year} 年度党建工作总结初稿：\n{target}\n\n文中的数字都取自台账；"
            f"标黄的【请填写】共 {left} 处，需要您补写后再上报。",
        )

    # the township workbook and its layouts ------------------------------------------
    @Slot()
    def _on_export_clicked(self) -> None:
        year = self.current_year()
        name = safe_file_name(f"{self._book.branch().name}{year}年度台账.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, "导出年度台账", name, "Excel 工作簿 (*.xlsx)")
        if not target:
            return
        try:
            with progress_dialog(self, f"正在导出 {year} 年度台账…") as progress:
                sheets = self._book.summary.export_year_workbook(
                    Path(target), year, progress=progress
                )
        except Cancelled:
            messages.show_info(self, "已取消导出，没有写入文件。")
            return
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(
            self,
            f"已导出 {year} 年度台账，共 {len(sheets)} 张表（{'、'.join(sheets)}）：\n{target}",
        )

    @Slot()
    def _on_layouts_clicked(self) -> None:
        chosen = LayoutsDialog.ask(self, self._book.layouts.current())
        if chosen is None:
            return
        try:
            self._book.layouts.save(chosen)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return

    @Slot()
    def _on_import_layouts_clicked(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self, "导入表格格式（上级或其他学校发来的格式文件）", "", "表格格式文件 (*.json)"
        )
        if not source:
            return
        if self._book.layouts.current().sheets and not messages.confirm(
            self, "导入后，本数据文件里现有的表格格式会被替换。继续吗？"
        ):
            return
        try:
            layouts = self._book.layouts.import_file(Path(source))
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        names = "、".join(layouts.sheets) or "（文件里没有改动的表，全部使用默认格式）"
        messages.show_info(self, f"已导入表格格式：{names}")

    @Slot()
    def _on_export_layouts_clicked(self) -> None:
        name = safe_file_name(f"{self._book.branch().name}年度台账表格格式.json")
        target, _ = QFileDialog.getSaveFileName(self, "导出表格格式", name, "表格格式文件 (*.json)")
        if not target:
            return
        try:
            saved = self._book.layouts.export(Path(target))
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(
            self, f"已把表格格式存为：\n{saved}\n可以发给其他学校，在“导入表格格式…”中使用。"
        )
