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


@dataclass
class Sheet:
    """One worksheet: its name and its rows (str, int, float, datetime or None per cell)."""

    name: str
    rows: list[list[object]]


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
                # Some programs write a wrong used range (A1:A1); read every row that is there.
                ws.reset_dimensions()
                rows = [list(r) for r in ws.iter_rows(values_only=True)]
                sheets.append(Sheet(ws.title, _trim(rows)))
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
            sheets.append(Sheet(sh.name, _trim(rows)))
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
    rows = [
        [v if v.strip() else None for v in r]
        for r in csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    ]
    return Sheet(path.stem, _trim(rows))


class _Tables(HTMLParser):
    """The cells of each <table> in a web page saved as .xls; colspan/rowspan leave None."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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
            self.tables[-1][-1].extend([text or None] + [None] * (self._span - 1))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _read_html(path: Path) -> list[Sheet]:
    raw = path.read_bytes()
    text = _decode(raw)
    if text is None:
        raise _broken(path)
    parser = _Tables()
    parser.feed(text)
    parser.close()
    tables = [t for t in parser.tables if any(t)]
    if not tables:
        raise _broken(path)
    names = [path.stem] if len(tables) == 1 else [f"表{i + 1}" for i in range(len(tables))]
    return [Sheet(name, _trim(rows)) for name, rows in zip(names, tables, strict=True)]
