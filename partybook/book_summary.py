"""The Book's year in numbers and the home page's counts (Qt-free)."""

from __future__ import annotations

from datetime import date

from partybook.domain.members import Stage
from partybook.domain.pipeline import Event, Path
from partybook.domain.stats import Figure, YearData, figures, paragraph


class SummaryBook:
    """Mixed into Book: needs the store, members, meetings, appraisal and study verbs."""

    def paths(self) -> dict[int, Path]:
        """Every person's path, from one query."""
        events: dict[int, list[Event]] = {}
        for event in self._store.events():
            events.setdefault(event.member_id, []).append(event)
        return {member_id: Path(found) for member_id, found in events.items()}

    def year_data(self, year: int) -> YearData:
        end = min(date(year, 12, 31), self.today())
        return YearData(
            year=year,
            today=self.today(),
            members=self.members(),
            paths=self.paths(),
            meetings=self.meetings(year),
            titles=self.meeting_titles(),
            required=self.meeting_compliance(year, end) if end.year == year else [],
            appraisal=self._store.appraisal(year),
            sessions=self.study_sessions(year),
            hours=self.study_hours(year),
        )

    def year_figures(self, year: int) -> list[Figure]:
        """The year's figures (年度统计), each with the records behind it."""
        return figures(self.year_data(year))

    def year_paragraph(self, year: int, figs: list[Figure] | None = None) -> str:
        """A draft paragraph for the year-end work summary."""
        return paragraph(year, figs or self.year_figures(year), self.branch().name)

    def summary_years(self) -> list[int]:
        """Years worth a summary: this year and any year with meetings or study."""
        found = self._store.years_with("meetings") | self._store.years_with("study")
        return sorted({self.today().year, *found}, reverse=True)

    def glance(self, on: date | None = None) -> list[tuple[str, str]]:
        """The home page's few counts, as (heading, plain sentence) pairs."""
        day = on or self.today()
        people = self.members(include_left=False)
        by_stage = {s: sum(1 for m in people if m.stage is s) for s in Stage}
        members = by_stage[Stage.FULL] + by_stage[Stage.PROBATIONARY]
        now = [
            r
            for r in self.meeting_compliance(day.year, day)
            if r.period.start <= day <= r.period.end and r.period.kind != "year"
        ]
        held = sum(1 for r in now if r.met)
        group = [s for s in self.study_sessions(day.year) if not s.personal]
        behind = sum(1 for r in self.study_hours(day.year, day) if r.behind)
        r = self._store.appraisal(day.year)
        appraisal = (
            "已完成"
            if r is not None and r.complete
            else (f"下一步：{r.next_step()}" if r is not None else "尚未开始")
        )
        return [
            (
                "党员",
                f"在册党员 {members} 名（正式党员 {by_stage[Stage.FULL]}，"
                f"预备党员 {by_stage[Stage.PROBATIONARY]}）",
            ),
            (
                "发展党员",
                f"入党申请人 {by_stage[Stage.APPLICANT]}，入党积极分子 {by_stage[Stage.ACTIVIST]}，"
                f"发展对象 {by_stage[Stage.CANDIDATE]}",
            ),
            ("本月、本季度会议", f"应开 {len(now)} 项，已开 {held} 项"),
            (
                f"{day.year}年学习",
                f"集体学习 {len(group)} 次、{sum(s.hours for s in group):g} 学时；"
                + (f"{behind} 名党员学时落后进度" if behind else "没有落后进度的党员"),
            ),
            (f"{day.year}年民主评议", appraisal),
        ]
