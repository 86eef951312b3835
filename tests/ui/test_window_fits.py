"""The main window fits what a 1024×768 Windows screen leaves (about 1024×690) whatever tabs
have been shown: a page wider or taller than the window scrolls instead of growing it."""

from __future__ import annotations

from partybook.ui.main_window import MainWindow


def test_the_window_fits_1024_by_690_after_every_tab(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    for name in MainWindow.TAB_NAMES:
        window.tabs.setCurrentWidget(getattr(window, name))  # the page itself, not its holder
        assert window.tabs.currentWidget() is getattr(window, name)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 690, hint
    room = window.screen().availableGeometry()  # the window opens within the screen
    assert window.width() <= room.width() and window.height() <= room.height()
