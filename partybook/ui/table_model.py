"""One generic table model driven by a declarative column list, and its sort/filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """A table column: its Chinese title and how to get the value from a row object."""

    title: str
    value: Callable[[T], Any]
    align_center: bool = False
    tip: Callable[[T], str] | None = None
    colour: Callable[[T], str | None] | None = None  # a named colour for the text, or None
    background: Callable[[T], str | None] | None = None  # a named colour behind it, or None


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else ""
    return str(value)


def _sort_key(value: Any) -> Any:
    # Sort keys must be int, str or QDate: a Python date in a role sorts wrongly in PySide6.
    if value is None:
        return ""
    if isinstance(value, date):
        return QDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | str):
        return value
    return str(value)


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        SORT_ROLE,
        ROW_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
    }
)


class ColumnTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of dataclasses shown through a list of Columns."""

    def __init__(self, columns: Sequence[Column[T]], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._sort_keys: dict[int, list] = {}  # per column, worked out once per set_rows

    @property
    def columns(self) -> list[Column[T]]:
        return self._columns

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_keys = {}
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def rows_view(self) -> list[T]:
        """The rows themselves (not a copy): read, do not change."""
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # the view asks for a dozen roles per cell: answer most at once
            return None
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(col.value(row))
        if role == SORT_ROLE:  # asked twice per comparison while sorting: each key once
            keys = self._sort_keys.get(index.column())
            if keys is None:
                keys = self._sort_keys[index.column()] = [
                    _sort_key(col.value(r)) for r in self._rows
                ]
            return keys[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_center:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.tip is not None:
            return col.tip(row) or None
        if role == Qt.ItemDataRole.ForegroundRole and col.colour is not None:
            name = col.colour(row)
            return QBrush(QColor(name)) if name else None
        if role == Qt.ItemDataRole.BackgroundRole and col.background is not None:
            name = col.background(row)
            return QBrush(QColor(name)) if name else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE and keeps the rows a predicate accepts."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self._accept: Callable[[Any], bool] = lambda row: True
        self._accepted: list[bool] | None = None

    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt's name
        # Connected before the proxy's own handlers, so they never see stale answers.
        for signal in (
            model.modelAboutToBeReset,
            model.rowsAboutToBeInserted,
            model.rowsAboutToBeRemoved,
            model.dataChanged,
            model.layoutAboutToBeChanged,
        ):
            signal.connect(self.invalidate_rows)
        super().setSourceModel(model)

    def set_predicate(self, accept: Callable[[Any], bool]) -> None:
        self.beginFilterChange()
        self._accept = accept
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Qt asks row by row; answer from one pass over the rows in Python (10 000 rows: one
        # list comprehension instead of 10 000 calls of the predicate through the bridge).
        if self._accepted is None or len(self._accepted) != self.sourceModel().rowCount():
            rows = self.sourceModel().rows_view()
            accept = self._accept
            self._accepted = [accept(r) for r in rows]
        return self._accepted[source_row]

    def invalidate_rows(self) -> None:
        self._accepted = None

    def row_at(self, proxy_row: int) -> Any:
        source = self.mapToSource(self.index(proxy_row, 0))
        return self.sourceModel().row_at(source.row())


def read_only_view(model: ColumnTableModel, parent=None) -> tuple[QTableView, RowFilterProxy]:
    """A sortable, read-only, row-selecting table view over model through a new filter proxy."""
    proxy = RowFilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(30)
    view.horizontalHeader().setStretchLastSection(True)
    # Size the columns by the first 100 rows only (a screen shows about 20): every row measured
    # costs a dozen calls into Python per column.
    view.horizontalHeader().setResizeContentsPrecision(100)
    view.setAlternatingRowColors(True)
    return view, proxy


class EditableRowsModel(QAbstractTableModel):
    """The shared frame of small editable tables: rows in self._rows, column titles in `titles`."""

    titles: list[str] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles[section]
        return None
