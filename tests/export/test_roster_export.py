"""The roster workbook read back: title, headers, real dates, text IDs, borders, print setup."""

from __future__ import annotations

import errno
import os
from datetime import date, datetime

import openpyxl
import pytest

from partybook.domain.errors import PartyBookError
from partybook.domain.members import Branch, LeaveReason, Member, Stage
from partybook.export.roster import HEADERS, write_roster
from partybook.export.xlsx_style import SheetColumn, save_workbook, write_table

BRANCH = Branch("柳溪村小学党支部", "中共柳溪镇委员会", "柳溪村小学", "周红梅")
ON = date(2026, 11, 22)


def _people() -> list[Member]:
    return [
        Member(
            name="陈立新",
            stage=Stage.PROBATIONARY,
            sex="男",
            birth_date=date(1994, 10, 2),
            joined_on=date(2026, 5, 20),
            id_number="430521199410020035",
            phone="0739-5551234",
        ),
        Member(
            name="周红梅",
            stage=Stage.FULL,
            sex="女",
            ethnicity="汉族",
            birth_date=date(1975, 4, 8),
            joined_on=date(1999, 6, 18),
            full_on=date(2000, 6, 18),
            id_number="43052119750408004X",
            phone="13807391111",
            position="柳溪村小学校长",
            group="第一党小组",
        ),
        Member(name="唐颖", stage=Stage.APPLICANT),
        Member(
            name="欧阳晓明",
            stage=Stage.FULL,
            joined_on=date(1990, 7, 1),
            full_on=date(1991, 7, 1),
            left_on=date(2025, 9, 1),
            left_reason=LeaveReason.TRANSFERRED,
            left_note="转往县教育局机关党支部",
        ),
    ]


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "花名册.xlsx"
    count = write_roster(path, BRANCH, _people(), ON)
    assert count == 2
    return openpyxl.load_workbook(path).active


def test_title_and_headers(sheet) -> None:
    assert sheet.title == "党员花名册"
    assert sheet["A1"].value == "柳溪村小学党支部党员花名册"
    assert "A1:O1" in {str(r) for r in sheet.merged_cells.ranges}
    assert "中共柳溪镇委员会" in sheet["A2"].value and "2026年11月22日" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == HEADERS
    assert all(c.font.bold for c in sheet[3])
    assert all(c.alignment.horizontal == "center" and c.alignment.wrap_text for c in sheet[3])
    assert sheet["A1"].font.bold and sheet["A1"].font.sz == 16


def test_only_active_members_full_first_and_a_summary(sheet) -> None:
    names = [sheet.cell(r, 2).value for r in (4, 5)]
    assert names == ["周红梅", "陈立新"]
    assert [sheet.cell(r, 1).value for r in (4, 5)] == [1, 2]
    assert sheet.cell(6, 1).value == "合计：正式党员 1 名，预备党员 1 名。"


def test_dates_are_real_dates_and_ids_are_text(sheet) -> None:
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    joined = sheet.cell(4, col["入党时间"])
    assert isinstance(joined.value, datetime) and joined.value.date() == date(1999, 6, 18)
    assert joined.number_format == "yyyy-mm-dd"
    assert sheet.cell(4, col["出生年月"]).number_format == "yyyy.mm"
    ident = sheet.cell(4, col["身份证号"])
    assert ident.value == "43052119750408004X" and ident.data_type == "s"
    assert sheet.cell(4, col["联系电话"]).value == "13807391111"
    assert sheet.cell(4, col["联系电话"]).data_type == "s"
    assert sheet.cell(5, col["转正时间"]).value is None


def test_borders_widths_and_frozen_header(sheet) -> None:
    for row in (3, 4, 5):
        for c in sheet[row]:
            assert c.border.left.style == "thin" and c.border.bottom.style == "thin"
            assert c.border.right.style == "thin" and c.border.top.style == "thin"
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["K"].width >= 20  # 18-digit ID numbers fit
    assert sheet.auto_filter.ref == "A3:O5"


def test_print_setup(sheet) -> None:
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.print_options.horizontalCentered
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_left_members_on_request(tmp_path) -> None:
    path = tmp_path / "all.xlsx"
    assert write_roster(path, BRANCH, _people(), ON, include_left=True) == 3
    ws = openpyxl.load_workbook(path).active
    assert ws.cell(6, 2).value == "欧阳晓明"
    assert "已转出 2025-09-01" in ws.cell(6, 15).value
    assert ws.cell(7, 1).value == "合计：正式党员 1 名，预备党员 1 名；另列已离开 1 名。"


def test_a_locked_target_gives_a_chinese_error_and_keeps_the_old_file(
    tmp_path, monkeypatch
) -> None:
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(b"old content")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(PartyBookError, match="Excel 或 WPS"):
        write_roster(path, BRANCH, _people(), ON)
    assert path.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["花名册.xlsx"]  # no temp file left


def test_a_successful_save_leaves_no_temp_file(tmp_path) -> None:
    write_roster(tmp_path / "a.xlsx", BRANCH, _people(), ON)
    write_roster(tmp_path / "a.xlsx", BRANCH, _people(), ON)  # over an existing file
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_a_full_disk_is_explained_in_chinese(tmp_path, monkeypatch) -> None:
    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(PartyBookError, match="磁盘空间不足"):
        write_roster(tmp_path / "a.xlsx", BRANCH, _people(), ON)
    assert list(tmp_path.iterdir()) == []


def test_long_text_gets_taller_rows_and_bad_characters_are_dropped(tmp_path) -> None:
    long_post = "柳溪镇中心小学后勤管理员（兼食堂管理）兼校务办公室主任"
    people = [
        Member(name="甲", joined_on=date(2000, 1, 1), position="教师"),
        Member(name="乙", joined_on=date(2001, 1, 1), position=long_post, notes="表格\x07粘贴"),
    ]
    path = tmp_path / "a.xlsx"
    write_roster(path, BRANCH, people, ON)
    ws = openpyxl.load_workbook(path).active
    assert ws.row_dimensions[5].height > ws.row_dimensions[4].height  # wrapped text not cut off
    assert ws.cell(5, 15).value == "表格粘贴"


def test_a_table_without_subtitle_starts_its_header_on_row_2(tmp_path) -> None:
    wb = openpyxl.Workbook()
    columns = [SheetColumn("姓名", 9), SheetColumn("日期", 11, date_format="yyyy年m月d日")]
    last = write_table(wb.active, "标题", None, columns, [["甲", datetime(2026, 3, 1, 9, 30)]])
    assert last == 3
    save_workbook(wb, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [c.value for c in ws[2]] == ["姓名", "日期"]
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2"
    assert ws["B3"].value == datetime(2026, 3, 1) and ws["B3"].number_format == "yyyy年m月d日"
