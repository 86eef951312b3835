"""Reading and writing elections with their candidates, and the party groups' leaders."""

from __future__ import annotations

import dataclasses

from partybook.domain.committee import Candidate, Election
from partybook.domain.errors import NotFound
from partybook.store.records import (
    CandidateRecord,
    ElectionRecord,
    MemberRecord,
    PartyGroupRecord,
)

_FIELDS = ["on", "should_attend", "present", "seats", "notes"]


def load_elections() -> list[Election]:
    """Every election in date order, candidates by votes (most first)."""
    records = list(ElectionRecord.select().order_by(ElectionRecord.on, ElectionRecord.id))
    people: dict[int, list[Candidate]] = {r.id: [] for r in records}
    # the member's id is selected with the name: peewee rebuilds c.member from the selected
    # columns, and without the id a candidate's member_id would read None
    query = (
        CandidateRecord.select(CandidateRecord, MemberRecord.id, MemberRecord.name)
        .join(MemberRecord)
        .order_by(CandidateRecord.votes.desc(), CandidateRecord.id)
    )
    for c in query:
        people[c.election_id].append(Candidate(c.member.id, c.member.name, c.votes, c.post))
    return [
        Election(id=r.id, candidates=tuple(people[r.id]), **{f: getattr(r, f) for f in _FIELDS})
        for r in records
    ]


def save_election(e: Election) -> Election:
    """Insert or replace an election with its candidates; call inside a transaction."""
    row = {f: getattr(e, f) for f in _FIELDS}
    fresh = list(e.candidates)  # the candidates to insert
    if e.id is None:
        election_id = ElectionRecord.insert(**row).execute()
    else:
        election_id = e.id
        if ElectionRecord.update(**row).where(ElectionRecord.id == e.id).execute() != 1:
            raise NotFound("找不到这次选举的记录，可能已被删除。")
        # candidates kept are updated in place, so that the change log reads 得票 16 → 15
        kept = {c.member_id: c for c in e.candidates}
        mine = CandidateRecord.election == e.id
        CandidateRecord.delete().where(mine & CandidateRecord.member.not_in(list(kept))).execute()
        for record in CandidateRecord.select().where(mine):
            c = kept.pop(record.member_id)
            if (record.votes, record.post) != (c.votes, c.post):
                CandidateRecord.update(votes=c.votes, post=c.post).where(
                    CandidateRecord.id == record.id
                ).execute()
        fresh = list(kept.values())
    if fresh:
        CandidateRecord.insert_many(
            [
                dict(election=election_id, member=c.member_id, votes=c.votes, post=c.post)
                for c in fresh
            ]
        ).execute()
    return dataclasses.replace(e, id=election_id)


def delete_election(election_id: int) -> None:
    CandidateRecord.delete().where(CandidateRecord.election == election_id).execute()
    if ElectionRecord.delete().where(ElectionRecord.id == election_id).execute() != 1:
        raise NotFound("找不到这次选举的记录，可能已被删除。")


def group_leaders() -> dict[str, int | None]:
    """Each recorded party group's name and its leader's member id."""
    query = PartyGroupRecord.select().order_by(PartyGroupRecord.id)
    return {r.name: r.leader_id for r in query}


def save_group_leader(name: str, leader_id: int | None, old_name: str | None = None) -> None:
    """Record a group (or rename it) with its leader; call inside a transaction."""
    if old_name and old_name != name:
        PartyGroupRecord.delete().where(PartyGroupRecord.name == old_name).execute()
    PartyGroupRecord.insert(name=name, leader=leader_id).on_conflict(
        conflict_target=[PartyGroupRecord.name], preserve=[PartyGroupRecord.leader]
    ).execute()


def delete_group(name: str) -> None:
    PartyGroupRecord.delete().where(PartyGroupRecord.name == name).execute()
