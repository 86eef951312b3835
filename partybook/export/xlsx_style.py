"""The look every PartyBook workbook shares: title rows, header, borders, dates, print setup."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from partybook.domain.errors import PartyBookError
from partybook.domain.validation import clean_text
from partybook.support.files import atomic_write, cannot_write

FONT_NAME = "宋体"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "yyyy-mm-dd"
LINE_HEIGHT = 14.0  # points per wrapped line of 10.5 pt 宋体
MIN_ROW_HEIGHT = 20.0
MIN_HEADER_HEIGHT = 30.0


@dataclass(frozen=True)
class SheetColumn:
    """A column of a written sheet: header, width in characters, and how cells look."""

    header: str
    width: float
    date_format: str | None = None  # set for date columns, e.g. "yyyy-mm-dd"
    center: bool = False
    text: bool = False  # keep digits as text (ID numbers, phones)


def _body_font() -> Font:
    return Font(name=FONT_NAME, size=10.5)


def _style_name(col: SheetColumn) -> str:
    if col.text:
        return "pb_text"
    if col.date_format:
        return f"pb_date {col.date_format}"
    return "pb_center" if col.center else "pb_cell"


def _ensure_styles(wb: Workbook, columns: Sequence[SheetColumn]) -> None:
    """Register the named styles these columns need (a shared style halves openpyxl's cost)."""
    have = set(wb.named_styles)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    specs = {
        "pb_header": dict(
            font=Font(name=FONT_NAME, size=11, bold=True),
            fill=PatternFill("solid", fgColor="E7E6E6"),
            alignment=center,
        ),
        "pb_cell": dict(font=_body_font(), alignment=Alignment(vertical="center", wrap_text=True)),
        "pb_center": dict(font=_body_font(), alignment=center),
        # IDs and phones never wrap: a broken 18-digit number is worse than a wide column
        "pb_text": dict(
            font=_body_font(),
            number_format="@",
            alignment=Alignment(horizontal="center", vertical="center"),
        ),
    }
    for col in columns:
        if col.date_format:
            specs[_style_name(col)] = dict(
                font=_body_font(),
                number_format=col.date_format,
                alignment=Alignment(horizontal="center", vertical="center"),
            )
    for name, spec in specs.items():
        if name not in have:
            wb.add_named_style(NamedStyle(name=name, border=BOX, **spec))


def text_width(text: str) -> float:
    """Width of text in Excel column units: CJK and full-width characters count two."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def _lines(value: object, width: float) -> int:
    """How many lines a wrapped value takes in a column of this width (a close estimate)."""
    if not isinstance(value, str) or not value:
        return 1
    room = max(width - 1.0, 1.0)  # cell padding
    return sum(max(1, math.ceil(text_width(part) / room)) for part in value.split("\n"))


def _row_height(columns: Sequence[SheetColumn], values: Sequence[object], least: float) -> float:
    # Rows get an explicit height because WPS and Excel do not re-fit wrapped rows on opening.
    wrapping = (_lines(v, c.width) for c, v in zip(columns, values, strict=True) if not c.text)
    return max(least, max(wrapping, default=1) * LINE_HEIGHT + 6)


def _clean(value: object) -> object:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        # Control characters pasted from Word make openpyxl refuse the whole cell; invisible
        # and bidi-control characters (U+202E, zero-width) disguise what a cell says.
        return clean_text(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell. Text is always text: openpyxl would make `=HYPERLINK(…)`, a name or a
    note typed (or imported) as `=cmd|…`, a live formula that Excel or WPS runs on opening; here
    whatever its first character (= + - @, a tab, CR), it stays a string (data_type "s")."""
    value = _clean(value)
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def write_table(
    ws: Worksheet,
    title: str,
    subtitle: str | None,
    columns: Sequence[SheetColumn],
    rows: Sequence[Sequence[object]],
    *,
    landscape: bool = True,
) -> int:
    """Title, optional subtitle, header and bordered rows with print setup; returns the last row.

    The header sits on row 3 (row 2 without a subtitle); data follows directly below it.
    """
    _ensure_styles(ws.parent, columns)
    ncols = len(columns)
    _merged_line(ws, 1, ncols, title, Font(name=FONT_NAME, size=16, bold=True), "center", 32)
    header_row = 2
    if subtitle:
        _merged_line(ws, 2, ncols, subtitle, _body_font(), "left", 20)
        header_row = 3
    for i, col in enumerate(columns, start=1):
        put(ws, header_row, i, col.header).style = "pb_header"
        ws.column_dimensions[get_column_letter(i)].width = col.width
    headers = [c.header for c in columns]
    ws.row_dimensions[header_row].height = _row_height(columns, headers, MIN_HEADER_HEIGHT)
    styles = [_style_name(c) for c in columns]
    for r, values in enumerate(rows, start=header_row + 1):
        values = [_clean(v) for v in values]
        for i, (col, style, value) in enumerate(zip(columns, styles, values, strict=True), 1):
            if col.text and value is not None:
                value = str(value)
            put(ws, r, i, value).style = style
        ws.row_dimensions[r].height = _row_height(columns, values, MIN_ROW_HEIGHT)
    last_row = header_row + len(rows)
    last_col = get_column_letter(ncols)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.auto_filter.ref = f"A{header_row}:{last_col}{last_row}"
    _print_setup(ws, header_row, landscape)
    return last_row


def township_subtitle(branch, on: date) -> str:
    """The line under a sheet's title that township templates ask for."""
    return f"所属党委：{branch.committee or '　　'}　　　填报日期：{date_line(on)}"


def add_note(ws: Worksheet, row: int, ncols: int, text: str, *, bold: bool = False) -> None:
    """A merged, left-aligned note under a table (totals, remarks), as wide as the table;
    a long note wraps onto as many lines as it needs."""
    font = Font(name=FONT_NAME, size=10.5, bold=bold)
    width = sum(ws.column_dimensions[get_column_letter(i)].width or 9 for i in range(1, ncols + 1))
    height = max(MIN_ROW_HEIGHT, _lines(text, width) * LINE_HEIGHT + 6)
    _merged_line(ws, row, ncols, text, font, "left", height)
    ws.cell(row, 1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _merged_line(
    ws: Worksheet, row: int, ncols: int, text: str, font: Font, horizontal: str, height: float
) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    cell = put(ws, row, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="center")
    ws.row_dimensions[row].height = height


def _print_setup(ws: Worksheet, header_row: int, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = 9


def date_line(on: date) -> str:
    """A date as the forms write it: 2026年11月22日."""
    return f"{on.year}年{on.month}月{on.day}日"


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Save atomically: a temp file beside the target, then rename; never a half-written file.

    Raises PartyBookError with a Chinese message when the file cannot be written.
    """
    path = Path(path)
    try:
        with atomic_write(path, ".xlsx") as tmp:
            wb.save(tmp)
    except OSError as exc:
        raise PartyBookError(cannot_write(path, exc)) from exc
    return path
