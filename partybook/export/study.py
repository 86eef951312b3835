"""The 学习记录 workbook for a year: every session with all its fields, and each member's
hours against the requirement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.members import Branch
from partybook.domain.study import MemberHours, Session, StudySettings
from partybook.export.layouts import Layouts
from partybook.export.sheets import hours_record, session_record, write_sheet
from partybook.export.xlsx_style import add_note, save_workbook, township_subtitle


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
    add_study_sheets(wb, ws, branch, year, sessions, hours, names, meeting_titles, settings, on)
    save_workbook(wb, target)


def add_study_sheets(
    wb: Workbook,
    ws,
    branch: Branch,
    year: int,
    sessions: Sequence[Session],
    hours: Sequence[MemberHours],
    names: dict[int, str],
    meeting_titles: dict[int, str],
    settings: StudySettings,
    on: date,
    layouts: Layouts | None = None,
) -> None:
    """The sessions sheet (into ws) and the 学时统计 sheet after it, with their notes."""
    layouts = layouts or Layouts()
    subtitle = township_subtitle(branch, on)
    records = [session_record(s, names, meeting_titles) for s in sessions]
    lay = layouts.of("学习记录")
    title = f"{branch.name}{year}年党员学习记录"
    write_sheet(ws, "学习记录", lay, title, subtitle, records, branch.name)
    group = [s for s in sessions if not s.personal]
    add_note(
        ws,
        ws.max_row + 2,
        len(lay.columns),
        f"本年度共组织集体学习 {len(group)} 次，计 {sum(s.hours for s in group):g} 学时；"
        f"个人学习记录 {len(sessions) - len(group)} 条。",
    )
    sheet = wb.create_sheet("学时统计")
    people = sorted(hours, key=lambda r: r.member.name)
    lay = layouts.of("学时统计")
    title = f"{branch.name}{year}年党员学习学时统计表"
    write_sheet(
        sheet,
        "学时统计",
        lay,
        title,
        subtitle,
        [hours_record(r, year, on) for r in people],
        branch.name,
    )
    met = sum(1 for r in hours if r.met)
    add_note(
        sheet,
        sheet.max_row + 2,
        len(lay.columns),
        f"党员每年应学 {settings.member_hours:g} 学时，书记和支委 {settings.leader_hours:g} 学时；"
        "年中入党或离开的按在支部的月份折算。"
        f"截至 {on:%Y-%m-%d}，{len(hours)} 名党员中 {met} 名已完成全年要求。",
    )
