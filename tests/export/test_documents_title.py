"""The work summary's title fits the type area: one line when it can, else broken between the
branch's name and "<年>年度党建工作总结", never leaving a character alone on a line."""

from __future__ import annotations

from docx import Document

from partybook.domain.report import Report
from partybook.export.documents import title_lines, write_report


def test_a_short_title_stays_on_one_line() -> None:
    assert title_lines("红旗小学党支部2026年度党建工作总结") == [
        "红旗小学党支部2026年度党建工作总结"
    ]


def test_a_long_title_breaks_before_the_year() -> None:
    lines = title_lines("青山镇中心小学党支部2026年度党建工作总结")
    assert lines == ["青山镇中心小学党支部", "2026年度党建工作总结"]


def test_the_document_carries_the_break(tmp_path) -> None:
    title = "青山镇中心小学党支部2026年度党建工作总结"
    report = Report(2026, "青山镇中心小学党支部", title, (), (), ("青山镇中心小学党支部",))
    path = write_report(tmp_path / "r.docx", report)
    first = Document(str(path)).paragraphs[0]
    assert first.text == "青山镇中心小学党支部\n2026年度党建工作总结"
