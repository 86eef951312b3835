"""The version information build.py gives PyInstaller for PartyBook.exe (属性 → 详细信息):
evaluated here with stand-ins for PyInstaller's classes, which need Windows' pefile."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import partybook

ROOT = Path(__file__).resolve().parents[2]


def _build_module():
    spec = importlib.util.spec_from_file_location("partybook_build", ROOT / "build" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _evaluate(text: str) -> dict:
    def record(kind):
        return lambda *args, **kw: {"kind": kind, "args": args, **kw}

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    scope = {name: record(name) for name in (*names, "VarFileInfo", "VarStruct")}
    return eval(text, scope)  # the same expression PyInstaller evaluates


def test_the_exe_says_what_it_is_and_which_version() -> None:
    build = _build_module()
    assert build.project_version() == partybook.__version__
    info = _evaluate(build.version_info("0.1.0"))
    assert info["ffi"]["filevers"] == (0, 1, 0, 0) and info["ffi"]["prodvers"] == (0, 1, 0, 0)
    strings, translation = info["kids"]
    [table] = strings["args"][0]
    language, entries = table["args"]
    values = {e["args"][0]: e["args"][1] for e in entries}
    assert language == "080404b0"  # Chinese (Simplified), Unicode
    assert values["FileDescription"] == "党支部工作台账"
    assert values["ProductName"] == "PartyBook 党支部工作台账"
    assert values["FileVersion"] == values["ProductVersion"] == "0.1.0"
    assert values["OriginalFilename"] == "PartyBook.exe"
    assert translation["args"][0][0]["args"] == ("Translation", [2052, 1200])
    assert _evaluate(build.version_info("1.2"))["ffi"]["filevers"] == (1, 2, 0, 0)


def test_the_spec_takes_the_file_build_py_writes_and_the_icon() -> None:
    spec = (ROOT / "build" / "partybook.spec").read_text(encoding="utf-8")
    assert 'os.environ.get("PARTYBOOK_VERSION_FILE") if WINDOWS' in spec
    assert "version=version_file" in spec
    assert "partybook.ico" in spec and (ROOT / "resources" / "icons" / "partybook.ico").is_file()
    assert "upx=False" in spec  # PyInstaller's own bootloader, unpacked: fewer antivirus alarms
    source = (ROOT / "build" / "build.py").read_text(encoding="utf-8")
    assert 'env["PARTYBOOK_VERSION_FILE"] = str(version_file)' in source
