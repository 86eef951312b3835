"""Composition root: QApplication, the data file, the lock, Book.open and the main window."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

from partybook.book import Book
from partybook.domain.errors import PartyBookError

# The ledger's own modules are imported before Qt on purpose. Once PySide6.QtCore is loaded it
# hooks every later import to look for `from __feature__` switches, reading each module's
# source; for the sixty-odd modules behind the Book that cost about 80 ms of every start (the
# window's modules, imported after Qt, are read the lighter way of _lighter_feature_check).
from partybook.support import paths
from partybook.support.paths import default_book_path, icon_file, qt_translation, resource

# isort: split
from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)


def _lighter_feature_check() -> None:
    """Ask PySide6's question of each later import from the file's bytes.

    PySide6 asks of every module imported after QtCore whether its source mentions "PySide6"
    (PYSIDE-2029: to know whether `from __feature__` switches may apply to it). It asks through
    inspect.getsource(), which decodes and splits the whole file and keeps its lines in
    linecache for the rest of the process: about 20 ms and 5 MB for the window's modules, and
    more for openpyxl's when a workbook is first written. The same question asked of the file's
    bytes gives the same answer and keeps nothing. Modules that are not plain .py files (the
    packaged program's, from its archive) are still asked PySide6's way. Nothing changes if a
    PySide6 version no longer has the check."""
    feature = sys.modules.get("shibokensupport.feature")
    asked = getattr(feature, "_mod_uses_pyside", None)
    if asked is None or getattr(asked, "from_bytes", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return asked(module)

    uses_pyside.from_bytes = True
    uses_pyside.asked = asked  # PySide6's own, for the modules it still asks
    feature._mod_uses_pyside = uses_pyside


_lighter_feature_check()


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Chinese Qt dialogs, a readable font size and our style sheet."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("PartyBook")
    app.setApplicationDisplayName("党支部工作台账")
    translator = QTranslator(app)
    if translator.load(str(qt_translation("qtbase_zh_CN"))):
        app.installTranslator(translator)
    else:
        log.warning("Qt's Chinese translation not found at %s", qt_translation("qtbase_zh_CN"))
    if icon_file().is_file():
        app.setWindowIcon(QIcon(str(icon_file())))
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), 11))  # big clear forms for tired eyes
    app.setFont(font)
    style = resource("styles", "partybook.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def lock_book(path: Path) -> QLockFile | None:
    """Hold the book's lock file; None when another PartyBook window already has it open."""
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # a lock left by a crash is detected by its dead process id
    if not lock.tryLock(200):
        return None
    return lock


def _install_excepthook() -> None:
    # An exception inside a Qt slot would otherwise vanish with the event loop still running.
    from partybook.ui import messages

    def hook(kind, value, tb) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if isinstance(value, PartyBookError):
            messages.show_error(None, str(value))
        else:
            messages.show_error(
                None, f"出现了意外错误，已记录到日志。已保存的数据不受影响。\n\n{value}"
            )

    sys.excepthook = hook


def _choose_storage() -> Path | None:
    """On the packaged program's first start, offer the portable data folder; the book path
    to use, or None when the user quit."""
    from partybook.ui import messages
    from partybook.ui.dialogs.storage_dialog import StorageDialog

    if not paths.should_offer_portable():
        return default_book_path()
    choice = StorageDialog.ask()
    if choice is None:
        return None
    if choice:
        try:
            return paths.make_portable()
        except OSError as exc:
            messages.show_error(
                None,
                f"不能在程序所在的文件夹里建立 data 文件夹（{exc}）。\n"
                "U盘可能写保护或空间已满；这次先把数据保存在这台电脑上。",
            )
    return default_book_path()


def _offer_desktop_shortcut(window: QWidget | None, folder: Path) -> None:
    """First start of the unzipped Windows program: offer 党支部工作台账 on the desktop, so the
    program is found again tomorrow. Asked once; the answer is kept in folder (beside the
    book). The installed program has its shortcut already and is not asked."""
    from partybook.support import shortcut
    from partybook.ui import messages

    if not shortcut.should_offer(
        sys.platform, paths.executable_dir(), shortcut.read_settings(folder)
    ):
        return
    exe = Path(sys.executable)
    answer = "declined"
    if messages.confirm(
        window,
        "要在桌面上放一个“党支部工作台账”图标吗？\n\n"
        f"以后双击桌面上的图标就能打开台账，不用再找程序所在的文件夹：\n{exe.parent}",
        "放到桌面",
        yes="放到桌面",
    ):
        try:
            shortcut.make_desktop_shortcut(exe)
            answer = "made"
        except OSError as exc:
            answer = "failed"
            messages.show_error(
                window,
                f"没能在桌面上放图标（{exc}）。\n\n可以自己放：在程序所在的文件夹里右键点"
                "“PartyBook.exe”，选“发送到 → 桌面快捷方式”。",
            )
    try:
        shortcut.remember(folder, shortcut.OFFER_KEY, answer)
    except OSError as exc:  # asked again next time; nothing else depends on it
        log.warning("could not keep the desktop shortcut answer: %s", exc)


class FirstPaintProbe(QObject):
    """For the start-up benchmark: prints the time of the window's first paint, and of the home
    page's due list filled in (at once, or right after that paint), then quits."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.done = False
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first-paint {time.time():.6f}", file=sys.stderr, flush=True)
            home = getattr(self.window, "home_tab", None)
            if home is not None and home.stale:
                home.loaded.connect(self._filled)
            else:
                self._filled()
        return False

    def _filled(self) -> None:
        print(f"home-filled {time.time():.6f}", file=sys.stderr, flush=True)
        QTimer.singleShot(0, QApplication.quit)


def _first_start(window: QWidget, book: Book) -> None:
    """A book without its branch's name: ask for it, and for a new book (nobody on the
    roster yet, no opening date) the day its ledger begins (建账日期, default today). Each can
    be put off; both are in the menu later."""
    from partybook.ui.dialogs.branch_dialog import BranchDialog
    from partybook.ui.dialogs.opening_date_dialog import OpeningDateDialog

    new = not book.members.all() and book.opening.date() is None
    branch = BranchDialog.ask(window, book.branch(), first_time=True)
    if branch is not None:
        book.save_branch(branch)  # announces Change.BRANCH: the title follows
    if new:
        on = OpeningDateDialog.ask(window, None, book.today(), first_time=True)
        if on is not None:
            book.opening.set_date(on)  # the home page shows the first-week checklist


PROBE_VARIABLE = "PARTYBOOK_FIRST_PAINT_PROBE"  # "1": the start-up benchmarks' FirstPaintProbe


def run_gui(db: Path | None = None, demo: bool = False) -> int:
    """Open the window on the chosen book and run until it closes; returns the exit status.
    With PARTYBOOK_FIRST_PAINT_PROBE=1 in the environment, the window reports its first paint
    and quits (the start-up benchmarks)."""
    from partybook.ui import messages
    from partybook.ui.main_window import MainWindow

    app = make_application()
    if demo:
        from partybook.samples.demo import write_demo

        folder = Path(tempfile.mkdtemp(prefix="partybook-demo-"))
        path = write_demo(folder / "演示支部.sqlite")
    elif db:
        path = Path(db)
    else:
        chosen = _choose_storage()
        if chosen is None:
            return 0
        path = chosen
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_book(path)
    if lock is None:
        messages.show_error(
            None,
            f"这个台账已经在另一个窗口中打开了：\n{path}\n\n请切换到那个窗口继续使用。",
            "已经打开",
        )
        return 3
    try:
        try:
            book = Book.open(path, clock=datetime.now)
        except PartyBookError as exc:
            messages.show_error(None, str(exc), "无法打开数据文件")
            return 2
        _install_excepthook()
        try:
            if book.security.has_password():
                from partybook.ui.dialogs.password_dialog import UnlockDialog

                if not UnlockDialog.ask(book):
                    return 0
            window = MainWindow(book, fill_after_paint=True)
            if os.environ.get(PROBE_VARIABLE) == "1":
                FirstPaintProbe(window)
            window.showMaximized()
            for text in book.warnings:
                messages.show_error(window, text, "提醒")
            if not book.branch().is_set_up and not book.township.is_collection():
                _first_start(window, book)
            if not demo and not db:
                _offer_desktop_shortcut(window, path.parent)
            return app.exec()
        finally:
            try:
                book.close()
            except PartyBookError as exc:  # what was saved is safe; the closing backup failed
                messages.show_error(None, str(exc), "备份没有做成")
    finally:
        lock.unlock()
