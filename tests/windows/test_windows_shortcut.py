"""The portable program's desktop shortcut: the PowerShell it hands to Windows (checked as text,
since PowerShell does not run here), and the first-start offer, asked once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from partybook.support import paths, shortcut

EXE = PureWindowsPath(r"C:\Users\张老师\Downloads\PartyBook 0.1 (新版)\PartyBook.exe")


def test_a_path_is_quoted_for_powershell_as_it_is() -> None:
    assert shortcut.ps_quote(r"D:\台账 备份\$HOME`x") == r"'D:\台账 备份\$HOME`x'"
    assert shortcut.ps_quote(r"D:\王老师's 文件") == r"'D:\王老师''s 文件'"
    # PowerShell ends a quoted string at a typographic quote too: doubled as well
    assert shortcut.ps_quote("D:\\“新”‘旧’") == "'D:\\“新”‘‘旧’’'"


def test_the_script_makes_the_link_on_the_desktop_with_the_exe_its_folder_and_icon() -> None:
    script = shortcut.shortcut_script(EXE)
    assert script.split("; ") == [
        "$ErrorActionPreference = 'Stop'",
        "$desktop = [Environment]::GetFolderPath('Desktop')",
        "$shell = New-Object -ComObject WScript.Shell",
        "$link = $shell.CreateShortcut((Join-Path $desktop '党支部工作台账.lnk'))",
        r"$link.TargetPath = 'C:\Users\张老师\Downloads\PartyBook 0.1 (新版)\PartyBook.exe'",
        r"$link.WorkingDirectory = 'C:\Users\张老师\Downloads\PartyBook 0.1 (新版)'",
        r"$link.IconLocation = 'C:\Users\张老师\Downloads\PartyBook 0.1 (新版)\PartyBook.exe,0'",
        "$link.Description = '党支部工作台账'",
        "$link.Save()",
    ]
    assert '"' not in script and "\n" not in script  # one command-line argument, whole


def test_windows_is_asked_through_powershell_without_a_window(tmp_path) -> None:
    calls = []

    def run(command, **options):
        calls.append((command, options))
        return subprocess.CompletedProcess(command, 0, b"", b"")

    shortcut.make_desktop_shortcut(EXE, run=run)
    [(command, options)] = calls
    assert command == [
        "powershell.exe",
        "-NoProfile",
        "-NonInteractive",
        "-Command",
        shortcut.shortcut_script(EXE),
    ]
    assert options["creationflags"] == 0x08000000 and options["timeout"] == 60
    # Windows builds the command line from the list: the script stays one argument
    assert subprocess.list2cmdline(command).endswith(f'"{shortcut.shortcut_script(EXE)}"')


def test_a_failure_is_told_in_chinese() -> None:
    def refused(command, **options):
        return subprocess.CompletedProcess(command, 1, b"", "拒绝访问".encode())

    with pytest.raises(OSError, match="没有做成（返回 1）"):
        shortcut.make_desktop_shortcut(EXE, run=refused)

    def missing(command, **options):
        raise FileNotFoundError(2, "系统找不到指定的文件。")

    with pytest.raises(OSError, match="不能运行 Windows PowerShell"):
        shortcut.make_desktop_shortcut(EXE, run=missing)


def test_the_offer_is_for_the_unzipped_windows_program_until_answered(tmp_path) -> None:
    exe = tmp_path / "PartyBook"
    exe.mkdir()
    assert shortcut.should_offer("win32", exe, {})
    assert not shortcut.should_offer("linux", exe, {})
    assert not shortcut.should_offer("win32", None, {})  # from source
    assert not shortcut.should_offer("win32", exe, {"desktop_shortcut": "declined"})
    (exe / "unins000.exe").write_bytes(b"")  # the installer made its own shortcut
    assert not shortcut.should_offer("win32", exe, {})


@pytest.fixture
def unzipped(tmp_path, monkeypatch):
    """The Windows program unzipped into a folder with spaces and Chinese, with PowerShell
    faked; returns (the data folder, the PowerShell calls, the messages shown)."""
    from partybook.ui import messages

    exe = tmp_path / "下载" / "PartyBook 0.1"
    exe.mkdir(parents=True)
    data = tmp_path / "数据"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", str(exe / "PartyBook.exe"))
    monkeypatch.setattr(paths, "executable_dir", lambda: exe)
    calls, shown = [], []

    def run(command, **options):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, b"", b"")

    monkeypatch.setattr(shortcut.subprocess, "run", run)
    monkeypatch.setattr(messages, "show_error", lambda parent, text, *a: shown.append(text))
    return data, calls, shown


def _answer(monkeypatch, yes: bool) -> list[str]:
    from partybook.ui import messages

    asked = []
    monkeypatch.setattr(
        messages, "confirm", lambda parent, text, *a, **k: asked.append(text) or yes
    )
    return asked


def test_yes_puts_the_shortcut_and_is_not_asked_again(unzipped, monkeypatch) -> None:
    from partybook.app import _offer_desktop_shortcut

    data, calls, shown = unzipped
    asked = _answer(monkeypatch, True)
    _offer_desktop_shortcut(None, data)
    assert len(asked) == 1 and "桌面" in asked[0] and "PartyBook 0.1" in asked[0]
    assert len(calls) == 1 and str(Path(sys.executable)) in calls[0][-1]
    assert json.loads((data / "partybook-settings.json").read_text("utf-8")) == {
        "desktop_shortcut": "made"
    }
    _offer_desktop_shortcut(None, data)  # the next start
    assert len(asked) == 1 and len(calls) == 1 and not shown


def test_no_is_kept_too(unzipped, monkeypatch) -> None:
    from partybook.app import _offer_desktop_shortcut

    data, calls, shown = unzipped
    asked = _answer(monkeypatch, False)
    _offer_desktop_shortcut(None, data)
    _offer_desktop_shortcut(None, data)
    assert len(asked) == 1 and calls == [] and not shown
    assert shortcut.read_settings(data) == {"desktop_shortcut": "declined"}


def test_a_failed_shortcut_says_how_to_make_one_by_hand(unzipped, monkeypatch) -> None:
    from partybook.app import _offer_desktop_shortcut

    data, calls, shown = unzipped
    _answer(monkeypatch, True)
    monkeypatch.setattr(
        shortcut.subprocess,
        "run",
        lambda command, **o: subprocess.CompletedProcess(command, 1, b"", b""),
    )
    _offer_desktop_shortcut(None, data)
    assert "发送到 → 桌面快捷方式" in shown[0]
    assert shortcut.read_settings(data) == {"desktop_shortcut": "failed"}
