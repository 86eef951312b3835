"""The 党费 grid: one row per member, the base and rate, then twelve month cells coloured by
whether the month is paid, unpaid, still to come or not owed — or, in a book opened (建账)
mid-year, before the book (建账前) or paid before it (建账前已交): neither is 欠交."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from partybook.domain.dues import MONTHS, Cell, Kind, MemberDues, State, rate_text, yuan_text
from partybook.ui.models.table_model import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
HEAD = ["姓名", "类别", "月基数（元）", "比例", "每月应交"]
TAIL = ["已交合计", "欠交"]
FIRST_MONTH = len(HEAD)  # column of January
COLOURS = {
    State.PAID: "#dff3e4",
    State.UNPAID: "#fde2e1",
    State.PENDING: "#fff4ce",
    State.NO_BASE: "#ffe8cc",
    State.NOT_DUE: "#eeeeee",
    State.PAID_BEFORE: "#dce6df",  # a calm green-grey: paid, but before the book
    State.BEFORE_BOOK: "#e2e2e2",  # grey: the book cannot know, nothing owed
}
MUTED = "#666666"  # the text of the months before the book
SHORT = {Kind.BACK: " 补", Kind.AHEAD: " 预", Kind.ON_TIME: ""}
WORDS = {
    State.UNPAID: "欠交",
    State.PENDING: "待交",
    State.FUTURE: "",
    State.NOT_DUE: "—",
    State.NO_BASE: "未核定",
    State.PAID_BEFORE: "期初已交",  # 建账前已交: shorter, the months since the book stay in view
    State.BEFORE_BOOK: "建账前",
}
BEFORE = (State.PAID_BEFORE, State.BEFORE_BOOK)


def cell_text(c: Cell) -> str:
    if c.state is State.PAID:
        return yuan_text(c.paid_fen) + SHORT[c.payment.kind]
    return WORDS[c.state]


def cell_tip(name: str, c: Cell) -> str:
    when = f"{c.year}年{c.month}月"
    if c.state is State.PAID:
        p = c.payment
        note = f"，{p.note}" if p.note else ""
        return f"{name} {when}：已交 {yuan_text(p.amount_fen)} 元，{p.paid_on} {p.kind.value}{note}"
    if c.state is State.NOT_DUE:
        return f"{name} {when}：不需交纳（入党前、转入前或离开后）"
    if c.state is State.NO_BASE:
        return f"{name} {when}：还没有核定本年党费基数"
    if c.state is State.PAID_BEFORE:
        return f"{name} {when}：建账前已交（按期初数据“党费已交至”，交纳记录不在本台账）"
    if c.state is State.BEFORE_BOOK:
        return f"{name} {when}：建账前的月份，本台账没有记录，不算欠交"
    return f"{name} {when}：{c.state.value}，应交 {yuan_text(c.due_fen)} 元"


class DuesGridModel(QAbstractTableModel):
    """Read-only rows of MemberDues; the proxy filters and sorts them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MemberDues] = []

    def set_rows(self, rows: list[MemberDues]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MemberDues]:
        return list(self._rows)

    def rows_view(self) -> list[MemberDues]:
        """The rows themselves, for the filter proxy: read, do not change."""
        return self._rows

    def row_at(self, row: int) -> MemberDues:
        return self._rows[row]

    @staticmethod
    def month_of(column: int) -> int | None:
        month = column - FIRST_MONTH + 1
        return month if month in MONTHS else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEAD) + 12 + len(TAIL)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        month = self.month_of(section)
        if month is not None:
            return f"{month}月"
        return HEAD[section] if section < FIRST_MONTH else TAIL[section - FIRST_MONTH - 12]

    def _value(self, r: MemberDues, column: int) -> tuple[str, Any]:
        """(display text, sort key) of a cell."""
        a = r.assessment
        if column == 0:
            return r.member.name + ("" if r.member.active else "（已离开）"), r.member.name
        if column == 1:
            return (a.category.value, a.category.value) if a else ("未核定", "")
        if column == 2:
            show = a is not None and a.category.has_base
            return (yuan_text(a.base_fen) if show else ""), (a.base_fen if a else 0)
        if column == 3:
            return (rate_text(r.rate_bp) if a else ""), (r.rate_bp or 0)
        if column == 4:
            return (yuan_text(r.monthly) if a else ""), r.monthly
        month = self.month_of(column)
        if month is not None:
            c = r.cell(month)
            return cell_text(c), c.paid_fen if c.state is State.PAID else -1
        if column == FIRST_MONTH + 12:
            return yuan_text(r.paid_fen), r.paid_fen
        return (yuan_text(r.unpaid_fen) if r.unpaid_fen else ""), r.unpaid_fen

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        month = self.month_of(col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._value(r, col)[0]
        if role == SORT_ROLE:
            return self._value(r, col)[1]
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if month is None:
            if role == Qt.ItemDataRole.ForegroundRole and col == len(HEAD) + 13 and r.unpaid:
                return QBrush(QColor("#c62828"))
            if role == Qt.ItemDataRole.ToolTipRole and col <= 4 and len(r.changes) > 1:
                return "；".join(
                    f"{a.from_month}月起 {a.category.value} {yuan_text(a.base_fen)} 元"
                    + (f"（{a.reason}）" if a.reason else "（年初核定）")
                    for a in r.changes
                )
            return None
        c = r.cell(month)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = COLOURS.get(c.state)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and c.state in BEFORE:
            return QBrush(QColor(MUTED))
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tip(r.member.name, c)
        return None
