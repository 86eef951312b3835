"""The 年度台账 workbook: every sheet a township asks for, for one year, through the layouts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.appraisal import Round
from partybook.domain.dues import DuesSettings, MemberDues
from partybook.domain.members import Branch, Member
from partybook.domain.stats import Figure, YearData
from partybook.domain.study import StudySettings
from partybook.export.appraisal import add_results_sheet
from partybook.export.attachments import add_attachments_sheet
from partybook.export.dues import write_detail
from partybook.export.layouts import Layouts
from partybook.export.meetings import add_meetings_sheets
from partybook.export.records import Register, write_register
from partybook.export.sheets import member_record, write_sheet
from partybook.export.study import add_study_sheets
from partybook.export.xlsx_style import (
    SheetColumn,
    add_note,
    save_workbook,
    township_subtitle,
    write_table,
)

SHEETS = (
    "党员花名册",
    "发展党员台账",
    "三会一课",
    "出勤表",
    "民主评议结果",
    "学习记录",
    "学时统计",
    "党费收缴明细",
    "谈心谈话记录",
    "组织关系转接登记",
    "换届选举",
    "年度统计",
    "附件清单",
)
FIGURE_COLUMNS = [
    SheetColumn("方面", 10, center=True),
    SheetColumn("项目", 30),
    SheetColumn("数", 10, center=True),
    SheetColumn("说明", 30),
]


@dataclass(frozen=True)
class YearBook:
    """What the workbook is written from; the Book assembles it."""

    branch: Branch
    data: YearData
    roster: Sequence[tuple[Member, str]]  # members at the year's end, with their stage then
    pipeline: Sequence[tuple[Member, str, dict]]  # (person, stage then, ledger record)
    appraisal: Round | None
    appraisal_rows: list[dict]
    attendance: dict
    figures: Sequence[Figure]
    paragraph: str
    study_settings: StudySettings
    dues: Sequence[MemberDues] = ()
    dues_settings: DuesSettings = DuesSettings()
    registers: Sequence[Register] = ()  # 谈心谈话记录, 组织关系转接登记, 换届选举
    attachment_rows: Sequence = ()  # (类别, 日期, 记录, [(name, caption)]) for 附件清单


def roster_records(y: YearBook) -> list[dict]:
    """The 党员花名册 sheet's records: members at the year's end, with their stage then."""
    return [{**member_record(m, m.notes), "stage": stage} for m, stage in y.roster]


def pipeline_records(y: YearBook) -> list[dict]:
    return [{**record, "stage": stage} for _, stage, record in y.pipeline]


def write_year_workbook(
    target: Path, y: YearBook, layouts: Layouts, on: date, progress=None
) -> list[str]:
    """Write the workbook; returns the sheet names in order. progress(done, 6) is told each
    sheet written, the last before saving; if it raises (Cancelled), no file is written."""
    year, branch, d = y.data.year, y.branch, y.data
    report = progress or (lambda done, total: None)
    subtitle = township_subtitle(branch, on)
    name = branch.name or "党支部"
    wb = Workbook()
    ws = wb.active
    ws.title = "党员花名册"
    last = write_sheet(
        ws,
        "党员花名册",
        layouts.of("党员花名册"),
        f"{name}党员花名册（{year}年）",
        subtitle,
        roster_records(y),
        branch.name,
    )
    add_note(
        ws,
        last + 1,
        len(layouts.of("党员花名册").columns),
        f"截至 {d.end:%Y年%m月%d日}，共有党员 {len(y.roster)} 名。",
    )

    report(1, 6)
    ws = wb.create_sheet("发展党员台账")
    write_sheet(
        ws,
        "发展党员台账",
        layouts.of("发展党员台账"),
        f"{name}{year}年发展党员工作台账",
        subtitle,
        pipeline_records(y),
        branch.name,
    )

    report(2, 6)
    ws = wb.create_sheet("三会一课")
    names = {m.id: m.name for m in d.members}
    add_meetings_sheets(
        wb,
        ws,
        branch,
        year,
        d.meetings,
        dict(d.titles),
        names,
        y.attendance,
        on,
        layouts.of("三会一课"),
    )

    report(3, 6)
    ws = wb.create_sheet("民主评议结果")
    add_results_sheet(ws, branch, year, y.appraisal_rows, on, layouts.of("民主评议结果"))
    if y.appraisal is None:
        add_note(ws, ws.max_row + 2, 4, f"{year}年民主评议党员尚未录入。")

    report(4, 6)
    ws = wb.create_sheet("学习记录")
    add_study_sheets(
        wb,
        ws,
        branch,
        year,
        d.sessions,
        d.hours,
        names,
        dict(d.titles),
        y.study_settings,
        on,
        layouts,
    )

    ws = wb.create_sheet("党费收缴明细")
    write_detail(ws, branch, year, y.dues, y.dues_settings, on)
    for register, sheet in zip(
        y.registers, ("谈心谈话记录", "组织关系转接登记", "换届选举"), strict=True
    ):
        write_register(wb.create_sheet(sheet), branch, on, register)

    report(5, 6)
    ws = wb.create_sheet("年度统计")
    rows = [[f.group, f.label, f.text, f.note] for f in y.figures]
    last = write_table(
        ws, f"{name}{year}年度工作统计", subtitle, FIGURE_COLUMNS, rows, landscape=False
    )
    add_note(ws, last + 2, len(FIGURE_COLUMNS), y.paragraph)
    add_attachments_sheet(wb, branch, year, y.attachment_rows, on)
    report(6, 6)
    save_workbook(wb, target)
    return wb.sheetnames
