"""Working days on China's calendar (holidays and 调休 make-up days), with a plain fallback."""

from __future__ import annotations

from datetime import date, timedelta


def _calendar_says(day: date) -> bool | None:
    """True/False from chinese-calendar, or None for a year it does not know."""
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - it is a dependency, but never fail over it
        return None
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def is_workday(day: date) -> tuple[bool, bool]:
    """(is it a working day, is that known from the holiday calendar rather than Mon–Fri)."""
    known = _calendar_says(day)
    if known is None:
        return day.weekday() < 5, False
    return known, True


def add_working_days(start: date, count: int) -> tuple[date, bool]:
    """The day `count` working days after start (before it if negative), and whether every
    day on the way was known to the holiday calendar (False: Mon–Fri was assumed somewhere)."""
    step = 1 if count >= 0 else -1
    day, left, all_known = start, abs(count), True
    while left:
        day += timedelta(days=step)
        working, known = is_workday(day)
        all_known &= known
        if working:
            left -= 1
    return day, all_known


def notice_end(start: date, days: int, working: bool) -> tuple[date, bool]:
    """Last day of a 公示 of `days` (working) days starting on start (start counts if working)."""
    if not working:
        return start + timedelta(days=days - 1), True
    first_working, known = is_workday(start)
    if first_working:
        end, rest_known = add_working_days(start, days - 1)
    else:
        end, rest_known = add_working_days(start, days)
    return end, known and rest_known
