"""The development ledger workbook read back: a sheet per stage, real dates, next deadline."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from partybook.export.ledger import HEADERS


def test_one_sheet_per_stage_with_dates_and_next_deadline(demo_book, tmp_path) -> None:
    path = tmp_path / "台账.xlsx"
    counts = demo_book.pipeline.export_ledger(path)
    assert counts == {"入党申请人": 2, "入党积极分子": 2, "发展对象": 2, "预备党员": 2}
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["入党申请人", "入党积极分子", "发展对象", "预备党员"]
    ws = wb["预备党员"]
    assert ws["A1"].value == "青山镇中心小学党支部发展党员工作台账（预备党员）"
    assert [c.value for c in ws[3]] == HEADERS
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    names = [ws.cell(r, col["姓名"]).value for r in (4, 5)]
    assert sorted(names) == ["彭浩", "谢婷"]
    row = 4 + names.index("彭浩")
    admitted = ws.cell(row, col["支部大会接收日期"])
    assert isinstance(admitted.value, datetime) and admitted.number_format == "yyyy-mm-dd"
    assert ws.cell(row, col["入党介绍人"]).value == "刘建华、赵春梅"
    assert "提出转正申请" in ws.cell(row, col["下一项期限"]).value
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"
