"""Reading .xlsx, .xls and .csv files into plain rows of cell values."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from partybook.domain.errors import PartyBookError

SUPPORTED = (".xlsx", ".xlsm", ".xls", ".csv")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old compound file: .xls, or an encrypted .xlsx
# Doubles keep 15 significant digits: a longer whole number (an ID number typed into a number
# cell) has already lost its last digits, so it stays a float for the importer to refuse.
_EXACT_LIMIT = 10**15
# What one import reads at most: a roster has a few dozen columns and a few thousand rows. A
# sheet beyond it (a few cells at column XFD, a colspan of 100 000 000, a million-row CSV) is
# refused with its name and size, before it can fill the memory.
MAX_ROWS = 65_536
MAX_COLUMNS = 256


@dataclass
class Sheet:
    """One worksheet: its name and its rows (str, int, float, datetime or None per cell)."""

    name: str
    rows: list[list[object]]
    hidden: bool = False  # hidden or very hidden in Excel: not read unless asked for by name


def _empty(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _trim(rows: list[list[object]]) -> list[list[object]]:
    """Trailing empty rows and columns removed; every row padded to the same width."""
    rows = [list(r) for r in rows]
    while rows and all(_empty(v) for v in rows[-1]):
        rows.pop()
    width = max(
        (max((i + 1 for i, v in enumerate(r) if not _empty(v)), default=0) for r in rows), default=0
    )
    return [r[:width] + [None] * (width - len(r[:width])) for r in rows]


def _too_big(path: Path, sheet: str, rows: int | None = None, column: int | None = None):
    if column is not None:
        size = f"有数据写到第 {column} 列（{_letters(column)} 列）"
        limit = f"{MAX_COLUMNS} 列"
    else:
        size = f"有 {rows} 行以上"
        limit = f"{MAX_ROWS} 行"
    return PartyBookError(
        f"“{path.name}”的工作表“{sheet}”{size}，超过一次导入的上限（{limit}），没有导入。"
        "请删去多余的行列（或把要导入的部分复制到一个新的工作簿）后再导入。"
    )


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _bounded(path: Path, sheet: str, rows) -> list[list[object]]:
    """Rows read one at a time, refused as soon as data lies beyond the limits; empty cells and
    rows out there (some programs format a whole column) are let go."""
    out: list[list[object]] = []
    for n, values in enumerate(rows, start=1):
        row = list(values)
        if len(row) > MAX_COLUMNS:
            beyond = [i for i, v in enumerate(row[MAX_COLUMNS:], MAX_COLUMNS + 1) if not _empty(v)]
            if beyond:
                raise _too_big(path, sheet, column=beyond[-1])
            row = row[:MAX_COLUMNS]
        if n > MAX_ROWS:
            if any(not _empty(v) for v in row):
                raise _too_big(path, sheet, rows=MAX_ROWS)
            continue
        out.append(row)
    return out


def _broken(path: Path) -> PartyBookError:
    return PartyBookError(f"无法读取“{path.name}”：文件可能已损坏或不是 Excel 文件。")


def _locked(path: Path) -> PartyBookError:
    return PartyBookError(
        f"“{path.name}”设置了密码，无法读取：请在 Excel 或 WPS 中打开它，去掉密码"
        "（文件 → 信息 → 保护工作簿 / 文档加密）后另存，再导入。"
    )


def read_sheets(path: Path | str) -> list[Sheet]:
    """All sheets of a spreadsheet file; a Chinese PartyBookError if it cannot be read.

    The content decides how the file is read, not only its extension: WPS and township systems
    often save an .xlsx named .xls, or a web page or tab-separated text named .xls.
    """
    path = Path(path)
    if not path.is_file():
        raise PartyBookError(f"找不到文件“{path}”。")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise PartyBookError(f"“{path.name}”不是表格文件：只能导入 .xlsx、.xls 或 .csv 文件。")
    try:
        head = path.read_bytes()[:2048]
        if head.startswith(b"PK") and zipfile.is_zipfile(path):
            return _read_xlsx(path)
        if head.startswith(_OLE2):
            return _read_xls(path)
        if suffix == ".csv":
            return [_read_csv(path)]
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            if b"<table" in head.lower() or b"<html" in head.lower():
                return _read_html(path)
            raise PartyBookError(
                f"“{path.name}”是 XML 格式的表格：请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。"
            )
        if suffix == ".xls" and b"\t" in head and b"\0" not in head:
            if _decode(path.read_bytes()) is not None:
                return [_read_csv(path)]  # "Excel" exports that are really tab-separated text
        raise _broken(path)
    except PartyBookError:
        raise
    except PermissionError as exc:
        raise PartyBookError(
            f"无法读取“{path.name}”：文件可能正在被 Excel 或 WPS 打开，请关闭后再试。"
        ) from exc
    except Exception as exc:  # every reader has its own errors for a broken file
        raise _broken(path) from exc


def _read_xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise _broken(path)  # a .docx, a .zip or an .ods under another name
    # A file object, as openpyxl refuses a name ending .xls even when the content is .xlsx.
    with open(path, "rb") as stream:
        wb = load_workbook(stream, read_only=True, data_only=True)
        try:
            sheets = []
            for ws in wb.worksheets:
                hidden = ws.sheet_state != "visible"
                # Some programs write a wrong used range (A1:A1); read every row that is there.
                ws.reset_dimensions()
                rows = _bounded(path, ws.title, ws.iter_rows(values_only=True))
                sheets.append(Sheet(ws.title, _trim(rows), hidden))
            return sheets
        finally:
            wb.close()


def _xls_number(value: float) -> int | float:
    """A number cell: whole numbers as int (13907390001, not 13907390001.0) while exact."""
    return int(value) if value.is_integer() and abs(value) < _EXACT_LIMIT else value


def _read_xls(path: Path) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except xlrd.XLRDError as exc:
        text = str(exc).lower()
        if "encrypted" in text or "EncryptionInfo".encode("utf-16-le") in path.read_bytes():
            raise _locked(path) from exc
        raise _broken(path) from exc
    try:
        sheets = []
        for sh in book.sheets():
            if sh.nrows > MAX_ROWS:
                raise _too_big(path, sh.name, rows=MAX_ROWS)
            if sh.ncols > MAX_COLUMNS:
                raise _too_big(path, sh.name, column=sh.ncols)
            rows = []
            for r in range(sh.nrows):
                row: list[object] = []
                for cell in sh.row(r):
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    elif cell.ctype == xlrd.XL_CELL_NUMBER:
                        row.append(_xls_number(float(cell.value)))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        row.append(None)
                    elif cell.ctype == xlrd.XL_CELL_ERROR:
                        row.append(None)  # #N/A, #REF! …: nothing usable in the cell
                    else:
                        row.append(cell.value)
                rows.append(row)
            sheets.append(Sheet(sh.name, _trim(rows), sh.visibility != 0))
        return sheets
    finally:
        book.release_resources()


def _decode(raw: bytes) -> str | None:
    """Text in UTF-8 (with or without BOM) or GB18030, the superset of Windows' GBK."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one used most in the first lines (csv.Sniffer is too fussy
    for rows with empty cells). Chinese text writes its own ，and ；, so the ASCII ones are
    separators."""
    head = text.splitlines()[:30]
    counts = {d: sum(line.count(d) for line in head) for d in ",\t;"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path) -> Sheet:
    text = _decode(path.read_bytes())
    if text is None:
        raise PartyBookError(f"无法识别“{path.name}”的文字编码，请在 Excel 中另存为 .xlsx 再导入。")
    rows = _bounded(
        path,
        path.stem,
        (
            [v if v.strip() else None for v in r]
            for r in csv.reader(io.StringIO(text), delimiter=_delimiter(text))
        ),
    )
    return Sheet(path.stem, _trim(rows))


class _Tables(HTMLParser):
    """The cells of each <table> in a web page saved as .xls; colspan/rowspan leave None."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self._path = path
        self.tables: list[list[list[object]]] = []
        self._cell: list[str] | None = None
        self._span = 1
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif self._depth == 1 and tag == "tr":
            if len(self.tables[-1]) >= MAX_ROWS:
                raise _too_big(self._path, self._name(), rows=MAX_ROWS)
            self.tables[-1].append([])
        elif self._depth == 1 and tag in ("td", "th") and self.tables[-1]:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1
        elif self._cell is not None and tag == "br":
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth = max(0, self._depth - 1)
        elif tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            row = self.tables[-1][-1]
            if len(row) >= MAX_COLUMNS:
                if text:
                    raise _too_big(self._path, self._name(), column=len(row) + 1)
            else:  # a colspan of 100 000 000 is cut at the limit, not kept
                span = min(self._span, MAX_COLUMNS - len(row))
                row.extend([text or None] + [None] * (span - 1))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _name(self) -> str:
        return f"表{len(self.tables)}" if len(self.tables) > 1 else self._path.stem


def _read_html(path: Path) -> list[Sheet]:
    raw = path.read_bytes()
    text = _decode(raw)
    if text is None:
        raise _broken(path)
    parser = _Tables(path)
    parser.feed(text)
    parser.close()
    tables = [t for t in parser.tables if any(t)]
    if not tables:
        raise _broken(path)
    names = [path.stem] if len(tables) == 1 else [f"表{i + 1}" for i in range(len(tables))]
    return [Sheet(name, _trim(rows)) for name, rows in zip(names, tables, strict=True)]
