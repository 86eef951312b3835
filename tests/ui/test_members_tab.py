"""The roster tab with pytest-qt: the model, search by pinyin, filters, add, edit and leave."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.book import Change
from partybook.domain.members import LeaveReason, Member, Stage
from partybook.ui.dialogs.leave_dialog import LeaveDialog, Leaving
from partybook.ui.dialogs.member_dialog import MemberDialog
from partybook.ui.tabs.members_tab import LEFT, MembersTab


@pytest.fixture
def tab(qtbot, demo_book):
    widget = MembersTab(demo_book)
    qtbot.addWidget(widget)
    return widget


def _names(tab) -> list[str]:
    return [tab.proxy.row_at(r).name for r in range(tab.proxy.rowCount())]


def test_model_is_a_well_behaved_qt_model(qtmodeltester, tab) -> None:
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_lists_active_people_with_counts(tab, demo_book) -> None:
    active = [m for m in demo_book.members.all() if m.active]
    assert tab.proxy.rowCount() == len(active)
    assert f"在册 {len(active)} 人" in tab.counts.text()
    assert "预备党员 2" in tab.counts.text()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ljh", ["刘建华"]),
        ("liujianhua", ["刘建华"]),
        ("陈秀", ["陈秀英"]),
        ("zxh", ["曾小红"]),
        ("sxd", ["单晓东"]),
    ],
)
def test_search_by_name_and_pinyin(tab, query, expected) -> None:
    tab.search.setText(query)
    assert _names(tab) == expected


def test_search_by_id_number_and_phone(tab, demo_book) -> None:
    target = next(m for m in demo_book.members.all() if m.name == "王志强")
    tab.search.setText(target.id_number[-6:])
    assert _names(tab) == ["王志强"]
    tab.search.setText(target.phone)
    assert _names(tab) == ["王志强"]


def test_filter_by_status_and_group(tab) -> None:
    tab.status_filter.setCurrentText(Stage.PROBATIONARY.value)
    assert sorted(_names(tab)) == sorted(["谢婷", "彭浩"])
    tab.status_filter.setCurrentText(LEFT)
    assert _names(tab) == ["林海"]
    tab.status_filter.setCurrentText(Stage.FULL.value)
    tab.group_filter.setCurrentText("第二党小组")
    assert "刘建华" not in _names(tab) and "王志强" in _names(tab)


def test_sorting_by_a_date_column(tab) -> None:
    column = [c.title for c in tab.model.columns].index("入党日期")
    tab.status_filter.setCurrentText(Stage.FULL.value)
    tab.table.sortByColumn(column, tab.table.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    dates = [tab.proxy.row_at(r).joined_on for r in range(tab.proxy.rowCount())]
    assert dates == sorted(dates)


def test_add_through_the_dialog(tab, demo_book, monkeypatch) -> None:
    new = Member(name="新同志", stage=Stage.APPLICANT, sex="女")
    monkeypatch.setattr(MemberDialog, "ask", classmethod(lambda cls, *a, **k: new))
    seen = []
    demo_book.subscribe(seen.append)
    tab.add_button.click()
    assert any(m.name == "新同志" for m in demo_book.members.all())
    assert tab.selected().name == "新同志"
    assert seen == [Change.MEMBERS]


def test_leave_moves_a_person_to_the_left_list(tab, demo_book, monkeypatch) -> None:
    tab.select_member(next(m.id for m in demo_book.members.all() if m.name == "黄伟"))
    answer = Leaving(LeaveReason.TRANSFERRED, date(2026, 9, 1), "转往县实验小学")
    monkeypatch.setattr(LeaveDialog, "ask", classmethod(lambda cls, *a, **k: answer))
    tab.leave_button.click()
    assert "黄伟" not in _names(tab)
    tab.status_filter.setCurrentText(LEFT)
    assert "黄伟" in _names(tab)
    assert demo_book.members.all()[-1].name != ""  # nobody was deleted
    assert any(m.name == "黄伟" and not m.active for m in demo_book.members.all())


def test_member_dialog_shows_inline_errors_and_blocks_saving(qtbot, demo_book) -> None:
    dialog = MemberDialog(demo_book, None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no name yet
    dialog.widgets["name"].setText("测试者")
    dialog.widgets["id_number"].setText("430521199005171234")
    assert not ok.isEnabled()
    assert "校验码" in dialog.errors["id_number"].text()
    dialog.widgets["joined_on"].setText("2026年13月1日")
    assert "不是有效日期" in dialog.errors["joined_on"].text() or dialog.errors["joined_on"].text()
    dialog.widgets["joined_on"].setText("")
    good = next(m for m in demo_book.members.all() if m.name == "刘建华").id_number
    dialog.widgets["id_number"].setText(good)
    assert "已有人员" in dialog.errors["id_number"].text()
    from partybook.domain.idcard import make_id_number

    dialog.widgets["id_number"].setText(make_id_number("430521", date(1995, 3, 8), 5, "女"))
    dialog.widgets["id_number"].editingFinished.emit()
    assert ok.isEnabled()
    assert dialog.widgets["birth_date"].text() == "1995-03-08"
    assert dialog.widgets["sex"].currentText() == "女"
    assert dialog.member().birth_date == date(1995, 3, 8)


def test_member_dialog_edits_keep_the_id(qtbot, demo_book) -> None:
    original = next(m for m in demo_book.members.all() if m.name == "张丽")
    dialog = MemberDialog(demo_book, original)
    qtbot.addWidget(dialog)
    dialog.widgets["phone"].setText("0739-5551234")
    edited = dialog.member()
    assert edited.id == original.id
    assert edited.phone == "0739-5551234"
    assert edited.joined_on == original.joined_on
