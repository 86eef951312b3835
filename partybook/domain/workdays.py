"""Working days on China's calendar (holidays and 调休 make-up days), with a plain fallback.

Three sources, in this order: a year's 放假安排 the secretary entered from the State Council's
notice (a setting of the book); chinese-calendar, which knows the years up to its release (1.11:
to 2026); otherwise Monday to Friday, said so wherever a count used it. (The `holidays`
package was weighed as a second source: 14 MB installed, and it has no 调休 make-up working
days for a year chinese-calendar does not know either.)"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from partybook.domain.dates import parse_date
from partybook.domain.errors import InvalidValue

ENTERED, LIBRARY, WEEKDAYS = "entered", "chinese-calendar", "weekdays"
SOURCE_WORDS = {
    ENTERED: "按支部录入的放假安排",
    LIBRARY: "按 chinese-calendar 的节假日",
    WEEKDAYS: "该年节假日未知，按周一至周五计算",
}


@dataclass(frozen=True)
class YearSchedule:
    """One year's 放假安排: the days off that would be working days (holidays), and the
    weekend days that are working days (调休上班)."""

    year: int
    off: frozenset[date] = frozenset()
    on: frozenset[date] = frozenset()


Schedules = Mapping[int, YearSchedule]


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


def source_of(day: date, schedules: Schedules | None = None) -> str:
    """Where the working days of day's year come from: ENTERED, LIBRARY or WEEKDAYS."""
    if schedules and day.year in schedules:
        return ENTERED
    return LIBRARY if _calendar_says(day) is not None else WEEKDAYS


def working_day(day: date, schedules: Schedules | None = None) -> tuple[bool, str]:
    """(is it a working day, which source said so)."""
    entered = schedules.get(day.year) if schedules else None
    if entered is not None:
        if day in entered.on:
            return True, ENTERED
        if day in entered.off:
            return False, ENTERED
        return day.weekday() < 5, ENTERED
    known = _calendar_says(day)
    if known is None:
        return day.weekday() < 5, WEEKDAYS
    return known, LIBRARY


def is_workday(day: date, schedules: Schedules | None = None) -> tuple[bool, bool]:
    """(is it a working day, is that known from a holiday calendar rather than Mon–Fri)."""
    working, source = working_day(day, schedules)
    return working, source != WEEKDAYS


def count_working_days(
    start: date, count: int, schedules: Schedules | None = None
) -> tuple[date, set[str]]:
    """The day `count` working days after start (before it if negative), and the sources
    the count used on the way."""
    step = 1 if count >= 0 else -1
    day, left, sources = start, abs(count), set()
    while left:
        day += timedelta(days=step)
        working, source = working_day(day, schedules)
        sources.add(source)
        if working:
            left -= 1
    return day, sources


def add_working_days(
    start: date, count: int, schedules: Schedules | None = None
) -> tuple[date, bool]:
    """The day `count` working days after start (before it if negative), and whether every
    day on the way was known to a holiday calendar (False: Mon–Fri was assumed somewhere)."""
    day, sources = count_working_days(start, count, schedules)
    return day, WEEKDAYS not in sources


def sources_text(sources: Iterable[str]) -> str:
    """How a count's days were judged, for the basis of a due item ("" for the library's)."""
    found = set(sources)
    if WEEKDAYS in found:
        return SOURCE_WORDS[WEEKDAYS]
    if ENTERED in found:
        return SOURCE_WORDS[ENTERED]
    return ""


def notice_end(
    start: date, days: int, working: bool, schedules: Schedules | None = None
) -> tuple[date, bool]:
    """Last day of a 公示 of `days` (working) days starting on start (start counts if working)."""
    if not working:
        return start + timedelta(days=days - 1), True
    first_working, known = is_workday(start, schedules)
    if first_working:
        end, rest_known = add_working_days(start, days - 1, schedules)
    else:
        end, rest_known = add_working_days(start, days, schedules)
    return end, known and rest_known


# the secretary's entry ----------------------------------------------------------------------
_RANGE = re.compile(r"\s*(?:至|到|~|～|—|--)\s*")


def parse_days(text: str, year: int) -> frozenset[date]:
    """Days written one per line or separated by 、，, — a day (2027-02-05, 2.5, 2月5日 with the
    year implied) or a range (2027-02-05至2027-02-13); InvalidValue naming the bad piece."""
    found: set[date] = set()
    pieces = [p.strip() for p in re.split(r"[\n、，,；;]+", text or "") if p.strip()]
    for piece in pieces:
        ends = _RANGE.split(piece)
        if len(ends) > 2:
            raise InvalidValue(f"“{piece}”看不懂：一段日期写成 2027-02-05至2027-02-13。")
        first, last = (_day(e, year, piece) for e in (ends[0], ends[-1]))
        if last < first:
            raise InvalidValue(f"“{piece}”的结束日期早于开始日期。")
        if (last - first).days > 40:
            raise InvalidValue(f"“{piece}”超过 40 天，请核对。")
        day = first
        while day <= last:
            found.add(day)
            day += timedelta(days=1)
    return frozenset(found)


def _day(text: str, year: int, piece: str) -> date:
    text = text.strip()
    short = re.fullmatch(r"(\d{1,2})\s*[./月-]\s*(\d{1,2})\s*日?", text)
    if short:
        text = f"{year}-{int(short[1]):02d}-{int(short[2]):02d}"
    try:
        day = parse_date(text)
    except InvalidValue as exc:
        raise InvalidValue(f"“{piece}”中的日期有误：{exc}") from None
    if day is None or day.year != year:
        raise InvalidValue(f"“{piece}”不是 {year} 年的日期。")
    return day


def check_schedule(s: YearSchedule) -> list[str]:
    """What makes an entered 放假安排 unusable, in Chinese."""
    problems = []
    weekday_on = sorted(d for d in s.on if d.weekday() < 5)
    both = sorted(s.off & s.on)
    if both:
        problems.append(f"{'、'.join(map(str, both))} 既是放假又是上班，请核对。")
    if weekday_on:
        problems.append(
            f"调休上班日应是周六或周日：{'、'.join(map(str, weekday_on))} 本来就是工作日。"
        )
    return problems


def library_schedule(year: int) -> YearSchedule | None:
    """The year's 放假安排 as chinese-calendar knows it (to prefill the settings), or None."""
    first = date(year, 1, 1)
    if _calendar_says(first) is None:
        return None
    off, on = set(), set()
    day = first
    while day.year == year:
        working = _calendar_says(day)
        if working is None:
            return None
        if day.weekday() < 5 and not working:
            off.add(day)
        elif day.weekday() >= 5 and working:
            on.add(day)
        day += timedelta(days=1)
    return YearSchedule(year, frozenset(off), frozenset(on))


def days_text(days: Iterable[date]) -> str:
    """Days as the settings show them: runs of consecutive days as ranges, one per line."""
    ordered = sorted(days)
    lines, run = [], []
    for d in ordered:
        if run and d - run[-1] != timedelta(days=1):
            lines.append(_run_text(run))
            run = []
        run.append(d)
    if run:
        lines.append(_run_text(run))
    return "\n".join(lines)


def _run_text(run: list[date]) -> str:
    return str(run[0]) if len(run) == 1 else f"{run[0]}至{run[-1]}"
