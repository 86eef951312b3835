"""The window refreshes what the Book says changed: every area is shown by some tab, and a
talk saved anywhere changes 首页's due list."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.book import Change
from partybook.domain.talks import Talk
from partybook.ui.main_window import MainWindow
from partybook.ui.tabs.base import Tab


@pytest.fixture
def window(qtbot, demo_book):
    w = MainWindow(demo_book)
    qtbot.addWidget(w)
    for name in MainWindow.TAB_NAMES:  # build every tab
        getattr(w, name)
    return w


def test_every_area_refreshes_some_tab(window, monkeypatch) -> None:
    """Announce each area alone: at least one tab (or, for a township collection's packages,
    the township view, which refreshes on any change) must refresh for it."""
    refreshed: list[str] = []
    monkeypatch.setattr(Tab, "refresh", lambda self: refreshed.append(type(self).__name__))
    for area in Change.areas():
        refreshed.clear()
        window.book._core.announce(area)
        if area is Change.TOWNSHIP:
            continue  # shown by the township view, which the next test covers
        assert refreshed, f"no tab shows {area.name}: a change to it would leave every tab stale"


def test_the_township_view_refreshes_on_any_change(qtbot, book, monkeypatch) -> None:
    from partybook.ui.pages.township_view import TownshipView

    book._core.put_settings({"book.kind": "township"}, Change.TOWNSHIP)
    w = MainWindow(book)
    qtbot.addWidget(w)
    assert w.township_view is not None
    calls: list[int] = []
    monkeypatch.setattr(TownshipView, "refresh", lambda self: calls.append(1))
    book._core.announce(Change.TOWNSHIP)
    assert calls == [1]


def test_a_saved_talk_changes_the_home_pages_due_list(qtbot, window) -> None:
    home = window.home_tab
    window.tabs.setCurrentWidget(home)
    window.show()
    qtbot.waitExposed(window)

    def talk_titles() -> list[str]:
        return [i.title for i in home.due_model.rows() if i.kind == "talk"]

    before = talk_titles()
    assert before, "the demo's committee has people to talk with"
    book = window.book
    coverage = next(c for c in book.talks.coverage(book.today().year) if c.missing)
    book.talks.save(
        Talk(date(2026, 11, 20), coverage.talker.id, "谈心", second_id=coverage.missing[0].id)
    )
    qtbot.waitUntil(lambda: talk_titles() != before, timeout=5000)
    # the talker's item now counts one person fewer (or is gone, if that was the last)
    was = next(t for t in before if coverage.talker.name in t)
    now = [t for t in talk_titles() if coverage.talker.name in t]
    assert f"{len(coverage.missing)} 人" in was
    assert not now or f"{len(coverage.missing) - 1} 人" in now[0]
