"""期初数据: every Party member's figures from before the opening date (建账日期) in one grid:
本年已学学时, 党费已交至, 最近一次参加组织生活. Typed as text, checked as they type (a wrong cell
turns red and says why), saved all at once or not at all; a sheet can fill the grid first."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partybook.book import Book
from partybook.domain.dates import parse_date
from partybook.domain.errors import InvalidValue, PartyBookError
from partybook.domain.members import Member
from partybook.domain.opening import Balance, check_balance, month_text, parse_month
from partybook.ui import messages, progress
from partybook.ui.models.table_model import EditableRowsModel
from partybook.ui.widgets import ErrorLabel, listed, ok_cancel_buttons

Index = QModelIndex | QPersistentModelIndex
NAME, STAGE, HOURS, PAID_TO, LAST_LIFE = range(5)
TITLES = ["姓名", "人员类别", "本年已学学时", "党费已交至", "最近一次参加组织生活"]
EDITABLE = (HOURS, PAID_TO, LAST_LIFE)
FIELDS = {HOURS: "hours", PAID_TO: "dues_paid_to", LAST_LIFE: "last_life"}  # Balance's names
COLUMN_OF = {name: col for col, name in FIELDS.items()}
HINTS = {
    HOURS: "如 12 或 12.5（按半小时计）",
    PAID_TO: "如 2026年8月、2026-08 或 2026.8",
    LAST_LIFE: "如 2026-06-10，也可写 2026.6.10 或 2026年6月10日",
}
PLACEHOLDERS = {HOURS: "如 12.5", PAID_TO: "如 2026年8月", LAST_LIFE: "如 2026-06-10"}
BAD_BACKGROUND = "#ffcdd2"
BAD_TEXT = "#b71c1c"
SHEET_FILTER = "表格文件 (*.xlsx *.xls *.csv)"
NO_DATE = (
    "还没有设置建账日期。\n\n期初数据是建账日期以前的情况（本年已学学时、党费已交至哪个月、"
    "最近一次参加组织生活），请先设置建账日期（“规则与提醒设置”的“建账”页），再填写期初数据。"
)
NO_MEMBERS = "花名册中还没有党员（正式党员或预备党员）。请先导入或新增党员，再填写期初数据。"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．　", "0123456789. ")


def choose_sheet(parent: QWidget | None) -> Path | None:
    """The sheet to import, or None when the user cancels (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, "选择期初数据表格", "", SHEET_FILTER)
    return Path(path) if path else None


def parse_hours(text: str) -> float | None:
    """Hours typed as 12, 12.5 or 12.5学时; None when empty; InvalidValue for anything else."""
    cleaned = text.translate(_FULL_WIDTH).strip().removesuffix("学时").removesuffix("小时").strip()
    if not cleaned:
        return None
    try:
        hours = float(cleaned)
    except ValueError:
        raise InvalidValue(f"“{text}”不是数字，请写成 12 或 12.5 这样的学时数。") from None
    if not math.isfinite(hours):
        raise InvalidValue(f"“{text}”不是数字，请写成 12 或 12.5 这样的学时数。")
    return hours


def hours_text(hours: float | None) -> str:
    return "" if hours is None else f"{hours:g}"


def date_text(day: date | None) -> str:
    return day.isoformat() if day else ""


PARSERS = {HOURS: parse_hours, PAID_TO: parse_month, LAST_LIFE: parse_date}
SHOWN = {HOURS: hours_text, PAID_TO: month_text, LAST_LIFE: date_text}


def _texts(b: Balance | None) -> dict[int, str]:
    if b is None:
        return {col: "" for col in EDITABLE}
    return {col: SHOWN[col](getattr(b, FIELDS[col])) for col in EDITABLE}


@dataclasses.dataclass
class Entry:
    """One member's row: the texts as saved, and as typed now."""

    member: Member
    saved: dict[int, str]
    texts: dict[int, str]

    @property
    def changed(self) -> bool:
        return self.texts != self.saved


class BalancesModel(EditableRowsModel):
    """One row per Party member; the three figures are typed text, checked as they change."""

    edited = Signal()
    titles = TITLES

    def __init__(
        self,
        members: list[Member],
        saved: dict[int, Balance],
        opening: date,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._opening = opening
        self._rows: list[Entry] = []
        for m in members:
            texts = _texts(saved.get(m.id))
            self._rows.append(Entry(m, dict(texts), dict(texts)))
        self._problems = [self._check(e) for e in self._rows]

    # what is typed --------------------------------------------------------------
    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def row_of(self, name: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.member.name == name), -1)

    def _parsed(self, e: Entry) -> tuple[Balance, dict[int, str]]:
        """The row as a Balance (a figure that cannot be read left out) and what is wrong."""
        values: dict[str, Any] = {}
        problems: dict[int, str] = {}
        for col in EDITABLE:
            try:
                values[FIELDS[col]] = PARSERS[col](e.texts[col])
            except InvalidValue as exc:
                problems[col] = str(exc)
        return Balance(e.member.id, **values), problems

    def _check(self, e: Entry) -> dict[int, str]:
        balance, problems = self._parsed(e)
        for name, message in check_balance(balance, self._opening, e.member):
            problems.setdefault(COLUMN_OF[name], message)
        return problems

    def problems(self) -> list[str]:
        """Every wrong cell, naming the person and the column."""
        return [
            f"{e.member.name}的“{TITLES[col]}”：{message}"
            for e, found in zip(self._rows, self._problems, strict=True)
            for col, message in sorted(found.items())
        ]

    def first_problem(self) -> QModelIndex:
        for row, found in enumerate(self._problems):
            if found:
                return self.index(row, min(found))
        return QModelIndex()

    def changed(self) -> bool:
        return any(e.changed for e in self._rows)

    def balances(self) -> list[Balance]:
        """Every row as a Balance (an empty one clears what was kept). Call when no problems."""
        return [self._parsed(e)[0] for e in self._rows]

    def fill(self, balances: list[Balance]) -> tuple[int, list[int]]:
        """Put a sheet's figures into the rows: what the sheet gives replaces what is there, a
        blank cell of the sheet leaves it. Returns how many rows took figures, and the member
        ids of those with no row here (not Party members)."""
        rows = {e.member.id: i for i, e in enumerate(self._rows)}
        filled, missing = 0, []
        for b in balances:
            row = rows.get(b.member_id)
            if row is None:
                missing.append(b.member_id)
                continue
            e = self._rows[row]
            given = {col: t for col, t in _texts(b).items() if t}
            e.texts.update(given)
            self._problems[row] = self._check(e)
            filled += bool(given)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, LAST_LIFE))
        self.edited.emit()
        return filled, missing

    # Qt -------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        e = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == NAME:
                return e.member.name
            if col == STAGE:
                return e.member.stage.value
            return e.texts[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col != NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        problem = self._problems[index.row()].get(col)
        if role == Qt.ItemDataRole.ToolTipRole and col in EDITABLE:
            return problem or HINTS[col]
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return QBrush(QColor(BAD_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and problem:
            return QBrush(QColor(BAD_TEXT))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        col = index.column()
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or col not in EDITABLE:
            return False
        e = self._rows[index.row()]
        text = "" if value is None else str(value).strip()
        try:  # a readable figure is shown the one way (2026-08 → 2026年8月)
            text = SHOWN[col](PARSERS[col](text))
        except InvalidValue:
            pass  # kept as typed, and shown red with what is wrong
        e.texts[col] = text
        self._problems[index.row()] = self._check(e)
        self.dataChanged.emit(self.index(index.row(), HOURS), self.index(index.row(), LAST_LIFE))
        self.edited.emit()
        return True


class HintDelegate(QStyledItemDelegate):
    """The cell's editor with an example of what to type."""

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setPlaceholderText(PLACEHOLDERS.get(index.column(), ""))
        return editor


def party_members(book: Book) -> list[Member]:
    """The rows of the grid: active 正式党员 and 预备党员, in the roster's order."""
    return [m for m in book.members.all(include_left=False) if m.stage.is_member]


class BalancesDialog(QDialog):
    """The 期初数据 grid; `saved` tells whether anything was written."""

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        opened = book.opening.date()
        if opened is None:
            raise PartyBookError(NO_DATE)
        self._book = book
        self.saved = False
        self.setWindowTitle("期初数据")
        self.resize(860, 560)
        self.model = BalancesModel(party_members(book), book.opening.balances(), opened, self)
        self.intro = intro = QLabel(
            f"建账日期 {opened.isoformat()} 以前的情况：本年已学学时、党费已交至哪个月、"
            "最近一次参加组织生活。填了的才算，空着表示不知道。"
        )
        intro.setWordWrap(True)
        hint = QLabel(
            f"点一下格子就可以填写。学时是 {opened.year} 年建账以前已学的，如 12.5（按半小时计）；"
            "月份如 2026年8月、2026-08 或 2026.8；日期如 2026-06-10。"
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(HintDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problems = ErrorLabel()
        self.import_button = QPushButton("从表格导入…")
        self.import_button.setToolTip(
            "Excel 或 CSV 表格，表头写明：姓名、本年已学学时、党费已交至、"
            "最近一次参加组织生活（有“身份证号”一列更好）。导入的数据先填进上表，核对后再保存。"
        )
        self.import_button.clicked.connect(self._on_import)
        self.buttons = ok_cancel_buttons("保存")
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addLayout(row)
        self.model.edited.connect(self._show_problems)
        self._show_problems()
        self.table.resizeColumnsToContents()
        for col, least in ((NAME, 100), (STAGE, 100), (HOURS, 150), (PAID_TO, 170)):
            self.table.setColumnWidth(col, max(least, self.table.columnWidth(col)))

    def save_button(self) -> QPushButton:
        return self.buttons.button(self.buttons.StandardButton.Ok)

    @Slot()
    def _show_problems(self) -> None:
        problems = self.model.problems()
        if problems:
            shown = "；".join(p.rstrip("。") for p in problems[:3])
            shown += "……" if len(problems) > 3 else "。"
            self.problems.show_message(f"有 {len(problems)} 处填得不对（标红的格子）：{shown}")
        else:
            self.problems.show_message("")

    @Slot()
    def _on_import(self) -> None:
        path = choose_sheet(self)
        if path is None:
            return
        try:
            with progress.busy_note(self, "正在读取表格…"):
                plan = self._book.opening.plan_import(path)
        except PartyBookError as exc:
            messages.show_error(self, str(exc), "无法导入")
            return
        if plan.errors:
            lines = [str(p) for p in plan.errors]
            messages.show_error(
                self,
                f"表格“{path.name}”中有 {len(lines)} 处错误，没有导入任何期初数据。"
                "请改正表格后重新导入：\n\n" + listed(lines, "\n", "处错误"),
                "无法导入",
            )
            return
        if not plan.balances:
            messages.show_info(self, f"表格“{path.name}”中没有可以导入的期初数据。", "期初数据")
            return
        filled, missing = self.model.fill(plan.balances)
        text = (
            f"已把表格中 {filled} 人的期初数据填入表中（表格里空着的格子，表中原来的内容不变）。"
            "请核对后点“保存”。"
        )
        if missing:
            names = [plan.names.get(k, str(k)) for k in missing]
            text += (
                f"\n\n{listed(names, '、', '人')} 不是党员（正式党员或预备党员），"
                "期初数据只填党员的，没有填入。"
            )
        if self.model.problems():
            text += "\n\n表中有标红的格子，请改正后再保存。"
        messages.show_info(self, text, "期初数据")
        first = self.model.first_problem()
        if first.isValid():
            self.table.setCurrentIndex(first)

    @Slot()
    def _on_save(self) -> None:
        problems = self.model.problems()
        if problems:
            first = self.model.first_problem()
            self.table.setCurrentIndex(first)
            self.table.scrollTo(first)
            messages.show_error(
                self,
                f"有 {len(problems)} 处填得不对（表中标红的格子），改正后才能保存。"
                "这次没有保存任何内容：\n\n" + listed(problems, "\n", "处"),
                "不能保存",
            )
            return
        if not self.model.changed():
            self.accept()
            return
        try:
            # every row, an emptied one too; balances of people not in the grid are kept
            self._book.opening.save_balances(self.model.balances(), replace=False)
        except PartyBookError as exc:
            messages.show_error(self, str(exc), "不能保存")
            return
        self.saved = True
        self.accept()

    def reject(self) -> None:  # 取消, Esc and the window's close button
        if self.model.changed() and not messages.confirm(
            self,
            "表中的改动还没有保存。不保存就关闭吗？",
            "还没有保存",
            yes="不保存，关闭",
        ):
            return
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, book: Book) -> bool:
        """Edit the 期初数据; True when something was saved."""
        if book.opening.date() is None:
            messages.show_info(parent, NO_DATE, "期初数据")
            return False
        if not party_members(book):
            messages.show_info(parent, NO_MEMBERS, "期初数据")
            return False
        dialog = cls(book, parent)
        dialog.exec()
        return dialog.saved
