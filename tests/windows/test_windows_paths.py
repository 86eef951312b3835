"""The Windows branches of support/paths.py, run on Linux with Windows' path rules (ntpath,
PureWindowsPath) and a faked environment: what a school PC's secretary gets."""

from __future__ import annotations

import ntpath
import sys
from pathlib import PureWindowsPath

import pytest

from partybook.support import paths

CHINESE_HOME = r"C:\Users\张老师"
CHINESE_APPDATA = r"C:\Users\张老师\AppData\Roaming"


def test_app_data_is_under_appdata_with_a_chinese_user_name() -> None:
    folder = paths.app_data_dir_on("win32", {"APPDATA": CHINESE_APPDATA}, CHINESE_HOME)
    assert isinstance(folder, PureWindowsPath)
    assert str(folder) == r"C:\Users\张老师\AppData\Roaming\PartyBook"
    book = paths.book_path_on(None, False, folder)
    assert str(book) == r"C:\Users\张老师\AppData\Roaming\PartyBook\partybook.sqlite"


def test_without_appdata_it_is_the_roaming_folder_of_the_home() -> None:
    folder = paths.app_data_dir_on("win32", {}, r"D:\用户 目录\李 老师")
    assert str(folder) == r"D:\用户 目录\李 老师\AppData\Roaming\PartyBook"
    empty = paths.app_data_dir_on("win32", {"APPDATA": ""}, CHINESE_HOME)
    assert str(empty) == r"C:\Users\张老师\AppData\Roaming\PartyBook"


def test_the_linux_rules_are_not_the_windows_ones() -> None:
    folder = paths.app_data_dir_on("linux", {"APPDATA": CHINESE_APPDATA}, "/home/zhang")
    assert str(folder) == "/home/zhang/.local/share/PartyBook"


def test_portable_data_sits_beside_the_exe_in_a_folder_with_spaces_and_chinese() -> None:
    exe = paths.executable_dir_on("win32", True, r"E:\U盘 台账\PartyBook 0.1\PartyBook.exe")
    assert exe == PureWindowsPath(r"E:\U盘 台账\PartyBook 0.1")
    app_data = paths.app_data_dir_on("win32", {"APPDATA": CHINESE_APPDATA}, CHINESE_HOME)
    portable = paths.book_path_on(exe, True, app_data)
    assert str(portable) == r"E:\U盘 台账\PartyBook 0.1\data\partybook.sqlite"
    assert ntpath.dirname(str(portable)) == r"E:\U盘 台账\PartyBook 0.1\data"
    # no data folder beside the exe: the book lives in app data
    assert paths.book_path_on(exe, False, app_data) == app_data / "partybook.sqlite"
    # running from source there is no exe folder, whatever exists
    assert paths.executable_dir_on("win32", False, r"C:\Python311\python.exe") is None
    assert paths.book_path_on(None, True, app_data) == app_data / "partybook.sqlite"


def test_a_forward_slash_from_a_shortcut_still_finds_the_folder() -> None:
    exe = paths.executable_dir_on(
        "win32", True, "C:/Users/张老师/Downloads/PartyBook/PartyBook.exe"
    )
    assert str(exe) == r"C:\Users\张老师\Downloads\PartyBook"


def test_a_path_over_260_characters_is_kept_whole_and_recognised_as_too_long() -> None:
    deep = "\\".join(["解压后的文件夹 PartyBook-0.1.0"] * 12)
    exe = paths.executable_dir_on("win32", True, rf"C:\Users\张老师\Downloads\{deep}\PartyBook.exe")
    book = paths.book_path_on(exe, True, PureWindowsPath(CHINESE_APPDATA))
    assert len(str(book)) > 260 and str(book).endswith(r"PartyBook-0.1.0\data\partybook.sqlite")
    assert paths.too_long_for_windows(exe / "data")
    assert not paths.too_long_for_windows(
        PureWindowsPath(r"C:\Users\张老师\Downloads\PartyBook\data")
    )
    # the limit counts the longest file PartyBook writes there: a backup's journal
    edge = PureWindowsPath("C:\\" + "a" * (259 - 3 - 1 - len(paths.LONGEST_DATA_FILE)))
    assert len(ntpath.join(str(edge), paths.LONGEST_DATA_FILE)) == 259
    assert not paths.too_long_for_windows(edge)
    assert paths.too_long_for_windows(PureWindowsPath(str(edge) + "a"))


def test_making_a_too_deep_folder_portable_on_windows_is_refused_in_chinese(
    tmp_path, monkeypatch
) -> None:
    deep = tmp_path.joinpath(*["很深的文件夹 PartyBook-0.1.0"] * 12)  # refused before any mkdir
    monkeypatch.setattr(paths, "executable_dir", lambda: deep)
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(OSError, match="路径太长"):
        paths.make_portable()
    assert not tmp_path.joinpath("很深的文件夹 PartyBook-0.1.0").exists()
    short = tmp_path / "PartyBook"
    short.mkdir()
    monkeypatch.setattr(paths, "executable_dir", lambda: short)
    assert paths.make_portable() == short / "data" / paths.BOOK_FILE  # a short one is fine


def test_the_installed_program_is_not_offered_the_portable_data_folder(tmp_path, monkeypatch):
    exe = tmp_path / "Programs" / "PartyBook"
    exe.mkdir(parents=True)
    monkeypatch.setattr(paths, "executable_dir", lambda: exe)
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "Roaming" / "PartyBook")
    assert not paths.installed() and paths.should_offer_portable()  # unzipped
    (exe / "unins000.exe").write_bytes(b"MZ")  # Inno Setup's uninstaller: installed
    assert paths.installed() and not paths.should_offer_portable()
    assert paths.default_book_path() == tmp_path / "Roaming" / "PartyBook" / paths.BOOK_FILE
