"""The 三会一课 workbook for a year: every meeting's record fields, and an attendance matrix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.meetings import AttendanceStat, Meeting, Presence
from partybook.domain.members import Branch
from partybook.export.xlsx_style import (
    SheetColumn,
    save_workbook,
    township_subtitle,
    write_table,
)

MEETING_COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("会议名称", 28),
    SheetColumn("日期", 11, date_format="yyyy-mm-dd"),
    SheetColumn("时间", 12, center=True),
    SheetColumn("地点", 14),
    SheetColumn("主持人", 8, center=True),
    SheetColumn("记录人", 8, center=True),
    SheetColumn("应到", 6, center=True),
    SheetColumn("实到", 6, center=True),
    SheetColumn("请假/缺席", 22),
    SheetColumn("列席", 10),
    SheetColumn("议题", 26),
    SheetColumn("决议", 26),
]
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
    subtitle = township_subtitle(branch, on)
    rows = []
    for n, m in enumerate(meetings, start=1):
        away = "、".join(
            f"{names.get(a.member_id, '')}（{a.presence.value}）"
            for a in m.attendees
            if not a.excluded and a.presence is not Presence.PRESENT
        )
        time = f"{m.start}–{m.end}" if m.start else ""
        rows.append(
            [
                n,
                titles.get(m.id, m.kind.value),
                m.on,
                time,
                m.place,
                m.host,
                m.recorder,
                m.should_attend,
                m.present,
                away,
                m.observers,
                m.agenda,
                m.resolutions,
            ]
        )
    write_table(ws, f"{branch.name}{year}年“三会一课”台账", subtitle, MEETING_COLUMNS, rows)

    grid = wb.create_sheet("出勤表")
    people = sorted(stats, key=lambda i: names.get(i, ""))
    columns = [SheetColumn("姓名", 9, center=True)]
    columns += [
        SheetColumn(f"{m.on:%m-%d}\n{SHORT[m.kind.value]}", 5.5, center=True) for m in meetings
    ]
    columns += [SheetColumn("出席率", 8, center=True)]
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
        f"{branch.name}{year}年党员参加组织生活出勤表",
        "出＝出席　假＝请假　缺＝缺席　不计＝不计入应到",
        columns,
        matrix,
    )
    save_workbook(wb, target)
    return len(meetings)
