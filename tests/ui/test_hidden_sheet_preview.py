"""The import preview names the sheet it reads and the hidden sheets it skipped (issue 22)."""

from __future__ import annotations

import openpyxl

from partybook.ui.dialogs.import_dialog import ImportDialog


def test_the_preview_says_a_hidden_sheet_was_skipped(qtbot, book, tmp_path) -> None:
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "旧名单"
    hidden.append(["姓名"])
    hidden.append(["张三"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("花名册")
    ws.append(["姓名"])
    ws.append(["王刚"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    dialog = ImportDialog(book, book.members.plan_import(path))
    qtbot.addWidget(dialog)
    text = dialog.summary.text()
    assert "工作表“花名册”" in text and "“旧名单”是隐藏的" in text, text
