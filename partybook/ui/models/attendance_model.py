"""An editable table of a meeting's expected attendees: came, on leave, reason, not counted."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from partybook.domain.meetings import Attendee, Presence
from partybook.ui.models.table_model import EditableRowsModel

Index = QModelIndex | QPersistentModelIndex
NAME, PRESENT, LEAVE, REASON, EXCLUDED = range(5)
TITLES = ["姓名", "出席", "请假", "原因（请假、缺席或不计入的）", "不计入应到"]
_CHECKS = {PRESENT, LEAVE, EXCLUDED}


class AttendanceModel(EditableRowsModel):
    """Tick who came; neither 出席 nor 请假 means 缺席. Emits `edited` after every change."""

    edited = Signal()
    titles = TITLES

    def __init__(self, attendees: list[Attendee], names: dict[int, str], parent=None) -> None:
        super().__init__(parent)
        self._rows = list(attendees)
        self._names = names

    def attendees(self) -> list[Attendee]:
        return list(self._rows)

    def add(self, attendee: Attendee) -> None:
        if any(a.member_id == attendee.member_id for a in self._rows):
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(attendee)
        self.endInsertRows()
        self.edited.emit()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited.emit()

    def set_all_present(self) -> None:
        self.beginResetModel()
        self._rows = [dataclasses.replace(a, presence=Presence.PRESENT) for a in self._rows]
        self.endResetModel()
        self.edited.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _CHECKS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == REASON:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return self._names.get(a.member_id, "") + ("" if a.can_vote else "（无表决权）")
            if col == REASON:
                return a.excluded_reason if a.excluded else a.reason
            return None
        if role == Qt.ItemDataRole.EditRole and col == REASON:
            return a.excluded_reason if a.excluded else a.reason
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECKS:
            on = {
                PRESENT: a.presence is Presence.PRESENT,
                LEAVE: a.presence is Presence.LEAVE,
                EXCLUDED: a.excluded,
            }[col]
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        a = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECKS:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if col == PRESENT:
                a = dataclasses.replace(
                    a, presence=Presence.PRESENT if checked else Presence.ABSENT
                )
            elif col == LEAVE:
                a = dataclasses.replace(a, presence=Presence.LEAVE if checked else Presence.ABSENT)
            else:
                a = dataclasses.replace(a, excluded=checked)
        elif role == Qt.ItemDataRole.EditRole and col == REASON:
            text = str(value).strip()
            a = (
                dataclasses.replace(a, excluded_reason=text)
                if a.excluded
                else dataclasses.replace(a, reason=text)
            )
        else:
            return False
        self._rows[index.row()] = a
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(TITLES) - 1))
        self.edited.emit()
        return True
