"""One generic table model driven by a declarative column list, and its sort/filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from partybook.domain.dates import format_date

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
BATCH = 500  # rows handed to a view at a time by a model that can hold thousands

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


def display_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)  # 1995.07 for a date known only to its month
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


LONG_TEXT = 10  # a cell's text longer than this also shows whole in its tooltip (依据, 事项…)

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


def _comparable(keys: list) -> list:
    """Sort keys Python can order as the proxy orders them: ints and dates as they are,
    text as the locale-aware collator orders it (QString::localeAwareCompare), "" first."""
    kinds = {type(k) for k in keys}
    if kinds <= {int}:
        return keys
    if kinds <= {QDate}:
        return [k.toJulianDay() for k in keys]
    if kinds <= {str}:
        collator, seen = QCollator(), {}
        return [seen.get(k) or seen.setdefault(k, collator.sortKey(k)) for k in keys]
    rest = _comparable([k for k in keys if k != ""]) if kinds - {str} and "" in keys else None
    if rest is None or len({type(k) for k in rest}) > 1:  # mixed types: compare them as text
        return _comparable(
            [k.toString("yyyy-MM-dd") if isinstance(k, QDate) else str(k) for k in keys]
        )
    it = iter(rest)
    return [(0, 0) if k == "" else (1, next(it)) for k in keys]


class ColumnTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of dataclasses shown through a list of Columns.

    With batch=N the model filters and sorts all its rows itself (in Python, one pass) and
    hands the view the rows that pass, N at a time (canFetchMore/fetchMore) as it scrolls. A
    sort/filter proxy above a model that fetches lazily would only see the rows fetched so far
    (a search would miss row 9 000, a sort would order the first batch only), so the proxy
    read_only_view puts above such a model passes sort() and the filter down to it instead.
    Model rows are then the shown rows in their shown order; rows() stays every row."""

    def __init__(self, columns: Sequence[Column[T]], parent=None, *, batch: int | None = None):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._sort_keys: dict[int, list] = {}  # per column, worked out once per set_rows
        self.batch = batch
        self._order: list[int] | None = [] if batch else None  # shown rows (batch mode)
        self._fetched = 0
        self._accept: Callable[[T], bool] | None = None
        self._sort = (-1, Qt.SortOrder.AscendingOrder)

    @property
    def columns(self) -> list[Column[T]]:
        return self._columns

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_keys = {}
        if self._order is not None:
            self._order = self._shown_order()
            self._fetched = min(self.batch, len(self._order))
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row if self._order is None else self._order[row]]

    # batch mode: filtering, sorting and fetching over every row ---------------
    def _keys(self, column: int) -> list:
        keys = self._sort_keys.get(column)
        if keys is None:
            value = self._columns[column].value
            keys = self._sort_keys[column] = [_sort_key(value(r)) for r in self._rows]
        return keys

    def _shown_order(self) -> list[int]:
        accept = self._accept
        rows = self._rows
        order = (
            list(range(len(rows)))
            if accept is None
            else [i for i, r in enumerate(rows) if accept(r)]
        )
        column, direction = self._sort
        if 0 <= column < len(self._columns):
            keys = _comparable(self._keys(column))
            # stable both ways, as the proxy's sort: equal rows keep the order they came in
            order.sort(key=keys.__getitem__, reverse=direction == Qt.SortOrder.DescendingOrder)
        return order

    def _relayout(self) -> None:
        """Filter and sort again; selected rows stay selected where they are still fetched."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        was = [self._order[p.row()] if p.row() < len(self._order) else None for p in old]
        self._order = self._shown_order()
        where = {source: i for i, source in enumerate(self._order)} if old else {}
        new_rows = [where.get(w, -1) if w is not None else -1 for w in was]
        # as many rows as were fetched stay fetched (what the user scrolled through); a selected
        # row moved beyond them is no longer selected
        self._fetched = min(max(self.batch, self._fetched), len(self._order))
        self.changePersistentIndexList(
            old,
            [
                self.index(r, p.column()) if 0 <= r < self._fetched else QModelIndex()
                for r, p in zip(new_rows, old, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def set_predicate(self, accept: Callable[[T], bool] | None) -> None:
        self._accept = accept
        self._relayout()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        if self._order is not None:
            self._relayout()

    def shown_count(self) -> int:
        """Rows passing the filter, fetched or not."""
        return len(self._rows) if self._order is None else len(self._order)

    def find_row(self, test: Callable[[T], bool]) -> int:
        """The model row of the first shown row passing test (fetched now if need be), or -1."""
        if self._order is None:
            return next((i for i, r in enumerate(self._rows) if test(r)), -1)
        rows = self._rows
        found = next((i for i, source in enumerate(self._order) if test(rows[source])), -1)
        if found >= self._fetched:
            self.beginInsertRows(QModelIndex(), self._fetched, found)
            self._fetched = found + 1
            self.endInsertRows()
        return found

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self._order is not None and not parent.isValid() and self._fetched < len(self._order)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        end = min(self._fetched + self.batch, len(self._order))
        self.beginInsertRows(QModelIndex(), self._fetched, end - 1)
        self._fetched = end
        self.endInsertRows()

    def rows(self) -> list[T]:
        return list(self._rows)

    def rows_view(self) -> list[T]:
        """The rows themselves (not a copy): read, do not change."""
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._rows) if self._order is None else self._fetched

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # the view asks for a dozen roles per cell: answer most at once
            return None
        r = index.row()
        if not index.isValid() or r >= self.rowCount():
            return None
        if self._order is not None:
            r = self._order[r]
        row = self._rows[r]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(col.value(row))
        if role == SORT_ROLE:  # asked twice per comparison while sorting: each key once
            return self._keys(index.column())[r]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_center:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.tip is not None:
                return col.tip(row) or None
            text = display_text(col.value(row))  # a long text may be cut: the whole of it
            return text if len(text) > LONG_TEXT else None
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

    def shown_count(self) -> int:
        """Rows passing the filter (with a batch model: fetched or not)."""
        return self.rowCount()

    def find_row(self, test: Callable[[Any], bool]) -> int:
        """The proxy row of the first shown row passing test, or -1."""
        return next((r for r in range(self.rowCount()) if test(self.row_at(r))), -1)


class PassDownProxy(QSortFilterProxyModel):
    """The proxy above a batch model: sorting and filtering are the model's, over all its rows
    (no Python call per row or per comparison); this proxy keeps the model's order."""

    def set_predicate(self, accept: Callable[[Any], bool]) -> None:
        self.sourceModel().set_predicate(accept)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def row_at(self, proxy_row: int) -> Any:
        return self.sourceModel().row_at(self.mapToSource(self.index(proxy_row, 0)).row())

    def shown_count(self) -> int:
        return self.sourceModel().shown_count()

    def find_row(self, test: Callable[[Any], bool]) -> int:
        row = self.sourceModel().find_row(test)
        return -1 if row < 0 else self.mapFromSource(self.sourceModel().index(row, 0)).row()


def read_only_view(
    model: ColumnTableModel, parent=None
) -> tuple[QTableView, RowFilterProxy | PassDownProxy]:
    """A sortable, read-only, row-selecting table view over model through a new filter proxy."""
    proxy = PassDownProxy(parent) if getattr(model, "batch", None) else RowFilterProxy(parent)
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
