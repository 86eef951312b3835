"""谈心谈话记录, 组织关系转接登记, 换届选举 and 党费收缴明细 in the year workbook, and the registers
as printable pages (one line between cells)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook


def _rows(ws):
    """The data rows of a register sheet (below the header on row 3)."""
    return [
        [c.value for c in row]
        for row in ws.iter_rows(min_row=4)
        if row[0].value is not None and isinstance(row[0].value, int)
    ]


@pytest.fixture
def workbook(demo_book, tmp_path):
    out = tmp_path / "台账.xlsx"
    demo_book.summary.export_year_workbook(out, 2026)
    return load_workbook(out)


def test_the_talks_and_transfers_of_the_year_are_sheets(demo_book, workbook) -> None:
    talks = demo_book.talks.all(2026)
    rows = _rows(workbook["谈心谈话记录"])
    assert len(rows) == len(talks) > 0
    names = demo_book.members.names()
    first = min(talks, key=lambda t: (t.on, t.id))
    assert rows[0][1].date() == first.on
    assert rows[0][2:5] == [names[first.first_id], names[first.second_id], first.topic]
    moved = _rows(workbook["组织关系转接登记"])
    assert [(r[2], r[3]) for r in moved] == [("转出", "林海")]


def test_the_election_sheet_has_every_candidates_votes(demo_book, tmp_path) -> None:
    election = demo_book.committee.elections()[0]
    out = tmp_path / "台账.xlsx"
    demo_book.summary.export_year_workbook(out, election.on.year)
    ws = load_workbook(out)["换届选举"]
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=3 + 5)]
    assert lines[0][1:4] == [election.should_attend, election.present, election.seats]
    votes = {line[4]: (line[5], line[6], line[7]) for line in lines}
    assert votes["刘建华"] == (16, "是", "书记")
    assert votes["李国平"] == (6, "否", None)
    notes = [c.value for row in ws.iter_rows(min_row=9) for c in row if c.value]
    assert any("选举有效" in str(n) for n in notes)


def test_a_year_without_an_election_says_when_the_committee_was_elected(workbook) -> None:
    notes = [c.value for row in workbook["换届选举"].iter_rows() for c in row if c.value]
    assert any("本届支部委员会于 2024-03-22 选举产生" in str(n) for n in notes)


def test_the_dues_detail_total_is_the_years_figure(demo_book, workbook) -> None:
    ws = workbook["党费收缴明细"]
    total = next(row for row in ws.iter_rows() if row[1].value == "合计")
    paid = {f.key: f for f in demo_book.summary.year_figures(2026)}["dues_paid"].value
    assert Decimal(str(total[18].value)) == Decimal(str(paid))


@pytest.mark.parametrize("what", ["talks", "transfers", "elections"])
def test_the_registers_print_with_single_lines(demo_book, what) -> None:
    html = demo_book.summary.register_html(what, None if what == "elections" else 2026)
    assert "border-collapse: collapse" in html
    assert "支部书记（签字）" in html
    expected = {"talks": "工作和思想情况", "transfers": "林海", "elections": "刘建华"}[what]
    assert expected in html


def test_every_printable_table_draws_one_line_between_cells(demo_book) -> None:
    meeting = demo_book.meetings.all(2026)[0]
    person = demo_book.members.all()[0]
    pages = [
        demo_book.dues.notice_html(2026),
        demo_book.meetings.minutes_html(meeting),
        demo_book.pipeline.record_html(person.id),
        demo_book.appraisal.results_html(2025),
        demo_book.appraisal.ballot_html(2026, 1),
    ]
    for html in pages:
        assert "border-collapse: collapse" in html
