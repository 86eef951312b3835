"""Writing over a file another program holds open, as Excel and WPS do on Windows: the final
replace of an atomic write fails with PermissionError (WinError 5 or 32), simulated here by
making os.replace raise it. The user reads why in Chinese and the old file stays as it was."""

from __future__ import annotations

import errno
import os

import pytest

from partybook.domain.errors import PartyBookError
from partybook.support.files import cannot_write


@pytest.fixture
def held_open(monkeypatch):
    """Every os.replace onto an existing file fails the way Windows fails it."""
    real = os.replace

    def replace(src, dst):
        if os.path.exists(dst):
            raise PermissionError(
                errno.EACCES, "另一个程序正在使用此文件，进程无法访问。", str(dst)
            )
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize(
    ("name", "write", "holder"),
    [
        ("党员花名册.xlsx", lambda book, path: book.members.export(path), "Excel 或 WPS"),
        ("数据包.zip", lambda book, path: book.packages.export(path), "另一个程序"),
        ("表格格式.json", lambda book, path: book.layouts.export(path), "另一个程序"),
    ],
)
def test_a_file_held_open_keeps_its_old_content_and_the_user_is_told_why(
    demo_book, tmp_path, held_open, name, write, holder
) -> None:
    folder = tmp_path / "我的 文档"
    folder.mkdir()
    target = folder / name
    target.write_bytes(b"yesterday's file")
    with pytest.raises(PartyBookError) as caught:
        write(demo_book, target)
    assert str(caught.value) == (
        f"无法写入“{name}”：文件可能正在被 {holder} 打开，请关闭后再试。原来的文件没有改动。"
    )
    assert target.read_bytes() == b"yesterday's file"
    assert [p.name for p in folder.iterdir()] == [name]  # the temporary file is gone
    write(demo_book, folder / ("新" + name))  # a new file beside it is written as usual
    assert (folder / ("新" + name)).stat().st_size > 20


def test_the_reasons_in_chinese(tmp_path) -> None:
    missing = tmp_path / "没有的文件夹" / "a.xlsx"
    assert "没有在该文件夹写入的权限" in cannot_write(missing, PermissionError(errno.EACCES, "x"))
    assert "磁盘空间不足" in cannot_write(missing, OSError(errno.ENOSPC, "full"))
    assert "U 盘已拔出" in cannot_write(missing, OSError(errno.ENOENT, "gone"))
    assert "系统错误（奇怪）" in cannot_write(missing, OSError(errno.EIO, "奇怪"))
