"""文件 → 导出数据包 / 导入数据包 with pytest-qt, and the township view that replaces a
branch's tabs when the book is a township collection."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from partybook.book import Book
from partybook.ui import messages
from partybook.ui.main_window import MainWindow

NOW = datetime(2026, 11, 22, 9, 30)


def _export_demo(qtbot, demo_book, target, monkeypatch) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    window.export_package_action.trigger()
    assert target.is_file() and "已导出数据包" in shown[0]
    window.close()


def test_export_then_import_into_an_empty_book_restores_it(
    qtbot, demo_book, tmp_path, monkeypatch
) -> None:
    target = tmp_path / "包.zip"
    _export_demo(qtbot, demo_book, target, monkeypatch)
    names = [m.name for m in demo_book.members.all()]
    demo_book.close(auto_backup=False)
    empty = Book.open(tmp_path / "new.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        window = MainWindow(empty)
        qtbot.addWidget(window)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
        asked, shown = [], []
        monkeypatch.setattr(
            messages, "choose", lambda parent, text, options, *a: asked.append(text) or 0
        )
        monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
        window.import_package_action.trigger()
        assert "青山镇中心小学党支部" in asked[0] and "人员 26 名" in asked[0]
        assert "已导入" in shown[0]
        assert [m.name for m in empty.members.all()] == names
        assert window.township_view is None
        assert "青山镇中心小学党支部" in window.windowTitle()
        # a second import into the now full book is refused in plain words
        errors = []
        monkeypatch.setattr(messages, "show_error", lambda parent, text, *a: errors.append(text))
        window.import_package_action.trigger()
        assert "已经有“青山镇中心小学党支部”的数据" in errors[0]
    finally:
        empty.close(auto_backup=False)


def test_an_empty_book_becomes_a_township_and_shows_its_view(
    qtbot, demo_book, tmp_path, monkeypatch
) -> None:
    target = tmp_path / "包.zip"
    _export_demo(qtbot, demo_book, target, monkeypatch)
    demo_book.close(auto_backup=False)
    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        window = MainWindow(town)
        qtbot.addWidget(window)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
        monkeypatch.setattr(messages, "choose", lambda *a: 1)
        monkeypatch.setattr(messages, "show_info", lambda *a: None)
        window.import_package_action.trigger()
        view = window.township_view
        assert view is not None and window.centralWidget() is view
        window.show()  # the figures load when shown
        assert "乡镇汇总库" in window.windowTitle()
        assert [p.branch for p in view.model.rows()] == ["青山镇中心小学党支部"]
        assert "（1 个支部）" in view.heading.text()
        figures = {f.key: f for f in view.summary.figures_model.rows()}
        assert figures["members_end"].value == 19
        view.summary.show_figure("members_end")  # its records, each with its branch
        refs = view.summary.refs_model
        assert refs.rowCount() == 19
        assert all(refs.index(r, 1).data().startswith("青山镇中心小学党支部：") for r in range(19))
        assert view.summary.paragraph.toPlainText().startswith(
            "2026年，中共青山镇委员会所汇总的1个党支部"
        )
        errors = []
        monkeypatch.setattr(messages, "show_error", lambda parent, text, *a: errors.append(text))
        view._on_import_clicked()  # the same branch again, not asked to replace
        assert "已经有“青山镇中心小学党支部”" in errors[0]
        monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
        shown = []
        monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
        view._on_replace_clicked()
        assert "替换" in shown[0]
        out = tmp_path / "汇总.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        view._on_export_clicked()
        ws = load_workbook(out)["党员花名册"]
        assert ws.cell(3, 2).value == "支部"
    finally:
        town.close(auto_backup=False)


def test_a_township_book_opens_on_its_view(qtbot, demo_book, tmp_path, monkeypatch) -> None:
    target = tmp_path / "包.zip"
    _export_demo(qtbot, demo_book, target, monkeypatch)
    demo_book.close(auto_backup=False)
    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    town.packages.import_file(target, township=True)
    try:
        window = MainWindow(town)
        qtbot.addWidget(window)
        assert window.township_view is not None
        texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
        assert "导入支部数据包…" in texts and "导出数据包…" not in texts
    finally:
        town.close(auto_backup=False)


def test_a_big_townships_figures_load_after_the_window_is_up_under_a_note(
    qtbot, demo_book, tmp_path, monkeypatch, busy_notes
) -> None:
    """A township's size is its branches' people (its own roster is empty): a big one's
    figures load after the window has come up, with the 请稍候 note."""
    from partybook.ui.tabs import base

    target = tmp_path / "包.zip"
    _export_demo(qtbot, demo_book, target, monkeypatch)
    demo_book.close(auto_backup=False)
    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    town.packages.import_file(target, township=True)
    town.close(auto_backup=False)
    notes = busy_notes
    monkeypatch.setattr(base, "BIG_ROSTER", 5)  # the demo branch's 19 people count as big
    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        window = MainWindow(town)
        qtbot.addWidget(window)
        window.show()
        view = window.township_view
        assert view.summary.stale  # not loaded before the window could paint
        qtbot.waitUntil(lambda: not view.summary.stale)
        assert notes == ["正在整理数据，请稍候…"] and view.summary.last_load_noted
        assert view.summary.figures_model.rows()
    finally:
        town.close(auto_backup=False)
