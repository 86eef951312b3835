"""Roster import: find the header, map columns, turn rows into checked Members, all or nothing."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from partybook.domain.dates import add_years, month_only, parse_date
from partybook.domain.errors import InvalidValue, PartyBookError
from partybook.domain.idcard import normalize_id_number, parse_id_number
from partybook.domain.members import FIELD_LABELS, Member, Stage
from partybook.domain.pipeline import DAY_NEEDED
from partybook.domain.validation import check_phone, fill_from_id_number, validate_member
from partybook.importing.reader import Sheet, read_sheets

# Member attribute -> header texts seen in branch spreadsheets (after normalising).
HEADER_VARIANTS: dict[str, list[str]] = {
    "name": ["姓名", "党员姓名", "名字"],
    "sex": ["性别"],
    "ethnicity": ["民族"],
    "birth_date": ["出生日期", "出生年月", "出生年月日", "出生时间"],
    "id_number": ["身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码"],
    "education": ["学历", "文化程度", "全日制学历", "最高学历"],
    "joined_on": ["入党时间", "入党日期", "加入党组织日期", "入党年月", "接收预备党员日期"],
    "full_on": ["转正时间", "转正日期", "转为正式党员日期", "转正年月"],
    "position": [
        "工作单位及职务",
        "工作岗位",
        "工作单位",
        "职务",
        "现任职务",
        "单位及职务",
        "工作单位及职务职称",
    ],
    "phone": ["联系电话", "手机号码", "电话", "手机", "联系方式", "手机号"],
    "stage": ["人员类别", "党员类型", "党员类别", "类别", "党籍状态"],
    "native_place": ["籍贯"],
    "address": ["家庭住址", "住址", "现住址", "家庭地址"],
    "work_start": ["参加工作日期", "参加工作时间"],
    "party_post": ["党内职务"],
    "group": ["党小组", "所在党小组"],
    "sponsors": ["介绍人", "入党介绍人"],
    "notes": ["备注", "说明"],
    # the development dates a roster of people on their way may carry (建账: see STEP_FIELDS)
    "applied_on": [
        "申请日期",
        "申请时间",
        "申请入党时间",
        "申请入党日期",
        "入党申请时间",
        "入党申请日期",
        "递交入党申请书时间",
        "递交入党申请书日期",
    ],
    "activist_on": [
        "确定积极分子日期",
        "确定积极分子时间",
        "确定入党积极分子日期",
        "确定入党积极分子时间",
        "确定为入党积极分子时间",
        "确定为入党积极分子日期",
        "列为积极分子时间",
        "列为入党积极分子时间",
    ],
    "candidate_on": [
        "确定发展对象日期",
        "确定发展对象时间",
        "确定为发展对象时间",
        "确定为发展对象日期",
        "列为发展对象时间",
    ],
}
# Columns that are not the member's own fields but steps of their development record: a
# person who arrives mid-way (建账) brings them, as steps 1, 3 and 7.
STEP_FIELDS = {"applied_on": 1, "activist_on": 3, "candidate_on": 7}
STEP_LABELS = {
    "applied_on": "申请日期",
    "activist_on": "确定积极分子日期",
    "candidate_on": "确定发展对象日期",
}
LABELS = {**FIELD_LABELS, **STEP_LABELS}
IGNORED_HEADERS = {"序号", "编号", "序"}
DATE_FIELDS = {"birth_date", "joined_on", "full_on", "work_start"}
TEXT_FIELDS = {
    "name",
    "ethnicity",
    "education",
    "position",
    "native_place",
    "address",
    "party_post",
    "group",
    "sponsors",
    "notes",
}
STAGE_WORDS = {
    "正式党员": Stage.FULL,
    "正式": Stage.FULL,
    "预备党员": Stage.PROBATIONARY,
    "预备": Stage.PROBATIONARY,
    "发展对象": Stage.CANDIDATE,
    "入党积极分子": Stage.ACTIVIST,
    "积极分子": Stage.ACTIVIST,
    "入党申请人": Stage.APPLICANT,
    "申请人": Stage.APPLICANT,
}
SEX_WORDS = {"男": "男", "男性": "男", "女": "女", "女性": "女"}
SKIP_ROW_STARTS = (
    "合计",
    "总计",
    "小计",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "说明",
    "注：",
    "注:",
    "备注：",
    "负责人",
)
HEADER_SEARCH_ROWS = 15


def normalize_header(text: object) -> str:
    if text is None:
        return ""
    cleaned = re.sub(r"[\s\u3000*＊:：]", "", str(text))
    return re.sub(r"[（(【\[].*?[)）】\]]", "", cleaned)


Variants = dict[str, list[str]]


def match_header(text: object, known: Variants | None = None) -> str | None:
    """The attribute a header means, "" for a 序号 column, None when unknown."""
    known = HEADER_VARIANTS if known is None else known
    header = normalize_header(text)
    if not header:
        return None
    if header in IGNORED_HEADERS:
        return ""
    for attr, variants in known.items():
        if header in variants:
            return attr
    best = max(
        (
            (len(v), attr)
            for attr, variants in known.items()
            for v in variants
            if len(v) >= 2 and v in header
        ),
        default=None,
    )
    return best[1] if best else None


def find_header(rows: list[list[object]], known: Variants | None = None) -> int | None:
    """Index of the header row among the first rows: it has 姓名 and the most known headers."""
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = [match_header(v, known) for v in row]
        if "name" not in found:
            continue
        score = sum(1 for f in found if f)
        if best is None or score > best[0]:
            best = (score, i)
    return None if best is None else best[1]


def auto_mapping(headers: list[str], known: Variants | None = None) -> dict[int, str | None]:
    mapping: dict[int, str | None] = {}
    used: set[str] = set()
    for col, text in enumerate(headers):
        attr = match_header(text, known) or None
        if attr in used:
            attr = None  # the first column of a kind wins; the user can change it
        if attr:
            used.add(attr)
        mapping[col] = attr
    return mapping


def column_letter(col: int) -> str:
    letters, col = "", col + 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class ImportProblem:
    """One problem, placed as a teacher finds it in Excel: sheet, row, column."""

    sheet: str
    row: int
    column: str
    header: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        place = f"工作表“{self.sheet}”第 {self.row} 行"
        if self.column:
            place += f" {self.column} 列（{self.header}）" if self.header else f" {self.column} 列"
        return f"{place}：{self.message}"


@dataclass
class ImportRow:
    row: int
    member: Member | None
    problems: list[ImportProblem] = field(default_factory=list)
    duplicate_of: str = ""  # set when the book already has this ID number: skipped, not an error
    steps: dict[int, date] = field(default_factory=dict)  # development steps the row's dates give

    @property
    def has_error(self) -> bool:
        return any(not p.warning for p in self.problems)


@dataclass
class ImportPlan:
    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str | None]
    rows: list[ImportRow]
    sheet_problems: list[ImportProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportProblem]:
        found = [p for p in self.sheet_problems if not p.warning]
        return found + [p for r in self.rows for p in r.problems if not p.warning]

    @property
    def new_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.member and not r.duplicate_of and not r.has_error]

    @property
    def new_members(self) -> list[Member]:
        return [r.member for r in self.new_rows]

    @property
    def duplicates(self) -> list[ImportRow]:
        return [r for r in self.rows if r.duplicate_of]

    @property
    def writes(self) -> int:
        """How many people the import writes something for."""
        return len(self.new_members)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.writes)

    def summary(self) -> str:
        return (
            f"共 {len(self.rows)} 行：可导入 {len(self.new_members)} 人，"
            f"已存在 {len(self.duplicates)} 人（按身份证号），错误 {len(self.errors)} 处。"
        )


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def pick_sheet(
    sheets: list[Sheet], name: str | None, path: Path, known: Variants | None = None
) -> tuple[Sheet, int]:
    """The sheet to read (named, or the first with a header) and its header row index."""
    if name is not None:
        for sheet in sheets:
            if sheet.name == name:
                header = find_header(sheet.rows, known)
                if header is None:
                    raise PartyBookError(f"工作表“{name}”中没有找到表头：请确认有“姓名”一列。")
                return sheet, header
        raise PartyBookError(f"“{path.name}”中没有名为“{name}”的工作表。")
    for sheet in sheets:
        if sheet.hidden:  # a hidden sheet before the roster is not the roster
            continue
        header = find_header(sheet.rows, known)
        if header is not None:
            return sheet, header
    raise PartyBookError(
        f"“{path.name}”中没有找到表头：请确认表格前 {HEADER_SEARCH_ROWS} 行中"
        "有一行写着“姓名”等列名。"
    )


def hidden_skipped(sheets: list[Sheet], chosen: Sheet) -> list[ImportProblem]:
    """A note (a warning of the preview) for each hidden sheet not read."""
    return [
        ImportProblem(
            s.name,
            1,
            "",
            "",
            f"工作表“{s.name}”是隐藏的，没有读取（读取的是“{chosen.name}”）。",
            True,
        )
        for s in sheets
        if s.hidden and s is not chosen
    ]


def plan_member_import(
    path: Path,
    *,
    today: date,
    existing_id_numbers: set[str] | frozenset[str] = frozenset(),
    sheet: str | None = None,
    mapping: dict[int, str | None] | None = None,
    existing_names: Mapping[str, Collection[str]] | None = None,
) -> ImportPlan:
    """Read and check a roster file; nothing is written. Errors are collected, not raised.
    existing_names: the book's names with their ID numbers, for the 同名 hints."""
    path = Path(path)
    sheets = read_sheets(path)
    chosen, header_index = pick_sheet(sheets, sheet, path)
    headers = ["".join(cell_text(v).split()) for v in chosen.rows[header_index]]
    mapping = dict(mapping) if mapping is not None else auto_mapping(headers)
    plan = ImportPlan(path, chosen.name, header_index + 1, headers, mapping, [])
    plan.sheet_problems += hidden_skipped(sheets, chosen)
    chosen_fields = [a for a in mapping.values() if a]
    for attr in sorted({a for a in chosen_fields if chosen_fields.count(a) > 1}):
        cols = "、".join(column_letter(c) for c, a in mapping.items() if a == attr)
        plan.sheet_problems.append(
            ImportProblem(
                chosen.name,
                plan.header_row,
                "",
                "",
                f"{cols} 列都对应到“{LABELS[attr]}”，请只保留一列。",
            )
        )
    if "name" not in chosen_fields:
        plan.sheet_problems.append(
            ImportProblem(
                chosen.name, plan.header_row, "", "", "没有哪一列对应到“姓名”，无法导入。"
            )
        )
    existing = {str(n).strip().upper() for n in existing_id_numbers}
    seen: dict[str, int] = {}
    for offset, cells in enumerate(chosen.rows[header_index + 1 :], start=header_index + 2):
        row = convert_row(chosen.name, offset, cells, headers, mapping, today)
        if row is None:
            continue
        number = row.member.id_number if row.member else ""
        id_col = located_problem(chosen.name, offset, mapping, headers, "id_number", "").column
        if number and not any(p.column == id_col and not p.warning for p in row.problems):
            if number in existing:
                # Already in the book: skipped, so its problems cannot stop the others' import;
                # they are still shown (as warnings) for the teacher to put right in the file.
                who = row.member.name or "姓名空白"
                row.duplicate_of = f"{who}，身份证号已在台账中"
                row.problems = [dataclasses.replace(p, warning=True) for p in row.problems]
            elif number in seen:
                row.problems.append(
                    located_problem(
                        chosen.name,
                        offset,
                        mapping,
                        headers,
                        "id_number",
                        f"与第 {seen[number]} 行的公民身份号码相同。",
                    )
                )
            seen.setdefault(number, offset)
        same_name_hint(row, plan, existing_names or {}, mapping, headers)
        plan.rows.append(row)
    return plan


def same_name_hint(
    row: ImportRow,
    plan: ImportPlan,
    existing_names: Mapping[str, Collection[str]],
    mapping: dict[int, str | None],
    headers: list[str],
) -> None:
    """A warning (not an error: two teachers may share a name) when the row's name is already
    in the book or on an earlier row with another 身份证号."""
    member = row.member
    if member is None or not member.name:
        return
    number = member.id_number.upper()
    known = {str(n).strip().upper() for n in existing_names.get(member.name, ()) if n}
    notes = []
    if known and number not in known:
        notes.append(f"台账中已有同名的“{member.name}”，身份证号不同，请核对是不是同一人。")
    earlier = [
        r.row
        for r in plan.rows
        if r.member is not None
        and r.member.name == member.name
        and r.member.id_number.upper() != number
    ]
    if earlier:
        notes.append(f"与第 {earlier[0]} 行同名，身份证号不同，请核对。")
    for note in notes:
        row.problems.append(
            located_problem(plan.sheet, row.row, mapping, headers, "name", note, warning=True)
        )


def _column_of(mapping: dict[int, str | None], attr: str) -> int | None:
    return next((c for c, a in mapping.items() if a == attr), None)


def located_problem(
    sheet: str,
    row: int,
    mapping: dict[int, str | None],
    headers: list[str],
    attr: str,
    message: str,
    warning: bool = False,
) -> ImportProblem:
    col = _column_of(mapping, attr)
    if col is None:
        return ImportProblem(sheet, row, "", "", message, warning)
    header = headers[col] if col < len(headers) else ""
    return ImportProblem(sheet, row, column_letter(col), header, message, warning)


def _month_birth_from_id(member: Member) -> Member:
    """A 出生年月 such as 1975.04 is stored as the 1st; the ID number gives the exact day."""
    birth = member.birth_date
    if birth is None or birth.day != 1 or not member.id_number:
        return member
    try:
        exact = parse_id_number(member.id_number).birth_date
    except InvalidValue:
        return member
    if (exact.year, exact.month) == (birth.year, birth.month):
        return member.replace(birth_date=exact)
    return member


def _is_skippable(cells: list[object]) -> bool:
    texts = [cell_text(v) for v in cells if cell_text(v)]
    return not texts or texts[0].replace(" ", "").startswith(SKIP_ROW_STARTS)


def convert_row(
    sheet: str,
    row: int,
    cells: list[object],
    headers: list[str],
    mapping: dict[int, str | None],
    today: date,
) -> ImportRow | None:
    if _is_skippable(cells):
        return None
    values = {
        attr: cells[col] if col < len(cells) else None for col, attr in mapping.items() if attr
    }
    if all(cell_text(values.get(a)) == "" for a in values):
        return None
    problems: list[ImportProblem] = []
    bad: set[str] = set()

    def fail(attr: str, message: str) -> None:
        bad.add(attr)
        problems.append(located_problem(sheet, row, mapping, headers, attr, message))

    fields: dict[str, object] = {a: cell_text(values.get(a)) for a in TEXT_FIELDS}
    for attr in DATE_FIELDS:
        try:
            fields[attr] = parse_date(values.get(attr))
        except InvalidValue as exc:
            fields[attr] = None
            fail(attr, str(exc))
    steps: dict[int, date] = {}
    for attr, step in STEP_FIELDS.items():
        try:
            found = parse_date(values.get(attr))
        except InvalidValue as exc:
            fail(attr, str(exc))
            continue
        if month_only(found):  # a step's deadlines are counted in days: none made up
            fail(attr, f"{STEP_LABELS[attr]}“{found}”{DAY_NEEDED}")
        elif found is not None and found > today:
            fail(attr, f"{STEP_LABELS[attr]} {found} 晚于今天。")
        elif found is not None:
            steps[step] = found
    sex = cell_text(values.get("sex"))
    fields["sex"] = SEX_WORDS.get(sex, "")
    if sex and sex not in SEX_WORDS:
        fail("sex", f"性别只能写“男”或“女”，现为“{sex}”。")
    try:
        fields["id_number"] = normalize_id_number(values.get("id_number"))
    except InvalidValue as exc:
        fields["id_number"] = ""
        fail("id_number", str(exc))
    phone = cell_text(values.get("phone"))
    fields["phone"] = phone
    if phone:
        try:
            fields["phone"] = check_phone(phone)
        except InvalidValue as exc:
            fail("phone", str(exc))
    stage_text = cell_text(values.get("stage")).replace(" ", "")
    if stage_text:
        stage = STAGE_WORDS.get(stage_text)
        if stage is None:
            fail("stage", f"人员类别“{stage_text}”无法识别，应为“正式党员”或“预备党员”。")
            stage = Stage.FULL
    elif fields["full_on"]:
        stage = Stage.FULL
    elif fields["joined_on"] and add_years(fields["joined_on"], 1) > today:
        stage = Stage.PROBATIONARY
    else:
        stage = Stage.FULL
    member = _month_birth_from_id(fill_from_id_number(Member(stage=stage, **fields)))
    if not member.name:
        fail("name", "这一行没有姓名。")
    for p in validate_member(member, today):
        if p.field in bad or (p.field == "name" and not member.name):
            continue
        problems.append(
            located_problem(sheet, row, mapping, headers, p.field, p.message, p.warning)
        )
    return ImportRow(row, member, problems, steps=steps)
