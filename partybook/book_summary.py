"""The Book's year in numbers and the home page's counts (Qt-free)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path as FilePath

from partybook.domain.appraisal import next_step
from partybook.domain.errors import PartyBookError, RuleViolation
from partybook.domain.members import Stage
from partybook.domain.pipeline import Event, Path
from partybook.domain.stats import Figure, Ref, YearData, figures, paragraph

log = logging.getLogger(__name__)


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
            titles=self.meeting_titles(year),  # 第 n 次 counts within the year
            required=self.meeting_compliance(year, end) if end.year == year else [],
            appraisal=self._store.appraisal(year),
            sessions=self.study_sessions(year),
            hours=self.study_hours(year),
        )

    def year_figures(self, year: int) -> list[Figure]:
        """The year's figures (年度统计), each with the records behind it; a township
        collection's are its branches' together, and its records are read by figure_refs."""
        if self.is_township():
            return self.township_figures(year)
        return figures(self.year_data(year))

    def figure_refs(self, year: int, figure: Figure) -> tuple[Ref, ...]:
        """The records behind one of year_figures(year), "branch：line" in a township
        collection (read when asked: its 30 branches' hold 100 000, and a list shows one
        figure's)."""
        if self.is_township():  # kept up to date when year_figures gave the figure
            return self._store.figure_refs(year, figure.key)
        return figure.refs

    def year_paragraph(self, year: int, figs: list[Figure] | None = None) -> str:
        """A draft paragraph for the year-end work summary."""
        return paragraph(year, figs or self.year_figures(year), self.summary_who())

    def summary_years(self) -> list[int]:
        """Years worth a summary: this year and any year with meetings or study."""
        if self.is_township():
            return self.township_years()
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
        sessions, hours = self._store.group_study(day.year)  # counted, not read (1 000 a year)
        behind = sum(1 for r in self.study_hours(day.year, day) if r.behind)
        steps = self._store.appraisal_steps(day.year)  # not the round's 8 000 entries
        step = None if steps is None else next_step(steps)
        appraisal = "尚未开始" if steps is None else f"下一步：{step}" if step else "已完成"
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
                f"集体学习 {sessions} 次、{hours:g} 学时；"
                + (f"{behind} 名党员学时落后进度" if behind else "没有落后进度的党员"),
            ),
            (f"{day.year}年民主评议", appraisal),
        ]

    # layouts and the year workbook --------------------------------------------------
    def layouts(self):
        """The export layouts saved in the book (sheets not set use their default)."""
        from partybook.export.layouts import Layouts

        text = self._store.settings().get(_LAYOUTS_KEY, "")
        if not text:
            return Layouts()
        try:
            return Layouts.from_json(text)
        except PartyBookError:
            log.warning("saved layouts unreadable; using the defaults")
            return Layouts()

    def save_layouts(self, layouts) -> None:
        from partybook.export.layouts import check_layout

        for sheet, layout in layouts.sheets.items():
            problems = check_layout(sheet, layout)
            if problems:
                raise RuleViolation(f"“{sheet}”的表格格式：" + "；".join(problems))
        self._store.put_settings({_LAYOUTS_KEY: layouts.to_json()})

    def export_layouts(self, target: FilePath) -> FilePath:
        """Save the layouts as a small file another school's PartyBook can import."""
        from partybook.support.files import atomic_write

        target = FilePath(target)
        try:
            with atomic_write(target, ".json") as tmp:
                tmp.write_text(self.layouts().to_json(), encoding="utf-8")
        except OSError as exc:
            raise PartyBookError(f"无法写入“{target}”：{exc.strerror or exc}。") from exc
        return target

    def import_layouts(self, source: FilePath):
        """Read a layouts file and save it in the book; returns the layouts."""
        from partybook.export.layouts import Layouts

        source = FilePath(source)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PartyBookError(f"无法读取“{source.name}”：{exc}") from exc
        layouts = Layouts.from_json(text, f"“{source.name}”")
        self.save_layouts(layouts)
        return layouts

    def year_book(self, year: int):
        """Everything the 年度台账 is written from, for this branch and year."""
        from partybook.domain.stats import stage_on
        from partybook.export.sheets import ledger_record
        from partybook.export.yearbook import YearBook

        d = self.year_data(year)
        figs = figures(d)
        roster, pipeline = [], []
        due = self.pipeline_due_items() if year == self.today().year else []
        rules = self.rules()
        for m in d.members:
            path = d.paths.get(m.id, Path())
            stage = stage_on(m, path, d.end)
            if stage is not None and stage.is_member:
                roster.append((m, stage.value))
            admitted = m.joined_on is not None and m.joined_on.year == year
            if stage is not None and (not stage.is_member or admitted):
                mine = [i for i in due if i.member_id == m.id]
                record = ledger_record(m, path, mine, path.probation_end(rules))
                pipeline.append((m, stage.value, record))
        order = {s.value: i for i, s in enumerate(Stage)}
        roster.sort(key=lambda x: (-order[x[1]], x[0].joined_on or date.max, x[0].name))
        pipeline.sort(key=lambda x: (order[x[1]], x[2].get("step1") or date.max, x[0].name))
        return YearBook(
            branch=self.branch(),
            data=d,
            roster=roster,
            pipeline=pipeline,
            appraisal=d.appraisal,
            appraisal_rows=self.appraisal_rows(year),
            attendance=self.attendance(year),
            figures=figs,
            paragraph=paragraph(year, figs, self.branch().name),
            study_settings=self.study_settings(),
        )

    def export_year_workbook(
        self, target: FilePath, year: int, *, mask: bool = False, progress=None
    ) -> list[str]:
        """Write the 年度台账 for the township: every sheet, through the saved layouts (a
        township collection writes its branches together, with a 支部 column); mask hides the
        middle of ID and phone numbers on every sheet of this export. progress(done, total)
        (domain/progress.py) may raise Cancelled: then no file is written."""
        layouts = self.layouts().masked() if mask else self.layouts()
        if self.is_township():
            return self.export_township_workbook(target, year, layouts, progress)
        from partybook.export.yearbook import write_year_workbook

        report = progress or (lambda done, total: None)
        report(0, 7)
        y = self.year_book(year)
        return write_year_workbook(
            FilePath(target), y, layouts, self.today(), lambda done, _: report(done + 1, 7)
        )


_LAYOUTS_KEY = "export.layouts"
