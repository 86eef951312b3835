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
        (46348, D),  # an Excel date serial
        (46348.0, D),
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
        ("2025.02.29", "2025年2月没有29日"),
        ("2026-02-30", "2月没有30日"),
        ("2026-04-31", "4月没有31日"),
        ("2026.13", "没有13月"),
        ("2026-00-10", "没有0月"),
        ("20261301", "没有13月"),
        ("2026", "只有年份"),
        (2026, "只有年份"),
        ("26.11.22", "无法识别"),
        ("十一月", "无法识别"),
        ("2026-11-22-1", "无法识别"),
        (True, "无法识别"),
    ],
)
def test_refused_forms_say_why(value, message) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_date(value)


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


def test_add_years_from_a_leap_day() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


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
