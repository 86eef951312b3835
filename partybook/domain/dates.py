"""Reading the date forms found in branch spreadsheets, and month/year arithmetic (dateutil)."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from partybook.domain.errors import InvalidValue

HINT = "请写成 2026-11-22、2026.11.22、2026年11月22日、2026.11 或 20261122 这样的形式"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－／：　", "0123456789.-/: ")
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's 1900 date system, counting its phantom 29 Feb 1900
# Serials are read from 61 (1900-03-01, where the phantom day stops mattering) to 2119.
_EXCEL_FIRST, _EXCEL_LAST = 61, 80000
_YMD = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?$")
_YM = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _make(year: int, month: int, day: int, shown: str) -> date:
    if not 1 <= month <= 12:
        raise InvalidValue(f"“{shown}”不是有效日期：没有{month}月。")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InvalidValue(f"“{shown}”不是有效日期：{year}年{month}月没有{day}日。")
    if year < 1900:
        raise InvalidValue(f"“{shown}”的年份 {year} 不合理。")
    return date(year, month, day)


def _from_digits(digits: str, shown: str) -> date:
    if len(digits) == 4:
        raise InvalidValue(f"“{shown}”只有年份，请写出月份，如 {digits}.07。")
    if len(digits) == 8:
        return _make(int(digits[:4]), int(digits[4:6]), int(digits[6:]), shown)
    if len(digits) == 6:
        return _make(int(digits[:4]), int(digits[4:]), 1, shown)
    raise InvalidValue(f"无法识别的日期“{shown}”，{HINT}。")


def _from_number(value: int | float) -> date:
    """A number from a cell: yyyymmdd, yyyymm, yyyy.mm (typed 2006.11), or an Excel serial."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = repr(value).partition(".")
        if 1900 <= value < 2101:
            # A cell typed 2006.11 holds the number 2006.11; Excel keeps 2006.10 as 2006.1.
            if fraction == "1":
                raise InvalidValue(
                    f"“{value}”分不清是{whole}年1月还是{whole}年10月（Excel 把 {whole}.10 存成了 "
                    f"{whole}.1）；请把这一列设为“文本”格式，或写成 {whole}-10 这样的形式。"
                )
            if len(fraction) <= 2:
                return _make(int(whole), int(fraction), 1, str(value))
            raise InvalidValue(f"无法识别的日期“{value}”，{HINT}。")
        if _EXCEL_FIRST <= value < _EXCEL_LAST:
            return _EXCEL_EPOCH + timedelta(days=int(value))  # a serial with a time of day
        raise InvalidValue(f"无法识别的日期“{value}”，{HINT}。")
    number = int(value)
    if 1900 <= number <= 2100:
        raise InvalidValue(f"“{number}”只有年份，请写出月份，如 {number}.07。")
    if _EXCEL_FIRST <= number < _EXCEL_LAST:
        return _EXCEL_EPOCH + timedelta(days=number)
    return _from_digits(str(number), str(number))


def parse_date(value: object) -> date | None:
    """A date from a cell or a text box; None when empty; InvalidValue when it is no date.

    Accepts real dates, 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日, 20261122, and month
    precision (2026.11, 2026-11, 2026年11月, 202611) as the 1st of the month. Numbers from cells:
    20261122, 202611, 2026.11 (a cell typed 2026.11; 2026.1 is refused, as it may have been
    2026.10), and otherwise a whole or fractional number from 61 to 79999 is an Excel date serial
    (1900 date system), which is how a date arrives from a cell whose format was lost.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise InvalidValue(f"无法识别的日期“{value}”，{HINT}。")
    if isinstance(value, int | float):
        return _from_number(value)
    text = str(value).translate(_FULL_WIDTH).strip()
    if not text:
        return None
    shown = str(value).strip()
    text = _TIME_TAIL.sub("", text).strip()
    if text.isdigit():
        return _from_digits(text, shown)
    match = _YMD.match(text)
    if match:
        return _make(*(int(g) for g in match.groups()), shown)
    match = _YM.match(text)
    if match:
        return _make(int(match[1]), int(match[2]), 1, shown)
    raise InvalidValue(f"无法识别的日期“{shown}”，{HINT}。")


def format_date(d: date | None) -> str:
    """2026-11-22, or "" for no date."""
    return d.isoformat() if d else ""


def add_months(d: date, n: int) -> date:
    """n months later (earlier if negative); 31 Jan + 1 month = the last day of February."""
    return d + relativedelta(months=n)


def add_years(d: date, n: int) -> date:
    """n years later; 29 Feb + 1 year = 28 Feb."""
    return d + relativedelta(years=n)


def age_on(birth: date, day: date) -> int:
    """Full years of age on day."""
    return relativedelta(day, birth).years
