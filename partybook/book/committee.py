"""支委会与换届: the committee (members' posts), the term by branch type, elections (应到 from
the roster, 差额, the upper committee's approval of the 书记 and 副书记) that set the posts in
the same transaction, and the party groups.

What an election record has no column for (the members left out of 应到, a 差额 exception,
the approval date) is kept in the settings under committee.election.<id> as JSON, written in
the election's own transaction."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import date

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.domain.committee import (
    BRANCH_TYPES,
    SCHOOL,
    SECRETARY,
    CommitteeSettings,
    Election,
    Exclusion,
    PartyGroup,
    Result,
    Roll,
    approval_due_item,
    check_approval,
    check_election,
    check_exclusions,
    check_group,
    check_posts,
    current_committee,
    election_roll,
    full_member_on,
    latest_election,
    margin_problems,
    party_groups,
    posts_to_approve,
    result,
    term_due_item,
    term_end,
    term_years,
)
from partybook.domain.dates import parse_date
from partybook.domain.deadlines import DueItem
from partybook.domain.errors import NotFound, RuleViolation, join_problems
from partybook.domain.members import Member, Stage
from partybook.domain.rules import ELECTION_RULES
from partybook.domain.transfers import moves as transfer_moves
from partybook.store import committee as committee_store
from partybook.store import members as member_store
from partybook.store import transfers as transfer_store

TERM_KEY = "committee.term_start"
BRANCH_TYPE_KEY = "committee.branch_type"
ELECTION_KEY = "committee.election.{}"  # the election's extras (JSON), by its id
EXCEPTION_HINT = "如确属特殊情况，可以选择“记录例外”并写明理由。"


def _extras_json(e: Election) -> str:
    data: dict[str, object] = {}
    if e.excluded:
        data["excluded"] = [
            {"member_id": x.member_id, "reason": x.reason, "note": x.note} for x in e.excluded
        ]
    if e.exception:
        data["exception"], data["violations"] = e.exception, e.violations
    if e.approved_on is not None:
        data["approved_on"] = e.approved_on.isoformat()
    if e.corrections:
        data["corrections"] = [{"on": on.isoformat(), "reason": why} for on, why in e.corrections]
    return json.dumps(data, ensure_ascii=False) if data else ""


def _with_extras(e: Election, raw: str) -> Election:
    """The election with what its settings entry keeps (a damaged entry is left out)."""
    if not raw:
        return e
    try:
        data = json.loads(raw)
        excluded = tuple(
            Exclusion(int(x["member_id"]), str(x["reason"]), str(x.get("note", "")))
            for x in data.get("excluded", [])
        )
        approved = data.get("approved_on")
        corrections = tuple(
            (parse_date(str(c["on"])), str(c["reason"])) for c in data.get("corrections", [])
        )
        return dataclasses.replace(
            e,
            excluded=excluded,
            exception=str(data.get("exception", "")),
            violations=str(data.get("violations", "")),
            approved_on=parse_date(approved) if approved else None,
            corrections=corrections,
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return e


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
        """The reminders' months and the branch type (school unless chosen otherwise)."""
        v = self._core.settings()
        early, late = v.get("committee.early_months", ""), v.get("committee.late_months", "")
        kind = v.get(BRANCH_TYPE_KEY, "")
        default = CommitteeSettings()
        return CommitteeSettings(
            int(early) if early.isdigit() else default.early_months,
            int(late) if late.isdigit() else default.late_months,
            kind if kind in BRANCH_TYPES else SCHOOL,
        )

    def save_settings(self, s: CommitteeSettings) -> None:
        """Save the reminders and the branch type; a branch_type of "" keeps the one kept."""
        if not 1 <= s.late_months < s.early_months <= 24:
            raise RuleViolation("换届提醒：第一次提醒应早于第二次，月数在 1 到 24 之间。")
        if s.branch_type and s.branch_type not in BRANCH_TYPES:
            raise RuleViolation(
                f"支部类型“{s.branch_type}”不认识：请选择{'、'.join(BRANCH_TYPES.values())}。"
            )
        values = {
            "committee.early_months": str(s.early_months),
            "committee.late_months": str(s.late_months),
        }
        if s.branch_type:
            values[BRANCH_TYPE_KEY] = s.branch_type
        self._core.put_settings(values)

    def term_years(self) -> int:
        """The term's length for the branch type: 3 years (school), 5 (village, community)."""
        return term_years(self.settings(), ELECTION_RULES)

    def term_start(self) -> date | None:
        """The day the present committee was elected (set by an election or by hand)."""
        value = self._core.settings().get(TERM_KEY, "")
        return parse_date(value) if value else None

    def term_end(self) -> date | None:
        start = self.term_start()
        return term_end(start, ELECTION_RULES, self.settings()) if start else None

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
        """The term's reminder, and the latest election's 书记/副书记 awaiting approval."""
        day = on or self._core.today()
        term = term_due_item(self.term_start(), day, self.settings())
        approval = approval_due_item(latest_election([e for e in self.elections() if e.on <= day]))
        return [i for i in (term, approval) if i is not None]

    # elections --------------------------------------------------------------
    def elections(self) -> list[Election]:
        """Every election in date order, with what its settings entry keeps."""
        values = self._core.settings()
        return [
            _with_extras(e, values.get(ELECTION_KEY.format(e.id), ""))
            for e in committee_store.load_elections()
        ]

    def get_election(self, election_id: int) -> Election:
        found = next((e for e in self.elections() if e.id == election_id), None)
        if found is None:
            raise NotFound("找不到这次选举的记录，可能已被删除。")
        return found

    def result(self, e: Election) -> Result:
        return result(e, ELECTION_RULES)

    def _moves(self) -> dict[int, list[tuple[date, bool]]]:
        """Who moved in or out when: someone transferred in after an election had no vote."""
        return transfer_moves(transfer_store.load_transfers())

    def roll(self, on: date, excluded: Sequence[Exclusion] = ()) -> Roll:
        """应到会有选举权的人数 of an election on that day, from the roster: the full members
        then, less those under 留党察看 (book.members.without_vote) and those excluded."""
        members = self._members.all()
        return election_roll(members, on, self._members.without_vote(on), excluded, self._moves())

    def voters(self, on: date) -> list[Member]:
        """Who has a vote at an election that day (before anyone is left out of 应到)."""
        return list(self.roll(on).voters)

    def check_exclusions(self, on: date, excluded: Sequence[Exclusion]) -> list[str]:
        """The members left out of 应到: full members with a vote that day, each once, with a
        listed reason and the details."""
        members = self._members.all()
        return check_exclusions(
            members, on, self._members.without_vote(on), excluded, self._moves()
        )

    def check_election(self, e: Election) -> list[str]:
        """What stops an election from being saved: 应到 not the roster's, those left out of
        it, the turnout, the votes, the candidates (full members with a vote that day).
        差额 is margin_problems' (saved with a written exception)."""
        members = self._members.all()
        without_vote, moves = self._members.without_vote(e.on), self._moves()
        problems = check_exclusions(members, e.on, without_vote, e.excluded, moves)
        roll = election_roll(members, e.on, without_vote, e.excluded, moves)
        if e.should_attend is not None and e.should_attend != roll.should_attend:
            problems.append(
                f"应到会有选举权的人数按花名册计算，不能另填：{roll.text()}；"
                f"填写的 {e.should_attend} 人与此不符。"
            )
        e = dataclasses.replace(e, should_attend=roll.should_attend)
        problems += check_election(e, self._core.today(), ELECTION_RULES)
        people = {m.id: m for m in members}
        for c in e.candidates:
            m = people.get(c.member_id)
            if m is None:
                problems.append(f"花名册中没有候选人 {c.name}。")
            elif m.left_reason is not None and (m.left_on is None or m.left_on <= e.on):
                problems.append(f"候选人 {m.name} 在 {e.on} 已离开支部。")
            elif m.stage is not Stage.FULL:
                problems.append(
                    f"{m.name} 是{m.stage.value}，没有被选举权（只有正式党员可以当选）。"
                )
            elif not full_member_on(m, e.on):
                problems.append(
                    f"{m.name} 在 {e.on} 还不是正式党员，没有被选举权（只有正式党员可以当选）。"
                )
            elif m.id in without_vote:
                problems.append(
                    f"{m.name} 在 {e.on} 受留党察看处分，没有表决权、选举权和被选举权。"
                )
        return problems

    def margin_problems(self, e: Election) -> list[str]:
        """差额 not met (候选人数应当多于应选人数的20%): saved only with a written exception."""
        return margin_problems(e, ELECTION_RULES)

    def post_changes(self, e: Election) -> list[PostChange]:
        """What recording e changes: the elected get their posts, the others lose theirs."""
        posts = {c.member_id: c.post for c in e.candidates if c.post}
        changes = []
        for m in self._members.all(include_left=False):
            after = posts.get(m.id, "")
            if after != m.party_post:
                changes.append(PostChange(m, m.party_post, after))
        return changes

    def _checked(self, e: Election) -> Election:
        """The election as it is saved, or RuleViolation: its 应到 the roster's (None:
        computed; another number is refused), a valid turnout, the posts, and 差额 not met
        only with e.exception (the written reason), kept with what the rules said."""
        problems = self.check_election(e) or check_posts(e, ELECTION_RULES)
        if problems:
            raise RuleViolation(join_problems(problems))
        margin = self.margin_problems(e)
        if margin and not e.exception.strip():
            raise RuleViolation(join_problems(margin) + "\n" + EXCEPTION_HINT)
        return dataclasses.replace(
            e,
            should_attend=self.roll(e.on, e.excluded).should_attend,
            exception=e.exception.strip() if margin else "",
            violations="；".join(margin),
        )

    def _set_committee(self, e: Election) -> None:
        """Inside a write: the elected members' posts, nobody else's; the term from the
        election; the 书记's name in the branch's details."""
        for change in self.post_changes(e):
            member_store.update_member(change.member.replace(party_post=change.after))
        self.set_term_start(e.on)
        secretary = next(c for c in e.candidates if c.post == SECRETARY)
        self._core.put_settings({"branch.secretary": secretary.name}, Change.BRANCH)

    def record_election(self, e: Election) -> Election:
        """Save an election and, in the same write, set the elected members' posts, clear the
        posts of everyone else, start the new term and put the 书记's name in the branch's
        details (see _checked for what is refused)."""
        if e.id is not None:
            raise RuleViolation("这次选举已经保存：录错的地方请用“修改选举记录”更正。")
        e = dataclasses.replace(self._checked(e), approved_on=None, corrections=())
        with self._core.writing(Change.COMMITTEE | Change.MEMBERS | Change.BRANCH):
            saved = committee_store.save_election(e)
            self._core.put_settings(
                {ELECTION_KEY.format(saved.id): _extras_json(saved)}, Change.COMMITTEE
            )
            self._set_committee(e)
        return saved

    def is_latest(self, e: Election) -> bool:
        """Whether e (saved, perhaps with a corrected date) made the present committee."""
        others = [x for x in self.elections() if x.id != e.id]
        return latest_election([*others, e]) is e

    def correct_election(self, e: Election, reason: str) -> Election:
        """Correct a saved election entered wrongly (date, turnout, candidates, votes, posts),
        with the reason, in one write; the change log keeps every old value. Only the latest
        election (the one that made the present committee) also sets the posts, the term and
        the 书记 in the branch's details; the upper committee's approval stays when the
        书记 and 副书记 are the same people in the same posts."""
        if e.id is None:
            raise RuleViolation("这次选举还没有保存。")
        old = self.get_election(e.id)
        if not reason.strip():
            raise RuleViolation("请写明更正的原因，如：得票录错，按计票单更正。")
        e = self._checked(e)
        same = {(c.member_id, c.post) for c in posts_to_approve(e)} == {
            (c.member_id, c.post) for c in posts_to_approve(old)
        }
        e = dataclasses.replace(
            e,
            approved_on=old.approved_on if same else None,
            corrections=(*old.corrections, (self._core.today(), reason.strip())),
        )
        latest = self.is_latest(e)
        with self._core.writing(Change.COMMITTEE | Change.MEMBERS | Change.BRANCH):
            committee_store.save_election(e)
            self._core.put_settings({ELECTION_KEY.format(e.id): _extras_json(e)}, Change.COMMITTEE)
            if latest:
                self._set_committee(e)
        return e

    def record_approval(self, election_id: int, on: date | None) -> Election:
        """The day the upper committee approved the 书记 and 副书记 an election elected (None
        clears a date entered by mistake); the due item goes with it."""
        e = self.get_election(election_id)
        problems = check_approval(e, on, self._core.today())
        if problems:
            raise RuleViolation(join_problems(problems))
        e = dataclasses.replace(e, approved_on=on)
        self._core.put_settings({ELECTION_KEY.format(e.id): _extras_json(e)}, Change.COMMITTEE)
        return e

    def delete_election(self, election_id: int) -> None:
        """Remove an election entered by mistake (with what its settings entry kept);
        members' posts stay as they are now."""
        if not any(e.id == election_id for e in committee_store.load_elections()):
            raise NotFound("找不到这次选举的记录，可能已被删除。")
        with self._core.writing(Change.COMMITTEE):
            committee_store.delete_election(election_id)
            self._core.put_settings({ELECTION_KEY.format(election_id): ""}, Change.COMMITTEE)

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
