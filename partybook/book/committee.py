"""支委会与换届: the committee (members' posts), the term, elections that
set the posts in the same transaction, and the party groups."""

from __future__ import annotations

import dataclasses
from datetime import date

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.domain.committee import (
    SECRETARY,
    CommitteeSettings,
    Election,
    PartyGroup,
    Result,
    check_election,
    check_group,
    check_posts,
    current_committee,
    party_groups,
    result,
    term_due_item,
    term_end,
)
from partybook.domain.dates import parse_date
from partybook.domain.deadlines import DueItem
from partybook.domain.errors import NotFound, RuleViolation, join_problems
from partybook.domain.members import Member, Stage
from partybook.domain.rules import ELECTION_RULES
from partybook.store import committee as committee_store
from partybook.store import members as member_store

TERM_KEY = "committee.term_start"


@dataclasses.dataclass(frozen=True)
class PostChange:
    """What recording an election does to one member's 党内职务."""

    member: Member
    before: str
    after: str

    def text(self) -> str:
        if not self.after:
            return f"{self.member.name}：不再担任{self.before}"
        if not self.before:
            return f"{self.member.name}：担任{self.after}"
        return f"{self.member.name}：{self.before} → {self.after}"


class Committee:
    """book.committee: today's 支委会 (members' posts), its term, elections and party groups."""

    def __init__(self, core: Core, members: Members) -> None:
        self._core = core
        self._members = members

    # settings and term ------------------------------------------------------
    def settings(self) -> CommitteeSettings:
        v = self._core.settings()
        early, late = v.get("committee.early_months", ""), v.get("committee.late_months", "")
        default = CommitteeSettings()
        return CommitteeSettings(
            int(early) if early.isdigit() else default.early_months,
            int(late) if late.isdigit() else default.late_months,
        )

    def save_settings(self, s: CommitteeSettings) -> None:
        if not 1 <= s.late_months < s.early_months <= 24:
            raise RuleViolation("换届提醒：第一次提醒应早于第二次，月数在 1 到 24 之间。")
        self._core.put_settings(
            {
                "committee.early_months": str(s.early_months),
                "committee.late_months": str(s.late_months),
            }
        )

    def term_start(self) -> date | None:
        """The day the present committee was elected (set by an election or by hand)."""
        value = self._core.settings().get(TERM_KEY, "")
        return parse_date(value) if value else None

    def term_end(self) -> date | None:
        start = self.term_start()
        return term_end(start, ELECTION_RULES) if start else None

    def set_term_start(self, start: date | None) -> None:
        """For a committee elected before PartyBook was used: the day of its election."""
        if start is not None and start > self._core.today():
            raise RuleViolation("本届支委会的选举日期不能晚于今天。")
        self._core.put_settings({TERM_KEY: start.isoformat() if start else ""}, Change.COMMITTEE)

    def current(self) -> list[Member]:
        """Today's 支委会: active members with a 党内职务, 书记 first (from the roster)."""
        return current_committee(self._members.all())

    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        item = term_due_item(self.term_start(), on or self._core.today(), self.settings())
        return [item] if item else []

    # elections --------------------------------------------------------------
    def elections(self) -> list[Election]:
        return committee_store.load_elections()

    def result(self, e: Election) -> Result:
        return result(e, ELECTION_RULES)

    def check_election(self, e: Election) -> list[str]:
        """The turnout, the votes, the candidates (full members on the roster)."""
        problems = check_election(e, self._core.today(), ELECTION_RULES)
        people = {m.id: m for m in self._members.all()}
        for c in e.candidates:
            m = people.get(c.member_id)
            if m is None:
                problems.append(f"花名册中没有候选人 {c.name}。")
            elif not m.active:
                problems.append(f"候选人 {m.name} 已离开支部。")
            elif m.stage is not Stage.FULL:
                problems.append(
                    f"{m.name} 是{m.stage.value}，没有被选举权（只有正式党员可以当选）。"
                )
        return problems

    def post_changes(self, e: Election) -> list[PostChange]:
        """What recording e changes: the elected get their posts, the others lose theirs."""
        posts = {c.member_id: c.post for c in e.candidates if c.post}
        changes = []
        for m in self._members.all(include_left=False):
            after = posts.get(m.id, "")
            if after != m.party_post:
                changes.append(PostChange(m, m.party_post, after))
        return changes

    def record_election(self, e: Election) -> Election:
        """Save an election (refused if the turnout is not valid) and, in the same write, set
        the elected members' posts, clear the posts of everyone else, start the new term and
        put the 书记's name in the branch's details."""
        problems = self.check_election(e) or check_posts(e, ELECTION_RULES)
        if problems:
            raise RuleViolation(join_problems(problems))
        if e.id is not None:
            raise RuleViolation("已保存的选举不能修改结果；录错时请删除后重新记录。")
        with self._core.writing(Change.COMMITTEE | Change.MEMBERS | Change.BRANCH):
            saved = committee_store.save_election(e)
            for change in self.post_changes(e):
                member_store.update_member(change.member.replace(party_post=change.after))
            self.set_term_start(e.on)
            secretary = next(c for c in e.candidates if c.post == SECRETARY)
            self._core.put_settings({"branch.secretary": secretary.name}, Change.BRANCH)
        return saved

    def delete_election(self, election_id: int) -> None:
        """Remove an election entered by mistake; members' posts stay as they are now."""
        if not any(e.id == election_id for e in committee_store.load_elections()):
            raise NotFound("找不到这次选举的记录，可能已被删除。")
        with self._core.writing(Change.COMMITTEE):
            committee_store.delete_election(election_id)

    # party groups -----------------------------------------------------------
    def groups(self) -> list[PartyGroup]:
        return party_groups(self._members.all(), committee_store.group_leaders())

    def save_group(self, g: PartyGroup, old_name: str | None = None) -> PartyGroup:
        """Save a group with its leader and members: the chosen members' 党小组 becomes this
        group; active members no longer chosen leave it (one write)."""
        g = dataclasses.replace(g, name=g.name.strip())
        problems = check_group(g)
        taken = {x.name for x in self.groups()} - {old_name}
        if g.name in taken and g.name != old_name:
            problems.append(f"已有名为“{g.name}”的党小组。")
        if problems:
            raise RuleViolation(join_problems(problems))
        chosen = set(g.member_ids)
        with self._core.writing(Change.COMMITTEE | Change.MEMBERS):
            for m in self._members.all(include_left=False):
                inside = m.id in chosen
                was = m.group in (g.name, old_name) and bool(m.group)
                if inside and m.group != g.name:
                    member_store.update_member(m.replace(group=g.name))
                elif was and not inside:
                    member_store.update_member(m.replace(group=""))
            committee_store.save_group_leader(g.name, g.leader_id, old_name)
        return g

    def delete_group(self, name: str) -> None:
        """Dissolve a group: its active members are left without a 党小组."""
        with self._core.writing(Change.COMMITTEE | Change.MEMBERS):
            for m in self._members.all(include_left=False):
                if m.group == name:
                    member_store.update_member(m.replace(group=""))
            committee_store.delete_group(name)
