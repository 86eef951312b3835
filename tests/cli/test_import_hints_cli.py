"""`partybook import` tells what the window's preview tells under 提醒（不影响导入）: the 同名 hints
(in the file and against the book), the own problems of a row skipped because its 身份证号 is
already in the book, an age a month-only birth date cannot settle; printed with sheet and row
after the sheet's own notes, and they are not errors (exit 0)."""

from __future__ import annotations

from datetime import date

import openpyxl

from partybook.cli import main
from partybook.domain.idcard import make_id_number


def idn(birth: date, seq: int, sex: str = "女") -> str:
    return make_id_number("430521", birth, seq, sex)


def workbook(path, header, rows, *, title="花名册", hidden_first=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first:
        ws.title = "旧表"
        ws.append(["姓名"])
        ws.sheet_state = "hidden"
        ws = wb.create_sheet(title)
    else:
        ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROSTER = ["姓名", "性别", "身份证号", "联系电话", "人员类别"]


def hints(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith("提醒：")]


def test_import_members_prints_the_previews_hints(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.sqlite")
    li, wang = idn(date(1980, 1, 1), 1), idn(date(1985, 2, 2), 2, "男")
    first = workbook(tmp_path / "a.xlsx", ROSTER, [["李梅", "女", li, "", "正式党员"]])
    assert main(["--db", db, "import", "members", str(first)]) == 0
    capsys.readouterr()
    rows = [
        ["李梅", "女", li, "12345", "正式党员"],  # already in the book; its bad phone still told
        ["李梅", "女", idn(date(1981, 3, 3), 3), "", "正式党员"],  # 同名 with the book
        ["王刚", "男", wang, "", "正式党员"],
        ["王刚", "男", idn(date(1986, 4, 4), 4, "男"), "", "正式党员"],  # 同名 in the file
    ]
    src = workbook(tmp_path / "r.xlsx", ROSTER, rows, hidden_first=True)
    assert main(["--db", db, "import", "members", str(src)]) == 0  # warnings are not errors
    out = capsys.readouterr().out
    told = hints(out)
    assert told[0].startswith("提醒：工作表“旧表”是隐藏的")  # the sheet's own note first
    assert any("第 2 行 D 列（联系电话）" in t and "工作表“花名册”" in t for t in told), (
        told
    )  # the skipped row's own problem
    assert any("第 3 行 A 列（姓名）" in t and "台账中已有同名的“李梅”" in t for t in told), told
    assert any("第 5 行 A 列（姓名）" in t and "与第 4 行同名，身份证号不同" in t for t in told)
    assert "已导入 3 人" in out


def test_import_pipeline_prints_its_hints(tmp_path, capsys) -> None:
    db = str(tmp_path / "b.sqlite")
    src = workbook(
        tmp_path / "r.xlsx", ROSTER, [["韩雪", "女", idn(date(1999, 3, 4), 2), "", "正式党员"]]
    )
    assert main(["--db", db, "import", "members", str(src)]) == 0
    capsys.readouterr()
    header = ["姓名", "出生年月", "申请入党日期"]
    rows = [
        ["唐颖", "2001.07", "2019-07-10"],  # 17 or 18 on the day: a month cannot tell
        ["韩雪", "1999.03", "2024-09-01"],  # the roster's 韩雪 has an ID number, this row none
        ["唐颖", "2001.08", "2020-09-01"],  # 同名 in the file (no ID number on either: none)
    ]
    ledger = workbook(tmp_path / "l.xlsx", header, rows, title="发展台账")
    assert main(["--db", db, "import", "pipeline", str(ledger)]) == 0
    out = capsys.readouterr().out
    told = hints(out)
    assert any(
        "工作表“发展台账”第 2 行 C 列（申请入党日期）" in t and "是否已满18岁" in t for t in told
    ), told
    assert any("第 3 行 A 列（姓名）" in t and "台账中已有同名的“韩雪”" in t for t in told), told
    assert "已导入 3 人的发展记录" in out
