"""The rule set in force (规则版本) and the branch's practice (公示天数, 提醒提前天数…)."""

from __future__ import annotations

import json
from datetime import date

from partybook.book.core import Core
from partybook.domain.errors import RuleViolation
from partybook.domain.rules import DEFAULT_RULE_SET, RULE_SETS, Practice, RuleSet, rule_set
from partybook.domain.workdays import YearSchedule, check_schedule

RULE_SET_KEY = "rules.set"
_PRACTICE_PREFIX = "practice."
_HOLIDAYS_PREFIX = "holidays."  # + year: that year's 放假安排 as JSON


class Rules:
    """book.rules: which versioned rule set the deadlines follow, and the branch's practice."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def current(self) -> RuleSet:
        return rule_set(self._core.settings().get(RULE_SET_KEY, DEFAULT_RULE_SET))

    def choose(self, name: str) -> None:
        if name not in RULE_SETS:
            raise RuleViolation(f"没有名为“{name}”的规则版本。")
        self._core.put_settings({RULE_SET_KEY: name})

    def practice(self) -> Practice:
        values = self._core.settings()
        found = {}
        for key in Practice().keys:
            raw = values.get(_PRACTICE_PREFIX + key)
            if raw is not None:
                found[key] = raw == "1" if key == "notice_working_days" else int(raw)
        return Practice(**found)

    def save_practice(self, practice: Practice) -> None:
        if not 1 <= practice.notice_days <= 30 or not 1 <= practice.soon_days <= 180:
            raise RuleViolation("公示天数应为 1–30 天，提醒提前天数应为 1–180 天。")
        values = {}
        for key in practice.keys:
            value = getattr(practice, key)
            values[_PRACTICE_PREFIX + key] = (
                ("1" if value else "0") if isinstance(value, bool) else str(value)
            )
        self._core.put_settings(values)

    # 放假安排 -----------------------------------------------------------------
    def schedules(self) -> dict[int, YearSchedule]:
        """The years' 放假安排 the secretary entered (from the State Council's notice): the
        working-day counts of those years follow them rather than chinese-calendar's."""
        found = {}
        for key, raw in self._core.settings().items():
            if not key.startswith(_HOLIDAYS_PREFIX):
                continue
            try:
                year = int(key.removeprefix(_HOLIDAYS_PREFIX))
                data = json.loads(raw)
                found[year] = YearSchedule(
                    year,
                    frozenset(date.fromisoformat(d) for d in data.get("off", ())),
                    frozenset(date.fromisoformat(d) for d in data.get("on", ())),
                )
            except (ValueError, TypeError, AttributeError):
                continue  # not ours to refuse here; `check` reports a damaged book
        return found

    def save_schedule(self, schedule: YearSchedule | None, year: int) -> None:
        """Keep a year's 放假安排 (None: forget it, back to chinese-calendar or Mon–Fri)."""
        key = f"{_HOLIDAYS_PREFIX}{year}"
        if schedule is None:
            self._core.put_settings({key: ""})
            return
        if schedule.year != year or not 2000 <= year <= 2100:
            raise RuleViolation(f"放假安排的年份 {year} 不对。")
        problems = check_schedule(schedule)
        if problems:
            raise RuleViolation("；".join(problems))
        data = {"off": sorted(map(str, schedule.off)), "on": sorted(map(str, schedule.on))}
        self._core.put_settings({key: json.dumps(data)})
