"""The Book's year in numbers and the home page's counts (Qt-free)."""

from __future__ import annotations

from datetime import date

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
