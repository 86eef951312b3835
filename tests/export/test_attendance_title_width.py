"""The 出勤表's title is merged across the whole table, and the table is as wide as its title
even with few meetings (early in a year): the title is not cut to the first three columns."""

from __future__ import annotations

import openpyxl
from openpyxl.utils import get_column_letter

from partybook.export.meetings import title_width


def _check(path) -> None:
    ws = openpyxl.load_workbook(path)["出勤表"]
    title = ws["A1"].value
    assert title.endswith("年党员参加组织生活出勤表")
    [merged] = [r for r in ws.merged_cells.ranges if r.min_row == 1]
    assert merged.min_col == 1 and merged.max_col == ws.max_column  # the whole table's width
    width = sum(
        ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)
    )
    assert width >= title_width(title)


def test_a_year_without_meetings(quiet_book, tmp_path) -> None:
    quiet_book.summary.export_year_workbook(tmp_path / "year.xlsx", 2026)
    _check(tmp_path / "year.xlsx")
    quiet_book.meetings.export(tmp_path / "meetings.xlsx", 2026)
    _check(tmp_path / "meetings.xlsx")


def test_a_full_year(demo_book, tmp_path) -> None:
    demo_book.summary.export_year_workbook(tmp_path / "year.xlsx", 2026)
    _check(tmp_path / "year.xlsx")


def test_title_width_counts_chinese_wider() -> None:
    assert title_width("出勤表") > title_width("2026")
