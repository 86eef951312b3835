"""首页 and 年度统计 with pytest-qt: the due list of every kind leads to its place; figures
list their records; the paragraph is copied."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from partybook.ui.main_window import MainWindow


def _row(proxy, test) -> int:
    return next(r for r in range(proxy.rowCount()) if test(proxy.row_at(r)))


def test_home_lists_every_kind_most_urgent_first(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    home = window.home_tab
    items = home.due_model.rows()
    assert {i.kind for i in items} == {
        "pipeline",
        "meeting",
        "appraisal",
        "study",
        "talk",
        "transfer",
        "committee",
        "dues",
    }
    assert [i.urgency for i in items] == sorted(i.urgency for i in items)
    assert "需要办理的事项" in home.heading.text()
    assert "在册党员 19 名" in home.counts["党员"].text()
    # 黄伟, 吴晓燕, and 谢婷 (her sessions in May before the day she was admitted do not count)
    assert "3 名党员学时落后进度" in home.counts["2026年学习"].text()


def test_double_click_goes_where_the_item_is_done(qtbot, demo_book, monkeypatch) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    home = window.home_tab
    # 黄伟, 吴晓燕 and 谢婷 are behind: one line for the three opens their list, and the
    # item chosen there (黄伟's) goes where it is done
    from partybook.ui.dialogs.due_list_dialog import DueListDialog

    study = _row(home.due_proxy, lambda i: i.kind == "study")
    home.due_view.selectRow(study)
    monkeypatch.setattr(
        DueListDialog, "ask", lambda p, t, items, c: next(i for i in items if i.member == "黄伟")
    )
    home._on_double_clicked()
    assert window.tabs.currentWidget() is window.study_tab
    assert "黄伟" in window.study_tab.only_button.text()
    window.tabs.setCurrentWidget(home)
    person = _row(home.due_proxy, lambda i: i.kind == "pipeline" and i.member_id)
    item = home.due_proxy.row_at(person)
    home.due_view.selectRow(person)
    home._on_double_clicked()
    assert window.tabs.currentWidget() is window.pipeline_tab
    assert window.pipeline_tab.selected_person().id == item.member_id
    window.tabs.setCurrentWidget(home)
    home.due_view.selectRow(_row(home.due_proxy, lambda i: i.kind == "meeting"))
    home._on_double_clicked()
    assert window.tabs.currentWidget() is window.meetings_tab
    window.tabs.setCurrentWidget(home)
    home.due_view.selectRow(_row(home.due_proxy, lambda i: i.kind == "dues"))
    home._on_double_clicked()
    assert window.tabs.currentWidget() is window.dues_tab
    assert "周文斌" in window.dues_tab.summary.text()


def test_a_figure_lists_its_records_and_the_paragraph_is_copied(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.summary_tab)
    tab = window.summary_tab
    f = tab.show_figure("meetings_general")
    assert tab.refs_model.rowCount() == f.value == 4
    assert all("支部党员大会" in r.text for r in tab.refs_model.rows())
    assert "共 4 条记录" in tab.refs_title.text()
    tab.show_figure("left_transferred")
    assert [r.text.split("：")[0] for r in tab.refs_model.rows()] == ["林海"]
    assert tab.paragraph.toPlainText().startswith("2026年，青山镇中心小学党支部")
    tab.copy_button.click()
    assert QApplication.clipboard().text() == tab.paragraph.toPlainText()
    assert tab.copied.text() == "已复制。"
