"""The change log of a record: who-knows-when questions at an inspection answered from the book."""

from __future__ import annotations

from partybook.domain.history import HistoryLine, describe

# Each kind of record the UI can ask about: its table, and the tables whose rows belong to it
# (table → the column pointing at it).
_KINDS = {
    "member": ("member", {"event": "member_id", "material": "member_id"}),
    "meeting": ("meeting", {"attendance": "meeting_id", "vote": "meeting_id"}),
    "study": ("study", {"study_participant": "study_id"}),
    "appraisal": ("appraisal", {"appraisal_entry": "appraisal_id"}),
}


class HistoryBook:
    """Mixin of Book: every change is logged by the database itself (store/audit.py)."""

    def history(self, kind: str, record_id: int) -> list[HistoryLine]:
        """The changes of one record and of what belongs to it, newest first."""
        table, related = _KINDS[kind]
        names = {
            "members": {m.id: m.name for m in self.members()},
            "meetings": self.meeting_titles(),
        }
        changes = self._store.changes(table, record_id, related)
        return [describe(c.at, c.table, c.action, c.old, c.new, names) for c in reversed(changes)]
