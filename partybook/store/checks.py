"""What a stored row may hold: the rules every row of every table must meet, whether it comes in
with a data package or is found in a book by `check`.

Driven by the records' fields (a column added later is checked by its type with no change here):
dates within what a ledger can hold, whole numbers and decimals within bounds, text of a bounded
length without control or invisible characters, JSON text of a bounded depth; then the columns
whose values the domain knows (a meeting's kind, a presence, a stage…), and references to rows
that exist. A problem is a Chinese sentence naming the column and the value.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from partybook.domain.appraisal import Grade
from partybook.domain.dues import Category
from partybook.domain.meetings import MeetingKind, Presence, VoteOn
from partybook.domain.members import LeaveReason, Stage
from partybook.domain.pipeline import Kind as EventKind
from partybook.domain.transfers import Direction
from partybook.domain.validation import INVISIBLE, clean_text

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
SHORT_TEXT = 1_000  # a name, a place, a reason (CharField)
LONG_TEXT = 100_000  # minutes, notes (TextField)
LOG_TEXT = 1_000_000  # a change log row's old/new (the row as JSON)
SETTING_TEXT = 20_000_000  # a setting: 期初数据 of a township-sized roster is a few MB of JSON
MAX_INT = 10**9
MAX_FLOAT = 1e6
JSON_DEPTH = 16  # the deepest JSON a setting or a column holds is 4 or 5 levels

# Tables a branch's package and book never hold rows of: derived or township-only data.
NEVER_IN_PACKAGE = {"branch_package", "branch_figures", "audit_pause"}

# Control characters (tab and line breaks allowed in text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _values(enum_type) -> frozenset:
    return frozenset(e.value for e in enum_type)


# (table, column) -> the values the domain knows.
ENUMS: dict[tuple[str, str], frozenset] = {
    ("member", "stage"): _values(Stage),
    ("member", "left_reason"): _values(LeaveReason),
    ("event", "kind"): _values(EventKind),
    ("meeting", "kind"): _values(MeetingKind),
    ("attendance", "presence"): _values(Presence),
    ("vote", "step"): _values(VoteOn),
    ("appraisal_entry", "grade"): _values(Grade),
    ("dues_base", "category"): _values(Category),
    ("transfer", "direction"): _values(Direction),
    ("change_log", "action"): frozenset({"insert", "update", "delete"}),
}
# (table, column) -> (lowest, highest) for whole numbers with a meaning of their own.
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("event", "step"): (1, 25),
    ("dues_base", "from_month"): (1, 12),
    ("dues_payment", "month"): (1, 12),
    ("attachment", "size"): (0, 2**53),  # bytes: a scan may be larger than MAX_INT
}
YEAR_COLUMNS = {"year"}

# (table, column) holding a name (a person's, a group's, a file's): invisible and bidi-control
# characters are removed from them on the way in (a package's rows, as the forms do), so
# "王\u202e五\u200b" is 王五 and cannot pass for another person (issue 22, point 10).
NAME_COLUMNS = {
    ("member", "name"),
    ("member", "sponsors"),
    ("member", "party_group"),
    ("event", "people"),
    ("meeting", "host"),
    ("meeting", "recorder"),
    ("meeting", "lecturer"),
    ("meeting", "observers"),
    ("meeting", "party_group"),
    ("study", "presenter"),
    ("talk", "second_name"),
    ("party_group", "name"),
    ("attachment", "name"),
}
# Settings holding a name (book/core.py BRANCH_KEYS).
NAME_SETTINGS = {"branch.name", "branch.committee", "branch.school", "branch.secretary"}


def clean_names(table: str, columns: list, rows: list) -> int:
    """Remove invisible and bidi-control characters from the name columns of a table's rows
    (lists of JSON values in the order of columns), in place; returns the values changed."""
    at = [i for i, c in enumerate(columns) if (table, c) in NAME_COLUMNS]
    if table == "setting" and columns[:2] == ["key", "value"]:
        rows = [r for r in rows if isinstance(r, list) and r and r[0] in NAME_SETTINGS]
        at = [1]
    changed = 0
    if not at:
        return 0
    for row in rows:
        if not isinstance(row, list):
            continue
        for i in at:
            value = row[i] if i < len(row) else None
            if isinstance(value, str) and INVISIBLE.search(value):
                row[i] = clean_text(value)
                changed += 1
    return changed


def json_depth(value: object) -> int:
    """How deeply a parsed JSON value nests (iteratively: no recursion to run out of)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > JSON_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((c, depth + 1) for c in children)
    return deepest


def parse_json(text: str) -> object:
    """JSON text, parsed; ValueError (in Chinese) when it is not JSON or nests too deeply."""
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise ValueError("JSON 嵌套层数过多") from exc
    if json_depth(value) > JSON_DEPTH:
        raise ValueError(f"JSON 嵌套超过 {JSON_DEPTH} 层")
    return value


def _steps(text: str) -> None:
    """appraisal.steps: {step name: [iso date or null, note]}."""
    value = parse_json(text or "{}")
    if not isinstance(value, dict):
        raise ValueError("应为 {步骤: [日期, 说明]}")
    for name, item in value.items():
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)):
            raise ValueError(f"步骤“{name}”应为 [日期, 说明]")
        if item[0] is not None:
            _in_range(date.fromisoformat(_str(item[0])))


def _row_json(text: str | None) -> None:
    """change_log.old/new: a row as a JSON object, or empty."""
    if text is None:
        return
    if not isinstance(parse_json(text), dict):
        raise ValueError("应为一条记录（JSON 对象）")


def _any_json(text: str) -> None:
    """A setting's value: JSON where it looks like JSON, bounded in depth."""
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            parse_json(stripped)
        except json.JSONDecodeError:
            pass  # plain text that starts with a bracket
        except RecursionError as exc:
            raise ValueError("JSON 嵌套层数过多") from exc


# (table, column) -> a check of the whole value (raises ValueError with a Chinese reason).
SHAPES: dict[tuple[str, str], Callable[[object], None]] = {
    ("appraisal", "steps"): _steps,
    ("change_log", "old"): _row_json,
    ("change_log", "new"): _row_json,
    ("setting", "value"): _any_json,
}


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("应为文字")
    return value


def _in_range(day: date) -> None:
    if isinstance(day, datetime):
        day = day.date()
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"日期应在 {FIRST_DAY.year}–{LAST_DAY.year} 年之间")


def _text_limit(table: str, field: Field) -> int:
    if table == "change_log" and field.column_name in ("old", "new"):
        return LOG_TEXT
    if table == "setting" and field.column_name == "value":
        return SETTING_TEXT
    return LONG_TEXT if isinstance(field, TextField) else SHORT_TEXT


def check_value(table: str, field: Field, value: object) -> None:
    """Raise ValueError (a Chinese reason) if value (a Python value, as decoded from a package
    or read from the book) is not one the column can hold for every command to work."""
    column = field.column_name
    key = (table, column)
    if value is None:
        if not field.null and not isinstance(field, AutoField):
            raise ValueError("不能为空")
        return
    if key in ENUMS:
        if value not in ENUMS[key]:
            raise ValueError("不是本程序认识的值")
        return
    if isinstance(field, ForeignKeyField) or isinstance(field, AutoField):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**62:
            raise ValueError("编号有误")
        return
    if isinstance(field, DateField | DateTimeField):
        if not isinstance(value, date):
            raise ValueError("不是日期")
        _in_range(value)
    elif isinstance(field, BooleanField):
        if not isinstance(value, bool | int) or value not in (0, 1):
            raise ValueError("应为是或否")
    elif isinstance(field, IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("应为整数")
        low, high = RANGES.get(key, (0, MAX_INT))
        if column in YEAR_COLUMNS:
            low, high = FIRST_DAY.year, LAST_DAY.year
        if not low <= value <= high:
            raise ValueError(f"应在 {low}–{high} 之间")
    elif isinstance(field, FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("应为数字")
        if not math.isfinite(value) or abs(value) > MAX_FLOAT:
            raise ValueError("数字超出范围")
    elif isinstance(field, CharField | TextField):
        text = _str(value)
        limit = _text_limit(table, field)
        if len(text) > limit:
            raise ValueError(f"文字过长（{len(text)} 字，最多 {limit} 字）")
        if _CONTROL.search(text):
            raise ValueError("含有控制字符")
    shape = SHAPES.get(key)
    if shape is not None:
        try:
            shape(value)
        except (ValueError, TypeError, AttributeError) as exc:
            raise ValueError(str(exc) or "格式不对") from exc


def _fields(model: type[Model]) -> list[Field]:
    return list(model._meta.sorted_fields)


class RowChecker:
    """Checks the rows of each table in turn (tables after those they refer to), remembering
    the ids seen so a reference to a row that is not there is found."""

    def __init__(self) -> None:
        self._ids: dict[str, set] = {}

    def table(
        self, model: type[Model], fields: list[Field], rows: Iterable[Iterable[object]]
    ) -> list[str]:
        """Problems of a table's rows (values in the order of fields, Python values): each
        '第 n 行“column”：reason（value）'; at most the first 20."""
        table = model._meta.table_name
        pk = model._meta.primary_key
        problems: list[str] = []
        seen = self._ids.setdefault(table, set())
        for n, row in enumerate(rows, start=1):
            for f, value in zip(fields, row, strict=True):
                reason = None
                try:
                    check_value(table, f, value)
                except ValueError as exc:
                    reason = str(exc)
                if reason is None and isinstance(f, ForeignKeyField) and value is not None:
                    target = f.rel_model._meta.table_name
                    if target in self._ids and value not in self._ids[target]:
                        reason = f"引用的 {target} 记录（编号 {value}）不存在"
                if reason is None and f is pk:
                    if value in seen:
                        reason = "编号重复"
                    seen.add(value)
                if reason is not None:
                    shown = repr(value)
                    shown = shown if len(shown) <= 40 else shown[:40] + "…"
                    problems.append(f"第 {n} 行“{f.column_name}”：{reason}（{shown}）")
                    if len(problems) >= 20:
                        return problems
        return problems


def check_tables(models: Iterable[type[Model]]) -> list[str]:
    """Every row of every table of the bound book against the same rules, as SQL (a township's
    300 000 attendance rows in well under a second): 'table 编号 n“column”：reason'. The
    references are PRAGMA foreign_key_check's (Store.integrity_problems)."""
    problems: list[str] = []
    for model in models:
        table = model._meta.table_name
        if table in NEVER_IN_PACKAGE:
            continue
        pk = model._meta.primary_key
        db = model._meta.database
        if table in _PYTHON_CHECKED:  # a few rows, their JSON read as the book reads it
            fields = _fields(model)
            query = model.select(*fields).tuples()
            for row in _as_python(fields, query):
                for f, value in zip(fields, row, strict=True):
                    try:
                        check_value(table, f, value)
                    except ValueError as exc:
                        problems.append(_where(table, row[fields.index(pk)], f, exc, value))
            continue
        for f in _fields(model):
            found = _sql_bad(table, f)
            if found is None:
                continue
            condition, params, reason = found
            sql = (
                f'SELECT "{pk.column_name}", "{f.column_name}" FROM "{table}" '
                f"WHERE {condition} LIMIT 1"
            )
            hit = db.execute_sql(sql, params).fetchone()
            if hit is not None:
                problems.append(_where(table, hit[0], f, reason, hit[1]))
        if len(problems) >= 20:
            break
    return problems


_PYTHON_CHECKED = {"setting", "appraisal"}


def _where(table: str, key: object, f: Field, reason: object, value: object) -> str:
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    return f"数据表“{table}”编号 {key} 的“{f.column_name}”：{reason}（{shown}）"


def _sql_bad(table: str, f: Field) -> tuple[str, tuple, str] | None:
    """(SQL condition true for a value check_value refuses, its parameters, the reason)."""
    c = f'"{f.column_name}"'
    key = (table, f.column_name)
    if not f.null and not isinstance(f, AutoField):
        null = f"{c} IS NULL OR "
    else:
        null = ""
    some = f"{c} IS NOT NULL AND "
    if key in ENUMS:
        values = sorted(ENUMS[key], key=str)
        marks = ", ".join("?" for _ in values)
        return f"{null}{some}{c} NOT IN ({marks})", tuple(values), "不是本程序认识的值"
    if isinstance(f, ForeignKeyField | AutoField):
        return f"{null}{some}(typeof({c}) != 'integer' OR {c} <= 0)", (), "编号有误"
    if isinstance(f, DateField | DateTimeField):
        first, last = FIRST_DAY.isoformat(), LAST_DAY.isoformat()
        return (
            f"{null}{some}(typeof({c}) != 'text' OR substr({c}, 1, 10) < ? "
            f"OR substr({c}, 1, 10) > ? OR date(substr({c}, 1, 10)) IS NOT substr({c}, 1, 10))",
            (first, last),
            f"不是 {FIRST_DAY.year}–{LAST_DAY.year} 年之间的日期",
        )
    if isinstance(f, BooleanField):
        return f"{null}{some}{c} NOT IN (0, 1)", (), "应为是或否"
    if isinstance(f, IntegerField):
        low, high = RANGES.get(key, (0, MAX_INT))
        if f.column_name in YEAR_COLUMNS:
            low, high = FIRST_DAY.year, LAST_DAY.year
        return (
            f"{null}{some}(typeof({c}) != 'integer' OR {c} < ? OR {c} > ?)",
            (low, high),
            f"应为 {low}–{high} 之间的整数",
        )
    if isinstance(f, FloatField):
        return (
            f"{null}{some}(typeof({c}) NOT IN ('integer', 'real') OR abs({c}) > ?)",
            (MAX_FLOAT,),
            "数字超出范围",
        )
    if isinstance(f, CharField | TextField):
        limit = _text_limit(table, f)
        json_object = ""
        if SHAPES.get(key) is _row_json:
            json_object = f" OR json_valid({c}) = 0 OR json_type({c}) != 'object'"
        return (
            f"{null}{some}(typeof({c}) != 'text' OR length({c}) > ? OR {c} GLOB ?{json_object})",
            (limit, "*[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]*"),
            f"文字过长（最多 {limit} 字）、含有控制字符或格式不对",
        )
    return (f"{c} IS NULL", (), "不能为空") if null else None


def _as_python(fields: list[Field], rows):
    """Rows as peewee gives them, with a date column's unparsable text left as text and a
    foreign key as its id."""
    for row in rows:
        yield [_plain(f, v) for f, v in zip(fields, row, strict=True)]


def _plain(field: Field, value: object) -> object:
    if isinstance(field, DateField | DateTimeField) and isinstance(value, str):
        try:
            return (datetime if isinstance(field, DateTimeField) else date).fromisoformat(value)
        except ValueError:
            return value
    return value
