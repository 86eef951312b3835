"""The 党员花名册 workbook the township committee asks for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from partybook.domain.members import Branch, Member, Stage
from partybook.export.xlsx_style import (
    FONT_NAME,
    SheetColumn,
    date_line,
    save_workbook,
    write_table,
)

COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("姓名", 9, center=True),
    SheetColumn("性别", 5, center=True),
    SheetColumn("民族", 7, center=True),
    SheetColumn("出生年月", 10, date_format="yyyy.mm"),
    SheetColumn("籍贯", 10),
    SheetColumn("学历", 10, center=True),
    SheetColumn("入党时间", 12, date_format="yyyy-mm-dd"),
    SheetColumn("转正时间", 12, date_format="yyyy-mm-dd"),
    SheetColumn("工作单位及职务", 24),
    SheetColumn("身份证号", 21, text=True),
    SheetColumn("联系电话", 14, text=True),
    SheetColumn("人员类别", 10, center=True),
    SheetColumn("党小组", 11, center=True),
    SheetColumn("备注", 16),
]
HEADERS = [c.header for c in COLUMNS]


def roster_rows(members: Sequence[Member], include_left: bool) -> list[Member]:
    """Members (full, then probationary), each group by 入党时间 then name; left ones last."""
    listed = [m for m in members if m.stage.is_member and (m.active or include_left)]
    order = {Stage.FULL: 0, Stage.PROBATIONARY: 1}
    return sorted(
        listed,
        key=lambda m: (not m.active, order[m.stage], m.joined_on or date.max, m.name),
    )


def _note(m: Member) -> str:
    if m.active:
        return m.notes
    left = f"已{m.left_reason.value} {m.left_on or ''}".strip()
    return "；".join(t for t in (left, m.left_note, m.notes) if t)


def write_roster(
    path: Path, branch: Branch, members: Sequence[Member], on: date, *, include_left: bool = False
) -> int:
    """Write the roster to path (.xlsx); returns the number of people listed."""
    people = roster_rows(members, include_left)
    rows = [
        [
            n,
            m.name,
            m.sex,
            m.ethnicity,
            m.birth_date,
            m.native_place,
            m.education,
            m.joined_on,
            m.full_on,
            m.position,
            m.id_number or None,
            m.phone or None,
            m.stage.value,
            m.group,
            _note(m),
        ]
        for n, m in enumerate(people, start=1)
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "党员花名册"
    name = branch.name or "党支部"
    subtitle = f"所属党委：{branch.committee or '　　'}　　　填报日期：{date_line(on)}"
    last = write_table(ws, f"{name}党员花名册", subtitle, COLUMNS, rows)
    active = [m for m in people if m.active]
    full = sum(1 for m in active if m.stage is Stage.FULL)
    probationary = sum(1 for m in active if m.stage is Stage.PROBATIONARY)
    summary = ws.cell(last + 1, 1, f"合计：正式党员 {full} 名，预备党员 {probationary} 名。")
    summary.font = Font(name=FONT_NAME, size=10.5)
    ws.merge_cells(start_row=last + 1, start_column=1, end_row=last + 1, end_column=len(COLUMNS))
    save_workbook(wb, path)
    return len(people)
