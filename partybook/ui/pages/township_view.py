"""The township collection's window content: its branches, their packages, and the combined
年度统计 and 年度台账."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.errors import Cancelled, PartyBookError
from partybook.domain.township import BranchPackage
from partybook.support.files import safe_file_name
from partybook.ui import messages
from partybook.ui.models.table_model import Column, ColumnTableModel, read_only_view
from partybook.ui.progress import progress_dialog
from partybook.ui.tabs.summary_tab import SummaryTab
from partybook.ui.widgets import PACKAGE_FILTER


def _when(day) -> str:
    return f"{day:%Y-%m-%d %H:%M}" if day else ""


BRANCH_COLUMNS: list[Column[BranchPackage]] = [
    Column("支部", lambda p: p.branch),
    Column("学校", lambda p: p.school),
    Column("人员", lambda p: p.people, align_center=True),
    Column("会议", lambda p: p.meetings, align_center=True),
    Column("数据包范围", lambda p: p.scope, align_center=True),
    Column("数据包导出时间", lambda p: _when(p.created_at), align_center=True),
    Column("导入时间", lambda p: _when(p.imported_at), align_center=True),
]


class TownshipView(QWidget):
    """Shown instead of a branch's tabs when the book is a township collection."""

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.shared = QLabel()  # people on two branches' rosters (counted once)
        self.shared.setWordWrap(True)
        self.shared.setStyleSheet("color: #b35c00;")
        self.model = ColumnTableModel(BRANCH_COLUMNS, self)
        self.view, self.proxy = read_only_view(self.model, self)
        self.import_button = QPushButton("导入数据包…")
        self.replace_button = QPushButton("用新的数据包替换…")
        self.export_button = QPushButton("导出汇总年度台账…")
        self.remove_button = QPushButton("删除支部…")
        self.remove_button.setToolTip(
            "学校合并或撤销时，把选中的支部从汇总库中删除（删除前先备份）"
        )
        # lazy: its figures (30 branches' records) load when shown, once, not also here
        self.summary = SummaryTab(book, self, lazy=True)
        self.summary.export_button.hide()  # the township's own 导出汇总年度台账… above does it
        buttons = QHBoxLayout()
        for b in (self.import_button, self.replace_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        branches = QGroupBox("汇总的支部（每个支部一个数据包）")
        box = QVBoxLayout(branches)
        box.addWidget(self.view)
        box.addLayout(buttons)
        figures = QGroupBox("各支部合计的年度统计")
        inner = QVBoxLayout(figures)
        inner.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.shared)
        layout.addWidget(branches, 1)
        layout.addWidget(figures, 3)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.replace_button.clicked.connect(self._on_replace_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.refresh()

    def refresh(self) -> None:
        held = self._book.township.branches()
        name = self._book.township.name() or "乡镇汇总库"
        self.heading.setText(f"{name} · 乡镇汇总库（{len(held)} 个支部）")
        self.model.set_rows(held)
        warnings = self._book.township.warnings()
        self.shared.setText("\n".join(f"提醒：{w}" for w in warnings[:5]))
        self.shared.setVisible(bool(warnings))
        self.view.resizeColumnsToContents()
        self.summary.refresh()

    def import_package(self, path: Path, *, replace: bool = False) -> bool:
        try:
            with progress_dialog(self, f"正在读入并统计“{path.name}”…") as progress:
                result = self._book.packages.import_file(path, replace=replace, progress=progress)
        except Cancelled:
            messages.show_info(self, "已取消，汇总库没有任何改动。")
            return False
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return False
        messages.show_info(self, result.summary())
        return True

    def _pick(self, title: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, title, "", PACKAGE_FILTER)
        return Path(path) if path else None

    @Slot()
    def _on_import_clicked(self) -> None:
        path = self._pick("选择支部的数据包")
        if path is not None:
            self.import_package(path)

    @Slot()
    def _on_replace_clicked(self) -> None:
        path = self._pick("选择用来替换的新数据包")
        if path is None:
            return
        try:
            info = self._book.packages.info(path)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        if messages.confirm(
            self,
            f"用这个数据包（{info.branch}，{_when(info.created_at)} 导出）替换汇总库中"
            "这个支部原有的数据包？\n\n替换前会先备份汇总库。",
            yes="替换",
        ):
            self.import_package(path, replace=True)

    def selected(self) -> BranchPackage | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def remove_branch(self, info: BranchPackage) -> bool:
        """Ask, then take the branch out of the collection (a backup first)."""
        if not messages.confirm(
            self,
            f"把“{info.branch}”（人员 {info.people} 名，会议 {info.meetings} 次）从汇总库中删除？"
            "\n\n用于学校合并或撤销。删除前会先备份汇总库，需要时可以从备份恢复。",
            yes="删除",
        ):
            return False
        try:
            saved = self._book.township.remove(info.branch)
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return False
        messages.show_info(self, f"已删除“{info.branch}”。删除前的汇总库已备份到：{saved}")
        return True

    @Slot()
    def _on_remove_clicked(self) -> None:
        info = self.selected()
        if info is None:
            messages.show_info(self, "请先在上面的列表中选中要删除的支部。")
            return
        self.remove_branch(info)

    @Slot()
    def _on_export_clicked(self) -> None:
        year = self.summary.current_year()
        name = self._book.township.name() or "乡镇"
        default = safe_file_name(f"{name}{year}年度台账（各支部汇总）.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, "导出汇总年度台账", default, "Excel 表格 (*.xlsx)"
        )
        if not path:
            return
        try:
            with progress_dialog(self, f"正在汇总各支部的 {year} 年度台账…") as progress:
                sheets = self._book.summary.export_year_workbook(
                    Path(path), year, progress=progress
                )
        except Cancelled:
            messages.show_info(self, "已取消导出，没有写入文件。")
            return
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, f"已导出 {year} 年汇总台账（{'、'.join(sheets)}）：\n{path}")
