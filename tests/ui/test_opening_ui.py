"""建账 in the window (issue 19): the first start asks the opening date, the settings show and
change it, the home page's first-week checklist opens each place and ticks itself, and items
alike for many people are one line that opens their list."""

from __future__ import annotations

from datetime import date, datetime

from partybook.book import Book
from partybook.domain.members import Branch, Member, Stage
from partybook.ui.main_window import MainWindow
from partybook.ui.tabs.home_tab import SET_UP

NOW = datetime(2026, 12, 2, 10, 0)


def _new_book(tmp_path) -> Book:
    return Book.open(tmp_path / "new.sqlite", clock=lambda: NOW)


def test_the_first_start_asks_the_branch_then_the_opening_date(qtbot, tmp_path, monkeypatch):
    from partybook import app
    from partybook.ui.dialogs.branch_dialog import BranchDialog
    from partybook.ui.dialogs.opening_date_dialog import OpeningDateDialog

    book = _new_book(tmp_path)
    window = MainWindow(book)
    qtbot.addWidget(window)
    window.show()  # as the program does, before the first-start questions
    asked = []
    monkeypatch.setattr(BranchDialog, "ask", lambda *a, **k: Branch(name="柳溪村小学党支部"))

    def opening(parent, current, today, first_time=False):
        asked.append((current, today, first_time))
        return date(2026, 9, 15)

    monkeypatch.setattr(OpeningDateDialog, "ask", opening)
    app._first_start(window, book)
    assert asked == [(None, date(2026, 12, 2), True)]  # default: that day
    assert book.opening.date() == date(2026, 9, 15)
    assert "柳溪村小学党支部" in window.windowTitle()
    assert window.home_tab.checklist.isVisibleTo(window)  # the first-week checklist
    book.close(auto_backup=False)


def test_a_book_with_people_is_not_asked_for_an_opening(qtbot, tmp_path, monkeypatch) -> None:
    from partybook import app
    from partybook.ui.dialogs.branch_dialog import BranchDialog
    from partybook.ui.dialogs.opening_date_dialog import OpeningDateDialog

    book = _new_book(tmp_path)
    book.members.add(Member("老党员", Stage.FULL))
    window = MainWindow(book)
    qtbot.addWidget(window)
    monkeypatch.setattr(BranchDialog, "ask", lambda *a, **k: None)
    monkeypatch.setattr(OpeningDateDialog, "ask", lambda *a, **k: 1 / 0)  # never asked
    app._first_start(window, book)
    assert book.opening.date() is None and not window.home_tab.checklist.isVisibleTo(window)
    book.close(auto_backup=False)


def test_the_opening_date_dialog_offers_today_and_no_later(qtbot) -> None:
    from partybook.ui.dialogs.opening_date_dialog import OpeningDateDialog

    dialog = OpeningDateDialog(None, date(2026, 12, 2), True)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == date(2026, 12, 2)
    dialog.date.setDate(dialog.date.date().addDays(5))
    assert dialog.chosen() == date(2026, 12, 2)  # the box stops at today


def test_the_settings_show_and_change_the_opening_date(qtbot, demo_book, monkeypatch) -> None:
    from partybook.ui.dialogs.settings_dialog import SettingsDialog

    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    seen = {}

    def ask(parent, current, open_balances=None):
        dialog = SettingsDialog(current, parent, open_balances)
        qtbot.addWidget(dialog)
        seen["checked"] = dialog.opened.isChecked()
        seen["button"] = dialog.balances_button.isEnabled()
        dialog.opened.setChecked(True)
        dialog.opening.setDate(dialog.opening.date().addDays(-30))
        return dialog

    monkeypatch.setattr(SettingsDialog, "ask_dialog", ask)
    window._on_settings_triggered()
    assert seen == {"checked": False, "button": False}  # the demo book has no opening date
    assert demo_book.opening.date() == date(2026, 10, 23)  # 2026-11-22 less 30 days

    def clear(parent, current, open_balances=None):
        dialog = SettingsDialog(current, parent, open_balances)
        qtbot.addWidget(dialog)
        seen["button"] = dialog.balances_button.isEnabled()
        dialog.opened.setChecked(False)
        return dialog

    monkeypatch.setattr(SettingsDialog, "ask_dialog", clear)
    window._on_settings_triggered()
    assert seen["button"] is True and demo_book.opening.date() is None


def test_the_checklist_opens_each_place_and_ticks_itself(qtbot, tmp_path, monkeypatch) -> None:
    book = _new_book(tmp_path)
    book.save_branch(Branch(name="柳溪村小学党支部"))
    book.opening.set_date(date(2026, 9, 15))
    window = MainWindow(book)
    qtbot.addWidget(window)
    window.show()
    home = window.home_tab
    assert home.checklist.isVisibleTo(window)
    assert [done for _, done in home.checklist_steps] == [True] + [False] * 5  # the branch's
    opened = []
    monkeypatch.setattr(window, "open_balances", lambda: opened.append("balances"))
    monkeypatch.setattr(
        type(window.members_tab), "_on_import_clicked", lambda self: opened.append("roster")
    )
    window._on_go(SET_UP + "roster", 0)
    window._on_go(SET_UP + "balances", 0)
    window._on_go(SET_UP + "groups", 0)
    assert opened == ["roster", "balances"]
    assert window.tabs.currentWidget() is window.org_tab
    book.members.add(Member("刘建华", Stage.FULL, party_post="书记", group="第一党小组"))
    window.tabs.setCurrentWidget(home)
    qtbot.waitUntil(lambda: not home.stale)
    assert dict(home.checklist_steps) == {
        "branch": True,
        "roster": True,
        "pipeline": True,  # nobody on the way in: nothing to import
        "balances": False,
        "meetings": False,
        "groups": True,
    }
    home._on_dismiss_clicked()
    qtbot.waitUntil(lambda: not home.checklist.isVisibleTo(window))
    book.close(auto_backup=False)


def test_a_line_for_many_opens_their_list(qtbot, demo_book, monkeypatch) -> None:
    from partybook.domain.deadlines import DueLine
    from partybook.ui.dialogs.due_list_dialog import DueListDialog

    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    home = window.home_tab
    lines = [i for i in home.due_model.rows() if isinstance(i, DueLine)]
    # the demo's three activists due for their half-yearly 考察 in the same state
    study = next(x for x in lines if x.kind == "pipeline")
    assert study.title == "3 人：半年考察" and study.member == "邓佳、蒋涛、韩雪"
    assert {i.title for i in study.items} == {"半年考察"}
    row = next(r for r in range(home.due_proxy.rowCount()) if home.due_proxy.row_at(r) is study)
    home.due_view.selectRow(row)
    shown = {}

    def ask(parent, title, items, columns):
        dialog = DueListDialog(title, items, columns, parent)
        qtbot.addWidget(dialog)
        shown["rows"] = dialog.model.rowCount()
        return items[0]

    monkeypatch.setattr(DueListDialog, "ask", ask)
    home._on_double_clicked()
    assert shown["rows"] == len(study.items)
    assert window.tabs.currentWidget() is window.pipeline_tab
