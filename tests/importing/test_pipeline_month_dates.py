"""A development step's date is a day: a ledger's month-only step date ("2019年7月", "2019.7")
is refused at its cell, the whole file with it, never stored as the 1st; a birth date known only
to its month leaves the 18-years rule open and the preview says so."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from partybook.cli import main
from partybook.domain.dates import MonthDate
from partybook.domain.errors import RuleViolation
from partybook.domain.idcard import make_id_number
from partybook.importing.members import plan_member_import

TODAY = date(2026, 11, 22)
DAY_NEEDED = "只有年月，请补全到日：发展党员的期限按日计算"


def sheet(path, header, rows, title="发展台账"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


HEADER = ["姓名", "性别", "身份证号", "申请入党日期", "谈话日期", "确定积极分子日期"]


def ident(birth: date, seq: int) -> str:
    return make_id_number("430521", birth, seq, "女")


@pytest.mark.parametrize("applied", ["2019年7月", "2019.7", "2019-07", 2019.07, 201907])
def test_a_month_only_step_date_is_refused_at_its_cell(book, tmp_path, applied) -> None:
    rows = [
        ["唐颖", "女", ident(date(2001, 5, 1), 1), "2020-03-02", "2020-03-20", ""],
        ["韩雪", "女", ident(date(1999, 3, 4), 2), applied, "", ""],
    ]
    plan = book.pipeline.plan_import(sheet(tmp_path / "l.xlsx", HEADER, rows))
    assert len(plan.errors) == 1, [str(e) for e in plan.errors]
    error = plan.errors[0]
    assert (error.sheet, error.row, error.column, error.header) == (
        "发展台账",
        3,
        "D",
        "申请入党日期",
    )
    assert "递交入党申请书" in error.message and "2019.07" in error.message
    assert DAY_NEEDED in error.message
    assert "工作表“发展台账”第 3 行 D 列（申请入党日期）" in str(error)
    assert not plan.ok
    with pytest.raises(RuleViolation):  # all or nothing: 唐颖 is not written either
        book.pipeline.import_plan(plan)
    assert book.members.all() == []


def test_any_step_column_wants_a_day_and_an_exact_date_still_imports(book, tmp_path) -> None:
    rows = [["韩雪", "女", ident(date(1999, 3, 4), 2), "2019.07.05", "2019年8月", ""]]
    plan = book.pipeline.plan_import(sheet(tmp_path / "l.xlsx", HEADER, rows))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "E")]
    assert "党组织派人谈话" in plan.errors[0].message
    rows[0][4] = "2019年8月2日"
    plan = book.pipeline.plan_import(sheet(tmp_path / "l2.xlsx", HEADER, rows))
    assert plan.errors == []
    assert book.pipeline.import_plan(plan) == 1
    person = book.members.all()[0]
    dates = [e.on for e in book.pipeline.path_of(person.id).events]
    assert dates == [date(2019, 7, 5), date(2019, 8, 2)]
    assert not any(isinstance(d, MonthDate) for d in dates)


def test_the_cli_refuses_it_and_due_prints_no_made_up_day(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.sqlite")
    rows = [["韩雪", "女", ident(date(1999, 3, 4), 2), "2019年7月", "", ""]]
    src = sheet(tmp_path / "l.xlsx", HEADER, rows)
    assert main(["--db", db, "import", "pipeline", str(src)]) == 2
    err = capsys.readouterr().err
    assert "第 2 行 D 列（申请入党日期）" in err and DAY_NEEDED in err
    assert main(["--db", db, "due"]) == 0
    assert "2019-07-01" not in capsys.readouterr().out


def test_a_month_only_birth_date_leaves_the_18_years_open_and_says_so(book, tmp_path) -> None:
    header = ["姓名", "出生年月", "申请入党日期"]
    rows = [
        ["甲", "2001.07", "2019-07-10"],  # 17 or 18 on the day: cannot tell
        ["乙", "2001年7月", "2019-08-01"],  # 18 whichever day of July: nothing to say
        ["丙", "2001.07", "2019-05-10"],  # surely 17: an error
    ]
    plan = book.pipeline.plan_import(sheet(tmp_path / "l.xlsx", header, rows))
    warned = {p.row: p for r in plan.rows for p in r.problems if p.warning}
    assert set(warned) == {2}
    said = warned[2]
    assert (said.column, said.header) == ("C", "申请入党日期")
    assert "只知道到月" in said.message and "是否已满18岁" in said.message
    assert "2001.07" in said.message
    assert [(e.row, e.column) for e in plan.errors] == [(4, "C")]
    assert "不满18岁" in plan.errors[0].message


def test_the_roster_step_columns_want_a_day_too(tmp_path) -> None:
    header = ["姓名", "性别", "身份证号", "人员类别", "申请日期"]
    rows = [
        [
            "许俊杰",
            "男",
            make_id_number("430521", date(1998, 2, 3), 7, "男"),
            "入党申请人",
            "2024.9",
        ]
    ]
    plan = plan_member_import(sheet(tmp_path / "r.xlsx", header, rows, "花名册"), today=TODAY)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "E")]
    assert DAY_NEEDED in plan.errors[0].message and "2024.09" in plan.errors[0].message
    assert not plan.rows[0].steps
