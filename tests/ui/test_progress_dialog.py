"""Long work shows a progress dialog; pressing 取消 stops it and nothing is written."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
from PySide6.QtWidgets import QFileDialog

from partybook.book import Book
from partybook.domain.idcard import make_id_number
from partybook.ui import messages
from partybook.ui.dialogs.import_dialog import ImportDialog
from partybook.ui.main_window import MainWindow
from partybook.ui.progress import ProgressDialog

NOW = datetime(2026, 11, 22, 9, 30)


def _cancel_at_once(monkeypatch) -> list[ProgressDialog]:
    """Every progress dialog reports that the user pressed 取消."""
    made = []
    real_init = ProgressDialog.__init__

    def init(self, *a, **k):
        real_init(self, *a, **k)
        made.append(self)
        self.cancel()

    monkeypatch.setattr(ProgressDialog, "__init__", init)
    return made


def _roster(path, count):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "身份证号"])
    for i in range(count):
        sex = "男" if i % 2 else "女"
        ws.append(
            [
                f"王{'甲乙丙丁戊己庚辛壬癸'[i % 10]}",
                sex,
                make_id_number("430521", date(1980, 1, 1), i, sex),
            ]
        )
    wb.save(path)
    return path


def test_cancelling_the_roster_import_writes_nobody(qtbot, book, tmp_path, monkeypatch) -> None:
    dialog = ImportDialog(book, book.members.plan_import(_roster(tmp_path / "r.xlsx", 40)))
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    made = _cancel_at_once(monkeypatch)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert made and "已取消导入" in shown[0]
    assert book.members.all() == [] and book.history.count() == 0
    assert dialog.added == 0
    # the same import, not cancelled, writes everyone
    monkeypatch.undo()
    monkeypatch.setattr(messages, "show_info", lambda *a: None)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.added == 40 and len(book.members.all()) == 40


def test_cancelling_the_year_workbook_leaves_no_file(
    qtbot, demo_book, tmp_path, monkeypatch
) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    _cancel_at_once(monkeypatch)
    window.summary_tab._on_export_clicked()
    assert "已取消导出" in shown[0]
    assert not target.exists() and not list(tmp_path.glob(".partybook-*"))


def test_cancelling_a_package_import_into_the_township_keeps_nothing(
    qtbot, demo_book, tmp_path, monkeypatch
) -> None:
    demo_book.packages.export(tmp_path / "a.zip")
    demo_book.close(auto_backup=False)
    # a second branch: the same package under another name (one book open at a time)
    other = Book.open(tmp_path / "b.sqlite", clock=lambda: NOW, auto_backup=False)
    other.packages.import_file(tmp_path / "a.zip")
    other.save_branch(other.branch().__class__(name="西村小学党支部"))
    # another book: its own branch id (issue 22: a township knows a branch by it)
    other._core.put_settings({"branch.id": ""})
    other.packages.export(tmp_path / "b.zip")
    other.close(auto_backup=False)
    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        town.packages.import_file(tmp_path / "a.zip", township=True)
        window = MainWindow(town)
        qtbot.addWidget(window)
        shown = []
        monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
        _cancel_at_once(monkeypatch)
        assert not window.township_view.import_package(tmp_path / "b.zip")
        assert "已取消" in shown[0]
        assert [p.branch for p in town.township.branches()] == ["青山镇中心小学党支部"]
    finally:
        town.close(auto_backup=False)
