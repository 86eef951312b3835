"""Long work with a progress dialog: the Book reports (done, total) to a plain callable; this
one moves a QProgressDialog, lets the window repaint between batches, and raises Cancelled
when the user presses 取消 — the Book's transaction then rolls back, or its temporary file
is removed, so nothing half-written is left. Everything stays on the one (GUI) thread, as
the book's database connection belongs to it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from partybook.domain.errors import Cancelled
from partybook.domain.progress import Progress

T = TypeVar("T")
_EVENTS_EVERY = 0.03  # seconds between letting the window repaint


class ProgressDialog(QProgressDialog):
    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(text, "取消", 0, 100, parent)
        self.setWindowTitle("请稍候")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)  # short work finishes before it shows
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setValue(0)
        self._last = 0.0

    def report(self, done: int, total: int) -> None:
        """The Progress callable handed to the Book."""
        self.setMaximum(max(1, total))
        self.setValue(min(done, max(1, total)))
        now = time.perf_counter()
        if now - self._last >= _EVENTS_EVERY or done >= total:
            self._last = now
            QApplication.processEvents()
        if self.wasCanceled():
            raise Cancelled()


@contextmanager
def progress_dialog(parent: QWidget | None, text: str) -> Iterator[Progress]:
    """with progress_dialog(self, "正在导入…") as progress: book.work(..., progress=progress)"""
    dialog = ProgressDialog(parent, text)
    try:
        yield dialog.report
    finally:
        dialog.close()
        dialog.deleteLater()


def run_with_progress(parent: QWidget | None, text: str, work: Callable[[Progress], T]) -> T:
    with progress_dialog(parent, text) as progress:
        return work(progress)


@contextmanager
def busy_note(parent: QWidget | None, text: str) -> Iterator[None]:
    """A 请稍候 note shown at once over `parent` for work that cannot report its progress (a
    tab of a township-sized book loading): painted before the work starts, closed after it."""
    dialog = QProgressDialog(text, "", 0, 0, parent)  # no maximum: a busy bar
    dialog.setWindowTitle("请稍候")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    for _ in range(2):  # once to lay it out, once to paint it
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        dialog.close()
        dialog.deleteLater()


def keep_painting() -> Progress:
    """A Progress for work too short for a dialog but longer than a frame (a tab loading a
    township-sized book): between the steps the window repaints and timers run, while the
    user's clicks and keys wait in the queue until the work is done, so none of them can
    start another load or a change halfway through this one."""
    last = [time.perf_counter()]

    def report(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= _EVENTS_EVERY:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            last[0] = time.perf_counter()

    return report
