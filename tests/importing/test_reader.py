"""Reading files: formats, encodings, and Chinese messages for files that cannot be read."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from partybook.domain.errors import PartyBookError
from partybook.importing.reader import read_sheets

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def roster_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["某某小学党员花名册"])
    ws.merge_cells("A1:C1")
    ws.append(["姓名", "入党时间", "联系电话"])
    ws.append(["张三", datetime(2010, 7, 1), 13907390001])
    wb.save(path)
    return path


def test_xlsx_values_keep_their_types_and_merged_cells_read_as_empty(tmp_path) -> None:
    [sheet] = read_sheets(roster_xlsx(tmp_path / "a.xlsx"))
    assert sheet.name == "花名册"
    assert sheet.rows == [
        ["某某小学党员花名册", None, None],
        ["姓名", "入党时间", "联系电话"],
        ["张三", datetime(2010, 7, 1), 13907390001],
    ]


def test_xlsx_with_a_wrong_used_range_is_read_whole(tmp_path) -> None:
    # Some programs write <dimension ref="A1"/> whatever the sheet holds.
    good = roster_xlsx(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(
                    rb"<dimension ref=\"A1:C3\" ?/>", b'<dimension ref="A1"/>', data
                )
                assert count == 1
            dst.writestr(item, data)
    assert read_sheets(bad)[0].rows == read_sheets(good)[0].rows


def test_an_xlsx_saved_with_the_xls_extension_is_read(tmp_path) -> None:
    path = tmp_path / "a.xls"
    path.write_bytes(roster_xlsx(tmp_path / "a.xlsx").read_bytes())
    assert read_sheets(path)[0].rows[2][0] == "张三"


def test_old_xls_dates_become_datetimes_and_whole_numbers_ints() -> None:
    [sheet] = read_sheets(FIXTURES / "roster-numeric-id.xls")
    assert sheet.name == "党员名册"
    header, row = sheet.rows
    assert header == ["序号", "姓名", "身份证号", "入党时间", "联系电话"]
    assert row[0] == 1 and isinstance(row[0], int)
    assert row[3] == datetime(2005, 7, 1)
    assert row[4] == 13907390002 and isinstance(row[4], int)
    # 18 digits in a number cell have lost their tail: kept as a float for the importer to refuse.
    assert isinstance(row[2], float)


def test_a_password_protected_workbook_is_named_as_such() -> None:
    with pytest.raises(PartyBookError, match="设置了密码"):
        read_sheets(FIXTURES / "roster-locked.xlsx")


def test_a_web_page_saved_as_xls_is_read(tmp_path) -> None:
    page = (
        '<html><head><meta charset="gbk"></head><body><table>'
        '<tr><td colspan="3">党员花名册</td></tr>'
        "<tr><th>姓名</th><th>出生<br>年月</th><th>身份证号</th></tr>"
        "<tr><td>张三</td><td>1980.01</td><td>43052119800101050X</td></tr>"
        "<tr><td>李&amp;四</td><td></td><td> </td></tr>"
        "</table></body></html>"
    )
    path = tmp_path / "导出.xls"
    path.write_bytes(page.encode("gbk"))
    [sheet] = read_sheets(path)
    assert sheet.rows == [
        ["党员花名册", None, None],
        ["姓名", "出生\n年月", "身份证号"],
        ["张三", "1980.01", "43052119800101050X"],
        ["李&四", None, None],
    ]


def test_tab_separated_text_saved_as_xls_is_read(tmp_path) -> None:
    path = tmp_path / "导出.xls"
    path.write_bytes("姓名\t性别\r\n张三\t男\r\n".encode("gb18030"))
    assert read_sheets(path)[0].rows == [["姓名", "性别"], ["张三", "男"]]


@pytest.mark.parametrize(("encoding", "sep"), [("utf-8-sig", ","), ("gb18030", ";")])
def test_csv_encodings_and_separators(tmp_path, encoding, sep) -> None:
    path = tmp_path / "名册.csv"
    text = (
        sep.join(["姓名", "身份证号", "备注"]) + "\r\n" + sep.join(["张三", "x", ""]) + "\r\n\r\n"
    )
    path.write_bytes(text.encode(encoding))
    [sheet] = read_sheets(path)
    assert sheet.name == "名册"
    assert sheet.rows == [["姓名", "身份证号", "备注"], ["张三", "x", None]]


def test_a_zip_that_is_no_workbook_is_refused(tmp_path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(PartyBookError, match="已损坏或不是 Excel 文件"):
        read_sheets(path)


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
        ("a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "已损坏"),
        ("a.xls", b"garbage" * 100, "无法读取“a.xls”：文件可能已损坏或不是 Excel 文件"),
        ("a.xls", b'<?xml version="1.0"?><Workbook>', "XML 格式"),
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
