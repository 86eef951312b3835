"""Build PartyBook with PyInstaller: `python build/build.py [--onefile] [--hello]`.

Writes to dist/ (ignored by git) with the work folder build/_work, so nothing lands in the
tracked build/ folder. Prints the size of what it built."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def project_version() -> str:
    """The version in partybook/__init__.py, read without importing PartyBook."""
    text = (ROOT / "partybook" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([0-9][0-9.]*)"$', text, re.MULTILINE)
    if match is None:
        raise SystemExit("partybook/__init__.py has no __version__")
    return match.group(1)


def version_info(version: str) -> str:
    """PyInstaller's version file: what Windows shows under 属性 → 详细信息 of PartyBook.exe
    (product 党支部工作台账, the version, the original file name), in Chinese (Simplified,
    code page 1200 = Unicode). Antivirus programs trust a program that says what it is a
    little more than one that says nothing."""
    numbers = tuple(int(x) for x in ([*version.split("."), "0", "0", "0"])[:4])
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'PartyBook'),
      StringStruct('FileDescription', '党支部工作台账'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'PartyBook'),
      StringStruct('LegalCopyright', 'PartyBook'),
      StringStruct('OriginalFilename', 'PartyBook.exe'),
      StringStruct('ProductName', 'PartyBook 党支部工作台账'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def build(onefile: bool = False, hello: bool = False, dist: Path | None = None) -> Path:
    """Run PyInstaller on build/partybook.spec; returns the built folder or file."""
    dist = dist or ROOT / "dist"
    name = "hello" if hello else "PartyBook"
    work = ROOT / "build" / "_work" / (("hello" if hello else "app") + ("-1" if onefile else "-d"))
    env = dict(os.environ, PARTYBOOK_ONEFILE="1" if onefile else "0")
    env["PARTYBOOK_TARGET"] = "hello" if hello else "app"
    # beside the work folders (PyInstaller's --clean empties them); the spec uses it on Windows
    version_file = ROOT / "build" / "_work" / "version_info.txt"
    version_file.parent.mkdir(parents=True, exist_ok=True)
    version_file.write_text(version_info(project_version()), encoding="utf-8")
    env["PARTYBOOK_VERSION_FILE"] = str(version_file)
    out = dist / (name + ("-onefile" if onefile else ""))
    raw = dist / "_raw"
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(ROOT / "build" / "partybook.spec"),
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--workpath",
        str(work),
        "--distpath",
        str(raw),
    ]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    built = raw / (name + (".exe" if sys.platform == "win32" and onefile else ""))
    if out.exists():
        shutil.rmtree(out) if out.is_dir() else out.unlink()
    if onefile:
        out.mkdir(parents=True)
        target = out / built.name
        shutil.move(built, target)
    else:
        shutil.move(built, out)
        target = out
    shutil.rmtree(raw, ignore_errors=True)
    return target


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--onefile", action="store_true", help="a single executable instead of a folder")
    p.add_argument(
        "--hello", action="store_true", help="the bare PySide6 window (benchmark baseline)"
    )
    p.add_argument("--dist", type=Path, help="output folder (default: dist/)")
    args = p.parse_args()
    target = build(args.onefile, args.hello, args.dist)
    print(f"built {target} ({size_mb(target):.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
