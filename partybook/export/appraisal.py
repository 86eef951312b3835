"""The 民主评议党员结果汇总表 for the township: counts, score, grade, handling, and a summary."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.appraisal import GRADES
from partybook.domain.members import Branch
from partybook.export.layouts import SPECS, SheetLayout
from partybook.export.sheets import appraisal_record, columns, write_sheet
from partybook.export.xlsx_style import add_note, save_workbook, township_subtitle

SHEET = "民主评议结果"
COLUMNS = columns(SHEET, SPECS[SHEET].default_layout())


def write_results(target: Path, branch: Branch, year: int, rows: list[dict], on: date) -> dict:
    """Write the results sheet; returns the counts by grade."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    counts = add_results_sheet(ws, branch, year, rows, on)
    save_workbook(wb, target)
    return counts


def add_results_sheet(
    ws, branch: Branch, year: int, rows: list[dict], on: date, layout: SheetLayout | None = None
) -> dict[str, int]:
    """The results table with its closing line; returns the counts by grade."""
    layout = layout or SPECS[SHEET].default_layout()
    title = f"{branch.name}{year}年度民主评议党员结果汇总表"
    records = [appraisal_record(r) for r in rows]
    last = write_sheet(
        ws, SHEET, layout, title, township_subtitle(branch, on), records, branch.name
    )
    counts = Counter(r["grade"] for r in rows if r["grade"])
    graded = sum(1 for r in rows if r["status"] == "正式党员")
    share = f"{counts['优秀'] / graded:.1%}" if graded else "—"
    parts = "，".join(f"{g.value} {counts[g.value]} 名" for g in GRADES)
    line = f"参加评定 {graded} 名：{parts}；优秀比例 {share}。"
    add_note(ws, last + 2, len(layout.columns), line, bold=True)
    return {g.value: counts[g.value] for g in GRADES}
