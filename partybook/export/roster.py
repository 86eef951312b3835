"""The 党员花名册 workbook the township committee asks for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.members import Branch, Member, Stage
from partybook.export.layouts import SPECS, SheetLayout
from partybook.export.sheets import columns, member_record, write_sheet
from partybook.export.xlsx_style import add_note, save_workbook, township_subtitle

SHEET = "党员花名册"
COLUMNS = columns(SHEET, SPECS[SHEET].default_layout())
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
    path: Path,
    branch: Branch,
    members: Sequence[Member],
    on: date,
    *,
    include_left: bool = False,
    layout: SheetLayout | None = None,
) -> int:
    """Write the roster to path (.xlsx); returns the number of people listed.

    Lists active full and probationary members (full first, each by 入党时间 then name); with
    include_left, people who left follow, their 备注 saying how and when (已转出 2025-03-01).
    The closing 合计 line counts active members only.
    """
    people = roster_rows(members, include_left)
    wb = Workbook()
    ws = wb.active
    ws.title = "党员花名册"
    name = branch.name or "党支部"
    subtitle = township_subtitle(branch, on)
    layout = layout or SPECS[SHEET].default_layout()
    records = [member_record(m, _note(m)) for m in people]
    last = write_sheet(ws, SHEET, layout, f"{name}党员花名册", subtitle, records, branch.name)
    active = [m for m in people if m.active]
    full = sum(1 for m in active if m.stage is Stage.FULL)
    probationary = sum(1 for m in active if m.stage is Stage.PROBATIONARY)
    total = f"合计：正式党员 {full} 名，预备党员 {probationary} 名"
    if len(active) < len(people):
        total += f"；另列已离开 {len(people) - len(active)} 名"
    add_note(ws, last + 1, len(layout.columns), total + "。")
    save_workbook(wb, path)
    return len(people)
