"""The 发展党员台账 workbook: one sheet per stage, each person's dates and what is due next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path as FilePath

from openpyxl import Workbook

from partybook.domain.due import STATE_WORDS, DueItem
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.pipeline import Path
from partybook.export.xlsx_style import (
    SheetColumn,
    save_workbook,
    township_subtitle,
    write_table,
)

STAGES = [Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY]
D = "yyyy-mm-dd"
COLUMNS = [
    SheetColumn("序号", 5, center=True),
    SheetColumn("姓名", 9, center=True),
    SheetColumn("性别", 5, center=True),
    SheetColumn("出生日期", 11, date_format=D),
    SheetColumn("身份证号", 20, text=True),
    SheetColumn("申请入党日期", 11, date_format=D),
    SheetColumn("谈话日期", 11, date_format=D),
    SheetColumn("确定积极分子日期", 11, date_format=D),
    SheetColumn("培养联系人", 12),
    SheetColumn("确定发展对象日期", 11, date_format=D),
    SheetColumn("入党介绍人", 12),
    SheetColumn("培训结业日期", 11, date_format=D),
    SheetColumn("支部大会接收日期", 11, date_format=D),
    SheetColumn("上级审批日期", 11, date_format=D),
    SheetColumn("入党宣誓日期", 11, date_format=D),
    SheetColumn("预备期满", 11, date_format=D),
    SheetColumn("下一项期限", 30),
    SheetColumn("例外记录", 20),
]
HEADERS = [c.header for c in COLUMNS]


@dataclass
class LedgerPerson:
    member: Member
    path: Path
    due: list[DueItem]
    probation_end: date | None


def _names(path: Path, step: int) -> str:
    event = path.step(step)
    return event.people if event else ""


def _next(due: list[DueItem]) -> str:
    deadlines = [i for i in due if i.type == "deadline"]
    if not deadlines:
        return ""
    first = deadlines[0]
    return f"{first.title} {first.date}（{STATE_WORDS[first.state]}）"


def _row(n: int, p: LedgerPerson) -> list[object]:
    m, path = p.member, p.path
    exceptions = "；".join(f"{e.title}：{e.exception}" for e in path.events if e.exception)
    return [
        n,
        m.name,
        m.sex,
        m.birth_date,
        m.id_number or None,
        path.on(1),
        path.on(2),
        path.on(3),
        _names(path, 5),
        path.on(7),
        _names(path, 9),
        path.on(11),
        path.on(15),
        path.on(17),
        path.on(20),
        p.probation_end,
        _next(p.due),
        exceptions,
    ]


def write_ledger(
    target: FilePath, branch: Branch, people: Sequence[LedgerPerson], on: date
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
        rows = [_row(n, p) for n, p in enumerate(listed, start=1)]
        write_table(ws, f"{name}发展党员工作台账（{stage.value}）", subtitle, COLUMNS, rows)
        counts[stage.value] = len(listed)
    save_workbook(wb, FilePath(target))
    return counts
