"""The Book's appraisal verbs: the year's round, its checks, its due item and its outputs."""

from __future__ import annotations

from datetime import date, timedelta

from partybook.domain.appraisal import (
    NOT_GRADED,
    Entry,
    Round,
    ScoreScheme,
    check_round,
    participants,
    suggest,
)
from partybook.domain.due import DEADLINE, DueItem
from partybook.domain.errors import RuleViolation


class AppraisalBook:
    """Mixed into Book: needs self._store, self.members(), self.today(), self.practice()."""

    def score_scheme(self) -> ScoreScheme:
        values = self._store.settings()
        found = {
            k: float(values[f"appraisal.{k}"])
            for k in ("excellent", "qualified", "basic")
            if f"appraisal.{k}" in values
        }
        return ScoreScheme(**found)

    def appraisal_participants(self, year: int, on: date | None = None):
        """(graded, not graded) members for a round held on `on` (default the 31st of December)."""
        return participants(self.members(), on or date(year, 12, 31))

    def appraisal(self, year: int) -> Round:
        """The year's round as saved, or a new one listing everyone who takes part."""
        found = self._store.appraisal(year)
        if found is not None:
            return found
        graded, ungraded = self.appraisal_participants(year)
        return Round(year, entries=[Entry(m.id) for m in [*graded, *ungraded]])

    def save_appraisal(self, r: Round) -> Round:
        """Save the round with every entry in one write, if its counts and grades are sound."""
        graded, _ = self.appraisal_participants(r.year, r.on)
        names = {m.id: m.name for m in self.members()}
        problems = check_round(r, {m.id for m in graded}, names, self.today())
        if problems:
            raise RuleViolation("；".join(problems))
        return self._store.save_appraisal(r)

    def appraisal_rows(self, year: int) -> list[dict]:
        """One row per participant with names, counts, suggestion and grade, for tables and JSON."""
        r = self.appraisal(year)
        graded, _ = self.appraisal_participants(year, r.on)
        graded_ids = {m.id for m in graded}
        names = {m.id: m.name for m in self.members()}
        scheme = self.score_scheme()
        rows = []
        for e in r.entries:
            is_graded = e.member_id in graded_ids
            hint = suggest(e.tally, e.score, scheme) if is_graded else None
            rows.append(
                {
                    "member_id": e.member_id,
                    "member": names.get(e.member_id, ""),
                    "status": "正式党员" if is_graded else NOT_GRADED,
                    "优秀": e.counts[0],
                    "合格": e.counts[1],
                    "基本合格": e.counts[2],
                    "不合格": e.counts[3],
                    "score": e.score,
                    "suggested": hint.value if hint else "",
                    "grade": e.grade.value if e.grade else "",
                    "handling": e.handling,
                    "reason": e.reason,
                }
            )
        return rows

    def appraisal_due_items(self, on: date | None = None) -> list[DueItem]:
        """This year's round, when not complete: due by the end of the year."""
        day = on or self.today()
        r = self._store.appraisal(day.year)
        if r is not None and r.complete:
            return []
        end = date(day.year, 12, 31)
        state = "soon" if end <= day + timedelta(days=self.practice().soon_days) else "later"
        title = (
            f"{day.year}年民主评议党员尚未开展"
            if r is None
            else f"{day.year}年民主评议党员：下一步“{r.next_step()}”"
        )
        return [
            DueItem(
                "appraisal", "", None, None, title, end, DEADLINE, state, "民主评议党员每年一次"
            )
        ]

    def ballot_html(self, year: int, copies: int) -> str:
        """N anonymous ballots listing the members to be graded."""
        from partybook.export.printables import ballot_html

        if not 1 <= copies <= 500:
            raise RuleViolation("测评表份数应为 1–500 份。")
        graded, _ = self.appraisal_participants(year, self.appraisal(year).on)
        return ballot_html(self.branch(), year, [m.name for m in graded], copies)

    def export_appraisal(self, target, year: int) -> dict:
        """Write the 民主评议党员结果汇总表; returns the counts by grade."""
        from partybook.export.appraisal import write_results

        return write_results(target, self.branch(), year, self.appraisal_rows(year), self.today())
