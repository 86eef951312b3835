"""期初数据 dialog: one row per Party member, prefilled from what is kept; typed figures checked
cell by cell (red, with why) and saved all at once or not at all; a sheet fills the grid first."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from partybook.domain.opening import Balance
from partybook.ui import messages
from partybook.ui.dialogs import opening_dialog
from partybook.ui.dialogs.opening_dialog import (
    HOURS,
    LAST_LIFE,
    NAME,
    PAID_TO,
    STAGE,
    BalancesDialog,
)

OPENED = date(2026, 9, 15)


@pytest.fixture
def opened_book(demo_book):
    """The demo branch opened (建账) on 2026-09-15."""
    demo_book.opening.set_date(OPENED)
    return demo_book


@pytest.fixture
def shown(monkeypatch) -> dict[str, list[str]]:
    """The texts of the message boxes (none is shown); 取消 asks answer 'keep editing'."""
    texts: dict[str, list[str]] = {"error": [], "info": [], "confirm": []}
    monkeypatch.setattr(messages, "show_error", lambda p, t, title="": texts["error"].append(t))
    monkeypatch.setattr(messages, "show_info", lambda p, t, title="": texts["info"].append(t))
    monkeypatch.setattr(
        messages, "confirm", lambda p, t, title="", yes="": texts["confirm"].append(t) or False
    )
    return texts


def _member(book, name):
    return next(m for m in book.members.all() if m.name == name)


def _dialog(qtbot, book) -> BalancesDialog:
    dialog = BalancesDialog(book)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _cell(dialog, name, col):
    model = dialog.model
    row = model.row_of(name)
    assert row >= 0, f"{name} is not in the grid"
    return model.index(row, col)


def _type(dialog, name, col, text) -> None:
    assert dialog.model.setData(_cell(dialog, name, col), text)


def _sheet(path, rows, headers=("姓名", "本年已学学时", "党费已交至", "最近一次参加组织生活")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "期初数据"
    ws.append(list(headers))
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_the_grid_lists_the_party_members_with_their_saved_balances(qtbot, opened_book) -> None:
    liu, chen = _member(opened_book, "刘建华"), _member(opened_book, "陈秀英")
    opened_book.opening.save_balances(
        [Balance(liu.id, 12.5, (2026, 8), date(2026, 6, 10)), Balance(chen.id, 8)]
    )
    dialog = _dialog(qtbot, opened_book)
    assert dialog.windowTitle() == "期初数据"
    assert dialog.width() <= 900 and dialog.height() <= 600
    members = [m for m in opened_book.members.all(include_left=False) if m.stage.is_member]
    assert 0 < len(members) < len(opened_book.members.all())  # applicants, people who left
    model = dialog.model
    assert model.rowCount() == len(members)
    assert [model.index(r, NAME).data() for r in range(model.rowCount())] == [
        m.name for m in members
    ]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "姓名",
        "人员类别",
        "本年已学学时",
        "党费已交至",
        "最近一次参加组织生活",
    ]
    assert _cell(dialog, "刘建华", STAGE).data() == liu.stage.value
    row = [_cell(dialog, "刘建华", c).data() for c in (HOURS, PAID_TO, LAST_LIFE)]
    assert row == ["12.5", "2026年8月", "2026-06-10"]
    assert [_cell(dialog, "陈秀英", c).data() for c in (HOURS, PAID_TO, LAST_LIFE)] == ["8", "", ""]
    assert not model.flags(_cell(dialog, "刘建华", NAME)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(_cell(dialog, "刘建华", PAID_TO)) & Qt.ItemFlag.ItemIsEditable
    intro = dialog.intro.text()
    assert intro.startswith("建账日期 2026-09-15 以前的情况：本年已学学时、党费已交至哪个月")
    assert "空着表示不知道" in intro


def test_typed_figures_are_tidied_and_saved_as_balances(qtbot, opened_book, shown) -> None:
    liu, wang = _member(opened_book, "刘建华"), _member(opened_book, "王志强")
    applicant = next(
        m for m in opened_book.members.all(include_left=False) if not m.stage.is_member
    )
    opened_book.opening.save_balances(
        [Balance(liu.id, 12.5, (2026, 8), date(2026, 6, 10)), Balance(applicant.id, 4)]
    )
    dialog = _dialog(qtbot, opened_book)
    _type(dialog, "王志强", HOURS, "１０.5")  # full-width digits, as a Chinese IME types them
    _type(dialog, "王志强", PAID_TO, "2026-09")
    _type(dialog, "王志强", LAST_LIFE, "2026.6.28")
    _type(dialog, "刘建华", PAID_TO, "")  # emptied: not known after all
    assert [_cell(dialog, "王志强", c).data() for c in (HOURS, PAID_TO, LAST_LIFE)] == [
        "10.5",
        "2026年9月",
        "2026-06-28",
    ]
    assert not dialog.problems.isVisible()
    dialog.save_button().click()
    assert shown["error"] == [] and dialog.saved and not dialog.isVisible()
    kept = opened_book.opening.balances()
    assert kept[wang.id] == Balance(wang.id, 10.5, (2026, 9), date(2026, 6, 28))
    assert kept[liu.id] == Balance(liu.id, 12.5, None, date(2026, 6, 10))
    assert kept[applicant.id] == Balance(applicant.id, 4)  # not in the grid, left as it was
    assert len(kept) == 3


def test_emptying_every_cell_of_a_row_removes_its_balance(qtbot, opened_book, shown) -> None:
    chen = _member(opened_book, "陈秀英")
    opened_book.opening.save_balances([Balance(chen.id, 8)])
    dialog = _dialog(qtbot, opened_book)
    _type(dialog, "陈秀英", HOURS, "  ")
    dialog.save_button().click()
    assert dialog.saved and opened_book.opening.balances() == {}


def test_bad_cells_turn_red_and_saving_is_refused_with_nothing_saved(
    qtbot, opened_book, shown
) -> None:
    liu = _member(opened_book, "刘建华")
    before = Balance(liu.id, 12.5, (2026, 8), None)
    opened_book.opening.save_balances([before])
    dialog = _dialog(qtbot, opened_book)
    _type(dialog, "刘建华", PAID_TO, "2026年13月")
    _type(dialog, "王志强", HOURS, "-2")
    _type(dialog, "陈秀英", LAST_LIFE, "2026-10-08")  # after the opening: a meeting to record
    _type(dialog, "张丽", HOURS, "12")  # fine, but is not saved either
    bad = _cell(dialog, "刘建华", PAID_TO)
    assert bad.data() == "2026年13月"  # kept as typed, to be corrected
    assert bad.data(Qt.ItemDataRole.BackgroundRole).color() == QColor(opening_dialog.BAD_BACKGROUND)
    assert "没有13月" in bad.data(Qt.ItemDataRole.ToolTipRole)
    assert "不能是负数" in _cell(dialog, "王志强", HOURS).data(Qt.ItemDataRole.ToolTipRole)
    assert "晚于建账日期" in _cell(dialog, "陈秀英", LAST_LIFE).data(Qt.ItemDataRole.ToolTipRole)
    fine = _cell(dialog, "张丽", HOURS)
    assert fine.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "半小时" in fine.data(Qt.ItemDataRole.ToolTipRole)  # the hint of what to type
    assert dialog.problems.isVisible() and "有 3 处填得不对" in dialog.problems.text()
    dialog.save_button().click()
    assert len(shown["error"]) == 1
    refused = shown["error"][0]
    assert "刘建华的“党费已交至”" in refused and "没有13月" in refused
    assert "王志强的“本年已学学时”" in refused and "不能是负数" in refused
    assert "陈秀英的“最近一次参加组织生活”" in refused
    assert "没有保存任何内容" in refused
    assert dialog.isVisible() and not dialog.saved
    assert opening_dialog.PAID_TO == dialog.table.currentIndex().column()  # the first bad cell
    assert opened_book.opening.balances() == {liu.id: before}
    _type(dialog, "刘建华", PAID_TO, "2026.10")
    _type(dialog, "王志强", HOURS, "2")
    _type(dialog, "陈秀英", LAST_LIFE, "2026-09-01")
    assert not dialog.problems.isVisible()
    dialog.save_button().click()
    assert dialog.saved and opened_book.opening.balances()[liu.id].dues_paid_to == (2026, 10)


def test_hours_not_in_half_hours_or_too_many_are_refused(qtbot, opened_book, shown) -> None:
    dialog = _dialog(qtbot, opened_book)
    _type(dialog, "刘建华", HOURS, "12.3")
    _type(dialog, "王志强", HOURS, "十二")
    _type(dialog, "陈秀英", HOURS, "500")
    assert "半小时" in _cell(dialog, "刘建华", HOURS).data(Qt.ItemDataRole.ToolTipRole)
    assert "不是数字" in _cell(dialog, "王志强", HOURS).data(Qt.ItemDataRole.ToolTipRole)
    assert "太多了" in _cell(dialog, "陈秀英", HOURS).data(Qt.ItemDataRole.ToolTipRole)
    dialog.save_button().click()
    assert shown["error"] and opened_book.opening.balances() == {}


def test_a_good_sheet_fills_the_grid_to_check_before_saving(
    qtbot, opened_book, shown, busy_notes, tmp_path, monkeypatch
) -> None:
    liu, wang = _member(opened_book, "刘建华"), _member(opened_book, "王志强")
    opened_book.opening.save_balances([Balance(liu.id, 12.5, (2026, 8), date(2026, 6, 10))])
    path = _sheet(
        tmp_path / "期初.xlsx",
        [["刘建华", 20, "", ""], ["王志强", "10.5", "2026.9", "2026-06-28"]],
    )
    monkeypatch.setattr(opening_dialog, "choose_sheet", lambda parent: path)
    dialog = _dialog(qtbot, opened_book)
    dialog.import_button.click()
    assert busy_notes == ["正在读取表格…"]
    assert shown["error"] == []
    assert "2 人的期初数据" in shown["info"][0] and "保存" in shown["info"][0]
    # the sheet's blank cells leave what the grid had
    assert [_cell(dialog, "刘建华", c).data() for c in (HOURS, PAID_TO, LAST_LIFE)] == [
        "20",
        "2026年8月",
        "2026-06-10",
    ]
    assert [_cell(dialog, "王志强", c).data() for c in (HOURS, PAID_TO, LAST_LIFE)] == [
        "10.5",
        "2026年9月",
        "2026-06-28",
    ]
    assert opened_book.opening.balances() == {  # nothing written before 保存
        liu.id: Balance(liu.id, 12.5, (2026, 8), date(2026, 6, 10))
    }
    dialog.save_button().click()
    assert dialog.saved
    assert opened_book.opening.balances() == {
        liu.id: Balance(liu.id, 20, (2026, 8), date(2026, 6, 10)),
        wang.id: Balance(wang.id, 10.5, (2026, 9), date(2026, 6, 28)),
    }


def test_a_sheet_with_errors_lists_them_all_and_fills_nothing(
    qtbot, opened_book, shown, busy_notes, tmp_path, monkeypatch
) -> None:
    path = _sheet(
        tmp_path / "期初.xlsx",
        [
            ["王志强", "10", "2026.9", ""],
            ["刘建华", "12", "2026年13月", ""],
            ["查无此人", "4", "", ""],
            ["陈秀英", "-1", "", "2026-10-08"],
        ],
    )
    monkeypatch.setattr(opening_dialog, "choose_sheet", lambda parent: path)
    dialog = _dialog(qtbot, opened_book)
    dialog.import_button.click()
    assert len(shown["error"]) == 1 and shown["info"] == []
    text = shown["error"][0]
    assert "4 处错误" in text and "没有导入任何期初数据" in text
    assert "工作表“期初数据”第 3 行 C 列（党费已交至）" in text and "没有13月" in text
    assert "第 4 行 A 列（姓名）" in text and "查无此人" in text
    assert "第 5 行 B 列（本年已学学时）" in text
    assert "第 5 行 D 列（最近一次参加组织生活）" in text
    assert _cell(dialog, "王志强", HOURS).data() == ""  # the good row was not filled either
    assert not dialog.model.changed()
    dialog.save_button().click()
    assert opened_book.opening.balances() == {} and not dialog.saved


def test_an_unreadable_file_or_a_cancelled_choice_changes_nothing(
    qtbot, opened_book, shown, busy_notes, tmp_path, monkeypatch
) -> None:
    dialog = _dialog(qtbot, opened_book)
    monkeypatch.setattr(opening_dialog, "choose_sheet", lambda parent: None)
    dialog.import_button.click()
    assert shown == {"error": [], "info": [], "confirm": []} and busy_notes == []
    (tmp_path / "notes.txt").write_text("不是表格", encoding="utf-8")
    monkeypatch.setattr(opening_dialog, "choose_sheet", lambda parent: tmp_path / "notes.txt")
    dialog.import_button.click()
    assert "不是表格文件" in shown["error"][0]
    assert not dialog.model.changed()


def test_a_sheet_row_for_someone_not_yet_a_member_is_not_filled(
    qtbot, opened_book, shown, busy_notes, tmp_path, monkeypatch
) -> None:
    applicant = next(
        m for m in opened_book.members.all(include_left=False) if not m.stage.is_member
    )
    path = _sheet(tmp_path / "期初.xlsx", [["王志强", "6", "", ""], [applicant.name, "4", "", ""]])
    monkeypatch.setattr(opening_dialog, "choose_sheet", lambda parent: path)
    dialog = _dialog(qtbot, opened_book)
    dialog.import_button.click()
    assert "1 人的期初数据" in shown["info"][0]
    assert f"{applicant.name} 不是党员" in shown["info"][0]
    dialog.save_button().click()
    assert list(opened_book.opening.balances()) == [_member(opened_book, "王志强").id]


def test_cancel_asks_before_throwing_edits_away(qtbot, opened_book, shown, monkeypatch) -> None:
    dialog = _dialog(qtbot, opened_book)
    dialog.buttons.rejected.emit()  # 取消 with nothing changed: closes at once
    assert not dialog.isVisible() and shown["confirm"] == []
    dialog = _dialog(qtbot, opened_book)
    _type(dialog, "刘建华", HOURS, "6")
    dialog.buttons.rejected.emit()
    assert "还没有保存" in shown["confirm"][0] and dialog.isVisible()  # kept editing
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    dialog.buttons.rejected.emit()
    assert not dialog.isVisible() and not dialog.saved
    assert opened_book.opening.balances() == {}


def test_saving_an_unchanged_grid_writes_nothing(qtbot, opened_book, shown) -> None:
    liu = _member(opened_book, "刘建华")
    opened_book.opening.save_balances([Balance(liu.id, 12.5)])
    generation = opened_book.opening.balances()
    dialog = _dialog(qtbot, opened_book)
    _type(dialog, "刘建华", HOURS, "12.50")  # the same figure, typed another way
    dialog.save_button().click()
    assert not dialog.isVisible() and not dialog.saved
    assert opened_book.opening.balances() == generation


def test_ask_returns_true_only_when_something_was_saved(qtbot, opened_book, monkeypatch) -> None:
    def save_one(dialog) -> int:
        qtbot.addWidget(dialog)
        _type(dialog, "刘建华", HOURS, "6")
        dialog.save_button().click()
        return dialog.result()

    monkeypatch.setattr(BalancesDialog, "exec", save_one)
    assert BalancesDialog.ask(None, opened_book) is True
    assert opened_book.opening.balances()[_member(opened_book, "刘建华").id].hours == 6

    def cancel(dialog) -> int:
        qtbot.addWidget(dialog)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(BalancesDialog, "exec", cancel)
    assert BalancesDialog.ask(None, opened_book) is False


def test_without_an_opening_date_it_says_so_and_opens_no_grid(
    qtbot, demo_book, shown, monkeypatch
) -> None:
    assert demo_book.opening.date() is None
    monkeypatch.setattr(BalancesDialog, "exec", lambda self: pytest.fail("the grid was opened"))
    assert BalancesDialog.ask(None, demo_book) is False
    assert len(shown["info"]) == 1 and "请先设置建账日期" in shown["info"][0]


def test_a_book_without_party_members_opens_no_grid(qtbot, book, shown, monkeypatch) -> None:
    book.opening.set_date(OPENED)
    monkeypatch.setattr(BalancesDialog, "exec", lambda self: pytest.fail("the grid was opened"))
    assert BalancesDialog.ask(None, book) is False
    assert "还没有党员" in shown["info"][0]
