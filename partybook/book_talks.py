"""The Book's 谈心谈话 verbs: the log, who still has to talk with whom, due items."""

from __future__ import annotations

import dataclasses
from datetime import date

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


class TalksBook:
    """Mixed into Book: needs self._store, self.members(), self.today(), self.practice()."""

    def talk_settings(self) -> TalkSettings:
        v = self._store.settings()
        scope = v.get("talks.scope", TalkSettings.scope)
        return TalkSettings(
            v.get("talks.enabled", "1") != "0",
            scope if scope in SCOPES else TalkSettings.scope,
        )

    def save_talk_settings(self, s: TalkSettings) -> None:
        if s.scope not in SCOPES:
            raise RuleViolation(f"谈话范围应为：{'、'.join(SCOPES.values())}。")
        self._store.put_settings(
            {"talks.enabled": "1" if s.enabled else "0", "talks.scope": s.scope}
        )

    def talks(self, year: int | None = None) -> list[Talk]:
        return self._store.talks(year)

    def talk(self, talk_id: int) -> Talk:
        found = [t for t in self._store.talks() if t.id == talk_id]
        if not found:
            raise NotFound(f"没有编号为 {talk_id} 的谈话记录。")
        return found[0]

    def talk_years(self) -> list[int]:
        """This year and every year with talks, newest first."""
        return sorted({self.today().year, *self._store.years_with("talks")}, reverse=True)

    def check_talk(self, t: Talk) -> list[str]:
        problems = check_talk(t, self.today())
        people = {m.id: m for m in self.members()}
        for member_id in (t.first_id, t.second_id):
            if member_id is None:
                continue
            m = people.get(member_id)
            if m is None:
                problems.append(f"花名册中没有编号为 {member_id} 的人员。")
            elif m.left_on is not None and m.left_reason is not None and m.left_on < t.on:
                problems.append(f"{m.name} 已于 {m.left_on} 离开支部，不能记入 {t.on} 的谈话。")
        return problems

    def save_talk(self, t: Talk) -> Talk:
        """Save a talk (new or changed); a roster person as 谈话对象 wins over typed text."""
        t = dataclasses.replace(
            t,
            topic=t.topic.strip(),
            second_name="" if t.second_id is not None else t.second_name.strip(),
            content=t.content.strip(),
            follow_up=t.follow_up.strip(),
        )
        problems = self.check_talk(t)
        if problems:
            raise RuleViolation(join_problems(problems))
        return self._store.save_talk(t)

    def delete_talk(self, talk_id: int) -> None:
        self._store.delete_talk(talk_id)

    def talk_coverage(self, year: int) -> list[Coverage]:
        """Each 支委 (per the setting's scope) with whom they talked this year and whom not."""
        return coverage_of(self.members(), self._store.talked_pairs(year), self.talk_settings())

    def talk_due_items(self, on: date | None = None) -> list[DueItem]:
        day = on or self.today()
        if not self.talk_settings().enabled:
            return []
        return talk_due_items(self.talk_coverage(day.year), day, self.practice().soon_days)
