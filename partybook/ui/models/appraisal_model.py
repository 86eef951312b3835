"""The editable tally table of an appraisal round, and a grade chooser for its grade column."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from partybook.domain.appraisal import (
    GRADES,
    NOT_GRADED,
    Entry,
    Grade,
    ScoreScheme,
    handling_choices,
    handling_hint,
    suggest,
)
from partybook.ui.models.table_model import EditableRowsModel

Index = QModelIndex | QPersistentModelIndex
NAME, STATUS, C1, C2, C3, C4, SCORE, SUGGESTED, GRADE, HANDLING, REASON = range(11)
TITLES = [
    "姓名",
    "身份",
    "优秀票",
    "合格票",
    "基本合格票",
    "不合格票",
    "得分",
    "建议等次",
    "评定等次",
    "处理意见",
    "评定理由（可不填）",
]
COUNT_COLUMNS = (C1, C2, C3, C4)


class EntriesModel(EditableRowsModel):
    """Counts, score, grade and handling per participant; probationary rows cannot be graded."""

    edited = Signal()
    titles = TITLES

    def __init__(
        self,
        entries: list[Entry],
        names: dict[int, str],
        graded: set[int],
        scheme: ScoreScheme,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._rows = list(entries)
        self._names, self._graded, self._scheme = names, graded, scheme

    def entries(self) -> list[Entry]:
        return list(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        graded = self._rows[index.row()].member_id in self._graded
        editable = index.column() in (*COUNT_COLUMNS, SCORE) or (
            graded and index.column() in (GRADE, HANDLING, REASON)
        )
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and index.column() == HANDLING:
            hint = handling_hint(self._rows[index.row()].grade)
            return f"可选的处理（也可以直接填写）：\n{hint}" if hint else None
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
        ):
            return None
        return self._value(self._rows[index.row()], index.column())

    def _value(self, e: Entry, col: int) -> Any:
        graded = e.member_id in self._graded
        if col == NAME:
            return self._names.get(e.member_id, "")
        if col == STATUS:
            return "正式党员" if graded else NOT_GRADED
        if col in COUNT_COLUMNS:
            return e.counts[col - C1]
        if col == SCORE:
            return "" if e.score is None else f"{e.score:g}"
        if col == SUGGESTED:
            hint = suggest(e.tally, e.score, self._scheme) if graded else None
            return hint.value if hint else ""
        if col == GRADE:
            return e.grade.value if e.grade else ""
        if col == REASON:
            return e.reason
        return e.handling

    def texts(self, rows: int) -> list[list[str]]:
        """The shown text of the first rows' cells (numbers as the view writes them), to size
        the columns by (ui.tabs.base.fit_columns)."""
        locale = QLocale()
        return [
            [
                locale.toString(v) if isinstance(v, int) else v
                for v in (self._value(e, col) for col in range(len(TITLES)))
            ]
            for e in self._rows[:rows]
        ]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        e = self._rows[index.row()]
        col = index.column()
        text = str(value).strip()
        try:
            if col in COUNT_COLUMNS:
                counts = list(e.counts)
                counts[col - C1] = max(int(text or 0), 0)
                e = dataclasses.replace(e, counts=tuple(counts))
            elif col == SCORE:
                e = dataclasses.replace(e, score=float(text) if text else None)
            elif col == GRADE:
                e = dataclasses.replace(e, grade=Grade(text) if text else None)
            elif col == HANDLING:
                e = dataclasses.replace(e, handling=text)
            elif col == REASON:
                e = dataclasses.replace(e, reason=text)
            else:
                return False
        except ValueError:
            return False
        self._rows[index.row()] = e
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(TITLES) - 1))
        self.edited.emit()
        return True


class GradeDelegate(QStyledItemDelegate):
    """A drop-down of the four grades (and blank: not decided yet)."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        box = QComboBox(parent)
        box.addItems(["", *(g.value for g in GRADES)])
        return box

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt override
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class HandlingDelegate(QStyledItemDelegate):
    """The handling of a 基本合格 or 不合格 in the rules' words (批评教育、限期改正；限期改正、
    劝其退党、除名), chosen from a list or written freely."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        box = QComboBox(parent)
        box.setEditable(True)
        row = index.siblingAtColumn(GRADE).data(Qt.ItemDataRole.EditRole) or ""
        grade = Grade(row) if row in {g.value for g in GRADES} else None
        box.addItems(["", *handling_choices(grade)])
        # the list as wide as its words even in a narrow column (the column keeps its width)
        box.view().setMinimumWidth(box.fontMetrics().horizontalAdvance("劝其退党") + 32)
        box.setToolTip(handling_hint(grade))
        return box

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt override
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
