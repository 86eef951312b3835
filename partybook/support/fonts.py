"""Which Chinese fonts this computer has, so a Word document names one that is there (方正小标宋简体
and 仿宋_GB2312 where installed, else Windows' own 黑体, 仿宋, 楷体)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

# A font's name as Word knows it, and the file names it is installed under.
FILES = {
    "方正小标宋简体": ("fzxbsjw.ttf", "fzxbsjw--gb1-0.ttf", "方正小标宋简体.ttf"),
    "仿宋_GB2312": ("fs_gb2312.ttf", "仿宋_gb2312.ttf", "fangsong_gb2312.ttf"),
    "楷体_GB2312": ("kt_gb2312.ttf", "楷体_gb2312.ttf", "kaiti_gb2312.ttf"),
}


def _font_folders() -> list[Path]:
    folders = []
    windows = os.environ.get("WINDIR")
    if windows:
        folders.append(Path(windows) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")  # installed per user
    return [f for f in folders if f.is_dir()]


@functools.cache
def installed() -> frozenset[str]:
    """The names of FILES found on this computer (Windows' font folders, else fontconfig)."""
    found: set[str] = set()
    files: set[str] = set()
    for folder in _font_folders():
        try:
            files |= {p.name.lower() for p in folder.iterdir()}
        except OSError:
            continue
    for name, names in FILES.items():
        if files & set(names):
            found.add(name)
    fc_list = shutil.which("fc-list")
    if fc_list and len(found) < len(FILES):
        try:
            out = subprocess.run(
                [fc_list, ":", "family"], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        families = {f.strip() for line in out.splitlines() for f in line.split(",")}
        found |= {name for name in FILES if name in families}
    return frozenset(found)


def pick(wanted: str, fallback: str) -> str:
    """wanted where this computer has it, else fallback (one of Windows' own fonts)."""
    return wanted if wanted in installed() else fallback
