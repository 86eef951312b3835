"""The change log of a record: who-knows-when questions at an inspection answered from the book."""

from __future__ import annotations

import dataclasses

from partybook.book.meetings import Meetings
from partybook.book.members import Members
from partybook.domain.history import HistoryLine, describe
from partybook.store import audit

# Each kind of record the UI can ask about: its table, and the tables whose rows belong to it
# (table → the column pointing at it).
_KINDS = {
    "member": ("member", {"event": "member_id", "material": "member_id"}),
    "meeting": ("meeting", {"attendance": "meeting_id", "vote": "meeting_id"}),
    "study": ("study", {"study_participant": "study_id"}),
    "appraisal": ("appraisal", {"appraisal_entry": "appraisal_id"}),
    "election": ("election", {"candidate": "election_id"}),
}


class History:
    """book.history: every change is logged by the database itself (store/audit.py)."""

    def __init__(self, members: Members, meetings: Meetings) -> None:
        self._members = members
        self._meetings = meetings

    def of(self, kind: str, record_id: int) -> list[HistoryLine]:
        """The changes of one record and of what belongs to it, newest first."""
        table, related = _KINDS[kind]
        names = {"members": self._members.names(), "meetings": self._meetings.titles()}
        changes = audit.changes(table, record_id, related)
        upto = audit.imported_upto()
        lines = []
        for c in reversed(changes):
            line = describe(c.at, c.table, c.action, c.old, c.new, names)
            if c.id <= upto:  # came in with a data package: not an edit made in this book
                line = dataclasses.replace(line, action=f"{line.action}（随数据包导入）")
            lines.append(line)
        return lines

    def count(self) -> int:
        """How many changes the log holds."""
        return audit.count()
