"""谈心谈话: the log, who still has to talk with whom, due items."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.book.rules import Rules
from partybook.domain.deadlines import DueItem
from partybook.domain.errors import NotFound, RuleViolation, join_problems
from partybook.domain.talks import (
    SCOPES,
    Coverage,
    Talk,
    TalkSettings,
    check_talk,
    coverage_of,
    talk_due_items,
)
from partybook.store import talks as talk_store


class Talks:
    """book.talks: the 谈心谈话 log and who on the committee still has to talk with whom."""

    def __init__(self, core: Core, members: Members, rules: Rules) -> None:
        self._core = core
        self._members = members
        self._rules = rules

    def settings(self) -> TalkSettings:
        v = self._core.settings()
        scope = v.get("talks.scope", TalkSettings.scope)
        return TalkSettings(
            v.get("talks.enabled", "1") != "0",
            scope if scope in SCOPES else TalkSettings.scope,
        )

    def save_settings(self, s: TalkSettings) -> None:
        if s.scope not in SCOPES:
            raise RuleViolation(f"谈话范围应为：{'、'.join(SCOPES.values())}。")
        self._core.put_settings(
            {"talks.enabled": "1" if s.enabled else "0", "talks.scope": s.scope}
        )

    @kept
    def all(self, year: int | None = None) -> list[Talk]:
        """The talks in date order (a Talk is frozen: the tab reads the year after each change)."""
        return talk_store.load_talks(year)

    def get(self, talk_id: int) -> Talk:
        found = [t for t in talk_store.load_talks() if t.id == talk_id]
        if not found:
            raise NotFound(f"没有编号为 {talk_id} 的谈话记录。")
        return found[0]

    def years(self) -> list[int]:
        """This year and every year with talks, newest first."""
        return sorted({self._core.today().year, *talk_store.years()}, reverse=True)

    def check(self, t: Talk) -> list[str]:
        problems = check_talk(t, self._core.today())
        people = {m.id: m for m in self._members.all()}
        for member_id in (t.first_id, t.second_id):
            if member_id is None:
                continue
            m = people.get(member_id)
            if m is None:
                problems.append(f"花名册中没有编号为 {member_id} 的人员。")
            elif m.left_on is not None and m.left_reason is not None and m.left_on < t.on:
                problems.append(f"{m.name} 已于 {m.left_on} 离开支部，不能记入 {t.on} 的谈话。")
        return problems

    def save(self, t: Talk) -> Talk:
        """Save a talk (new or changed); a roster person as 谈话对象 wins over typed text."""
        t = dataclasses.replace(
            t,
            topic=t.topic.strip(),
            second_name="" if t.second_id is not None else t.second_name.strip(),
            content=t.content.strip(),
            follow_up=t.follow_up.strip(),
        )
        problems = self.check(t)
        if problems:
            raise RuleViolation(join_problems(problems))
        with self._core.writing(Change.TALKS):
            return talk_store.save_talk(t)

    def delete(self, talk_id: int) -> None:
        with self._core.writing(Change.TALKS):
            talk_store.delete_talk(talk_id)

    @kept
    def coverage(self, year: int) -> list[Coverage]:
        """Each 支委 (per the setting's scope) with whom they talked this year and whom not."""
        return coverage_of(self._members.all(), talk_store.talked_pairs(year), self.settings())

    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        day = on or self._core.today()
        if not self.settings().enabled:
            return []
        return talk_due_items(self.coverage(day.year), day, self._rules.practice().soon_days)
