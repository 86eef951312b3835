"""Where things live: bundled resources (the only place that knows sys._MEIPASS) and data."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

APP_NAME = "PartyBook"
BOOK_FILE = "partybook.sqlite"


def resource(*parts: str) -> Path:
    """Path of a file under resources/, in a source checkout or inside a PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parents[2]
    return root.joinpath("resources", *parts)


def bundled() -> bool:
    """True inside a PyInstaller bundle."""
    return getattr(sys, "_MEIPASS", None) is not None


def qt_translation(name: str = "qtbase_zh_CN") -> Path:
    """Qt's own translation file (确定/取消 on Qt's buttons): copied into the bundle's
    resources/translations by the build, or PySide6's own file when running from source."""
    if bundled():
        return resource("translations", f"{name}.qm")
    spec = importlib.util.find_spec("PySide6")  # locate, not import: this module stays Qt-free
    origin = spec.origin if spec is not None else None
    if origin is None:
        return resource("translations", f"{name}.qm")
    package = Path(
        origin
    ).parent  # Linux/macOS wheels: PySide6/Qt/translations; Windows: PySide6/translations
    for folder in (package / "Qt" / "translations", package / "translations"):
        if (folder / f"{name}.qm").is_file():
            return folder / f"{name}.qm"
    return package / "Qt" / "translations" / f"{name}.qm"


def icon_file() -> Path:
    return resource("icons", "partybook.png")


def executable_dir() -> Path | None:
    """The folder of the packaged executable, or None when running from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def user_data_dir() -> Path:
    """The per-user app-data folder (as QStandardPaths.AppDataLocation puts it)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def default_book_path() -> Path:
    """The book to open when none is named: portable data/ beside the executable, else app data."""
    exe = executable_dir()
    if exe is not None and (exe / "data").is_dir():
        return exe / "data" / BOOK_FILE
    return user_data_dir() / BOOK_FILE


def portable_dir() -> Path | None:
    """The `data` folder beside the packaged executable (portable mode), or None."""
    exe = executable_dir()
    return exe / "data" if exe is not None else None


def should_offer_portable() -> bool:
    """First start of a packaged PartyBook: no data folder beside it, no book in app data yet."""
    folder = portable_dir()
    return folder is not None and not folder.is_dir() and not default_book_path().exists()


def make_portable() -> Path:
    """Create the data folder beside the executable; returns the book path it now means."""
    folder = portable_dir()
    if folder is None:
        raise OSError("只有打包好的 PartyBook 程序才能使用便携模式。")
    folder.mkdir(exist_ok=True)
    return default_book_path()


def log_dir() -> Path:
    """Where the log file goes: beside the book (portable mode keeps it on the stick)."""
    return default_book_path().parent
