"""Reading .xlsx, .xls and .csv files into plain rows of cell values."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from partybook.domain.errors import PartyBookError

SUPPORTED = (".xlsx", ".xlsm", ".xls", ".csv")


@dataclass
class Sheet:
    """One worksheet: its name and its rows (str, int, float, datetime or None per cell)."""

    name: str
    rows: list[list[object]]


def _trim(rows: list[list[object]]) -> list[list[object]]:
    def empty(v: object) -> bool:
        return v is None or (isinstance(v, str) and not v.strip())

    rows = [list(r) for r in rows]
    while rows and all(empty(v) for v in rows[-1]):
        rows.pop()
    width = max(
        (max((i + 1 for i, v in enumerate(r) if not empty(v)), default=0) for r in rows), default=0
    )
    return [r[:width] + [None] * (width - len(r[:width])) for r in rows]


def read_sheets(path: Path) -> list[Sheet]:
    """All sheets of a spreadsheet file; a Chinese PartyBookError if it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise PartyBookError(f"找不到文件“{path}”。")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise PartyBookError(f"“{path.name}”不是表格文件：只能导入 .xlsx、.xls 或 .csv 文件。")
    try:
        if suffix == ".csv":
            return [_read_csv(path)]
        if suffix == ".xls":
            return _read_xls(path)
        return _read_xlsx(path)
    except PartyBookError:
        raise
    except PermissionError as exc:
        raise PartyBookError(
            f"无法读取“{path.name}”：文件可能正在被 Excel 或 WPS 打开，请关闭后再试。"
        ) from exc
    except Exception as exc:  # every reader has its own errors for a broken file
        raise PartyBookError(
            f"无法读取“{path.name}”：文件可能已损坏、设置了密码，或者不是 Excel 文件。"
        ) from exc


def _read_xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        if path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise PartyBookError(
                f"“{path.name}”设置了打开密码，或其实是旧的 .xls 文件：请在 Excel 中去掉密码，"
                "或另存为 .xlsx 后再导入。"
            )
        raise PartyBookError(f"无法读取“{path.name}”：文件已损坏或不是 Excel 文件。")
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        return [
            Sheet(ws.title, _trim([list(r) for r in ws.iter_rows(values_only=True)]))
            for ws in wb.worksheets
        ]
    finally:
        wb.close()


def _read_xls(path: Path) -> list[Sheet]:
    import xlrd

    book = xlrd.open_workbook(str(path))
    sheets = []
    for sh in book.sheets():
        rows = []
        for r in range(sh.nrows):
            row: list[object] = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    row.append(int(cell.value) if float(cell.value).is_integer() else cell.value)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    row.append(None)
                else:
                    row.append(cell.value)
            rows.append(row)
        sheets.append(Sheet(sh.name, _trim(rows)))
    return sheets


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PartyBookError(f"无法识别“{path.name}”的文字编码，请在 Excel 中另存为 .xlsx 再导入。")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [[v if v.strip() else None for v in r] for r in csv.reader(io.StringIO(text), dialect)]
    return Sheet(path.stem, _trim(rows))
