"""改动历史 from the tabs: the selected record's changes, newest first."""

from __future__ import annotations

import dataclasses

from partybook.ui import messages
from partybook.ui.dialogs import history_dialog
from partybook.ui.dialogs.history_dialog import HistoryDialog
from partybook.ui.main_window import MainWindow


def test_roster_history_of_the_selected_member(qtbot, quiet_book, monkeypatch) -> None:
    window = MainWindow(quiet_book)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.members_tab)
    tab = window.members_tab
    m = tab.proxy.row_at(0)
    quiet_book.members.update(dataclasses.replace(m, phone="13900001111"))
    tab.refresh()
    shown = []
    monkeypatch.setattr(
        HistoryDialog,
        "show_for",
        classmethod(lambda cls, p, title, lines: shown.append((title, lines))),
    )
    infos = []
    monkeypatch.setattr(messages, "show_info", lambda p, t, title="提示": infos.append(t))
    tab.table.clearSelection()
    tab.history_button.click()
    assert "请先在表格里选中" in infos[-1] and not shown
    row = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.row_at(r).id == m.id)
    tab.table.selectRow(row)
    tab.history_button.click()
    title, lines = shown[-1]
    assert title == m.name
    assert lines[0].action == "修改" and "13900001111" in lines[0].details


def test_the_dialog_lists_lines_newest_first(qtbot, quiet_book) -> None:
    m = quiet_book.members.all()[0]
    quiet_book.members.update(dataclasses.replace(m, address="青山镇一号"))
    quiet_book.members.update(
        dataclasses.replace(quiet_book.members.get(m.id), address="青山镇二号")
    )
    dialog = HistoryDialog(m.name, quiet_book.history.of("member", m.id))
    qtbot.addWidget(dialog)
    first = dialog.model.rows()[0]
    assert "青山镇一号 → 青山镇二号" in first.details
    assert dialog.windowTitle() == f"改动历史：{m.name}"
    assert history_dialog.COLUMNS[3].title.startswith("改动")
