"""Reading files: formats, encodings, and Chinese messages for files that cannot be read."""

from __future__ import annotations

import openpyxl
import pytest

from partybook.domain.errors import PartyBookError
from partybook.importing.reader import read_sheets


def test_trailing_empty_rows_and_columns_are_trimmed(tmp_path) -> None:
    path = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B2"] = "x", "y"
    ws["E9"] = "   "
    wb.save(path)
    [sheet] = read_sheets(path)
    assert sheet.rows == [["x", None], [None, "y"]]


def test_tab_separated_csv(tmp_path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("姓名\t性别\n张三\t男\n", encoding="utf-8")
    assert read_sheets(path)[0].rows == [["姓名", "性别"], ["张三", "男"]]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.docx", b"x", "只能导入 .xlsx、.xls 或 .csv"),
        ("a.xlsx", b"not a zip at all", "已损坏"),
        ("a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码"),
        ("a.xls", b"garbage" * 100, "无法读取"),
    ],
)
def test_unreadable_files_are_explained(tmp_path, name, content, message) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PartyBookError, match=message):
        read_sheets(path)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(PartyBookError, match="找不到文件"):
        read_sheets(tmp_path / "nope.xlsx")
