"""The import preview dialog: mapping shown and changeable, import only when no row has an error."""

from __future__ import annotations

from datetime import date

import openpyxl

from partybook.domain.idcard import make_id_number
from partybook.ui.dialogs.import_dialog import ImportDialog


def _file(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "单位", "身份证号"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _ok(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok)


def test_preview_then_import_all(qtbot, book, tmp_path) -> None:
    good = make_id_number("430521", date(1980, 1, 1), 3, "男")
    path = _file(tmp_path / "r.xlsx", [["王刚", "柳溪村小学", good]])
    dialog = ImportDialog(book, book.members.plan_import(path))
    qtbot.addWidget(dialog)
    assert dialog.rows_model.rowCount() == 1
    assert _ok(dialog).isEnabled() and _ok(dialog).text() == "导入 1 人"
    # "单位" is not recognised; map it to 工作单位及职务 by hand, as a user would
    box = dialog.combos[1]
    box.setCurrentIndex(box.findData("position"))
    assert dialog.plan.mapping[1] == "position"
    _ok(dialog).click()
    assert dialog.added == 1
    assert [(m.name, m.position) for m in book.members.all()] == [("王刚", "柳溪村小学")]


def test_an_error_row_blocks_the_whole_import(qtbot, book, tmp_path) -> None:
    good = make_id_number("430521", date(1980, 1, 1), 3, "男")
    path = _file(tmp_path / "r.xlsx", [["王刚", "", good], ["李强", "", "430521198001010000"]])
    dialog = ImportDialog(book, book.members.plan_import(path))
    qtbot.addWidget(dialog)
    assert not _ok(dialog).isEnabled()
    assert _ok(dialog).text() == "有错误，不能导入"
    assert "第 3 行 C 列（身份证号）" in dialog.errors.toPlainText()
    assert book.members.all() == []


def test_pipeline_ledger_preview_and_import(qtbot, book, tmp_path) -> None:
    from partybook.ui.dialogs.import_dialog import PIPELINE

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号", "递交申请书日期", "谈话日期"])
    wb.active.append(
        ["唐颖", make_id_number("430521", date(2001, 5, 1), 1, "女"), "2026.10.08", "2026.10.20"]
    )
    wb.save(tmp_path / "l.xlsx")
    dialog = ImportDialog(book, book.pipeline.plan_import(tmp_path / "l.xlsx"), kind=PIPELINE)
    qtbot.addWidget(dialog)
    assert "发展党员台账" in dialog.windowTitle()
    assert dialog.combos[2].currentText().startswith("第 1 步")
    _ok(dialog).click()
    assert dialog.added == 1
    person = book.members.all()[0]
    assert book.pipeline.path_of(person.id).on(2) == date(2026, 10, 20)
