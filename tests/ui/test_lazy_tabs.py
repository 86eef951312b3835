"""Tabs load when shown: opening the window pays for the visible tab only, and a change marks
hidden tabs to reload when they are next shown."""

from __future__ import annotations

import gc

from partybook.book import Change
from partybook.book.meetings import SAVE_CHANGE
from partybook.domain.deadlines import grouped
from partybook.ui.main_window import MainWindow


def test_hidden_tabs_load_when_first_shown(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    assert window.home_tab.due_model.rowCount() > 0  # the first tab loads at once
    assert window.members_tab.stale and window.members_tab.model.rowCount() == 0
    assert window.meetings_tab.stale and window.meetings_tab.meetings_model.rowCount() == 0
    window.tabs.setCurrentWidget(window.meetings_tab)
    assert not window.meetings_tab.stale
    assert window.meetings_tab.meetings_model.rowCount() == len(demo_book.meetings.all(2026))


def test_a_change_reloads_the_visible_tab_now_and_hidden_ones_later(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.study_tab)
    before = window.study_tab.sessions_model.rowCount()
    member = demo_book.members.all()[0].id
    from datetime import date

    from partybook.domain.study import Session

    demo_book.study.save(
        Session(date(2026, 11, 20), "新的学习", "集中学习", 1, participants=(member,))
    )
    window.tabs.setCurrentWidget(window.pipeline_tab)
    window.tabs.setCurrentWidget(window.study_tab)
    window.book._core.announce(SAVE_CHANGE)  # e.g. a linked meeting was saved in another tab
    assert window.study_tab.sessions_model.rowCount() == before + 1  # visible: at once
    assert window.pipeline_tab.stale  # hidden: a passed vote may have added a step
    window.tabs.setCurrentWidget(window.pipeline_tab)
    assert not window.pipeline_tab.stale


def test_a_new_member_shows_in_every_due_list_at_once(qtbot, quiet_book) -> None:
    """The due items are kept between tabs; a write must still reach the home page and the
    发展党员 tab's list the moment the window says something changed."""
    from datetime import date

    from partybook.domain.members import Member, Stage
    from partybook.domain.pipeline import Event, Kind

    window = MainWindow(quiet_book)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.pipeline_tab)
    window.tabs.setCurrentWidget(window.home_tab)

    def names(model) -> set[str]:
        """Everyone the list names, in a line of its own or in a line for many."""
        return {j.member for i in model.rows() for j in getattr(i, "items", (i,))}

    added = quiet_book.members.add(Member(name="新来的", stage=Stage.FULL))
    window.book._core.announce(Change.MEMBERS)
    assert "新来的" in names(window.home_tab.due_model)  # behind with the year's study
    applicant = quiet_book.members.add(Member(name="申请人甲", stage=Stage.APPLICANT))
    quiet_book.pipeline.record_event(Event(applicant.id, Kind.STEP, date(2026, 11, 1), step=1))
    window.book._core.announce(Change.MEMBERS)
    assert "申请人甲" in names(window.home_tab.due_model)
    window.tabs.setCurrentWidget(window.pipeline_tab)
    assert "申请人甲" in names(window.pipeline_tab.due_model)
    assert added.id is not None


def test_only_the_home_page_is_built_with_the_window(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[0] == "首页" and len(titles) == 9 and "三会一课" in titles
    assert window.built_tabs() == ["home_tab"]
    window.book._core.announce(Change.MEMBERS)  # a change does not build the tabs nobody has opened
    assert window.built_tabs() == ["home_tab"]
    window.tabs.setCurrentIndex(titles.index("三会一课"))  # the user clicks the tab
    assert window.built_tabs() == ["home_tab", "meetings_tab"]
    tab = window.tabs.currentWidget()
    assert tab is window.meetings_tab and not tab.stale
    assert tab.meetings_model.rowCount() == len(demo_book.meetings.all(2026))
    assert window.tabs.tabText(window.tabs.currentIndex()) == "三会一课"


def test_a_tab_asked_for_is_built_in_its_place_and_keeps_the_current_tab(qtbot, demo_book):
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(2)  # 发展党员
    dues = window.dues_tab  # e.g. the home page's "go" or a menu entry needs it
    assert window.tabs.indexOf(dues) == 7 and window.tabs.tabText(7) == "党费"
    assert window.tabs.currentWidget() is window.pipeline_tab  # still where the user was
    assert dues.stale  # hidden, so it loads when shown
    window.tabs.setCurrentWidget(dues)
    assert not dues.stale and dues.model.rowCount() > 0
    window.book._core.announce(Change.DUES)  # a built tab still reloads on a change
    assert not dues.stale


def test_a_menu_entry_of_a_tab_not_built_yet_works(qtbot, demo_book, monkeypatch) -> None:
    from partybook.ui.tabs.summary_tab import SummaryTab

    calls = []
    monkeypatch.setattr(SummaryTab, "_on_layouts_clicked", lambda self: calls.append(self))
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    action = next(
        a for m in window.menuBar().actions() for a in m.menu().actions() if "表格格式" in a.text()
    )
    action.trigger()
    assert calls == [window.summary_tab] and "summary_tab" in window.built_tabs()


def test_the_program_paints_the_window_first_then_fills_the_home_page(qtbot, demo_book) -> None:
    window = MainWindow(demo_book, fill_after_paint=True)
    qtbot.addWidget(window)
    home = window.home_tab
    assert home.stale and home.due_model.rowCount() == 0
    assert "正在整理" in home.heading.text()
    with qtbot.waitSignal(home.loaded, timeout=5000):
        window.show()  # the first paint starts the filling, right after it
    assert not home.stale and home.due_model.rowCount() == len(grouped(demo_book.due_items()))
    assert "需要办理的事项" in home.heading.text()


def test_a_slow_load_shows_a_note_and_a_quick_one_does_not(
    qtbot, demo_book, monkeypatch, busy_notes
) -> None:

    from partybook.ui.tabs import base

    notes = busy_notes
    monkeypatch.setattr(base, "BIG_ROSTER", 5)  # the demo branch counts as a big book
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    notes.clear()  # (the home page had one too)
    window.tabs.setCurrentWidget(window.meetings_tab)  # first load on a "big" book: a note,
    assert window.meetings_tab.stale  # after the tab itself has come up
    qtbot.waitUntil(lambda: not window.meetings_tab.stale)
    assert notes == ["正在整理数据，请稍候…"] and window.meetings_tab.last_load_noted
    monkeypatch.setattr(base, "SLOW_LOAD", 60.0)  # that load was quick: the next one has none
    window.book._core.announce(Change.MEETINGS)
    assert len(notes) == 1 and not window.meetings_tab.last_load_noted
    assert gc.get_freeze_count() > 0  # the loaded rows are out of the collector's way


def test_the_note_is_painted_before_the_work_and_closed_after(qtbot, demo_book) -> None:
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from partybook.ui.progress import busy_note

    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    with busy_note(window, "正在整理数据，请稍候…"):
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        assert any(w.isVisible() and "请稍候" in w.labelText() for w in shown)
    qtbot.waitUntil(
        lambda: (
            not any(
                w.isVisible()
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog)
            )
        )
    )


def test_the_home_page_hidden_waits_for_its_next_showing(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    home = window.home_tab
    assert home.due_model.rowCount() > 0  # loaded with the window
    window.tabs.setCurrentWidget(window.members_tab)
    window.book._core.announce(Change.MEMBERS)  # e.g. a member saved on the roster
    assert home.stale  # no due list worked out for a page nobody sees
    window.tabs.setCurrentWidget(home)  # loads now, or right after it is up when its last
    qtbot.waitUntil(lambda: not home.stale)  # load was slow (a loaded machine: over 0.1 s)
    assert home.due_model.rowCount() == len(grouped(demo_book.due_items()))
