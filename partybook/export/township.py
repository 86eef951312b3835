"""The township's combined 年度台账: every branch's rows on each sheet, under a 支部 column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from partybook.domain.members import Branch
from partybook.domain.stats import Figure
from partybook.domain.township import BranchPackage
from partybook.export.layouts import BRANCH, Layouts, SheetLayout
from partybook.export.sheets import (
    appraisal_record,
    hours_record,
    meeting_record,
    session_record,
    write_sheet,
)
from partybook.export.xlsx_style import (
    SheetColumn,
    add_note,
    save_workbook,
    township_subtitle,
    write_table,
)
from partybook.export.yearbook import FIGURE_COLUMNS, YearBook, pipeline_records, roster_records

PACKAGE_COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("支部", 22),
    SheetColumn("学校", 18),
    SheetColumn("所属党委", 16),
    SheetColumn("数据包范围", 10, center=True),
    SheetColumn("数据包导出时间", 17, center=True),
    SheetColumn("导入汇总库时间", 17, center=True),
    SheetColumn("人员", 7, center=True),
    SheetColumn("会议", 7, center=True),
]


@dataclass(frozen=True)
class TownshipBook:
    """What the combined workbook is written from; the Book assembles it."""

    branch: Branch  # the township, for the title and the header line
    year: int
    parts: Sequence[tuple[str, YearBook]]  # (branch name, its year), in the order listed
    figures: Sequence[Figure]  # combined
    paragraph: str
    packages: Sequence[BranchPackage]


def with_branch_column(layout: SheetLayout) -> SheetLayout:
    """The layout with a 支部 column first (after 序号) unless it already has one."""
    keys = [key for key, _ in layout.columns]
    if BRANCH.key in keys:
        return layout
    columns = list(layout.columns)
    columns.insert(1 if keys[:1] == ["seq"] else 0, (BRANCH.key, BRANCH.header))
    return replace(layout, columns=tuple(columns))


def _names(y: YearBook) -> dict[int, str]:
    return {m.id: m.name for m in y.data.members}


def _meetings(y: YearBook) -> list[dict]:
    titles = dict(y.data.titles)
    return [meeting_record(m, titles.get(m.id, m.kind.value), _names(y)) for m in y.data.meetings]


def _sessions(y: YearBook) -> list[dict]:
    return [session_record(s, _names(y), dict(y.data.titles)) for s in y.data.sessions]


def _hours(on: date) -> Callable[[YearBook], list[dict]]:
    def records(y: YearBook) -> list[dict]:
        rows = sorted(y.data.hours, key=lambda r: r.member.name)
        return [hours_record(r, y.data.year, on) for r in rows]

    return records


def write_township_workbook(target: Path, t: TownshipBook, layouts: Layouts, on: date) -> list[str]:
    """Write the combined workbook; returns the sheet names in order."""
    subtitle = township_subtitle(t.branch, on)
    name, year = t.branch.name, t.year
    wb = Workbook()
    sheets = (
        ("党员花名册", f"{name}{year}年党员花名册（各支部汇总）", roster_records, "名"),
        ("发展党员台账", f"{name}{year}年发展党员工作台账（各支部汇总）", pipeline_records, "名"),
        ("三会一课", f"{name}{year}年“三会一课”台账（各支部汇总）", _meetings, "次"),
        (
            "民主评议结果",
            f"{name}{year}年度民主评议党员结果汇总表（各支部汇总）",
            lambda y: [appraisal_record(r) for r in y.appraisal_rows],
            "名",
        ),
        ("学习记录", f"{name}{year}年党员学习记录（各支部汇总）", _sessions, "条"),
        ("学时统计", f"{name}{year}年党员学习学时统计表（各支部汇总）", _hours(on), "名"),
    )
    for n, (sheet, title, records_of, unit) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet(sheet)
        ws.title = sheet
        layout = with_branch_column(layouts.of(sheet))
        counts, records = [], []
        for branch, y in t.parts:
            mine = records_of(y)
            counts.append(f"{branch} {len(mine)} {unit}")
            records += [{**r, "branch": branch} for r in mine]
        last = write_sheet(ws, sheet, layout, title, subtitle, records)
        add_note(
            ws,
            last + 1,
            len(layout.columns),
            f"共 {len(records)} {unit}：" + "；".join(counts) + "。",
        )

    ws = wb.create_sheet("年度统计")
    rows = [[f.group, f.label, f.text, f.note] for f in t.figures]
    columns = [*FIGURE_COLUMNS[:3], replace(FIGURE_COLUMNS[3], header="各支部", width=44)]
    last = write_table(
        ws, f"{name}{year}年度工作统计（各支部汇总）", subtitle, columns, rows, landscape=False
    )
    add_note(ws, last + 2, len(columns), t.paragraph)

    ws = wb.create_sheet("支部一览")
    rows = [
        [
            i,
            p.branch,
            p.school,
            p.committee,
            p.scope,
            f"{p.created_at:%Y-%m-%d %H:%M}" if p.created_at else "",
            f"{p.imported_at:%Y-%m-%d %H:%M}" if p.imported_at else "",
            p.people,
            p.meetings,
        ]
        for i, p in enumerate(t.packages, start=1)
    ]
    write_table(ws, f"{name}汇总的支部数据包", subtitle, PACKAGE_COLUMNS, rows)
    save_workbook(wb, target)
    return wb.sheetnames
