"""What every tab shares: its data loads when it is shown, so opening the window pays only for
the tab the user sees; a change elsewhere marks hidden tabs to reload when next shown."""

from __future__ import annotations

import gc
import time
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView, QWidget

from partybook.book import Change
from partybook.ui.models.table_model import display_text

SLOW_LOAD = 0.1  # seconds: a load longer than this shows a 请稍候 note (the window cannot paint)
BIG_ROSTER = 2000  # people: a tab's first load on a book this big is expected to be slow


class Tab(QWidget):
    """Subclasses implement reload(); they call refresh() where data may have changed, and say
    in SHOWS which areas of the book they show: the window refreshes them when the Book
    announces a change to one of those areas."""

    SHOWS: Change = Change.NOTHING

    def __init__(self, book, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._book = book
        # The tab hears every committed write of the book; it stops when it is destroyed.
        stop = book.subscribe(self._on_book_changed)
        self.destroyed.connect(lambda *_: stop())
        self._lazy = lazy  # False (tests, a lone tab): load at once, as before
        self._stale = False
        self._held = False
        self._took: dict[Hashable, float] = {}  # seconds the last load took, per _load_key()
        self.last_load_noted = False  # whether the last load showed the 请稍候 note
        self._size: int | None = None  # people the book is about, counted once (_book_size)
        self._loaded_at: object = None  # the book's generation when last loaded
        self._saving = False

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def _on_book_changed(self, change: Change) -> None:
        if self.SHOWS & change:
            self._loaded_at = None  # what was loaded is out of date, whatever it was
            if not self._saving:  # a tab's own write loads once, after it (load_saved)
                self.refresh()

    @contextmanager
    def saving(self) -> Iterator[None]:
        """Around this tab's own write: the book's announcement of it does not reload the tab
        at once; the tab calls load_saved() afterwards (once, under the note if slow)."""
        self._saving = True
        try:
            yield
        finally:
            self._saving = False

    def _current(self) -> tuple[object, Hashable]:
        """What a load shows: the data's generation and the choice on screen (_load_key)."""
        return self._book.generation(), self._load_key()

    def refresh(self) -> None:
        """Reload now if visible (or not lazy); otherwise when the tab is next shown. Nothing
        is read again if the data has not changed since the last load (a tab that saved
        something and the window's announcement of that save both ask)."""
        if self._lazy and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._loaded_at != self._current():
            self._reload_timed()

    def _reload_timed(self) -> None:
        """reload(), under a 请稍候 note when it is expected to take longer than a blink (the
        last load did, or this is the first on a township-sized book). Afterwards the loaded
        rows are moved out of the garbage collector's way: they live until the next change,
        and a full collection over a big book's objects would freeze the window for 0.1 s."""
        from partybook.ui.progress import busy_note

        slow = self._expect_slow()
        key = self._load_key()
        start = time.perf_counter()
        with busy_note(self.window(), "正在整理数据，请稍候…") if slow else nullcontext():
            self.reload()
        self._loaded_at = self._current()
        self._took[key] = time.perf_counter() - start
        self.last_load_noted = slow
        gc.freeze()

    def _load_key(self) -> Hashable:
        """What the next load shows (e.g. the chosen year): loads of different keys can take
        very different times (an appraisal round not begun, or one of 8 000 entries)."""
        return None

    def _expect_slow(self) -> bool:
        took = self._took.get(self._load_key())
        if took is not None:
            return took > SLOW_LOAD
        return self._book_size() >= BIG_ROSTER

    def _book_size(self) -> int:
        """The book's size when this tab first asked (its roster, or a township collection's
        branches together): counting it again after a save would read 10 000 people afresh
        (0.2 s) only to decide whether to show a note."""
        if self._size is None:
            self._size = self._book.people_count()
        return self._size

    def load_now(self) -> None:
        """Load at once, shown or not."""
        self._stale = False
        self._reload_timed()

    def load_saved(self) -> None:
        """Load at once after this tab saved a change: what the book keeps is then worked out
        again, so the last load's time says nothing (a township's 三会一课 took 0.1 s from the
        kept figures, 0.5 s after a meeting was saved): expected slow as a first load."""
        if self._loaded_at == self._current():
            return  # the book's announcement of the save loaded it already
        self._took.clear()
        self.load_now()

    def _load_if_stale(self) -> None:
        if self._stale and not self._held and self.isVisible():
            self._stale = False
            self._reload_timed()

    @property
    def stale(self) -> bool:
        return self._stale

    def hold(self) -> None:
        """Do not load when shown until release(): the window is painted first, then filled."""
        self._held = True

    def release(self) -> None:
        self._held = False
        if self._stale and self.isVisible():
            self._stale = False
            self._reload_timed()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale and not self._held:
            if self._expect_slow():  # let the tab come up first, then the note and the work
                QTimer.singleShot(0, self._load_if_stale)
            else:
                self._stale = False
                self._reload_timed()
        super().showEvent(event)


def fit_columns(view: QTableView, texts: Sequence[Sequence[str]]) -> None:
    """Size view's columns as resizeColumnsToContents() does — each the wider of its header
    and its widest text among the first rows (the header's resize-contents precision, 100) —
    from `texts`, the shown text of those rows' cells in the view's order. Qt measures the
    texts that can be the widest (by the font's advance, line by line) in a plain Qt model, so
    it does not call into Python a dozen times per cell (100 rows of 8 columns: 40–60 ms)."""
    header = view.horizontalHeader()
    model = view.model()
    columns = model.columnCount()
    rows = texts[: _precision(view)]
    metrics = QFontMetrics(view.font())
    widest: list[list[str]] = []
    for c in range(columns):
        advance = {
            t: max(metrics.horizontalAdvance(line) for line in t.split("\n"))
            for t in {row[c] for row in rows}
        }
        top = max(advance.values(), default=0)
        widest.append([t for t, w in advance.items() if w >= top - 4])  # rounding aside
    plain = QStandardItemModel(max(map(len, widest), default=0), columns)
    plain.setHorizontalHeaderLabels(
        [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
    )
    for c, candidates in enumerate(widest):
        for r, text in enumerate(candidates):
            plain.setItem(r, c, QStandardItem(text))
    twin = QTableView()
    twin.setFont(view.font())
    twin.setShowGrid(view.showGrid())
    twin.setModel(plain)
    twin.horizontalHeader().setSortIndicatorShown(header.isSortIndicatorShown())
    twin.horizontalHeader().setMinimumSectionSize(header.minimumSectionSize())
    twin.horizontalHeader().setResizeContentsPrecision(0)  # every candidate
    twin.resizeColumnsToContents()
    for c in range(columns):
        view.setColumnWidth(c, twin.columnWidth(c))
    twin.deleteLater()


def _precision(view: QTableView) -> int | None:
    rows = view.horizontalHeader().resizeContentsPrecision()
    return rows if rows > 0 else None  # 0 (or less): every row


def fit_rows_view(view: QTableView) -> None:
    """fit_columns() for a read_only_view over a ColumnTableModel: its first shown rows."""
    proxy: Any = view.model()
    columns = proxy.sourceModel().columns
    count = proxy.rowCount()
    limit = _precision(view)
    rows = [proxy.row_at(i) for i in range(count if limit is None else min(count, limit))]
    fit_columns(view, [[display_text(c.value(r)) for c in columns] for r in rows])


def fit_shown_view(view: QTableView) -> None:
    """fit_columns() for any model: the shown text (DisplayRole) of the view's first rows, as
    many as the header's resize-contents precision."""
    model = view.model()
    count, limit = model.rowCount(), _precision(view)
    rows = range(count if limit is None else min(count, limit))
    columns = range(model.columnCount())
    fit_columns(view, [[display_text(model.index(r, c).data()) for c in columns] for r in rows])
