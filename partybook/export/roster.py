"""The 党员花名册 workbook the township committee asks for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.members import Branch, Member, Stage
from partybook.export.xlsx_style import (
    DATE_FORMAT,
    SheetColumn,
    add_note,
    save_workbook,
    township_subtitle,
    write_table,
)

COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("姓名", 9, center=True),
    SheetColumn("性别", 5, center=True),
    SheetColumn("民族", 7, center=True),
    SheetColumn("出生年月", 9, date_format="yyyy.mm"),
    SheetColumn("籍贯", 12),
    SheetColumn("学历", 8, center=True),
    SheetColumn("入党时间", 11, date_format=DATE_FORMAT),
    SheetColumn("转正时间", 11, date_format=DATE_FORMAT),
    SheetColumn("工作单位及职务", 24),
    SheetColumn("身份证号", 20, text=True),
    SheetColumn("联系电话", 13, text=True),
    SheetColumn("人员类别", 9, center=True),
    SheetColumn("党小组", 11, center=True),
    SheetColumn("备注", 18),
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
    """Write the roster to path (.xlsx); returns the number of people listed.

    Lists active full and probationary members (full first, each by 入党时间 then name); with
    include_left, people who left follow, their 备注 saying how and when (已转出 2025-03-01).
    The closing 合计 line counts active members only.
    """
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
    subtitle = township_subtitle(branch, on)
    last = write_table(ws, f"{name}党员花名册", subtitle, COLUMNS, rows)
    active = [m for m in people if m.active]
    full = sum(1 for m in active if m.stage is Stage.FULL)
    probationary = sum(1 for m in active if m.stage is Stage.PROBATIONARY)
    total = f"合计：正式党员 {full} 名，预备党员 {probationary} 名"
    if len(active) < len(people):
        total += f"；另列已离开 {len(people) - len(active)} 名"
    add_note(ws, last + 1, len(COLUMNS), total + "。")
    save_workbook(wb, path)
    return len(people)
