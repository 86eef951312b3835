"""Where things live: bundled resources (the only place that knows sys._MEIPASS) and data."""

from __future__ import annotations

import importlib.util
import ntpath
import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

APP_NAME = "PartyBook"
BOOK_FILE = "partybook.sqlite"
PORTABLE_FOLDER = "data"
UNINSTALLER = "unins000.exe"  # beside PartyBook.exe when the installer (build/partybook.iss) put it
# Windows' classic limit (MAX_PATH): 260 characters with the closing NUL, so 259 usable. Without
# the "long paths" policy of Windows 10/11 a longer file name cannot be created there.
WINDOWS_MAX_PATH = 259
# The longest name PartyBook writes inside its data folder: an automatic backup's journal.
LONGEST_DATA_FILE = ntpath.join("backups", "partybook-20261122-083000.sqlite-journal")


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


# The rules, for any platform, as pure paths: Windows' are proven on Linux with PureWindowsPath.
def flavour(platform: str) -> type[PurePath]:
    """The path type of a platform (sys.platform's names)."""
    return PureWindowsPath if platform == "win32" else PurePosixPath


def app_data_dir_on(platform: str, env: Mapping[str, str], home: str | PurePath) -> PurePath:
    """The per-user app-data folder on that platform, from its environment and home folder
    (as QStandardPaths.AppDataLocation puts it): %APPDATA%\\PartyBook on Windows."""
    kind = flavour(platform)
    if platform == "win32":
        base = kind(env.get("APPDATA") or kind(home, "AppData", "Roaming"))
    elif platform == "darwin":
        base = kind(home, "Library", "Application Support")
    else:
        base = kind(env.get("XDG_DATA_HOME") or kind(home, ".local", "share"))
    return base / APP_NAME


def executable_dir_on(platform: str, frozen: bool, executable: str) -> PurePath | None:
    """The folder of the packaged executable, or None when running from source."""
    return flavour(platform)(executable).parent if frozen else None


def book_path_on(exe_dir: PurePath | None, portable_exists: bool, app_data: PurePath) -> PurePath:
    """The book to open when none is named: in the portable data folder beside the executable
    when that folder exists, else in app data."""
    if exe_dir is not None and portable_exists:
        return exe_dir / PORTABLE_FOLDER / BOOK_FILE
    return app_data / BOOK_FILE


def too_long_for_windows(folder: PurePath) -> bool:
    """Would PartyBook's longest file in this data folder pass Windows' 259 characters?"""
    return len(ntpath.join(str(folder), LONGEST_DATA_FILE)) > WINDOWS_MAX_PATH


# This machine: the rules above with the real environment and file system.
def executable_dir() -> Path | None:
    """The folder of the packaged executable, or None when running from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def user_data_dir() -> Path:
    """The per-user app-data folder (as QStandardPaths.AppDataLocation puts it)."""
    return Path(app_data_dir_on(sys.platform, os.environ, Path.home()))


def default_book_path() -> Path:
    """The book to open when none is named: portable data/ beside the executable, else app data."""
    exe = executable_dir()
    portable = exe is not None and (exe / PORTABLE_FOLDER).is_dir()
    return Path(book_path_on(exe, portable, user_data_dir()))


def portable_dir() -> Path | None:
    """The `data` folder beside the packaged executable (portable mode), or None."""
    exe = executable_dir()
    return exe / PORTABLE_FOLDER if exe is not None else None


def installed() -> bool:
    """Was this program put here by the installer (its uninstaller beside the executable)?"""
    exe = executable_dir()
    return exe is not None and (exe / UNINSTALLER).exists()


def should_offer_portable() -> bool:
    """First start of an unzipped PartyBook (the installed one keeps its data in app data): no
    data folder beside it, no book in app data yet."""
    folder = portable_dir()
    return (
        folder is not None
        and not folder.is_dir()
        and not default_book_path().exists()
        and not installed()
    )


def make_portable() -> Path:
    """Create the data folder beside the executable; returns the book path it now means."""
    folder = portable_dir()
    if folder is None:
        raise OSError("只有打包好的 PartyBook 程序才能使用便携模式。")
    if sys.platform == "win32" and too_long_for_windows(folder):
        raise OSError(
            f"程序所在文件夹的路径太长（{len(str(folder))} 个字符），Windows 可能存不进去；"
            "请把 PartyBook 文件夹移到短一些的位置，如 D:\\PartyBook"
        )
    folder.mkdir(exist_ok=True)
    return default_book_path()


def log_dir() -> Path:
    """Where the log file goes: beside the book (portable mode keeps it on the stick)."""
    return default_book_path().parent
