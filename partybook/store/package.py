"""The branch data package (数据包): every table of a book as JSON in one zip, with a manifest.

Serialised generically from the records in MODELS (every table, every column, ids kept so the
references hold), so a table added later is in the package without a change here. The format is
described in docs/package-format.md; keep the two in step.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from peewee import (
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TimeField,
    sort_models,
)

from partybook import __version__
from partybook.domain.errors import PartyBookError
from partybook.domain.validation import clean_text
from partybook.store import checks, package_files, schema
from partybook.store.records import MODELS, SettingRecord
from partybook.support.files import atomic_write, cannot_write

FORMAT = "partybook-package"
FORMAT_VERSION = 2  # 2: attachments/ (store/package_files.py); 1 still imports
MANIFEST = "manifest.json"
TABLES = "tables/"
# A year's package keeps these whole: the roster and each person's path (a stage at the year's
# end rests on steps of earlier years) and the settings. Other tables with a `year` or an `on`
# column keep that year's rows; a row follows the rows it refers to.
WHOLE_IN_YEAR = {"setting", "member", "event", "material"}
# A year's package leaves the change log out: it speaks of every year's records.
NOT_IN_YEAR = {"change_log"}
# Settings that say what the file is, or guard it, belong to the book, never to a package: a
# package cannot turn a book into a township collection or set its startup password.
BOOK_ONLY_SETTINGS = ("book.", "township.", "security.", "history.")
# The change log rows a package brought in (ids up to this) are marked as imported.
IMPORTED_LOG_KEY = "history.imported_upto"
# Zip entries carry this fixed time so the same content always gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Package:
    """A package read and checked: its manifest, each table's columns and rows, the file."""

    manifest: dict
    tables: dict[str, tuple[list[str], list[list]]]  # table -> (columns, rows as JSON values)
    data: bytes | None  # the file's bytes, when it was read from bytes
    path: Path | None = None  # the file, when read from one (its photos are not held in memory)

    @property
    def raw(self) -> bytes:
        """The whole file (a township keeps it as it came)."""
        return self.data if self.data is not None else Path(self.path).read_bytes()

    @property
    def branch(self) -> dict[str, str]:
        return self.manifest.get("branch") or {}

    @property
    def branch_name(self) -> str:
        return clean_text(str(self.branch.get("name") or "")).strip()  # no invisible characters

    @property
    def scope_text(self) -> str:
        scope = self.manifest.get("scope") or {}
        return f"{scope.get('year')}年" if scope.get("kind") == "year" else "全部"

    def rows(self, table: str) -> int:
        return len(self.tables.get(table, ((), []))[1])


def ordered_models() -> list[type[Model]]:
    """MODELS with every table after the tables it refers to."""
    return sort_models(MODELS)


def _table(model: type[Model]) -> str:
    return model._meta.table_name


def _fields(model: type[Model]) -> list[Field]:
    return list(model._meta.sorted_fields)


# values ---------------------------------------------------------------------------------
def _encode(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decode(field: Field, value: object) -> object:
    """The Python value of a JSON value for field; ValueError when it cannot be one."""
    if value is None:
        return None
    if isinstance(field, ForeignKeyField):
        field = field.rel_field
    if isinstance(field, DateTimeField):
        return datetime.fromisoformat(_text(value))
    if isinstance(field, DateField):
        return date.fromisoformat(_text(value))
    if isinstance(field, TimeField):
        return time.fromisoformat(_text(value))
    if isinstance(field, DecimalField):
        try:
            return Decimal(_text(value))
        except InvalidOperation as exc:
            raise ValueError(value) from exc
    if isinstance(field, BlobField):
        return base64.b64decode(_text(value), validate=True)
    if isinstance(field, BooleanField):
        if not isinstance(value, bool):
            raise ValueError(value)
        return value
    if isinstance(field, IntegerField):  # also AutoField
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(value)
        return value
    if isinstance(field, FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(value)
        return float(value)
    if field.field_type in ("VARCHAR", "TEXT"):
        return _text(value)
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


# writing --------------------------------------------------------------------------------
def _own_year(model: type[Model], row: dict, year: int) -> bool | None:
    """Whether a row belongs to the year by a column of its own; None if it has none."""
    fields = model._meta.fields
    if _table(model) in WHOLE_IN_YEAR:
        return None
    if isinstance(fields.get("year"), IntegerField):
        return row["year"] == year
    if isinstance(fields.get("on"), DateField):
        return row["on"] is not None and row["on"].year == year
    return None


def dump_tables(year: int | None = None) -> dict[str, tuple[list[str], list[list]]]:
    """Every table of the bound book as (columns, rows), ids kept; a year keeps the roster,
    the paths and the settings whole and, of dated tables, only that year's rows."""
    out: dict[str, tuple[list[str], list[list]]] = {}
    kept: dict[type[Model], set] = {}  # ids kept of the tables a year narrows
    for model in ordered_models():
        fields = _fields(model)
        pk = model._meta.primary_key
        rows = []
        narrowed = False
        query = model.select(*fields).order_by(pk)
        if year is not None and _table(model) in NOT_IN_YEAR:
            query = query.where(False)
        for values in query.tuples():
            row = {f.name: v for f, v in zip(fields, values, strict=True)}
            if model is SettingRecord and book_only(row["key"]):
                continue  # the book's own: its kind, its password, its log's marks
            if year is not None:
                own = _own_year(model, row, year)
                narrowed = narrowed or own is not None
                keep = own is not False
                for f in fields:
                    if isinstance(f, ForeignKeyField) and f.rel_model in kept:
                        narrowed = True
                        if row[f.name] is not None and row[f.name] not in kept[f.rel_model]:
                            if f.null:
                                row[f.name] = None  # a link to a record of another year
                            else:
                                keep = False
                if not keep:
                    continue
            rows.append(row)
        if narrowed:
            kept[model] = {r[pk.name] for r in rows}
        columns = [f.column_name for f in fields]
        out[_table(model)] = (columns, [[_encode(r[f.name]) for f in fields] for r in rows])
    return {_table(m): out[_table(m)] for m in MODELS}  # files in the order of MODELS


def table_bytes(table: str, columns: list[str], rows: Iterable[list]) -> bytes:
    """A table file: its name, its columns, then one row per line (diffable, deterministic)."""
    head = json.dumps(table, ensure_ascii=False), json.dumps(columns, ensure_ascii=False)
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    return f'{{"table": {head[0]}, "columns": {head[1]},\n"rows": [\n{lines}\n]}}\n'.encode()


def write_package(
    target: Path,
    tables: dict[str, tuple[list[str], list[list]]],
    *,
    branch: dict[str, str],
    year: int | None,
    created_at: datetime,
    attachments: Path | None = None,
) -> dict:
    """Write the zip atomically, with the files of the attachment rows streamed from the
    folder attachments; returns its manifest."""
    files = {name: table_bytes(name, *content) for name, content in tables.items()}
    part = package_files.manifest_part(tables, attachments)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "partybook_version": __version__,
        "schema_version": schema.CURRENT_VERSION,
        "created_at": created_at.replace(microsecond=0).isoformat(),
        "scope": {"kind": "year", "year": year} if year is not None else {"kind": "book"},
        "branch": branch,
        "tables": {
            name: {
                "file": f"{TABLES}{name}.json",
                "rows": len(tables[name][1]),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for name, data in files.items()
        },
        **part,
    }
    target = Path(target)
    try:
        with atomic_write(target, ".zip") as tmp:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
                _put(zf, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
                for name, data in files.items():
                    _put(zf, f"{TABLES}{name}.json", data)
                package_files.write_files(zf, attachments, part)
    except OSError as exc:
        raise PartyBookError(cannot_write(target, exc)) from exc
    return manifest


def _put(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, _ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


# reading --------------------------------------------------------------------------------
# What the JSON tables of one package may expand to, counted while they are read (never from
# the zip's own header, which a forger writes): a branch's are a few MB.
MAX_TABLE_BYTES = 200 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
_CHUNK = 1 << 20


# Rows of all the tables together. A branch's book holds at most a few hundred thousand (a few
# hundred people × their meetings × years); at this cap an import peaks well under 1 GB
# (tests/bench/test_package_memory_bench.py). A township's collection is never one package.
MAX_ROWS = 600_000
_ROW_VALUES = 64  # no table has half as many columns
# A table with fewer JSON values than this (commas and brackets counted, a bound on them) is
# parsed by json at once: even of the smallest values they stay a few hundred MB in memory.
_FAST_VALUES = 6_000_000
_LINE = 4 * 1024 * 1024  # a row's line: its texts are at most a few hundred thousand characters
_LINE_COMMAS = 10_000  # a row's commas, its texts' included


class _TooManyRows(Exception):
    pass


class _Budget:
    """The bytes (and rows) a package may still expand to; beyond them it is refused."""

    def __init__(self, limit: int, who: str) -> None:
        self.left = limit
        self.limit = limit
        self.who = who
        self.rows_left = MAX_ROWS

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise PartyBookError(
                f"{self.who}解压后的数据超过 {self.limit // (1024 * 1024)} MB，"
                "远大于一个支部的台账，可能是损坏或伪造的文件，没有导入。"
            )


def _read_entry(zf: zipfile.ZipFile, name: str, budget: _Budget) -> bytes | bytearray:
    """An entry's bytes, read in chunks and counted against the budget as they expand."""
    data = bytearray()  # grown in place: never the chunks and their join at once
    with zf.open(name) as f:
        while chunk := f.read(_CHUNK):
            budget.take(len(chunk))
            data += chunk
    return bytes(data) if len(data) < _CHUNK else data


def stream_entry(zf: zipfile.ZipFile, name: str, target: Path, limit: int, who: str) -> str:
    """Copy an entry that is not a table (an attachment) to a file on disk, never all of it in
    memory, refusing it beyond limit bytes; returns its SHA-256. For the entries a later format
    adds beside the tables (see _others)."""
    budget = _Budget(limit, who)
    digest = hashlib.sha256()
    with zf.open(name) as f, open(target, "wb") as out:
        while chunk := f.read(_CHUNK):
            budget.take(len(chunk))
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def read_package(source: Path, limit: int = MAX_TABLE_BYTES) -> Package:
    """Read and check a package file; raise PartyBookError in Chinese if it cannot be used.

    Nothing is written anywhere: the caller loads the checked package in one transaction.
    """
    source = Path(source)
    try:
        source.stat()
    except OSError as exc:
        raise PartyBookError(f"无法读取“{source.name}”：{exc.strerror or exc}。") from exc
    return parse_package(source, source.name, limit)


def parse_package(
    raw: bytes | Path, name: str = "数据包", limit: int = MAX_TABLE_BYTES, *, held: bool = False
) -> Package:
    """Check a package given as bytes or as a file (read from the file as needed: a package's
    attachments may be gigabytes, and are never read into memory here). limit: what its JSON
    tables may expand to. held: one a township collection checked row by row when it came in
    and kept since (its bytes as they were): not checked again."""
    who = f"“{name}”"
    if (raw.stat().st_size if isinstance(raw, Path) else len(raw)) == 0:
        raise PartyBookError(f"{who}是空文件（0 字节），不是 PartyBook 数据包，没有导入。")
    try:
        zf = zipfile.ZipFile(raw if isinstance(raw, Path) else io.BytesIO(raw))
    except OSError as exc:
        raise PartyBookError(f"无法读取{who}：{exc.strerror or exc}。") from exc
    except zipfile.BadZipFile as exc:
        raise PartyBookError(
            f"{who}不是 PartyBook 数据包（不是 zip 压缩文件），没有导入。"
            "请选择 PartyBook“导出数据包”得到的文件。"
        ) from exc
    with zf:
        try:
            names = zf.namelist()
            if len(set(names)) != len(names):
                twice = sorted({n for n in names if names.count(n) > 1})
                raise PartyBookError(
                    f"{who}中有同名的文件（{twice[0]}）出现了两次，可能已被改动，没有导入。"
                )
            manifest = _manifest(zf, who)
            tables = _tables(zf, manifest, who, _Budget(limit, who), held)
            package_files.check(zf, manifest, who)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise PartyBookError(f"{who}已损坏，无法读出其中的数据，没有导入（{exc}）。") from exc
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
            raise PartyBookError(f"{who}无法读出（{exc}），没有导入。") from exc
    if isinstance(raw, Path):
        return Package(manifest, tables, None, raw)
    return Package(manifest, tables, raw)


def _manifest(zf: zipfile.ZipFile, who: str) -> dict:
    if MANIFEST not in zf.namelist():
        raise PartyBookError(
            f"{who}不是 PartyBook 数据包（里面没有 {MANIFEST}），没有导入。"
            "Word、Excel 文件或别的压缩包不能作为数据包导入。"
        )
    try:
        text = _read_entry(zf, MANIFEST, _Budget(MAX_MANIFEST_BYTES, who)).decode("utf-8")
        manifest = checks.parse_json(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise PartyBookError(f"{who}的清单（{MANIFEST}）已损坏，没有导入。") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PartyBookError(f"{who}不是 PartyBook 数据包（清单格式不对），没有导入。")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise PartyBookError(f"{who}的数据包格式版本有误（{version!r}），没有导入。")
    if version > FORMAT_VERSION:
        raise PartyBookError(
            f"{who}由更新版本的 PartyBook（{manifest.get('partybook_version', '?')}）导出，"
            f"数据包格式版本 {version}，本程序只认识到版本 {FORMAT_VERSION}。"
            "请先把 PartyBook 升级到新版本，再导入这个数据包。"
        )
    found = manifest.get("schema_version")
    if not isinstance(found, int) or found < 1:
        raise PartyBookError(f"{who}的数据版本有误（{found!r}），没有导入。")
    if found > schema.CURRENT_VERSION:
        raise PartyBookError(
            f"{who}来自数据版本 {found} 的 PartyBook，本程序只认识到数据版本 "
            f"{schema.CURRENT_VERSION}。请先把 PartyBook 升级到新版本，再导入这个数据包。"
        )
    if not isinstance(manifest.get("tables"), dict) or not isinstance(
        manifest.get("branch", {}), dict
    ):
        raise PartyBookError(f"{who}的清单不完整，没有导入。")
    _manifest_values(manifest, who)
    return manifest


def _manifest_values(manifest: dict, who: str) -> None:
    """Every value of the manifest the program reads, of the type it reads it as."""
    scope = manifest.get("scope", {"kind": "book"})
    ok = isinstance(scope, dict) and (
        scope.get("kind") == "book"
        or (
            scope.get("kind") == "year"
            and isinstance(scope.get("year"), int)
            and not isinstance(scope.get("year"), bool)
            and checks.FIRST_DAY.year <= scope["year"] <= checks.LAST_DAY.year
        )
    )
    if not ok:
        raise PartyBookError(f"{who}的清单中“scope”有误（{scope!r}），没有导入。")
    for key, value in manifest.get("branch", {}).items():
        if not isinstance(value, str) or len(value) > checks.SHORT_TEXT:
            raise PartyBookError(f"{who}的清单中支部信息“{key}”有误，没有导入。")
    created = manifest.get("created_at")
    if created is not None:
        try:
            checks.check_value("manifest", DateTimeField(), datetime.fromisoformat(_text(created)))
        except (ValueError, TypeError) as exc:
            raise PartyBookError(f"{who}的清单中导出时间有误（{created!r}），没有导入。") from exc


def _others(zf: zipfile.ZipFile, manifest: dict, who: str) -> None:
    """Entries beside the manifest and the tables. Format 1 has none that it reads; a later
    format's files (attachments) are streamed to disk here with stream_entry, each under its
    own limit, never held in memory."""


def _tables(
    zf: zipfile.ZipFile, manifest: dict, who: str, budget: _Budget, held: bool = False
) -> dict:
    known = {_table(m): m for m in MODELS}
    listed = manifest["tables"]
    names = set(zf.namelist())
    stray = sorted(n for n in names if n.startswith(TABLES) and n[len(TABLES) : -5] not in listed)
    if stray:
        raise PartyBookError(f"{who}含有清单之外的数据文件（{stray[0]}），可能已被改动，没有导入。")
    unknown = [t for t in listed if t not in known]
    if unknown:
        raise PartyBookError(f"{who}中有本程序不认识的数据表“{unknown[0]}”，没有导入。")
    tables = {}
    checker = None if held else checks.RowChecker()
    for model in ordered_models():  # tables after the tables they refer to
        table = _table(model)
        if table not in listed:
            continue
        entry = listed[table]
        file = f"{TABLES}{table}.json"
        if not isinstance(entry, dict) or entry.get("file") != file or file not in names:
            raise PartyBookError(f"{who}缺少数据文件 {file}，没有导入。")
        data = _read_entry(zf, file, budget)
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise PartyBookError(
                f"{who}的内容与清单不符（{file} 的校验值不对）：文件在导出后被改动过或已损坏，"
                "没有导入。请让对方重新导出一份数据包。"
            )
        tables[table] = _table_content(model, data, entry, who, checker, budget)
        del data
    _others(zf, manifest, who)
    return {t: tables[t] for t in listed}


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, i: int) -> int:
    return _SPACE.match(text, i).end()


def _scalar(text: str, i: int) -> tuple[object, int]:
    """One value of a row: text, a number, true/false/null; never a list or an object (no
    column holds one), so a row costs its columns and nothing nested is ever built."""
    if text[i : i + 1] in ("[", "{", ""):
        raise ValueError("a nested value")
    return _DECODER.raw_decode(text, i)


def _array(text: str, i: int, most: int, item, on_item=None) -> tuple[list, int]:
    """A JSON array read item by item (at most `most` items), so its size is known before it
    is all in memory."""
    if text[i : i + 1] != "[":
        raise ValueError("an array expected")
    out: list = []
    i = _skip(text, i + 1)
    if text[i : i + 1] == "]":
        return out, i + 1
    while True:
        if len(out) >= most:
            raise ValueError("too many items")
        if on_item is not None:
            on_item()
        value, i = item(text, i)
        out.append(value)
        i = _skip(text, i)
        if text[i : i + 1] == ",":
            i = _skip(text, i + 1)
        elif text[i : i + 1] == "]":
            return out, i + 1
        else:
            raise ValueError("',' or ']' expected")


def _table_json(text: str, budget: _Budget) -> dict:
    """A table file, parsed without trusting it: its rows one at a time (counted against the
    package's budget of rows), each row's values one at a time (scalars only)."""

    fast = [True]  # the layout table_bytes writes: one row a line, each line parsed whole

    def row(text: str, i: int):
        if fast[0]:
            end = text.find("\n", i, i + _LINE)
            if end != -1 and text.count(",", i, end) < _LINE_COMMAS:
                line = text[i:end]
                try:
                    value, j = _DECODER.raw_decode(line)
                except (ValueError, RecursionError):
                    value, j = None, 0
                if isinstance(value, list) and len(value) <= _ROW_VALUES:
                    if not any(isinstance(v, list | dict) for v in value):
                        return value, i + j
            fast[0] = False  # another layout: every row value by value from here on
        return _array(text, i, _ROW_VALUES, _scalar)

    def count() -> None:
        budget.rows_left -= 1
        if budget.rows_left < 0:
            raise _TooManyRows

    i = _skip(text, 0)
    if text[i : i + 1] != "{":
        raise ValueError("an object expected")
    out: dict = {}
    i = _skip(text, i + 1)
    while text[i : i + 1] != "}":
        key, i = _DECODER.raw_decode(text, i)
        i = _skip(text, i)
        if not isinstance(key, str) or text[i : i + 1] != ":":
            raise ValueError("a key expected")
        i = _skip(text, i + 1)
        if key == "rows":
            out[key], i = _array(text, i, MAX_ROWS, row, count)
        elif key == "columns":
            out[key], i = _array(text, i, _ROW_VALUES, _scalar)
        else:
            out[key], i = _scalar(text, i)
        i = _skip(text, i)
        if text[i : i + 1] == ",":
            i = _skip(text, i + 1)
        elif text[i : i + 1] != "}":
            raise ValueError("',' or '}' expected")
    if _skip(text, i + 1) != len(text):
        raise ValueError("text after the table")
    return out


def _table_content(
    model: type[Model],
    data: bytes | bytearray,
    entry: dict,
    who: str,
    checker: checks.RowChecker | None,
    budget: _Budget,
) -> tuple:
    table = _table(model)
    try:
        small = data.count(b",") + data.count(b"[") <= _FAST_VALUES
        if small:  # json's own speed
            content = json.loads(data.decode("utf-8"))
        else:  # a table this large is read row by row, its size known as it goes
            content = _table_json(data.decode("utf-8"), budget)
        columns, rows = content["columns"], content["rows"]
        if not isinstance(columns, list) or not isinstance(rows, list):
            raise TypeError(table)
        if small:
            budget.rows_left -= len(rows)
            if budget.rows_left < 0:
                raise _TooManyRows
    except _TooManyRows as exc:
        raise PartyBookError(
            f"{who}中的记录超过 {MAX_ROWS:,} 行（读到数据表“{table}”时），远多于一个支部的台账，"
            "可能是损坏或伪造的文件，没有导入。"
        ) from exc
    except RecursionError as exc:
        raise PartyBookError(f"{who}中的数据表“{table}”嵌套层数过多，没有导入。") from exc
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise PartyBookError(f"{who}中的数据表“{table}”无法读取，没有导入。") from exc
    by_column = {f.column_name: f for f in _fields(model)}
    unknown = [c for c in columns if not isinstance(c, str) or c not in by_column]
    if unknown or len(set(columns)) != len(columns):
        raise PartyBookError(
            f"{who}中数据表“{table}”有本程序不认识的字段（{'、'.join(map(str, unknown))}），"
            "没有导入。"
        )
    if len(rows) != entry.get("rows"):
        raise PartyBookError(f"{who}中数据表“{table}”的行数与清单不符，没有导入。")
    if rows and table in checks.NEVER_IN_PACKAGE:
        raise PartyBookError(
            f"{who}中数据表“{table}”应为空（支部的数据包里没有这种记录），可能已被改动，没有导入。"
        )
    checks.clean_names(table, columns, rows)  # as the forms keep names: no invisible characters
    fields = [by_column[c] for c in columns]
    pk = model._meta.primary_key
    if rows and pk.column_name not in columns:
        raise PartyBookError(f"{who}中数据表“{table}”缺少编号字段“{pk.column_name}”，没有导入。")
    decoded = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise PartyBookError(f"{who}中数据表“{table}”第 {n} 行的字段数不对，没有导入。")
        values = []
        for f, value in zip(fields, row, strict=True):
            try:
                values.append(_decode(f, value))
            except (ValueError, TypeError, OverflowError) as exc:
                shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
                raise PartyBookError(
                    f"{who}中数据表“{table}”第 {n} 行“{f.column_name}”的值有误（{shown}），"
                    "没有导入。"
                ) from exc
        decoded.append(values)
    # columns an older package lacks take their defaults: checked as they will be written
    missing = [f for f in _fields(model) if f.column_name not in columns]
    if missing:
        defaults = [f.default() if callable(f.default) else f.default for f in missing]
        decoded = [values + defaults for values in decoded]
    problems = [] if checker is None else checker.table(model, fields + missing, decoded)
    if problems:
        more = f"等 {len(problems)} 处" if len(problems) > 1 else ""
        raise PartyBookError(
            f"{who}中数据表“{table}”{problems[0]}{more}，整个数据包没有导入，数据文件没有任何改动。"
        )
    return columns, rows


# loading --------------------------------------------------------------------------------
def load_tables(package: Package, progress=None) -> dict[str, int]:
    """Insert every row of a checked package into the bound book, ids as they were.

    Call inside one transaction. Columns a package from an older schema lacks take their
    defaults. Returns rows written per table. progress(done, total) is told the rows
    written after each batch (domain/progress.py).
    """
    written = {}
    total = max(1, sum(len(rows) for _, rows in package.tables.values()))
    done = 0
    report = progress or (lambda done, total: None)
    report(0, total)
    for model in ordered_models():
        table = _table(model)
        columns, rows = package.tables.get(table, ([], []))
        fields = _fields(model)
        index = {c: i for i, c in enumerate(columns)}
        records = []
        for row in rows:
            if table == "setting" and book_only(str(row[index["key"]])):
                continue
            values = []
            for f in fields:
                i = index.get(f.column_name)
                if i is None:
                    values.append(f.default() if callable(f.default) else f.default)
                else:
                    values.append(_decode(f, row[i]))
            records.append(values)
        chunk = max(1, 900 // max(1, len(fields)))  # SQLite's limit on bound values
        for start in range(0, len(records), chunk):
            model.insert_many(records[start : start + chunk], fields=fields).execute()
            done += len(records[start : start + chunk])
            if start // chunk % 50 == 49:
                report(min(done, total), total)
        written[table] = len(records)
        report(min(done, total), total)
    return written


def book_only(key: str) -> bool:
    """Whether a setting belongs to the book itself (kept from no package)."""
    return key.startswith(BOOK_ONLY_SETTINGS)


def row_counts() -> dict[str, int]:
    """Rows in every table of the bound book."""
    return {_table(m): m.select().count() for m in MODELS}
