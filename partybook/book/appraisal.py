"""民主评议党员: the year's round, its checks, its due item and its outputs."""

from __future__ import annotations

from datetime import date, timedelta

from partybook.book.changes import Change
from partybook.book.core import Core, kept
from partybook.book.members import Members
from partybook.book.rules import Rules
from partybook.domain.appraisal import (
    NOT_GRADED,
    AppraisalSettings,
    Entry,
    Round,
    ScoreScheme,
    check_round,
    next_step,
    participants,
    suggest,
)
from partybook.domain.deadlines import DEADLINE, DueItem
from partybook.domain.errors import RuleViolation
from partybook.store import appraisals as appraisal_store


def _two_lists(pair: tuple[list, list]) -> tuple[list, list]:
    return list(pair[0]), list(pair[1])


class Appraisal:
    """book.appraisal: one round a year, its ballots, tallies and grades."""

    def __init__(self, core: Core, members: Members, rules: Rules) -> None:
        self._core = core
        self._members = members
        self._rules = rules

    def settings(self) -> AppraisalSettings:
        v = self._core.settings()
        default = AppraisalSettings()
        try:
            scheme = ScoreScheme(
                float(v.get("appraisal.excellent", default.scheme.excellent)),
                float(v.get("appraisal.qualified", default.scheme.qualified)),
                float(v.get("appraisal.basic", default.scheme.basic)),
            )
            return AppraisalSettings(
                scheme,
                v.get("appraisal.cap_of_all", "0") == "1",
                int(v.get("appraisal.due_month", default.due_month)),
                int(v.get("appraisal.due_day", default.due_day)),
                tuple(c for c in v.get("appraisal.criteria", "").split("、") if c.strip()),
            )
        except ValueError:
            return default

    def save_settings(self, s: AppraisalSettings) -> None:
        sc = s.scheme
        if not sc.excellent > sc.qualified > sc.basic >= 0:
            raise RuleViolation("得分标准应为：优秀 > 合格 > 基本合格 ≥ 0。")
        try:
            date(2026, s.due_month, s.due_day)
        except ValueError:
            raise RuleViolation(f"{s.due_month}月{s.due_day}日不是有效日期。") from None
        self._core.put_settings(
            {
                "appraisal.excellent": f"{sc.excellent:g}",
                "appraisal.qualified": f"{sc.qualified:g}",
                "appraisal.basic": f"{sc.basic:g}",
                "appraisal.cap_of_all": "1" if s.cap_of_all else "0",
                "appraisal.due_month": str(s.due_month),
                "appraisal.due_day": str(s.due_day),
                "appraisal.criteria": "、".join(c.strip() for c in s.criteria if c.strip()),
            }
        )

    def score_scheme(self) -> ScoreScheme:
        return self.settings().scheme

    def excellent_limit(self, year: int) -> int:
        """How many 优秀 the year's round allows (⅓ of the settings' denominator)."""
        r = self.round(year)
        graded, ungraded = self.participants(year, r.on)
        base = self.settings().cap_base(len(graded), len(graded) + len(ungraded))
        return base // 3

    def participants(self, year: int, on: date | None = None) -> tuple[list, list]:
        """(graded, not graded) members for a round held on `on` (default the 31st of December)."""
        return self._participants(on or date(year, 12, 31))

    @kept(give=_two_lists)
    def _participants(self, on: date) -> tuple[list, list]:
        """Kept per round date: 民主评议 asks on every load, over a township's 10 000 people;
        each call gets its own two lists, the members in them shared as the roster shares them."""
        return participants(self._members.all(), on)

    def saved(self, year: int) -> Round | None:
        """The year's round as saved, or None if none was saved yet."""
        return appraisal_store.load_round(year)

    def round(self, year: int) -> Round:
        """The year's round as saved, or a new one listing everyone who takes part."""
        found = appraisal_store.load_round(year)
        if found is not None:
            return found
        graded, ungraded = self.participants(year)
        return Round(year, entries=[Entry(m.id) for m in [*graded, *ungraded]])

    def save(self, r: Round) -> Round:
        """Save the round with every entry in one write, if its counts and grades are sound."""
        graded, ungraded = self.participants(r.year, r.on)
        names = {m.id: m.name for m in self._members.all()}
        base = self.settings().cap_base(len(graded), len(graded) + len(ungraded))
        problems = check_round(r, {m.id for m in graded}, names, self._core.today(), base)
        if problems:
            raise RuleViolation("；".join(problems))
        with self._core.writing(Change.APPRAISAL):
            return appraisal_store.save_round(r)

    def rows(self, year: int) -> list[dict]:
        """One row per participant with names, counts, suggestion and grade, for tables and JSON."""
        r = self.round(year)
        graded, _ = self.participants(year, r.on)
        graded_ids = {m.id for m in graded}
        names = {m.id: m.name for m in self._members.all()}
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

    @kept
    def due_items(self, on: date | None = None) -> list[DueItem]:
        """This year's round, when not complete: due by the end of the year."""
        day = on or self._core.today()
        steps = appraisal_store.load_steps(day.year)  # not the round's 8 000 entries
        if steps is not None and next_step(steps) is None:
            return []
        s = self.settings()
        end = date(day.year, s.due_month, s.due_day)
        state = "soon" if end <= day + timedelta(days=self._rules.practice().soon_days) else "later"
        title = (
            f"{day.year}年民主评议党员尚未开展"
            if steps is None
            else f"{day.year}年民主评议党员：下一步“{next_step(steps)}”"
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
        graded, _ = self.participants(year, self.round(year).on)
        criteria = self.settings().criteria
        return ballot_html(self._core.branch(), year, [m.name for m in graded], copies, criteria)

    def export(self, target, year: int) -> dict:
        """Write the 民主评议党员结果汇总表; returns the counts by grade."""
        from partybook.export.appraisal import write_results

        return write_results(target, self._core.branch(), year, self.rows(year), self._core.today())

    def results_html(self, year: int) -> str:
        """The 结果汇总表 as a printable page."""
        from partybook.export.printables import results_html

        return results_html(self._core.branch(), year, self.rows(year))

    def results_docx(self, year: int, target):
        """The 结果汇总表 as an editable Word document."""
        from partybook.export.documents import write_results
        from partybook.export.printables import results_summary, results_title

        rows = self.rows(year)
        title = results_title(self._core.branch(), year)
        return write_results(target, title, rows, results_summary(rows))
