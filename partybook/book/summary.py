"""The year in numbers (年度统计), the home page's counts and the 年度台账 workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path as FilePath

from partybook.book.appraisal import Appraisal
from partybook.book.committee import Committee
from partybook.book.core import Core, kept
from partybook.book.dues import Dues
from partybook.book.layouts import Layouts
from partybook.book.meetings import Meetings
from partybook.book.members import Members
from partybook.book.pipeline import Pipeline
from partybook.book.rules import Rules
from partybook.book.study import Study
from partybook.book.talks import Talks
from partybook.book.township import Township
from partybook.book.transfers import Transfers
from partybook.domain.appraisal import next_step
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Stage
from partybook.domain.pipeline import Path
from partybook.domain.report import Report, ReportData, build_report, record_figures
from partybook.domain.stats import Figure, Ref, YearData, figures, paragraph
from partybook.store import appraisals as appraisal_store
from partybook.store import meetings as meeting_store
from partybook.store import study as study_store


class Summary:
    """book.summary: everything the year's figures, the home page and the workbook read."""

    def __init__(
        self,
        core: Core,
        *,
        members: Members,
        rules: Rules,
        pipeline: Pipeline,
        meetings: Meetings,
        appraisal: Appraisal,
        study: Study,
        layouts: Layouts,
        township: Township,
        talks: Talks,
        transfers: Transfers,
        dues: Dues,
        committee: Committee,
    ) -> None:
        self._core = core
        self._members = members
        self._rules = rules
        self._pipeline = pipeline
        self._meetings = meetings
        self._appraisal = appraisal
        self._study = study
        self._layouts = layouts
        self._township = township
        self._talks = talks
        self._transfers = transfers
        self._dues = dues
        self._committee = committee

    def year_data(self, year: int) -> YearData:
        end = min(date(year, 12, 31), self._core.today())
        return YearData(
            year=year,
            today=self._core.today(),
            members=self._members.all(),
            paths=self._pipeline.paths(),
            meetings=self._meetings.all(year),
            titles=self._meetings.titles(year),  # 第 n 次 counts within the year
            required=self._meetings.compliance(year, end) if end.year == year else [],
            appraisal=appraisal_store.load_round(year),
            sessions=self._study.sessions(year),
            hours=self._study.hours(year),
        )

    def year_figures(self, year: int) -> list[Figure]:
        """The year's figures (年度统计), each with the records behind it; a township
        collection's are its branches' together, and its records are read by figure_refs."""
        if self._township.is_collection():
            return self._township.figures(year)
        return self._figures(self.year_data(year))

    def _figures(self, d: YearData) -> list[Figure]:
        """The domain's figures, then the talks, transfers and dues of the year."""
        others = record_figures(
            d.year,
            d.hours,
            self._talks.all(d.year),
            self._transfers.all(),
            self._dues.rows(d.year),
            self._members.names(),
        )
        return figures(d) + others

    def report(self, year: int) -> Report:
        """The draft of the year's 党支部工作总结, written from the records (domain/report.py):
        every figure it states is one of year_figures(year)."""
        if self._township.is_collection():
            raise PartyBookError("乡镇汇总库不能生成支部工作总结：请在各支部自己的台账中生成。")
        d = self.year_data(year)
        return build_report(
            ReportData(
                year=year,
                today=self._core.today(),
                branch=self._core.branch(),
                figures=self._figures(d),
                meetings=d.meetings,
                sessions=d.sessions,
                talks=self._talks.all(year),
                term_end=self._committee.term_end(),
            )
        )

    def export_report(self, target: FilePath, year: int) -> Report:
        """Write the year's work summary draft as a Word document (.docx)."""
        from partybook.export.documents import write_report

        report = self.report(year)
        write_report(FilePath(target), report)
        return report

    def figure_refs(self, year: int, figure: Figure) -> tuple[Ref, ...]:
        """The records behind one of year_figures(year), "branch：line" in a township
        collection (read when asked: its 30 branches' hold 100 000, and a list shows one
        figure's)."""
        if self._township.is_collection():  # kept up to date when year_figures gave the figure
            return self._township.figure_refs(year, figure.key)
        return figure.refs

    def year_paragraph(self, year: int, figs: list[Figure] | None = None) -> str:
        """A draft paragraph for the year-end work summary."""
        return paragraph(year, figs or self.year_figures(year), self._township.who())

    def years(self) -> list[int]:
        """Years worth a summary: this year and any year with meetings or study."""
        if self._township.is_collection():
            return self._township.years()
        found = meeting_store.years() | study_store.years()
        return sorted({self._core.today().year, *found}, reverse=True)

    @kept
    def glance(self, on: date | None = None) -> list[tuple[str, str]]:
        """The home page's few counts, as (heading, plain sentence) pairs."""
        day = on or self._core.today()
        people = self._members.all(include_left=False)
        by_stage = {s: sum(1 for m in people if m.stage is s) for s in Stage}
        members = by_stage[Stage.FULL] + by_stage[Stage.PROBATIONARY]
        now = [
            r
            for r in self._meetings.compliance(day.year, day)
            if r.period.start <= day <= r.period.end and r.period.kind != "year"
        ]
        held = sum(1 for r in now if r.met)
        sessions, hours = self._study.group_study(day.year)  # counted, not read (1 000 a year)
        behind = sum(1 for r in self._study.hours(day.year, day) if r.behind)
        steps = appraisal_store.load_steps(day.year)  # not the round's 8 000 entries
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

    def year_book(self, year: int):
        """Everything the 年度台账 is written from, for this branch and year."""
        from partybook.book.attachments import attachment_rows
        from partybook.domain.stats import stage_on
        from partybook.export.sheets import ledger_record
        from partybook.export.yearbook import YearBook

        d = self.year_data(year)
        figs = self._figures(d)
        roster, pipeline = [], []
        due = self._pipeline.due_items() if year == self._core.today().year else []
        rules = self._rules.current()
        for m in d.members:
            path = d.paths.get(m.id, Path())
            stage = stage_on(m, path, d.end)
            if stage is not None and stage.is_member:
                roster.append((m, stage.value))
            admitted = m.joined_on is not None and m.joined_on.year == year
            converted = m.full_on is not None and m.full_on.year == year
            # everyone on the way in the year: not yet a member, admitted or converted in it,
            # or in probation at its end (admitted the year before, 转正 still ahead)
            if stage is not None and (
                not stage.is_member or admitted or converted or stage is Stage.PROBATIONARY
            ):
                mine = [i for i in due if i.member_id == m.id]
                record = ledger_record(m, path, mine, path.probation_end(rules))
                pipeline.append((m, stage.value, record))
        order = {s.value: i for i, s in enumerate(Stage)}
        roster.sort(key=lambda x: (-order[x[1]], x[0].joined_on or date.max, x[0].name))
        pipeline.sort(key=lambda x: (order[x[1]], _day(x[2].get("step1")), x[0].name))
        return YearBook(
            branch=self._core.branch(),
            data=d,
            roster=roster,
            pipeline=pipeline,
            appraisal=d.appraisal,
            appraisal_rows=self._appraisal.rows(year),
            attendance=self._meetings.attendance(year),
            figures=figs,
            paragraph=paragraph(year, figs, self._core.branch().name),
            study_settings=self._study.settings(),
            dues=self._dues.rows(year),
            dues_settings=self._dues.settings(),
            registers=self.registers(year),
            attachment_rows=attachment_rows(year),
        )

    def register_html(self, what: str, year: int | None) -> str:
        """A register as a printable page: "talks" or "transfers" of the year, "elections" of
        the year (every election when year is None)."""
        from partybook.export.records import elections_register, register_html

        if what == "elections" and year is None:
            branch = self._core.branch()
            return register_html(
                elections_register(f"{branch.name}换届选举", self._committee.elections())
            )
        index = {"talks": 0, "transfers": 1, "elections": 2}[what]
        return register_html(self.registers(year or self._core.today().year)[index])

    def registers(self, year: int):
        """谈心谈话记录, 组织关系转接登记 and 换届选举 of the year (export/records.py)."""
        from partybook.export.records import (
            elections_register,
            talks_register,
            transfers_register,
        )

        branch, names = self._core.branch(), self._members.names()
        elections = self._committee.elections()
        latest = max(elections, key=lambda e: (e.on, e.id or 0), default=None)
        return [
            talks_register(branch, year, self._talks.all(year), names),
            transfers_register(branch, year, self._transfers.all(), names),
            elections_register(
                f"{branch.name}{year}年换届选举",
                [e for e in elections if e.on.year == year],
                latest,
            ),
        ]

    def export_year_workbook(
        self, target: FilePath, year: int, *, mask: bool = False, progress=None
    ) -> list[str]:
        """Write the 年度台账 for the township: every sheet, through the saved layouts (a
        township collection writes its branches together, with a 支部 column); mask hides the
        middle of ID and phone numbers on every sheet of this export. progress(done, total)
        (domain/progress.py) may raise Cancelled: then no file is written."""
        layouts = self._layouts.current()
        layouts = layouts.masked() if mask else layouts
        if self._township.is_collection():
            return self._township.export_workbook(target, year, layouts, progress)
        from partybook.export.yearbook import write_year_workbook

        report = progress or (lambda done, total: None)
        report(0, 7)
        y = self.year_book(year)
        return write_year_workbook(
            FilePath(target), y, layouts, self._core.today(), lambda done, _: report(done + 1, 7)
        )


def _day(value: object) -> date:
    """A step's date for sorting: 建账前未录入 (text) and empty sort last."""
    return value if isinstance(value, date) else date.max
