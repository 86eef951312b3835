"""Export layouts: for each sheet a township asks for, which columns, in what order, with what
header text, and how dates are written. Saved in the book; handed from a township to its
schools as a small JSON file. Pure data (no openpyxl), so the Book can check layouts cheaply."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from partybook.domain.errors import PartyBookError

# The date forms townships use, as the user sees them, and the Excel number format of each:
# (full date, year and month only).
DATE_FORMATS: dict[str, tuple[str, str]] = {
    "2026-11-22": ("yyyy-mm-dd", "yyyy.mm"),
    "2026.11.22": ("yyyy.mm.dd", "yyyy.mm"),
    "2026年11月22日": ('yyyy"年"m"月"d"日"', 'yyyy"年"m"月"'),
    "20261122": ("yyyymmdd", "yyyymm"),
    "2026.11": ("yyyy.mm", "yyyy.mm"),
}
DEFAULT_DATE_FORMAT = "2026-11-22"
FILE_FORMAT, FILE_VERSION = "partybook-layouts", 1


@dataclass(frozen=True)
class Field:
    """A column a sheet can have: its key, default header, width and how its cells look."""

    key: str
    header: str
    width: float
    kind: str = ""  # "" wrapped text, "center", "text" (digits kept), "date", "month"


@dataclass(frozen=True)
class SheetSpec:
    """Everything one sheet can show, and what it shows unless a layout says otherwise."""

    name: str
    title: str  # the part of the title after the branch name, e.g. 党员花名册
    fields: tuple[Field, ...]
    default: tuple[str, ...]
    landscape: bool = True

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def default_layout(self) -> SheetLayout:
        return SheetLayout(tuple((k, self.field(k).header) for k in self.default))


@dataclass(frozen=True)
class SheetLayout:
    columns: tuple[tuple[str, str], ...]  # (field key, header text)
    date_format: str = DEFAULT_DATE_FORMAT
    mask_private: bool = False  # ID and phone numbers written as 430521********0773


PRIVATE_FIELDS = ("id_number", "phone")


def _f(key: str, header: str, width: float, kind: str = "") -> Field:
    return Field(key, header, width, kind)


SEQ = _f("seq", "序号", 5, "center")
# Not shown by default; a township collection's workbook puts it first on every sheet.
BRANCH = _f("branch", "支部", 16, "center")
SPECS: dict[str, SheetSpec] = {
    s.name: s
    for s in (
        SheetSpec(
            "党员花名册",
            "党员花名册",
            (
                SEQ,
                BRANCH,
                _f("name", "姓名", 9, "center"),
                _f("sex", "性别", 5, "center"),
                _f("ethnicity", "民族", 7, "center"),
                _f("birth", "出生年月", 9, "month"),
                _f("birth_date", "出生日期", 11, "date"),
                _f("native_place", "籍贯", 12),
                _f("education", "学历", 8, "center"),
                _f("work_start", "参加工作时间", 11, "date"),
                _f("joined", "入党时间", 11, "date"),
                _f("full", "转正时间", 11, "date"),
                _f("position", "工作单位及职务", 24),
                _f("id_number", "身份证号", 20, "text"),
                _f("phone", "联系电话", 13, "text"),
                _f("address", "家庭住址", 20),
                _f("stage", "人员类别", 9, "center"),
                _f("post", "党内职务", 9, "center"),
                _f("group", "党小组", 11, "center"),
                _f("notes", "备注", 18),
            ),
            (
                "seq",
                "name",
                "sex",
                "ethnicity",
                "birth",
                "native_place",
                "education",
                "joined",
                "full",
                "position",
                "id_number",
                "phone",
                "stage",
                "group",
                "notes",
            ),
        ),
        SheetSpec(
            "发展党员台账",
            "发展党员工作台账",
            (
                SEQ,
                BRANCH,
                _f("name", "姓名", 9, "center"),
                _f("sex", "性别", 5, "center"),
                _f("stage", "人员类别", 10, "center"),
                _f("birth_date", "出生日期", 11, "date"),
                _f("id_number", "身份证号", 20, "text"),
                _f("education", "学历", 8, "center"),
                _f("position", "工作单位及职务", 20),
                _f("step1", "申请入党日期", 11, "date"),
                _f("step2", "谈话日期", 11, "date"),
                _f("step3", "确定积极分子日期", 11, "date"),
                _f("mentors", "培养联系人", 12),
                _f("step7", "确定发展对象日期", 11, "date"),
                _f("sponsors", "入党介绍人", 12),
                _f("step11", "培训结业日期", 11, "date"),
                _f("step15", "支部大会接收日期", 11, "date"),
                _f("step17", "上级审批日期", 11, "date"),
                _f("step20", "入党宣誓日期", 11, "date"),
                _f("probation_end", "预备期满", 11, "date"),
                _f("step23", "支部大会讨论转正日期", 11, "date"),
                _f("next", "下一项期限", 30),
                _f("exceptions", "例外记录", 20),
            ),
            (
                "seq",
                "name",
                "sex",
                "stage",
                "birth_date",
                "id_number",
                "step1",
                "step2",
                "step3",
                "mentors",
                "step7",
                "sponsors",
                "step11",
                "step15",
                "step17",
                "step20",
                "probation_end",
                "next",
                "exceptions",
            ),
        ),
        SheetSpec(
            "三会一课",
            "“三会一课”台账",
            (
                SEQ,
                BRANCH,
                _f("title", "会议名称", 28),
                _f("kind", "会议类型", 12, "center"),
                _f("date", "日期", 11, "date"),
                _f("time", "时间", 12, "center"),
                _f("place", "地点", 14),
                _f("host", "主持人", 8, "center"),
                _f("recorder", "记录人", 8, "center"),
                _f("should", "应到", 6, "center"),
                _f("present", "实到", 6, "center"),
                _f("away", "请假/缺席", 22),
                _f("observers", "列席", 10),
                _f("lecturer", "党课主讲人", 9, "center"),
                _f("topic", "党课题目", 20),
                _f("agenda", "议题", 26),
                _f("resolutions", "决议", 26),
            ),
            (
                "seq",
                "title",
                "date",
                "time",
                "place",
                "host",
                "recorder",
                "should",
                "present",
                "away",
                "observers",
                "agenda",
                "resolutions",
            ),
        ),
        SheetSpec(
            "民主评议结果",
            "民主评议党员结果汇总表",
            (
                SEQ,
                BRANCH,
                _f("name", "姓名", 9, "center"),
                _f("status", "身份", 16, "center"),
                _f("excellent", "优秀票", 7, "center"),
                _f("qualified", "合格票", 7, "center"),
                _f("basic", "基本合格票", 9, "center"),
                _f("unqualified", "不合格票", 8, "center"),
                _f("score", "得分", 7, "center"),
                _f("grade", "评定等次", 10, "center"),
                _f("reason", "评定理由", 18),
                _f("handling", "处理意见", 18),
            ),
            (
                "seq",
                "name",
                "status",
                "excellent",
                "qualified",
                "basic",
                "unqualified",
                "score",
                "grade",
                "handling",
            ),
            landscape=False,
        ),
        SheetSpec(
            "学习记录",
            "党员学习记录",
            (
                SEQ,
                BRANCH,
                _f("date", "日期", 11, "date"),
                _f("topic", "学习主题", 26),
                _f("form", "学习形式", 14, "center"),
                _f("materials", "学习内容/篇目", 28),
                _f("presenter", "主讲人", 8, "center"),
                _f("place", "地点", 12),
                _f("hours", "学时", 6, "center"),
                _f("count", "人数", 6, "center"),
                _f("people", "参加人员", 30),
                _f("guests", "其他参加人员", 12),
                _f("meeting", "关联会议", 18),
                _f("notes", "备注", 14),
            ),
            (
                "seq",
                "date",
                "topic",
                "form",
                "materials",
                "presenter",
                "place",
                "hours",
                "count",
                "people",
                "guests",
                "meeting",
                "notes",
            ),
        ),
        SheetSpec(
            "学时统计",
            "党员学习学时统计表",
            (
                SEQ,
                BRANCH,
                _f("name", "姓名", 9, "center"),
                _f("post", "党内职务", 9, "center"),
                _f("status", "人员类别", 14, "center"),
                _f("sessions", "参加集体学习（次）", 10, "center"),
                _f("personal", "个人自学（学时）", 10, "center"),
                _f("opening", "建账前已学（学时）", 10, "center"),
                _f("hours", "合计学时", 9, "center"),
                _f("requirement", "全年要求（学时）", 10, "center"),
                _f("state", "完成情况", 16, "center"),
            ),
            (
                "seq",
                "name",
                "post",
                "status",
                "sessions",
                "personal",
                "opening",
                "hours",
                "requirement",
                "state",
            ),
            landscape=False,
        ),
    )
}


@dataclass
class Layouts:
    """The layout of every configurable sheet; sheets not set use their default."""

    sheets: dict[str, SheetLayout] = field(default_factory=dict)

    def of(self, sheet: str) -> SheetLayout:
        return self.sheets.get(sheet) or SPECS[sheet].default_layout()

    def masked(self) -> Layouts:
        """The same layouts with ID and phone numbers masked on every sheet (one export)."""
        return Layouts({name: replace(self.of(name), mask_private=True) for name in SPECS})

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FILE_FORMAT,
                "version": FILE_VERSION,
                "sheets": {
                    name: {
                        "columns": [list(c) for c in lay.columns],
                        "date_format": lay.date_format,
                        "mask_private": lay.mask_private,
                    }
                    for name, lay in self.sheets.items()
                },
            },
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str, source: str = "格式文件") -> Layouts:
        """Read and check a layouts file; every problem is named in Chinese."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise PartyBookError(
                f"{source}不是 PartyBook 的表格格式文件（无法读取：{exc}）。"
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise PartyBookError(f"{source}不是 PartyBook 的表格格式文件。")
        if not isinstance(data.get("version"), int) or data["version"] > FILE_VERSION:
            raise PartyBookError(
                f"{source}由更新版本的 PartyBook 导出（格式版本 {data.get('version')}），"
                "请升级 PartyBook 后再导入。"
            )
        sheets = {}
        for name, raw in (data.get("sheets") or {}).items():
            if not isinstance(raw, dict):
                raise PartyBookError(f"{source}中“{name}”的格式有误。")
            columns = tuple(tuple(c) for c in raw.get("columns", []) if isinstance(c, list))
            layout = SheetLayout(
                columns,
                str(raw.get("date_format", DEFAULT_DATE_FORMAT)),
                raw.get("mask_private") is True,
            )
            problems = check_layout(name, layout)
            if problems:
                raise PartyBookError(f"{source}中“{name}”：" + "；".join(problems))
            sheets[name] = layout
        return cls(sheets)


def check_layout(sheet: str, layout: SheetLayout) -> list[str]:
    """What is wrong with a layout for a sheet, in Chinese; empty when it can be used."""
    spec = SPECS.get(sheet)
    if spec is None:
        return [f"没有名为“{sheet}”的表格"]
    problems = []
    keys = {f.key for f in spec.fields}
    if not layout.columns:
        problems.append("至少要有一列")
    seen = set()
    for column in layout.columns:
        if len(column) != 2 or not all(isinstance(x, str) for x in column):
            problems.append(f"列的写法有误：{column}")
            continue
        key, header = column
        if key not in keys:
            problems.append(f"不认识的列“{key}”")
        elif key in seen:
            problems.append(f"“{spec.field(key).header}”列重复")
        if not header.strip():
            problems.append(f"“{key}”列的表头是空的")
        seen.add(key)
    if layout.date_format not in DATE_FORMATS:
        problems.append(f"日期格式“{layout.date_format}”不在可选范围内")
    return problems
