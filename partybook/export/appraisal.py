"""The 民主评议党员结果汇总表 for the township: counts, score, grade, handling, and a summary."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.appraisal import GRADES
from partybook.domain.members import Branch
from partybook.export.xlsx_style import (
    SheetColumn,
    add_note,
    save_workbook,
    township_subtitle,
    write_table,
)

COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("姓名", 9, center=True),
    SheetColumn("身份", 16, center=True),
    SheetColumn("优秀票", 7, center=True),
    SheetColumn("合格票", 7, center=True),
    SheetColumn("基本合格票", 9, center=True),
    SheetColumn("不合格票", 8, center=True),
    SheetColumn("得分", 7, center=True),
    SheetColumn("评定等次", 10, center=True),
    SheetColumn("处理意见", 18),
]


def write_results(target: Path, branch: Branch, year: int, rows: list[dict], on: date) -> dict:
    """Write the results sheet; returns the counts by grade."""
    wb = Workbook()
    ws = wb.active
    ws.title = "民主评议结果"
    data = [
        [
            n,
            r["member"],
            r["status"],
            r["优秀"],
            r["合格"],
            r["基本合格"],
            r["不合格"],
            r["score"],
            r["grade"],
            r["handling"],
        ]
        for n, r in enumerate(rows, start=1)
    ]
    subtitle = township_subtitle(branch, on)
    last = write_table(
        ws,
        f"{branch.name}{year}年度民主评议党员结果汇总表",
        subtitle,
        COLUMNS,
        data,
        landscape=False,
    )
    counts = Counter(r["grade"] for r in rows if r["grade"])
    graded = sum(1 for r in rows if r["status"] == "正式党员")
    share = f"{counts['优秀'] / graded:.1%}" if graded else "—"
    parts = "，".join(f"{g.value} {counts[g.value]} 名" for g in GRADES)
    line = f"参加评定 {graded} 名：{parts}；优秀比例 {share}。"
    add_note(ws, last + 2, len(COLUMNS), line, bold=True)
    save_workbook(wb, target)
    return {g.value: counts[g.value] for g in GRADES}
