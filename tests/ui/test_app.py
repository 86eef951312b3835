"""The composition root: one window per book (the lock), first start, the main window menus."""

from __future__ import annotations

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
    book.set_password("abcd")
    book.close(auto_backup=False)
    monkeypatch.setattr(password_dialog.UnlockDialog, "ask", classmethod(lambda cls, b: False))
    built = []
    monkeypatch.setattr(MainWindow, "__init__", lambda self, *a: built.append(a))
    assert app.run_gui(db=path) == 0
    assert built == []  # refused before the window was made
    assert app.lock_book(path) is not None  # and the lock was let go
