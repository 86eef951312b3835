"""An editable table of a meeting's expected attendees: came, on leave, reason, not counted."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from partybook.domain.meetings import (
    EXCLUSION_REASONS,
    Attendee,
    Presence,
    exclusion_reason,
    exclusion_text,
)
from partybook.ui.models.table_model import EditableRowsModel

Index = QModelIndex | QPersistentModelIndex
NAME, PRESENT, LEAVE, REASON, EXCLUDED = range(5)
TITLES = ["姓名", "出席", "请假", "原因或说明", "不计入应到的原因"]
_CHECKS = {PRESENT, LEAVE}
COUNTED = "计入应到"  # the choice of the EXCLUDED column that keeps someone in 应到
EXCLUDED_CHOICES = (COUNTED, *EXCLUSION_REASONS)
_ADDED = QColor("#fff4c2")  # a row the roster added to a saved meeting's list: to be checked
_EXCLUDED = QColor("#eeeeee")


def split_excluded(a: Attendee) -> tuple[str, str]:
    """(listed reason or "", free text) of an excluded attendee; ("", "") if counted."""
    if not a.excluded:
        return "", ""
    found = exclusion_reason(a.excluded_reason)
    return found if found is not None else ("", a.excluded_reason.strip())


class AttendanceModel(EditableRowsModel):
    """Tick who came; neither 出席 nor 请假 means 缺席. Leaving someone out of 应到 is a reason
    chosen from the rules' list (EXCLUSION_REASONS) in the last column, with free text in the
    reason column. Names carry a 无表决权 mark (预备党员, 留党察看). Emits `edited` after
    every change."""

    edited = Signal()
    titles = TITLES

    def __init__(
        self,
        attendees: list[Attendee],
        names: dict[int, str],
        parent=None,
        no_vote: Mapping[int, str] | None = None,
        added: Collection[int] = (),
    ) -> None:
        super().__init__(parent)
        self._rows = list(attendees)
        self._names = names
        self._no_vote = dict(no_vote or {})  # member id -> why no vote (预备党员, 留党察看)
        self._added = set(added)

    def attendees(self) -> list[Attendee]:
        return list(self._rows)

    def member_ids(self) -> list[int]:
        return [a.member_id for a in self._rows]

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

    def nobody_marked(self) -> bool:
        """True when no one counted in 应到 is ticked 出席 or 请假 (all would be 缺席)."""
        return not any(
            a.presence in (Presence.PRESENT, Presence.LEAVE) and not a.excluded for a in self._rows
        )

    def set_all_present(self) -> None:
        self.beginResetModel()
        self._rows = [
            dataclasses.replace(a, presence=Presence.PRESENT) if not a.excluded else a
            for a in self._rows
        ]
        self.endResetModel()
        self.edited.emit()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section == EXCLUDED
        ):
            return "双击选择原因：" + "；".join(EXCLUSION_REASONS) + "（须经上级党组织同意）"
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _CHECKS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (REASON, EXCLUDED):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _reason(self, a: Attendee) -> str:
        return split_excluded(a)[1] if a.excluded else a.reason

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return self._names.get(a.member_id, "") + ("" if a.can_vote else "（无表决权）")
            if col == REASON:
                return self._reason(a)
            if col == EXCLUDED:
                if not a.excluded:
                    return ""
                return split_excluded(a)[0] or "请选择规定的原因"
            return None
        if role == Qt.ItemDataRole.EditRole:
            if col == REASON:
                return self._reason(a)
            if col == EXCLUDED:
                return split_excluded(a)[0] if a.excluded else COUNTED
            return None
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECKS:
            on = a.presence is (Presence.PRESENT if col == PRESENT else Presence.LEAVE)
            return Qt.CheckState.Checked if on and not a.excluded else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == NAME and not a.can_vote:
                why = self._no_vote.get(a.member_id, "")
                return f"无表决权{('：' + why) if why else ''}（照常参加会议，计入应到）"
            if col == NAME and a.member_id in self._added:
                return "按花名册补入的应到人员：原名单中没有，暂记为缺席，请核对"
            if col == EXCLUDED:
                chosen = split_excluded(a)[0] if a.excluded else ""
                rule = "经上级党组织同意，可不计入应到的情形：" + "；".join(EXCLUSION_REASONS)
                return f"{chosen}\n\n{rule}" if chosen else rule
            if col == REASON:  # the whole reason, as the column may cut it
                return self._reason(a) or None
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if a.excluded:
                return _EXCLUDED
            if a.member_id in self._added:
                return _ADDED
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == EXCLUDED and a.excluded:
            return None if split_excluded(a)[0] else QColor("#c62828")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        a = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECKS:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            chosen = Presence.PRESENT if col == PRESENT else Presence.LEAVE
            a = dataclasses.replace(a, presence=chosen if checked else Presence.ABSENT)
            if checked and a.excluded:  # came after all: counted again
                a = dataclasses.replace(a, excluded=False, excluded_reason="")
        elif role == Qt.ItemDataRole.EditRole and col == REASON:
            text = str(value).strip()
            if a.excluded:
                reason, _ = split_excluded(a)
                a = dataclasses.replace(
                    a, excluded_reason=exclusion_text(reason, text) if reason else text
                )
            else:
                a = dataclasses.replace(a, reason=text)
        elif role == Qt.ItemDataRole.EditRole and col == EXCLUDED:
            a = self._excluded(a, str(value or ""))
        else:
            return False
        self._rows[index.row()] = a
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(TITLES) - 1))
        self.edited.emit()
        return True

    @staticmethod
    def _excluded(a: Attendee, choice: str) -> Attendee:
        """Counted again (COUNTED or ""), or left out of 应到 for a listed reason: the note
        typed so far is kept; someone left out was not at the meeting (缺席 in the record)."""
        if choice in ("", COUNTED):
            note = split_excluded(a)[1]
            return dataclasses.replace(
                a, excluded=False, excluded_reason="", reason=a.reason or note
            )
        if choice not in EXCLUSION_REASONS:
            return a
        note = split_excluded(a)[1] if a.excluded else a.reason
        return dataclasses.replace(
            a,
            excluded=True,
            excluded_reason=exclusion_text(choice, note),
            presence=Presence.ABSENT,
        )
