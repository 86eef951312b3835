"""Importing an existing 发展党员台账: people and their step dates, contradictions refused."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path as FilePath

from dateutil.relativedelta import relativedelta

from partybook.domain.dates import add_years, month_only, parse_date, too_young
from partybook.domain.errors import InvalidValue
from partybook.domain.members import FIELD_LABELS, Stage
from partybook.domain.pipeline import DAY_NEEDED, STEPS, Event, Kind, Path, stage_from_path
from partybook.domain.validation import validate_member
from partybook.importing.members import (
    HEADER_VARIANTS,
    ImportPlan,
    ImportProblem,
    ImportRow,
    auto_mapping,
    cell_text,
    convert_row,
    hidden_skipped,
    located_problem,
    pick_sheet,
    same_name_hint,
)
from partybook.importing.reader import read_sheets

PERSON_FIELDS = ("name", "sex", "id_number", "birth_date", "stage", "notes", "phone", "position")
STEP_VARIANTS: dict[str, list[str]] = {
    "step1": [
        "申请入党日期",
        "递交申请书日期",
        "递交入党申请书日期",
        "入党申请日期",
        "申请日期",
        "递交入党申请书时间",
        "申请入党时间",
    ],
    "step2": ["谈话日期", "谈话时间"],
    "step3": [
        "确定积极分子日期",
        "列为积极分子日期",
        "确定为入党积极分子日期",
        "确定入党积极分子日期",
        "确定为积极分子日期",
        "确定积极分子时间",
    ],
    "mentors": ["培养联系人", "培养人"],
    "step7": ["确定发展对象日期", "列为发展对象日期", "确定为发展对象日期", "确定发展对象时间"],
    "sponsors": ["入党介绍人", "介绍人"],
    "step10": ["政审日期", "政治审查日期"],
    "step11": ["培训结业日期", "集中培训日期", "培训日期"],
    "step15": ["接收预备党员日期", "支部大会日期", "入党时间", "入党日期", "支部大会通过日期"],
    "step17": ["上级审批日期", "审批日期", "上级党委审批日期"],
    "step20": ["入党宣誓日期", "宣誓日期"],
    "extended_to": ["延长预备期至", "延长预备期到"],
    "step24": ["转正日期", "转正时间"],
}
VARIANTS = {**{k: HEADER_VARIANTS[k] for k in PERSON_FIELDS}, **STEP_VARIANTS}
VARIANTS["stage"] = [*HEADER_VARIANTS["stage"], "当前阶段", "所处阶段", "阶段"]
LABELS = {
    **{k: FIELD_LABELS[k] for k in PERSON_FIELDS},
    "stage": "当前阶段",
    **{
        k: f"第 {k[4:]} 步 {STEPS[int(k[4:])].title}" for k in STEP_VARIANTS if k.startswith("step")
    },
    "mentors": "培养联系人",
    "sponsors": "入党介绍人",
    "extended_to": "延长预备期至",
}
IMPORTED = "从原有台账导入"


@dataclass
class PipelineRow(ImportRow):
    events: list[Event] = field(default_factory=list)
    attach_to: int | None = None  # an existing person (same ID number) without any record yet


@dataclass
class PipelinePlan(ImportPlan):
    @property
    def attached(self) -> list[PipelineRow]:
        return [r for r in self.rows if r.attach_to is not None and not r.has_error]

    @property
    def new_members(self) -> list:
        """People to add; those already on the roster (attached) only gain their records."""
        return [
            r.member
            for r in self.rows
            if r.member and not r.duplicate_of and not r.has_error and r.attach_to is None
        ]

    @property
    def writes(self) -> int:
        return len(self.new_members) + len(self.attached)

    def summary(self) -> str:
        return (
            f"共 {len(self.rows)} 行：新增 {len(self.new_members)} 人，"
            f"为已有人员补充记录 {len(self.attached)} 人，已有记录跳过 {len(self.duplicates)} 人，"
            f"错误 {len(self.errors)} 处。"
        )


def plan_pipeline_import(
    path: FilePath,
    *,
    today: date,
    existing: dict[str, tuple[int, bool]] | None = None,
    stages: dict[int, Stage] | None = None,
    sheet: str | None = None,
    mapping: dict[int, str | None] | None = None,
    existing_names: Mapping[str, Collection[str]] | None = None,
) -> PipelinePlan:
    """Read and check a development ledger. `existing` maps ID number -> (member id, has records),
    `stages` member id -> stage on the roster, `existing_names` the book's names with their ID
    numbers (for the 同名 hints, as the roster's import gives). Nothing is written; every problem
    is collected with its sheet, row and column."""
    existing = existing or {}
    stages = stages or {}
    path = FilePath(path)
    sheets = read_sheets(path)
    chosen, header_index = pick_sheet(sheets, sheet, path, VARIANTS)
    headers = ["".join(cell_text(v).split()) for v in chosen.rows[header_index]]
    mapping = dict(mapping) if mapping is not None else auto_mapping(headers, VARIANTS)
    plan = PipelinePlan(path, chosen.name, header_index + 1, headers, mapping, [])
    plan.sheet_problems += hidden_skipped(sheets, chosen)
    if "name" not in mapping.values():
        plan.sheet_problems.append(
            ImportProblem(
                chosen.name, plan.header_row, "", "", "没有哪一列对应到“姓名”，无法导入。"
            )
        )
    person_mapping = {c: a for c, a in mapping.items() if a in PERSON_FIELDS}
    seen: dict[str, int] = {}
    for number, cells in enumerate(chosen.rows[header_index + 1 :], start=header_index + 2):
        base = convert_row(chosen.name, number, cells, headers, person_mapping, today)
        if base is None:
            continue
        row = PipelineRow(number, base.member, [p for p in base.problems if not p.warning])
        _read_path(row, cells, headers, mapping, today, chosen.name)
        same_name_hint(row, plan, existing_names or {}, mapping, headers)
        plan.rows.append(row)
        ident = row.member.id_number if row.member else ""
        if ident and not row.has_error:
            if ident in seen:
                row.problems.append(
                    located_problem(
                        chosen.name,
                        number,
                        mapping,
                        headers,
                        "id_number",
                        f"与第 {seen[ident]} 行的公民身份号码相同。",
                    )
                )
            elif ident in existing:
                member_id, has_records = existing[ident]
                if has_records:
                    row.duplicate_of = f"{row.member.name} 已有发展记录，跳过"
                elif _behind(row.member.stage, stages.get(member_id)):
                    # The path would move a roster member back (正式党员 → 发展对象) and leave
                    # their 入党时间 contradicting their stage: the two papers disagree.
                    column = "stage" if "stage" in mapping.values() else "name"
                    row.problems.append(
                        located_problem(
                            chosen.name,
                            number,
                            mapping,
                            headers,
                            column,
                            f"花名册中{row.member.name}是{stages[member_id].value}，"
                            f"这份台账中只到{row.member.stage.value}：请核对后再导入。",
                        )
                    )
                else:
                    row.attach_to = member_id
            seen.setdefault(ident, number)
    return plan


def _behind(stage: Stage, on_roster: Stage | None) -> bool:
    order = list(Stage)
    return on_roster is not None and order.index(stage) < order.index(on_roster)


def _read_path(row: PipelineRow, cells, headers, mapping, today: date, sheet: str) -> None:
    """Turn the step columns into events; contradictions become problems at their column."""
    dates: dict[int, date] = {}
    names: dict[str, str] = {}
    extended_to = None
    for col, attr in mapping.items():
        if not attr or attr in PERSON_FIELDS:
            continue
        value = cells[col] if col < len(cells) else None
        if attr in ("mentors", "sponsors"):
            names[attr] = cell_text(value)
            continue
        try:
            when = parse_date(value)
        except InvalidValue as exc:
            row.problems.append(located_problem(sheet, row.row, mapping, headers, attr, str(exc)))
            continue
        if when is None:
            continue
        if month_only(when) and attr != "extended_to":  # 延长预备期至 counts months
            row.problems.append(
                located_problem(
                    sheet, row.row, mapping, headers, attr, f"{LABELS[attr]}“{when}”{DAY_NEEDED}"
                )
            )
            continue
        if when > today:
            row.problems.append(
                located_problem(sheet, row.row, mapping, headers, attr, f"日期 {when} 晚于今天。")
            )
            continue
        if attr == "extended_to":
            extended_to = when
        else:
            dates[int(attr[4:])] = when
    member = row.member
    previous: tuple[int, date] | None = None
    for step in sorted(dates):
        if previous and dates[step] < previous[1]:
            row.problems.append(
                located_problem(
                    sheet,
                    row.row,
                    mapping,
                    headers,
                    f"step{step}",
                    f"{STEPS[step].title}（{dates[step]}）早于{STEPS[previous[0]].title}（{previous[1]}），"
                    "日期顺序不对。",
                )
            )
        previous = (step, dates[step])
    if 1 in dates and member.birth_date:
        surely, said = too_young(member.birth_date, dates[1], 18, "递交申请书时")
        if said:  # an error, or a warning when a month-only birth leaves it open
            row.problems.append(
                located_problem(
                    sheet, row.row, mapping, headers, "step1", said + "。", warning=not surely
                )
            )
    events = [Event(0, Kind.STEP, on, step=step, notes=IMPORTED) for step, on in dates.items()]
    # The ledger names mentors and sponsors without a date: take the step that appointed them.
    for column, step, dated_by, what in (
        ("mentors", 5, (3, 7), "确定积极分子"),
        ("sponsors", 9, (7, 15), "确定发展对象"),
    ):
        if names.get(column):
            on = dates.get(dated_by[0]) or dates.get(dated_by[1]) or today
            events.append(
                Event(
                    0,
                    Kind.STEP,
                    on,
                    step=step,
                    people=names[column],
                    notes=f"{IMPORTED}（日期取{what}日期）",
                )
            )
    if extended_to and 15 in dates:
        normal_end = add_years(dates[15], 1)
        delta = relativedelta(extended_to, normal_end)
        months = delta.years * 12 + delta.months
        events.append(
            Event(
                0,
                Kind.EXTENSION,
                min(normal_end, today),
                quantity=months,
                unit="个月",
                notes=f"{IMPORTED}：延长至 {extended_to}",
            )
        )
    row.events = events
    path = Path(events)
    stage = member.stage if _has_stage(mapping, cells) else stage_from_path(path, Stage.APPLICANT)
    # 入党时间 and 转正时间 follow from the path once it is saved (Book._follow_path).
    row.member = member.replace(stage=stage, joined_on=None, full_on=None)
    for p in validate_member(row.member, today):
        if not p.warning and p.field not in ("joined_on", "full_on"):
            row.problems.append(
                located_problem(sheet, row.row, mapping, headers, p.field, p.message)
            )


def _has_stage(mapping, cells) -> bool:
    col = next((c for c, a in mapping.items() if a == "stage"), None)
    return col is not None and col < len(cells) and bool(cell_text(cells[col]))
