"""The 发展党员台账 workbook: one sheet per stage, each person's dates and what is due next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path as FilePath

from openpyxl import Workbook

from partybook.domain.deadlines import DueItem
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.pipeline import Path
from partybook.export.layouts import SPECS, SheetLayout
from partybook.export.sheets import columns, ledger_record, write_sheet
from partybook.export.xlsx_style import save_workbook, township_subtitle

STAGES = [Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY]
SHEET = "发展党员台账"
COLUMNS = columns(SHEET, SPECS[SHEET].default_layout())
HEADERS = [c.header for c in COLUMNS]


@dataclass
class LedgerPerson:
    member: Member
    path: Path
    due: list[DueItem]
    probation_end: date | None


def ledger_person_record(p: LedgerPerson) -> dict[str, object]:
    return ledger_record(p.member, p.path, p.due, p.probation_end)


def write_ledger(
    target: FilePath,
    branch: Branch,
    people: Sequence[LedgerPerson],
    on: date,
    layout: SheetLayout | None = None,
) -> dict[str, int]:
    """Write the ledger; returns how many people each stage's sheet lists."""
    wb = Workbook()
    wb.remove(wb.active)
    counts = {}
    name = branch.name or "党支部"
    for stage in STAGES:
        listed = [p for p in people if p.member.stage is stage and p.member.active]
        listed.sort(key=lambda p: (p.path.on(1) or date.max, p.member.name))
        ws = wb.create_sheet(stage.value)
        subtitle = township_subtitle(branch, on)
        records = [ledger_person_record(p) for p in listed]
        title = f"{name}发展党员工作台账（{stage.value}）"
        lay = layout or SPECS[SHEET].default_layout()
        write_sheet(ws, SHEET, lay, title, subtitle, records, branch.name)
        counts[stage.value] = len(listed)
    save_workbook(wb, FilePath(target))
    return counts
