"""The rules the forms keep, applied to every stored record (issue 22, point 1): a data package
written by hand (its checksums recomputed) brings rows no form would save — a study of -3 hours,
999 present at an election of 17, a meeting from 25:99, a talk with oneself. The same domain
checks the managers call before they write run over every study, talk, election, meeting and
transfer, so `check` names such a record and an import of it is refused whole.

Rules about today's date ("a meeting after today") are not applied here: the records may have
been written on another PC whose clock was ahead (or a township reads a branch's package
written later than its own clock says); their dates are held to what a ledger can hold by the
row rules (store/checks.py), and no command fails on a date after today. So the checks are
given the last day a ledger holds as "today".
"""

from __future__ import annotations

from partybook.domain.committee import check_election
from partybook.domain.meetings import check_meeting
from partybook.domain.study import check_session
from partybook.domain.talks import check_talk
from partybook.domain.transfers import check_transfer
from partybook.store.checks import LAST_DAY

MOST = 20  # problems named; a book with more has them all of a kind


def problems(meetings, study, talks, committee, transfers) -> list[str]:
    """Each record a form would refuse: '数据表“study”编号 12（学习记录 2026-03-01）：reason'."""
    found: list[str] = []

    def note(table: str, label: str, record, reasons: list[str]) -> None:
        for reason in reasons:
            found.append(f"数据表“{table}”编号 {record.id}（{label} {record.on}）：{reason}")

    for m in meetings.all():
        note("meeting", m.kind.value, m, check_meeting(m, LAST_DAY))
    for s in study.sessions():
        note("study", "学习记录", s, check_session(s, LAST_DAY))
    for t in talks.all():
        note("talk", "谈心谈话", t, check_talk(t, LAST_DAY))
    for e in committee.elections():
        note("election", "支委会选举", e, check_election(e, LAST_DAY))
    for t in transfers.all():
        note("transfer", "组织关系转接", t, check_transfer(t, LAST_DAY))
    return found[:MOST]
