"""build/partybook.iss, the Inno Setup script of the installer, parsed here (Inno Setup does not
run on Linux): per user, 党支部工作台账 in the Start menu and on the desktop, offered to start,
Chinese, and an uninstaller that leaves the secretary's data alone."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "build" / "partybook.iss"


def _parse(text: str) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """The preprocessor's #define values, and each section's entries: [Setup] as one dict of
    directives, the others as one dict of parameters per line (Name: "x"; Flags: y)."""
    defines: dict[str, str] = {}
    for name, value in re.findall(r'^\s*#define (\w+) "([^"]*)"', text, re.MULTILINE):
        defines.setdefault(name, value)  # the first: what Inno Setup 6.5 and newer take
    sections: dict[str, list[dict[str, str]]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = header.group(1)
            sections.setdefault(current, [])
        elif current == "Setup":
            key, _, value = line.partition("=")
            sections["Setup"].append({key.strip(): value.strip()})
        elif current is not None:
            entry = {}
            for part in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line):
                entry[part[0]] = part[1].strip().strip('"')
            sections[current].append(entry)
    return defines, sections


@pytest.fixture(scope="module")
def script():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: how Inno Setup knows it is UTF-8
    defines, sections = _parse(raw.decode("utf-8-sig"))
    setup = {k: v for d in sections["Setup"] for k, v in d.items()}
    return defines, setup, sections


def test_it_installs_for_the_user_without_administrator_rights(script) -> None:
    defines, setup, _ = script
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never asks for admin
    assert setup["DefaultDirName"] == r"{autopf}\PartyBook"  # %LOCALAPPDATA%\Programs, per user
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert setup["MinVersion"] == "10.0"  # Windows 10 or 11
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])  # fixed: upgrades replace
    assert setup["AppVersion"] == "{#AppVersion}"
    assert ISS.parent.joinpath(*PureWindowsPath(setup["SetupIconFile"]).parts).is_file()
    assert defines["AppName"] == "党支部工作台账" and defines["AppExe"] == "PartyBook.exe"


def test_the_shortcuts_are_named_for_the_secretary_and_it_offers_to_start(script) -> None:
    _, _, sections = script
    icons = {entry["Name"]: entry for entry in sections["Icons"]}
    assert set(icons) == {r"{autoprograms}\{#AppName}", r"{autodesktop}\{#AppName}"}
    for entry in icons.values():
        assert entry["Filename"] == r"{app}\{#AppExe}" and entry["WorkingDir"] == "{app}"
    desktop = icons[r"{autodesktop}\{#AppName}"]
    [task] = [t for t in sections["Tasks"] if t["Name"] == desktop["Tasks"]]
    assert "unchecked" not in task.get("Flags", "")  # on the desktop unless unticked
    [run] = sections["Run"]
    assert run["Filename"] == r"{app}\{#AppExe}"
    assert {"postinstall", "nowait", "skipifsilent"} <= set(run["Flags"].split())


def test_the_wizard_is_chinese(script) -> None:
    defines, setup, sections = script
    [language] = sections["Languages"]
    assert language["MessagesFile"] == "{#ChineseMessages}"
    assert defines["ChineseMessages"] == r"compiler:Languages\ChineseSimplified.isl"
    assert setup["ShowLanguageDialog"] == "no"
    text = ISS.read_text(encoding="utf-8-sig")
    assert r"Languages\Unofficial\ChineseSimplified.isl" in text  # older Inno Setup
    assert "#error" in text  # and no silent English wizard when neither is there


def test_uninstalling_leaves_the_data_alone(script) -> None:
    _, _, sections = script
    assert "UninstallDelete" not in sections and "InstallDelete" not in sections
    text = ISS.read_text(encoding="utf-8-sig").lower()
    for data in ("{userappdata}", "{app}\\data", "uninsdeletevalue", "uninsdeletekey"):
        assert data not in text
    [files] = sections["Files"]
    assert files["Source"] == r"{#SourceDir}\*" and files["DestDir"] == "{app}"
    assert "uninsneveruninstall" not in files["Flags"]  # the program itself does go


def test_the_installer_and_the_program_agree_on_the_uninstaller_name() -> None:
    from partybook.support import paths

    # Inno Setup's uninstaller beside the exe is how the program knows it was installed
    assert paths.UNINSTALLER == "unins000.exe"
