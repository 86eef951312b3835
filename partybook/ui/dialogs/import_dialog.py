"""Import preview: the column mapping (changeable), each row's problems, then all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.errors import Cancelled, PartyBookError
from partybook.ui import messages
from partybook.ui.models.table_model import Column, ColumnTableModel, read_only_view
from partybook.ui.progress import progress_dialog
from partybook.ui.widgets import ok_cancel_buttons

if TYPE_CHECKING:  # for the annotations only: the plan comes from the Book's managers
    from partybook.importing.members import ImportPlan, ImportRow

IGNORE = "（不导入）"
MEMBERS, PIPELINE = "members", "pipeline"


def _planner(book: Book, kind: str):
    return book.pipeline.plan_import if kind == PIPELINE else book.members.plan_import


def _state(row: ImportRow) -> str:
    errors = [p for p in row.problems if not p.warning]
    if errors:
        return "错误：" + "；".join(p.message for p in errors)
    warnings = [p.message.rstrip("。") for p in row.problems]
    if row.duplicate_of:  # skipped, its own problems still told
        own = f"；这一行另有问题：{'；'.join(warnings)}" if warnings else ""
        return f"已存在（{row.duplicate_of}），跳过{own}"
    return "可导入" + (f"（提醒：{'；'.join(warnings)}）" if warnings else "")


def _colour(row: ImportRow) -> str | None:
    if any(not p.warning for p in row.problems):
        return "#c62828"
    return "#777777" if row.duplicate_of else None


ROW_COLUMNS: list[Column[ImportRow]] = [
    Column("行号", lambda r: r.row, align_center=True),
    Column("姓名", lambda r: r.member.name if r.member else ""),
    Column("人员类别", lambda r: r.member.stage.value if r.member else ""),
    Column("公民身份号码", lambda r: r.member.id_number if r.member else ""),
    Column("入党日期", lambda r: r.member.joined_on if r.member else None),
    Column("检查结果", _state, colour=_colour, tip=_state),
]


class ImportDialog(QDialog):
    """Shows what would be imported; the import button works only when no row has an error."""

    def __init__(
        self, book: Book, plan: ImportPlan, parent: QWidget | None = None, kind: str = MEMBERS
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._kind = kind
        self.plan = plan
        what = "发展党员台账" if kind == PIPELINE else "花名册"
        self.setWindowTitle(f"导入{what}：{Path(plan.path).name}")
        self.resize(1000, 680)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.mapping_box = QGroupBox("表格的列与台账项目的对应（可以修改）")
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.combos: dict[int, QComboBox] = {}
        self.rows_model = ColumnTableModel(ROW_COLUMNS, self)
        self.table, self.rows_proxy = read_only_view(self.rows_model, self)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.errors = QPlainTextEdit()
        self.errors.setReadOnly(True)
        self.errors.setMaximumHeight(130)
        self.buttons = ok_cancel_buttons("导入")
        self.buttons.accepted.connect(self._on_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("错误清单（改正 Excel 表格后重新导入；有错误时一个也不会导入）："))
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.added = 0
        self._build_mapping()
        self._show_plan()

    def _build_mapping(self) -> None:
        manager = self._book.pipeline if self._kind == PIPELINE else self._book.members
        labels = manager.import_labels()
        choices = [(IGNORE, None)] + [(label, f) for f, label in labels.items()]
        for n, (col, field) in enumerate(sorted(self.plan.mapping.items())):
            header = self.plan.headers[col] if col < len(self.plan.headers) else ""
            box = QComboBox()
            for label, value in choices:
                box.addItem(label, value)
            box.setCurrentIndex(max(0, box.findData(field)))
            box.currentIndexChanged.connect(self._on_mapping_changed)
            self.combos[col] = box
            row, pair = divmod(n, 3)
            label = QLabel(f"{_letter(col)}列“{header or '（无标题）'}”→")
            self.mapping_grid.addWidget(label, row, pair * 2)
            self.mapping_grid.addWidget(box, row, pair * 2 + 1)

    def _show_plan(self) -> None:
        plan = self.plan
        notes = "".join(f"\n提醒：{p.message}" for p in plan.sheet_problems if p.warning)
        self.summary.setText(
            f"工作表“{plan.sheet}”，表头在第 {plan.header_row} 行。{plan.summary()}{notes}"
        )
        self.rows_model.set_rows(plan.rows)
        warnings = [p for r in plan.rows for p in r.problems if p.warning]
        text = "\n".join(str(p) for p in plan.errors) or "没有错误。"
        if warnings:  # a 同名 hint, a skipped row's own problems: told, not blocking
            text += "\n\n提醒（不影响导入）：\n" + "\n".join(str(p) for p in warnings)
        self.errors.setPlainText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        count = plan.writes
        if plan.errors:
            ok.setText("有错误，不能导入")
        else:
            ok.setText(f"导入 {count} 人" if count else "没有可导入的人")
        ok.setEnabled(plan.ok)
        self.table.resizeColumnsToContents()

    @Slot()
    def _on_mapping_changed(self) -> None:
        mapping = {col: box.currentData() for col, box in self.combos.items()}
        try:
            self.plan = _planner(self._book, self._kind)(
                Path(self.plan.path), sheet=self.plan.sheet, mapping=mapping
            )
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self._show_plan()

    @Slot()
    def _on_import(self) -> None:
        try:
            if self._kind == PIPELINE:
                self.added = self._book.pipeline.import_plan(self.plan)
            else:
                with progress_dialog(self, "正在导入花名册…") as progress:
                    self.added = len(self._book.members.import_plan(self.plan, progress))
        except Cancelled:
            messages.show_info(self, "已取消导入，花名册没有任何改动。")
            return
        except PartyBookError as exc:
            messages.show_error(self, str(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book, path: Path, kind: str = MEMBERS) -> int:
        """Preview and import path; returns how many people were added (0 if none)."""
        try:
            plan = _planner(book, kind)(path)
        except PartyBookError as exc:
            messages.show_error(parent, str(exc), "无法导入")
            return 0
        dialog = cls(book, plan, parent, kind)
        dialog.exec()
        return dialog.added


def _letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
