"""What every tab shares: its data loads when it is shown, so opening the window pays only for
the tab the user sees; a change elsewhere marks hidden tabs to reload when next shown."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class Tab(QWidget):
    """Subclasses implement reload(); they call refresh() where data may have changed."""

    def __init__(self, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._lazy = lazy  # False (tests, a lone tab): load at once, as before
        self._stale = False
        self._held = False

    def reload(self) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload now if visible (or not lazy); otherwise when the tab is next shown."""
        if self._lazy and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.reload()

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
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale and not self._held:
            self._stale = False
            self.reload()
        super().showEvent(event)
