"""The 学习记录 workbook for a year: every session with all its fields, and each member's
hours against the requirement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.members import Branch
from partybook.domain.study import MemberHours, Session, StudySettings
from partybook.export.xlsx_style import (
    SheetColumn,
    add_note,
    save_workbook,
    township_subtitle,
    write_table,
)

SESSION_COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("日期", 11, date_format="yyyy-mm-dd"),
    SheetColumn("学习主题", 26),
    SheetColumn("学习形式", 14, center=True),
    SheetColumn("学习内容/篇目", 28),
    SheetColumn("主讲人", 8, center=True),
    SheetColumn("地点", 12),
    SheetColumn("学时", 6, center=True),
    SheetColumn("人数", 6, center=True),
    SheetColumn("参加人员", 30),
    SheetColumn("其他参加人员", 12),
    SheetColumn("关联会议", 18),
    SheetColumn("备注", 14),
]
HOURS_COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("姓名", 9, center=True),
    SheetColumn("党内职务", 9, center=True),
    SheetColumn("人员类别", 14, center=True),
    SheetColumn("参加集体学习（次）", 10, center=True),
    SheetColumn("个人自学（学时）", 10, center=True),
    SheetColumn("合计学时", 9, center=True),
    SheetColumn("全年要求（学时）", 10, center=True),
    SheetColumn("完成情况", 16, center=True),
]


def _status(row: MemberHours, year: int, on: date) -> str:
    if row.met:
        return "已完成"
    missing = f"差 {row.requirement - row.hours:.1f}"
    if not row.member.active and row.member.left_on and row.member.left_on <= on:
        return f"离开前未完成（{missing}）"
    if year < on.year:
        return f"未完成（{missing}）"
    if row.behind:
        return f"落后进度（差 {row.shortfall:.1f}）"
    return "按进度"


def write_study_workbook(
    target: Path,
    branch: Branch,
    year: int,
    sessions: Sequence[Session],
    hours: Sequence[MemberHours],
    names: dict[int, str],
    meeting_titles: dict[int, str],
    settings: StudySettings,
    on: date,
) -> None:
    """Write the year's study workbook: 学习记录 (sessions) and 学时统计 (per member)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "学习记录"
    subtitle = township_subtitle(branch, on)
    rows = []
    for n, s in enumerate(sessions, start=1):
        people = "、".join(names.get(i, "") for i in s.participants)
        rows.append(
            [
                n,
                s.on,
                s.topic,
                s.form + ("（个人）" if s.personal else ""),
                s.materials,
                s.presenter,
                s.place,
                s.hours,
                len(s.participants),
                people,
                s.guests,
                meeting_titles.get(s.meeting_id, "") if s.meeting_id else "",
                s.notes,
            ]
        )
    write_table(ws, f"{branch.name}{year}年党员学习记录", subtitle, SESSION_COLUMNS, rows)
    group = [s for s in sessions if not s.personal]
    add_note(
        ws,
        ws.max_row + 2,
        len(SESSION_COLUMNS),
        f"本年度共组织集体学习 {len(group)} 次，计 {sum(s.hours for s in group):g} 学时；"
        f"个人学习记录 {len(sessions) - len(group)} 条。",
    )

    sheet = wb.create_sheet("学时统计")
    table = [
        [
            n,
            r.member.name,
            r.member.party_post,
            r.member.status_text,
            r.sessions,
            r.personal_hours,
            r.hours,
            r.requirement,
            _status(r, year, on),
        ]
        for n, r in enumerate(sorted(hours, key=lambda r: r.member.name), start=1)
    ]
    title = f"{branch.name}{year}年党员学习学时统计表"
    write_table(sheet, title, subtitle, HOURS_COLUMNS, table, landscape=False)
    met = sum(1 for r in hours if r.met)
    add_note(
        sheet,
        sheet.max_row + 2,
        len(HOURS_COLUMNS),
        f"党员每年应学 {settings.member_hours:g} 学时，书记和支委 {settings.leader_hours:g} 学时；"
        "年中入党或离开的按在支部的月份折算。"
        f"截至 {on:%Y-%m-%d}，{len(hours)} 名党员中 {met} 名已完成全年要求。",
    )
    save_workbook(wb, target)
