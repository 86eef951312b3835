"""The 三会一课 workbook for a year: every meeting's record fields, and an attendance matrix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.meetings import AttendanceStat, Meeting, Presence
from partybook.domain.members import Branch
from partybook.export.layouts import SPECS, SheetLayout
from partybook.export.sheets import columns, meeting_record, write_sheet
from partybook.export.xlsx_style import (
    SheetColumn,
    save_workbook,
    township_subtitle,
    write_table,
)

SHEET = "三会一课"
MEETING_COLUMNS = columns(SHEET, SPECS[SHEET].default_layout())
SHORT = {
    "支部党员大会": "大会",
    "支部委员会会议": "支委",
    "党小组会": "小组",
    "党课": "党课",
    "主题党日": "党日",
    "组织生活会": "组织生活",
}
MARK = {Presence.PRESENT: "出", Presence.LEAVE: "假", Presence.ABSENT: "缺"}


def write_meetings_ledger(
    target: Path,
    branch: Branch,
    year: int,
    meetings: Sequence[Meeting],
    titles: dict[int, str],
    names: dict[int, str],
    stats: dict[int, AttendanceStat],
    on: date,
) -> int:
    """Write the year's ledger; returns the number of meetings listed."""
    wb = Workbook()
    ws = wb.active
    ws.title = "会议记录"
    add_meetings_sheets(wb, ws, branch, year, meetings, titles, names, stats, on)
    save_workbook(wb, target)
    return len(meetings)


def title_width(title: str) -> float:
    """About how many column-width units a sheet title (16 pt, bold) needs: a Chinese
    character about three, a digit or letter half that."""
    return sum(3.0 if ord(ch) > 0x2E80 else 1.6 for ch in title) + 2


def add_meetings_sheets(
    wb: Workbook,
    ws,
    branch: Branch,
    year: int,
    meetings: Sequence[Meeting],
    titles: dict[int, str],
    names: dict[int, str],
    stats: dict[int, AttendanceStat],
    on: date,
    layout: SheetLayout | None = None,
) -> None:
    """The meetings sheet (into ws) and the 出勤表 after it."""
    subtitle = township_subtitle(branch, on)
    records = [meeting_record(m, titles.get(m.id, m.kind.value), names) for m in meetings]
    title = f"{branch.name}{year}年“三会一课”台账"
    lay = layout or SPECS[SHEET].default_layout()
    write_sheet(ws, SHEET, lay, title, subtitle, records, branch.name)

    grid = wb.create_sheet("出勤表")
    people = sorted(stats, key=lambda i: names.get(i, ""))
    grid_columns = [SheetColumn("姓名", 9, center=True)]
    grid_columns += [
        SheetColumn(f"{m.on:%m-%d}\n{SHORT[m.kind.value]}", 5.5, center=True) for m in meetings
    ]
    grid_title = f"{branch.name}{year}年党员参加组织生活出勤表"
    # the title is merged across the table: with a few meetings (early in the year) the
    # table is narrower than its title, so the last column takes the width it lacks
    short = title_width(grid_title) - sum(c.width for c in grid_columns) - 8
    grid_columns += [SheetColumn("出席率", 8 + max(0.0, short), center=True)]
    matrix = []
    for member_id in people:
        marks = []
        for m in meetings:
            a = next((a for a in m.attendees if a.member_id == member_id), None)
            marks.append("" if a is None else ("不计" if a.excluded else MARK[a.presence]))
        rate = stats[member_id].rate
        matrix.append([names.get(member_id, ""), *marks, f"{rate:.0%}" if rate is not None else ""])
    write_table(
        grid,
        grid_title,
        "出＝出席　假＝请假　缺＝缺席　不计＝不计入应到",
        grid_columns,
        matrix,
    )
