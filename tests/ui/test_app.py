"""The composition root: one window per book (the lock), first start, the main window menus."""

from __future__ import annotations

import importlib
import linecache
import sys

import pytest

from partybook import app
from partybook.ui import messages
from partybook.ui.main_window import MainWindow


def test_a_second_lock_on_the_same_book_is_refused(tmp_path) -> None:
    path = tmp_path / "b.sqlite"
    first = app.lock_book(path)
    assert first is not None
    assert app.lock_book(path) is None
    first.unlock()
    again = app.lock_book(path)
    assert again is not None
    again.unlock()


def test_second_start_says_so_in_chinese_and_exits_cleanly(qapp, tmp_path, monkeypatch) -> None:
    path = tmp_path / "b.sqlite"
    held = app.lock_book(path)
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    assert app.run_gui(db=path) == 3
    held.unlock()
    assert shown and "已经在另一个窗口中打开" in shown[0]
    assert not path.exists()  # nothing was created or opened


def test_unreadable_book_is_reported_not_crashed(qapp, tmp_path, monkeypatch) -> None:
    path = tmp_path / "b.sqlite"
    path.write_bytes(b"garbage" * 100)
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    assert app.run_gui(db=path) == 2
    assert "无法打开数据文件" in shown[0]


def test_main_window_title_and_tabs(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    assert "青山镇中心小学党支部" in window.windowTitle()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == [
        "首页",
        "党员花名册",
        "发展党员",
        "三会一课",
        "民主评议",
        "学习记录",
        "组织建设",
        "党费",
        "年度统计",
    ]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0].startswith("文件")
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "备份到…" in texts and "从备份恢复…" in texts


def test_a_book_with_a_password_opens_no_window_without_it(qapp, tmp_path, monkeypatch) -> None:
    from partybook.book import Book
    from partybook.ui.dialogs import password_dialog
    from partybook.ui.main_window import MainWindow

    path = tmp_path / "b.sqlite"
    book = Book.open(path, auto_backup=False)
    book.security.set_password("abcd")
    book.close(auto_backup=False)
    monkeypatch.setattr(password_dialog.UnlockDialog, "ask", classmethod(lambda cls, b: False))
    built = []
    monkeypatch.setattr(MainWindow, "__init__", lambda self, *a: built.append(a))
    assert app.run_gui(db=path) == 0
    assert built == []  # refused before the window was made
    assert app.lock_book(path) is not None  # and the lock was let go


def _menu_action(window: MainWindow, text: str):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(text)


def test_another_process_holding_the_book_is_refused_until_it_dies(tmp_path) -> None:
    """A second PartyBook is another process; when that one crashes, its lock is stale."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "b.sqlite"
    code = (
        "import sys, time; from pathlib import Path; from partybook import app; "
        "lock = app.lock_book(Path(sys.argv[1])); print('locked' if lock else 'refused', "
        "flush=True); time.sleep(60)"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert other.stdout.readline().strip() == "locked"
        assert app.lock_book(path) is None
        other.send_signal(signal.SIGKILL)
        other.wait(10)
        taken = app.lock_book(path)  # the dead window's lock does not keep the book shut
        assert taken is not None
        taken.unlock()
    finally:
        if other.poll() is None:
            other.kill()
        other.wait(10)
        other.stdout.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_shown_and_the_window_stays_usable(
    qtbot, demo_book, tmp_path, monkeypatch
) -> None:
    import logging
    import sys

    from partybook.support import logs

    root = logging.getLogger()  # a log of this test's own, in tmp_path; the list is restored
    monkeypatch.setattr(
        root, "handlers", [h for h in root.handlers if not hasattr(h, "_partybook")]
    )
    monkeypatch.setattr(logs, "log_dir", lambda: tmp_path)
    logs.setup_logging()
    mine = [h for h in root.handlers if getattr(h, "_partybook", False)]
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    shown, infos = [], []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    monkeypatch.setattr(messages, "show_info", lambda parent, text, title="": infos.append(text))
    app._install_excepthook()
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    real_check = demo_book.check

    def broken():
        raise RuntimeError("模拟的程序错误")

    monkeypatch.setattr(demo_book, "check", broken)
    _menu_action(window, "检查数据文件").trigger()
    assert shown and "出现了意外错误" in shown[0] and "模拟的程序错误" in shown[0]
    for h in mine:
        h.flush()
    log = (tmp_path / "partybook.log").read_text(encoding="utf-8")
    assert "unexpected error" in log and "RuntimeError: 模拟的程序错误" in log
    assert "Traceback" in log  # the details are for whoever helps the teacher, in the log
    monkeypatch.setattr(demo_book, "check", real_check)
    _menu_action(window, "检查数据文件").trigger()  # the same window goes on working
    assert window.isVisible() and infos and "数据文件完好" in infos[0]
    for h in mine:
        h.close()


def test_pyside_asks_of_later_imports_from_their_bytes_with_the_same_answers(
    tmp_path, monkeypatch
) -> None:
    """PySide6's check of each import (does the source mention PySide6?) is answered from the
    file's bytes once partybook.app is loaded: the same answers as its own, no lines kept."""
    # Fails on a PySide6 without the check (app.py then leaves things as they are): meant as
    # the sign to look whether _lighter_feature_check is still needed.
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert check.from_bytes  # installed: PySide6 6.11 has the check
    import partybook.domain.rules
    import partybook.ui.widgets

    for module in (partybook.ui.widgets, partybook.domain.rules, sys, importlib):
        assert check(module) == check.asked(module), module.__name__
    assert check(partybook.ui.widgets) and not check(partybook.domain.rules)

    (tmp_path / "pb_uses_qt.py").write_text("import PySide6.QtCore\nX = 1\n", encoding="utf-8")
    (tmp_path / "pb_plain.py").write_text("# 不用 Qt\nY = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    uses_qt, plain = importlib.import_module("pb_uses_qt"), importlib.import_module("pb_plain")
    assert check(uses_qt) and not check(plain)
    assert uses_qt.__file__ not in linecache.cache and plain.__file__ not in linecache.cache
    assert check.asked(uses_qt) and not check.asked(plain)  # PySide6's way reads them whole
    assert plain.__file__ in linecache.cache
    monkeypatch.delitem(sys.modules, "pb_uses_qt")
    monkeypatch.delitem(sys.modules, "pb_plain")
