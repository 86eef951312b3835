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


def test_long_button_rows_wrap_instead_of_widening_the_page(qtbot, demo_book) -> None:
    from partybook.ui.tabs.meetings_tab import MeetingsTab
    from partybook.ui.widgets import FlowLayout

    tab = MeetingsTab(demo_book)
    qtbot.addWidget(tab)
    tab.show()
    row = next(r for r in tab.findChildren(FlowLayout) if r.indexOf(tab.minutes_pdf_button) >= 0)
    assert tab.minimumSizeHint().width() < 700  # the row asks for its widest button only
    tab.resize(2400, 700)
    qtbot.waitUntil(lambda: row.lines() == 1)
    tab.resize(700, 700)
    qtbot.waitUntil(lambda: row.lines() >= 2)
    buttons = [tab.add_button, tab.minutes_pdf_button, tab.history_button]
    for b in buttons:  # every button whole and inside the page
        assert b.isVisible() and tab.rect().contains(b.geometry())
