"""The year workbook's 附件清单: every record of the year with attachments, their count and
names (the photos themselves stay in the book and its data package)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook

from partybook.domain.members import Branch
from partybook.export.records import DAY
from partybook.export.xlsx_style import SheetColumn, add_note, township_subtitle, write_table

SHEET = "附件清单"
COLUMNS = [
    SheetColumn("类别", 12, center=True),
    SheetColumn("日期", 12, DAY, center=True),
    SheetColumn("记录", 40),
    SheetColumn("附件数", 8, center=True),
    SheetColumn("附件（文件名：说明）", 60),
]


def add_attachments_sheet(
    wb: Workbook, branch: Branch, year: int, rows: Sequence[Sequence[object]], on: date
) -> None:
    """rows: (类别, 日期 or None, 记录, [(name, caption), …])."""
    ws = wb.create_sheet(SHEET)
    table = [
        [kind, day, what, len(files), "\n".join(f"{n}：{c}" if c else n for n, c in files)]
        for kind, day, what, files in rows
    ]
    last = write_table(
        ws, f"{branch.name}{year}年台账附件清单", township_subtitle(branch, on), COLUMNS, table
    )
    total = sum(len(r[3]) for r in rows)
    note = (
        f"共 {len(rows)} 条记录有附件，附件 {total} 个；附件保存在台账数据文件旁的"
        "“…-附件”文件夹中，随备份和数据包一起保存。"
    )
    add_note(ws, last + 2, len(COLUMNS), note if rows else f"{year}年的记录还没有附件。")
