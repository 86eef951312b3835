"""Roster import: header detection, column mapping, every date form, all-or-nothing errors."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from partybook.domain.errors import PartyBookError
from partybook.domain.idcard import make_id_number
from partybook.domain.members import Stage
from partybook.importing.members import (
    HEADER_VARIANTS,
    find_header,
    match_header,
    plan_member_import,
)

TODAY = date(2026, 11, 22)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def idn(birth: date, sex: str = "女", seq: int = 5) -> str:
    return make_id_number("430521", birth, seq, sex)


def write_xlsx(
    path: Path, header: list, rows: list, *, title_rows: int = 1, sheet="花名册"
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for i in range(title_rows):
        ws.append([f"标题行 {i + 1}"])
    if title_rows:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("header", "attr"),
    [
        ("姓名", "name"),
        ("姓 名", "name"),
        ("出生\n年月", "birth_date"),
        ("出生日期", "birth_date"),
        ("公民身份号码", "id_number"),
        ("身份证号", "id_number"),
        ("文化程度", "education"),
        ("入党时间（年月日）", "joined_on"),
        ("入党日期", "joined_on"),
        ("转正时间", "full_on"),
        ("工作单位及职务", "position"),
        ("工作岗位", "position"),
        ("手机号码", "phone"),
        ("联系电话", "phone"),
        ("人员类别", "stage"),
        ("党员类型", "stage"),
        ("党内职务", "party_post"),
        ("籍贯", "native_place"),
        ("备注", "notes"),
        ("序号", ""),
        ("照片", None),
        ("姓\u3000名", "name"),
        ("联系电话（手机）", "phone"),
        ("入党介绍人姓名", "sponsors"),
        ("党内职务及分工", "party_post"),
    ],
)
def test_header_variants(header, attr) -> None:
    assert match_header(header) == attr


@pytest.mark.parametrize(
    ("attr", "header"),
    [(attr, header) for attr, headers in HEADER_VARIANTS.items() for header in headers],
)
def test_every_listed_variant_maps_back_to_its_field(attr, header) -> None:
    assert match_header(header) == attr


def test_header_row_found_below_titles_and_blank_rows() -> None:
    rows = [
        ["某某小学党员花名册"],
        [None],
        ["填报单位：某某小学", None, "日期"],
        ["序号", "姓名", "性别", "入党时间"],
        [1, "张三", "男", "2010.07"],
    ]
    assert find_header(rows) == 3
    assert find_header([["没有表头"], [1, 2]]) is None


def test_columns_in_any_order_and_every_date_form(tmp_path) -> None:
    forms = [
        "2010-07-01",
        "2010.07.01",
        "2010年7月1日",
        "20100701",
        "2010/7/1",
        datetime(2010, 7, 1),
        20100701,
        "2010.07",
        "2010年7月",
        2010.07,  # a cell typed 2010.07 that Excel stored as a number
        date(2010, 7, 1),
    ]
    rows = []
    for i, form in enumerate(forms):
        birth = date(1980 + i, 3, 4)
        rows.append(
            [
                "正式党员",
                idn(birth, seq=i + 1),
                form,
                "2011.07",
                f"同志{'甲乙丙丁戊己庚辛壬癸子'[i]}",
            ]
        )
    path = write_xlsx(
        tmp_path / "r.xlsx",
        ["人员类别", "身份证号", "入党时间", "转正时间", "姓名"],
        rows,
        title_rows=2,
    )
    plan = plan_member_import(path, today=TODAY)
    assert plan.errors == [], [str(e) for e in plan.errors]
    assert plan.header_row == 3
    assert plan.mapping == {0: "stage", 1: "id_number", 2: "joined_on", 3: "full_on", 4: "name"}
    assert len(plan.new_members) == len(forms)
    for m in plan.new_members:
        assert m.joined_on == date(2010, 7, 1)
        assert m.full_on == date(2011, 7, 1)
        assert m.sex == "女" and m.birth_date is not None  # derived from the ID number


def test_month_precision_birth_date_takes_the_day_from_the_id(tmp_path) -> None:
    birth = date(1975, 4, 8)
    path = write_xlsx(
        tmp_path / "r.xlsx", ["姓名", "出生年月", "身份证号"], [["周红梅", "1975.04", idn(birth)]]
    )
    plan = plan_member_import(path, today=TODAY)
    assert plan.errors == []
    assert plan.new_members[0].birth_date == birth


def test_each_error_names_sheet_row_column_and_reason(tmp_path) -> None:
    good = idn(date(1980, 1, 1))
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [
        ["李一", good, "2005.07.01", "2006.07.01", "正式", "1980.01"],  # row 3: fine
        ["", idn(date(1981, 1, 1), seq=2), "2005.07.01", "", "正式", ""],  # 4: no name
        ["李三", bad_check, "2005.07.01", "", "", ""],  # 5: check digit
        ["李四", idn(date(1982, 1, 1), seq=3), "2006.07.01", "2005.07.01", "", ""],  # 6: order
        ["李五", idn(date(1983, 1, 1), seq=4), "2005.07.01", "", "", "1983.02"],  # 7: birth vs ID
        ["李六", idn(date(1984, 1, 1), seq=6), "2030.01.01", "", "", ""],  # 8: future
        ["李七", idn(date(1985, 1, 1), seq=7), "去年七月", "", "", ""],  # 9: unreadable
        ["李八", idn(date(1986, 1, 1), seq=8), "2010.07.01", "", "党员", ""],  # 10: bad 类别
        ["李九", idn(date(2000, 1, 1), seq=9), "2016.07.01", "", "", ""],  # 11: under 18
    ]
    path = write_xlsx(
        tmp_path / "r.xlsx",
        ["姓名", "身份证号", "入党时间", "转正时间", "人员类别", "出生年月"],
        rows,
    )
    plan = plan_member_import(path, today=TODAY)
    assert not plan.ok
    found = {(e.row, e.column): str(e) for e in plan.errors}
    expect = {
        (4, "A"): "这一行没有姓名",
        (5, "B"): "校验码",
        (6, "D"): "早于入党日期",
        (7, "F"): "不一致",
        (8, "C"): "晚于今天",
        (9, "C"): "无法识别的日期",
        (10, "E"): "无法识别",
        (11, "C"): "不满18岁",
    }
    for place, text in expect.items():
        assert place in found, (place, found)
        assert text in found[place]
        assert found[place].startswith(f"工作表“花名册”第 {place[0]} 行 {place[1]} 列（")
    assert not any(e.row == 3 for e in plan.errors)


def test_duplicates_of_existing_members_are_reported_not_imported(tmp_path) -> None:
    a, b = idn(date(1980, 1, 1)), idn(date(1981, 1, 1), seq=2)
    path = write_xlsx(tmp_path / "r.xlsx", ["姓名", "身份证号"], [["甲", a], ["乙", b]])
    plan = plan_member_import(path, today=TODAY, existing_id_numbers={a})
    assert plan.ok
    assert [m.name for m in plan.new_members] == ["乙"]
    assert [r.row for r in plan.duplicates] == [3]
    assert "已存在 1 人" in plan.summary()


def test_the_same_id_number_twice_in_the_file_is_an_error(tmp_path) -> None:
    a = idn(date(1980, 1, 1))
    path = write_xlsx(tmp_path / "r.xlsx", ["姓名", "身份证号"], [["甲", a], ["乙", a]])
    plan = plan_member_import(path, today=TODAY)
    assert not plan.ok
    assert [(e.row, e.column) for e in plan.errors] == [(4, "B")]
    assert "第 3 行" in plan.errors[0].message


def test_totals_and_blank_rows_are_skipped(tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx",
        ["姓名", "性别"],
        [["甲", "男"], [None, None], ["合计：1人", None], ["填表人：王老师", None]],
    )
    plan = plan_member_import(path, today=TODAY)
    assert plan.ok and [r.row for r in plan.rows] == [3]


def test_stage_is_inferred_when_the_column_is_missing(tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx",
        ["姓名", "入党时间", "转正时间"],
        [["甲", "2026.03.01", ""], ["乙", "2010.03.01", "2011.03.01"], ["丙", "2010.03.01", ""]],
    )
    stages = [m.stage for m in plan_member_import(path, today=TODAY).new_members]
    assert stages == [Stage.PROBATIONARY, Stage.FULL, Stage.FULL]


def test_mapping_can_be_overridden(tmp_path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", ["姓名", "单位"], [["甲", "柳溪村小学"]])
    auto = plan_member_import(path, today=TODAY)
    assert auto.mapping == {0: "name", 1: None}  # "单位" alone is not a known header
    assert auto.new_members[0].position == ""
    plan = plan_member_import(path, today=TODAY, mapping={0: "name", 1: "position"})
    assert plan.new_members[0].position == "柳溪村小学"
    twice = plan_member_import(path, today=TODAY, mapping={0: "name", 1: "name"})
    assert not twice.ok and "都对应到“姓名”" in str(twice.errors[0])
    none = plan_member_import(path, today=TODAY, mapping={0: None, 1: "notes"})
    assert not none.ok and "没有哪一列对应到“姓名”" in str(none.errors[0])


def test_a_sheet_without_a_header_is_refused(tmp_path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", ["甲", "乙"], [["1", "2"]])
    with pytest.raises(PartyBookError, match="没有找到表头"):
        plan_member_import(path, today=TODAY)


def test_the_right_sheet_is_found_among_several(tmp_path) -> None:
    path = tmp_path / "r.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表由镇党委下发"])
    ws = wb.create_sheet("党员")
    ws.append(["姓名", "性别"])
    ws.append(["甲", "男"])
    wb.save(path)
    plan = plan_member_import(path, today=TODAY)
    assert plan.sheet == "党员" and plan.ok
    with pytest.raises(PartyBookError, match="没有名为“花名册”"):
        plan_member_import(path, today=TODAY, sheet="花名册")


def test_old_xls_fixture(tmp_path) -> None:
    plan = plan_member_import(FIXTURES / "roster-old.xls", today=TODAY)
    assert plan.errors == []
    people = {m.name: m for m in plan.new_members}
    assert people["黄志明"].joined_on == date(1995, 6, 30)  # a real date cell
    assert people["李秋菊"].full_on == date(2013, 7, 1)  # 2013年7月1日 as text
    assert people["黄志明"].phone == "13907390001"  # a numeric cell, no ".0"
    assert people["李秋菊"].id_number.endswith("X")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_in_utf8_and_gbk(tmp_path, encoding) -> None:
    text = f"姓名,性别,身份证号,入党时间\n张三,男,{idn(date(1980, 1, 1), '男')},2010.07\n"
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    plan = plan_member_import(path, today=TODAY)
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.new_members[0].name == "张三"
    assert plan.new_members[0].joined_on == date(2010, 7, 1)


def test_a_row_of_a_member_already_in_the_book_cannot_block_the_import(tmp_path) -> None:
    old, new = idn(date(1980, 1, 1)), idn(date(1981, 1, 1), seq=2)
    path = write_xlsx(
        tmp_path / "r.xlsx",
        ["姓名", "身份证号", "联系电话"],
        [["老党员", old, "12345"], ["新党员", new, ""]],
    )
    plan = plan_member_import(path, today=TODAY, existing_id_numbers={old.lower()})
    assert plan.ok and plan.errors == []
    assert [m.name for m in plan.new_members] == ["新党员"]
    [dup] = plan.duplicates
    assert dup.row == 3 and "已在台账中" in dup.duplicate_of
    assert all(p.warning for p in dup.problems)
    assert [p.column for p in dup.problems if p.column] == ["C"]  # the phone, still shown


def test_a_repeated_id_number_is_found_even_when_the_first_row_has_another_error(tmp_path) -> None:
    a = idn(date(1980, 1, 1))
    path = write_xlsx(
        tmp_path / "r.xlsx",
        ["姓名", "身份证号", "入党时间"],
        [["甲", a, "2030.01.01"], ["乙", a, "2005.07.01"]],
    )
    plan = plan_member_import(path, today=TODAY)
    found = {(e.row, e.column): e.message for e in plan.errors}
    assert "晚于今天" in found[(3, "C")]
    assert "与第 3 行的公民身份号码相同" in found[(4, "B")]


def test_an_id_number_stored_as_a_number_in_an_old_xls_is_refused_with_the_reason() -> None:
    plan = plan_member_import(FIXTURES / "roster-numeric-id.xls", today=TODAY)
    assert plan.sheet == "党员名册" and plan.header_row == 1
    assert not plan.ok
    [error] = plan.errors
    assert (error.row, error.column, error.header) == (2, "C", "身份证号")
    assert "被当成了数字" in error.message
    assert plan.rows[0].member.phone == "13907390002"
    assert plan.rows[0].member.joined_on == date(2005, 7, 1)


def test_headers_broken_over_lines_and_shuffled_columns(tmp_path) -> None:
    birth = date(1979, 5, 6)
    path = write_xlsx(
        tmp_path / "r.xlsx",
        ["序号", "联系\n电话", "姓\u3000名", "出生\n年月", "公民身份号码", "党员类别", "党小组"],
        [[1, 13907390001, " 王芳 ", "1979.05", idn(birth, "女"), "预备党员", "第一小组"]],
        title_rows=3,
    )
    plan = plan_member_import(path, today=TODAY)
    assert plan.header_row == 4
    assert plan.mapping == {
        0: None,
        1: "phone",
        2: "name",
        3: "birth_date",
        4: "id_number",
        5: "stage",
        6: "group",
    }
    [m] = plan.new_members
    assert (m.name, m.phone, m.birth_date, m.stage, m.group, m.sex) == (
        "王芳",
        "13907390001",
        birth,
        Stage.PROBATIONARY,
        "第一小组",
        "女",
    )
    assert str(plan.summary()).startswith(
        "共 1 行：可导入 1 人，已存在 0 人（按身份证号），错误 0 处"
    )
