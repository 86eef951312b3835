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


class MonthDate(date):
    """A date known only to its month ("2003年6月", "1995.7" on a roster): held as the month's
    1st so it sorts and compares as dates do, but shown and exported as "1995.07", never with a
    made-up day. Made with a day other than the 1st (by date arithmetic) it is a plain date."""

    def __new__(cls, year, month=None, day=1):  # noqa: ANN001 - date's own forms
        if month is None:  # unpickling and copying pass date's packed state
            return super().__new__(cls, year)
        if day != 1:
            return date(year, month, day)
        return super().__new__(cls, year, month, 1)

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"

    def __str__(self) -> str:
        return month_text(self)


def month_only(d: date | None) -> bool:
    """Whether d is known only to its month."""
    return isinstance(d, MonthDate)


def month_text(d: date) -> str:
    """1995.07"""
    return f"{d.year}.{d.month:02d}"


def exact(d: date | None) -> date | None:
    """d as a plain date (a month-only one as its 1st): for fields that need a day."""
    return date(d.year, d.month, d.day) if isinstance(d, MonthDate) else d


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def age_bounds(birth: date, day: date) -> tuple[int, int]:
    """The least and the most full years of age on day: one number twice when both are exact;
    a date known only to its month may be any day of it (born on its last day and the day its
    1st give the least; born on the 1st and the day its last the most)."""
    first_birth, last_birth = exact(birth), birth
    first_day, last_day = exact(day), day
    if isinstance(birth, MonthDate):
        last_birth = month_end(birth)
    if isinstance(day, MonthDate):
        last_day = month_end(day)
    return age_on(last_birth, first_day), age_on(first_birth, last_day)


def too_young(birth: date, day: date, years: int, what: str) -> tuple[bool, str]:
    """(surely, message) when the person was, or may have been, under `years` on day (what
    names the day, e.g. "递交申请书时"); (False, "") when surely old enough. A date known only
    to its month may leave it open: the message says so and asks for the day."""
    least, most = age_bounds(birth, day)
    if least >= years:
        return False, ""
    if most < years:
        return True, f"{what}（{day}）不满{years}岁（出生于 {birth}）"
    return False, (
        f"出生日期（{birth}）或{what.removesuffix('时')}日期（{day}）只知道到月，"
        f"不能确定{what}是否已满{years}岁，请补全到日（出生日期可看身份证号）"
    )


def _make(year: int, month: int, day: int, shown: str) -> date:
    if not 1 <= month <= 12:
        raise InvalidValue(f"“{shown}”不是有效日期：没有{month}月。")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InvalidValue(f"“{shown}”不是有效日期：{year}年{month}月没有{day}日。")
    if year < 1900:
        raise InvalidValue(f"“{shown}”的年份 {year} 不合理。")
    return date(year, month, day)


def _month(year: int, month: int, shown: str) -> MonthDate:
    made = _make(year, month, 1, shown)
    return MonthDate(made.year, made.month)


def _from_digits(digits: str, shown: str) -> date:
    if len(digits) == 4:
        raise InvalidValue(f"“{shown}”只有年份，请写出月份，如 {digits}.07。")
    if len(digits) == 8:
        return _make(int(digits[:4]), int(digits[4:6]), int(digits[6:]), shown)
    if len(digits) == 6:
        return _month(int(digits[:4]), int(digits[4:]), shown)
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
                return _month(int(whole), int(fraction), str(value))
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
    precision (2026.11, 2026-11, 2026年11月, 202611) as a MonthDate (the month's 1st, marked as
    known only to the month). Numbers from cells:
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
        return _month(int(match[1]), int(match[2]), shown)
    raise InvalidValue(f"无法识别的日期“{shown}”，{HINT}。")


def format_date(d: date | None) -> str:
    """2026-11-22, 1995.07 for a date known only to its month, or "" for no date."""
    if not d:
        return ""
    return month_text(d) if isinstance(d, MonthDate) else d.isoformat()


def add_months(d: date, n: int) -> date:
    """n months later (earlier if negative); 31 Jan + 1 month = the last day of February."""
    return d + relativedelta(months=n)


def add_years(d: date, n: int) -> date:
    """n years later; 29 Feb + 1 year = 28 Feb."""
    return d + relativedelta(years=n)


def age_on(birth: date, day: date) -> int:
    """Full years of age on day."""
    return relativedelta(day, birth).years
