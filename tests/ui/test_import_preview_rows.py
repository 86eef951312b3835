"""The import preview tells each row's own problems: a row whose 身份证号 is already in the book
is skipped but its mistakes are still shown; a blank name says so; a name already in the book
(or on an earlier row) with another 身份证号 gets a 同名 warning that does not block the import."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import Qt

from partybook.domain.idcard import make_id_number
from partybook.domain.members import Member
from partybook.ui.dialogs.import_dialog import ImportDialog


def _file(path, rows):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号", "联系电话"])
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _dialog(qtbot, book, path) -> ImportDialog:
    dialog = ImportDialog(book, book.members.plan_import(path))
    qtbot.addWidget(dialog)
    return dialog


def _states(dialog) -> list[str]:
    model = dialog.rows_model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "检查结果"
    )
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _ok(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok)


def _with_one(book) -> str:
    number = make_id_number("430521", date(1980, 1, 1), 3, "男")
    book.members.add(Member(name="王刚", id_number=number, sex="男", birth_date=date(1980, 1, 1)))
    return number


def test_a_skipped_row_still_shows_its_own_problems(qtbot, book, tmp_path) -> None:
    number = _with_one(book)
    path = _file(tmp_path / "r.xlsx", [["王刚", number, "12345"]])  # a phone number too short
    dialog = _dialog(qtbot, book, path)
    [state] = _states(dialog)
    assert state.startswith("已存在（王刚，身份证号已在台账中），跳过")
    assert "另有问题：手机号码应为11位数字" in state
    assert "第 2 行 C 列（联系电话）" in dialog.errors.toPlainText()
    assert "提醒" in dialog.errors.toPlainText()


def test_a_blank_name_says_so(qtbot, book, tmp_path) -> None:
    number = _with_one(book)
    path = _file(tmp_path / "r.xlsx", [["", number, ""]])
    [state] = _states(_dialog(qtbot, book, path))
    assert "（，" not in state
    assert "姓名空白" in state and "没有姓名" in state


def test_a_same_name_with_another_id_number_is_a_warning(qtbot, book, tmp_path) -> None:
    _with_one(book)
    other = make_id_number("430521", date(1985, 6, 1), 5, "男")
    third = make_id_number("430521", date(1990, 3, 1), 7, "男")
    path = _file(
        tmp_path / "r.xlsx",
        [
            ["王刚", other, ""],
            ["李强", third, ""],
            ["李强", make_id_number("430521", date(1991, 3, 1), 7, "男"), ""],
        ],
    )
    dialog = _dialog(qtbot, book, path)
    states = _states(dialog)
    assert states[0].startswith("可导入") and "台账中已有同名的“王刚”" in states[0]
    assert states[1].startswith("可导入") and "同名" not in states[1]
    assert "与第 3 行同名" in states[2]
    assert _ok(dialog).isEnabled() and _ok(dialog).text() == "导入 3 人"
    assert "同名" in dialog.errors.toPlainText() and "没有错误" in dialog.errors.toPlainText()
    _ok(dialog).click()
    assert dialog.added == 3
