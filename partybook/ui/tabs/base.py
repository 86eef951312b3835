"""What every tab shares: its data loads when it is shown, so opening the window pays only for
the tab the user sees; a change elsewhere marks hidden tabs to reload when next shown."""

from __future__ import annotations

import gc
import time
from contextlib import nullcontext

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

SLOW_LOAD = 0.1  # seconds: a load longer than this shows a 请稍候 note (the window cannot paint)
BIG_ROSTER = 2000  # people: a tab's first load on a book this big is expected to be slow


class Tab(QWidget):
    """Subclasses implement reload(); they call refresh() where data may have changed."""

    def __init__(self, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._lazy = lazy  # False (tests, a lone tab): load at once, as before
        self._stale = False
        self._held = False
        self._took: float | None = None  # seconds the last load took
        self.last_load_noted = False  # whether the last load showed the 请稍候 note

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload now if visible (or not lazy); otherwise when the tab is next shown."""
        if self._lazy and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._reload_timed()

    def _reload_timed(self) -> None:
        """reload(), under a 请稍候 note when it is expected to take longer than a blink (the
        last load did, or this is the first on a township-sized book). Afterwards the loaded
        rows are moved out of the garbage collector's way: they live until the next change,
        and a full collection over a big book's objects would freeze the window for 0.1 s."""
        from partybook.ui.progress import busy_note

        slow = self._expect_slow()
        start = time.perf_counter()
        with busy_note(self.window(), "正在整理数据，请稍候…") if slow else nullcontext():
            self.reload()
        self._took = time.perf_counter() - start
        self.last_load_noted = slow
        gc.freeze()

    def _expect_slow(self) -> bool:
        if self._took is not None:
            return self._took > SLOW_LOAD
        book = getattr(self, "_book", None)
        return book is not None and len(book.members()) >= BIG_ROSTER

    def load_now(self) -> None:
        """Load at once, shown or not."""
        self._stale = False
        self._reload_timed()

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
