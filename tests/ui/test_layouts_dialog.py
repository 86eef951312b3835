"""年度台账 from the 年度统计 tab: the layouts dialog chooses columns, order, headers and date
format; the workbook and the layout file follow it."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from partybook.export.layouts import SPECS, Layouts, SheetLayout
from partybook.ui import messages
from partybook.ui.dialogs.layouts_dialog import LayoutsDialog
from partybook.ui.main_window import MainWindow


def _items(dialog):
    return [dialog.columns.topLevelItem(i) for i in range(dialog.columns.topLevelItemCount())]


def test_dialog_edits_one_sheet_and_keeps_the_others_default(qtbot) -> None:
    dialog = LayoutsDialog(Layouts())
    qtbot.addWidget(dialog)
    dialog.sheets.setCurrentRow(list(SPECS).index("党员花名册"))
    items = _items(dialog)
    checked = [
        i.data(0, Qt.ItemDataRole.UserRole)
        for i in items
        if i.checkState(0) == Qt.CheckState.Checked
    ]
    assert checked == list(SPECS["党员花名册"].default)
    for item in items:  # keep only 姓名 and 入党时间, renamed, in the other order
        key = item.data(0, Qt.ItemDataRole.UserRole)
        item.setCheckState(
            0, Qt.CheckState.Checked if key in ("name", "joined") else Qt.CheckState.Unchecked
        )
    joined = next(i for i in items if i.data(0, Qt.ItemDataRole.UserRole) == "joined")
    joined.setText(1, "入党日期")
    dialog.columns.setCurrentItem(joined)
    while dialog.columns.indexOfTopLevelItem(joined) > 0:
        dialog.up_button.click()
    dialog.date_format.setCurrentIndex(dialog.date_format.findData("2026.11"))
    result = dialog.result_layouts()
    assert result.sheets == {
        "党员花名册": SheetLayout((("joined", "入党日期"), ("name", "姓名")), "2026.11")
    }
    dialog.sheets.setCurrentRow(list(SPECS).index("三会一课"))  # switching keeps the edit
    assert dialog.result_layouts().sheets["党员花名册"].columns[0] == ("joined", "入党日期")


def test_an_empty_header_or_no_column_blocks_ok(qtbot) -> None:
    dialog = LayoutsDialog(Layouts())
    qtbot.addWidget(dialog)
    first = _items(dialog)[1]
    first.setText(1, "  ")
    assert "表头是空的" in dialog.error.text() and not dialog.error.isHidden()
    dialog.buttons.accepted.emit()
    assert dialog.result() != LayoutsDialog.DialogCode.Accepted
    first.setText(1, "姓名")
    for item in _items(dialog):
        item.setCheckState(0, Qt.CheckState.Unchecked)
    assert "至少要有一列" in dialog.error.text()
    dialog.default_button.click()
    assert dialog.error.isHidden() and dialog.result_layouts().sheets == {}


def test_the_tab_saves_layouts_and_exports_the_workbook(
    qtbot, demo_book, tmp_path, monkeypatch
) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.summary_tab)
    chosen = Layouts(
        {"三会一课": SheetLayout((("date", "时间"), ("title", "会议名称")), "20261122")}
    )
    monkeypatch.setattr(LayoutsDialog, "ask", classmethod(lambda cls, parent, layouts: chosen))
    infos = []
    monkeypatch.setattr(
        messages, "show_info", lambda parent, text, title="提示": infos.append(text)
    )
    window.summary_tab.layouts_button.click()
    assert demo_book.layouts.current() == chosen
    out = tmp_path / "年度台账.xlsx"
    monkeypatch.setattr(
        "partybook.ui.tabs.summary_tab.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(out), ""),
    )
    window.summary_tab.export_button.click()
    wb = load_workbook(out)
    assert [c.value for c in wb["三会一课"][3]] == ["时间", "会议名称"]
    assert "年度台账" in infos[-1] and "三会一课" in infos[-1]
    layout_file = tmp_path / "格式.json"
    monkeypatch.setattr(
        "partybook.ui.tabs.summary_tab.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(layout_file), ""),
    )
    window.summary_tab.export_layouts_button.click()
    assert Layouts.from_json(layout_file.read_text(encoding="utf-8")) == chosen
