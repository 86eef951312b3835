"""Every date form a branch spreadsheet uses, impossible dates, and month/year arithmetic."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from partybook.domain.dates import add_months, add_years, age_on, format_date, parse_date
from partybook.domain.errors import InvalidValue

D = date(2026, 11, 22)
M = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D, D),
        (datetime(2026, 11, 22, 15, 30), D),
        ("2026-11-22", D),
        ("2026/11/22", D),
        ("2026.11.22", D),
        ("2026年11月22日", D),
        ("2026年11月22号", D),
        (" 2026 年 11 月 22 日 ", D),
        ("20261122", D),
        (20261122, D),
        ("2026-11-22 00:00:00", D),
        ("２０２６．１１．２２", D),
        ("2026-1-5", date(2026, 1, 5)),
        ("2026.11", M),
        ("2026-11", M),
        ("2026/11", M),
        ("2026年11月", M),
        ("202611", M),
        (202611, M),
        ("2026年1月5日", date(2026, 1, 5)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026.1", date(2026, 1, 1)),  # typed as text, 2026.1 is plainly January
        ("２０２６年１１月", M),
        ("2026/11/22 0:00", D),
        ("2026-11-22T08:30:00", D),
        (20261122.0, D),
        (200611, date(2006, 11, 1)),
        (200611.0, date(2006, 11, 1)),
        (2006.11, date(2006, 11, 1)),  # a cell typed 2006.11 holds a number
        (2006.05, date(2006, 5, 1)),
        (2006.5, date(2006, 5, 1)),
        (46348, D),  # an Excel date serial (1900 date system)
        (46348.0, D),
        (46348.75, D),  # a serial with a time of day
        (61, date(1900, 3, 1)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_accepted_forms(value, expected) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-29", "2026年2月没有29日"),
        ("1900-02-29", "1900年2月没有29日"),
        ("2100.02.29", "2100年2月没有29日"),
        ("20250229", "2025年2月没有29日"),
        ("2025.02.29", "2025年2月没有29日"),
        ("2026-02-30", "2月没有30日"),
        ("2026-04-31", "4月没有31日"),
        ("2026.13", "没有13月"),
        ("2026-00-10", "没有0月"),
        ("20261301", "没有13月"),
        ("2026", "只有年份"),
        (2026, "只有年份"),
        ("2026年13月", "没有13月"),
        ("26.11.22", "无法识别"),
        ("26年11月22日", "无法识别"),
        ("1899-12-31", "年份 1899"),
        (2006.1, "分不清是2006年1月还是2006年10月"),
        (2006.13, "没有13月"),
        (2006.111, "无法识别"),
        (60, "无法识别"),  # below 61 a serial would fall before Excel's phantom 29 Feb 1900
        (0, "无法识别"),
        (-5, "无法识别"),
        ("十一月", "无法识别"),
        ("2026-11-22-1", "无法识别"),
        (True, "无法识别"),
    ],
)
def test_refused_forms_say_why(value, message) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_date(value)


def test_the_exact_messages() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_date("2026-02-30")
    assert str(caught.value) == "“2026-02-30”不是有效日期：2026年2月没有30日。"
    with pytest.raises(InvalidValue) as caught:
        parse_date("xxx")
    assert str(caught.value) == (
        "无法识别的日期“xxx”，请写成 2026-11-22、2026.11.22、2026年11月22日、2026.11 或 "
        "20261122 这样的形式。"
    )


def test_leap_day_is_accepted_in_leap_years() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date("2000.02.29") == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 11, 22), 6, date(2027, 5, 22)),
        (date(2026, 11, 22), -12, date(2025, 11, 22)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), -1, date(2023, 2, 28)),
        (date(2000, 2, 29), 100, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2025, 11, 22), 1, date(2026, 11, 22)),
    ],
)
def test_add_years_from_a_leap_day(start, years, expected) -> None:
    assert add_years(start, years) == expected


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2008, 11, 22), date(2026, 11, 22), 18),
        (date(2008, 11, 23), date(2026, 11, 22), 17),
        # consistent with add_years: 29 Feb + 18 years = 28 Feb, the day one turns 18
        (date(2008, 2, 29), date(2026, 2, 27), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 18),
    ],
)
def test_age_on_the_exact_boundary(birth, day, age) -> None:
    assert age_on(birth, day) == age


def test_format_date() -> None:
    assert format_date(D) == "2026-11-22"
    assert format_date(None) == ""
