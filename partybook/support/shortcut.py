"""The desktop shortcut of the portable Windows program (the zip, not the installer, which makes
its own): a teacher who unzipped PartyBook into 下载 finds it on the desktop tomorrow.

The .lnk is written by Windows itself (PowerShell and the WScript.Shell object that every
Windows 10/11 has), so PartyBook needs no extra library. The answer to the offer is kept in the
program's settings file beside the book, so it is asked once."""

from __future__ import annotations

import json
import logging
import ntpath
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath

from partybook.support.files import atomic_write
from partybook.support.paths import UNINSTALLER

log = logging.getLogger(__name__)

SHORTCUT_NAME = "党支部工作台账"
SETTINGS_FILE = "partybook-settings.json"  # this copy of the program's own choices, not the book's
OFFER_KEY = "desktop_shortcut"  # "made", "declined" or "failed": asked once either way
CREATE_NO_WINDOW = 0x08000000  # subprocess.CREATE_NO_WINDOW: no black window flashes up

# PowerShell ends a single-quoted string at any of these, the typographic ones included.
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


def ps_quote(text: str) -> str:
    """A PowerShell single-quoted string of text: nothing in it is expanded ($, `, spaces,
    Chinese are taken as they are); a quote inside is doubled."""
    return "'" + "".join(c * 2 if c in _SINGLE_QUOTES else c for c in text) + "'"


def shortcut_script(exe: str | PurePath) -> str:
    """PowerShell that puts 党支部工作台账.lnk on the user's desktop (wherever Windows keeps
    it: 桌面, or OneDrive's), opening exe in its own folder with its icon. One line, no double
    quotes, so it passes whole as one argument."""
    exe = str(exe)
    folder = ntpath.dirname(exe)
    statements = [
        "$ErrorActionPreference = 'Stop'",
        "$desktop = [Environment]::GetFolderPath('Desktop')",
        "$shell = New-Object -ComObject WScript.Shell",
        f"$link = $shell.CreateShortcut((Join-Path $desktop {ps_quote(SHORTCUT_NAME + '.lnk')}))",
        f"$link.TargetPath = {ps_quote(exe)}",
        f"$link.WorkingDirectory = {ps_quote(folder)}",
        f"$link.IconLocation = {ps_quote(exe + ',0')}",
        f"$link.Description = {ps_quote(SHORTCUT_NAME)}",
        "$link.Save()",
    ]
    return "; ".join(statements)


def powershell_command(exe: str | PurePath) -> list[str]:
    return [
        "powershell.exe",
        "-NoProfile",
        "-NonInteractive",
        "-Command",
        shortcut_script(exe),
    ]


def make_desktop_shortcut(
    exe: str | PurePath, run: Callable[..., subprocess.CompletedProcess] | None = None
) -> None:
    """Put the shortcut on the desktop; raises OSError with a Chinese message if Windows
    could not (PowerShell missing or blocked, the desktop not writable)."""
    try:
        done = (run or subprocess.run)(
            powershell_command(exe),
            capture_output=True,
            timeout=60,  # PowerShell's first start on an old PC takes seconds
            creationflags=CREATE_NO_WINDOW,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise OSError(f"不能运行 Windows PowerShell（{exc}）") from exc
    if done.returncode != 0:
        detail = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        log.warning("desktop shortcut failed (%s): %s", done.returncode, detail)
        raise OSError(f"Windows PowerShell 没有做成（返回 {done.returncode}）")


def should_offer(platform: str, exe_dir: Path | None, settings: Mapping[str, object]) -> bool:
    """Offer the shortcut on Windows, in the packaged program, when the installer did not put
    it there (no uninstaller beside the exe), and only until it has been answered once."""
    return (
        platform == "win32"
        and exe_dir is not None
        and not (exe_dir / UNINSTALLER).exists()
        and OFFER_KEY not in settings
    )


def read_settings(folder: Path) -> dict:
    """The program's settings file in folder ({} when there is none or it cannot be read)."""
    try:
        data = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(folder: Path, key: str, value: object) -> None:
    """Keep one answer in the settings file (atomically; the other keys stay)."""
    settings = read_settings(folder)
    settings[key] = value
    with atomic_write(folder / SETTINGS_FILE, ".json") as tmp:
        tmp.write_text(json.dumps(settings, ensure_ascii=False, indent=1), encoding="utf-8")
