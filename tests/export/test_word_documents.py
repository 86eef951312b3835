"""The Word documents (export/documents.py): read back with python-docx, the official look of
the work summary, the forms' content, and hostile text that still makes a valid document."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from docx.shared import Pt

from partybook.domain.meetings import MeetingKind
from partybook.domain.members import Branch
from partybook.export.documents import clean

HOSTILE = "=1+1{members_end}{\x00\x01\x07\x0b\x1f\u202e倒序" + "长" * 5000
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_work_summary_reads_back_with_the_official_look(demo_book, tmp_path) -> None:
    target = tmp_path / "总结.docx"
    report = demo_book.summary.export_report(target, 2026)
    d = docx.Document(str(target))
    paragraphs = [p.text for p in d.paragraphs if p.text]
    assert paragraphs[0] == report.title
    for p in report.paras():
        assert p.text in paragraphs
    assert paragraphs[-1] == "2026年　　月　　日"
    s = d.sections[0]
    sizes = (s.page_width, s.page_height, s.top_margin, s.bottom_margin)
    sizes += (s.left_margin, s.right_margin)
    assert [round(x.mm) for x in sizes] == [210, 297, 37, 35, 28, 26]  # stored in twips
    body = next(p for p in d.paragraphs if p.text == report.sections[0].paras[0].text)
    run = body.runs[0]
    assert run.font.size == Pt(16)
    east_asia = run._element.rPr.rFonts.get(f"{WORD_NS}eastAsia")
    assert east_asia in ("仿宋_GB2312", "仿宋")
    title = d.paragraphs[0].runs[0]
    assert title._element.rPr.rFonts.get(f"{WORD_NS}eastAsia") in ("方正小标宋简体", "黑体")
    # placeholders stand out; the page number is Word's PAGE field in the footer
    marked = [p for p in d.paragraphs if p.text.startswith("【请填写：")]
    assert marked and all(p.runs[0].font.highlight_color is not None for p in marked)
    footer = s.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer


def test_the_minutes_document_has_what_the_printed_minutes_have(demo_book, tmp_path) -> None:
    meeting = next(m for m in demo_book.meetings.all(2026) if m.kind is MeetingKind.GENERAL)
    target = demo_book.meetings.minutes_docx(meeting.id, tmp_path / "会议记录.docx")
    text = _text(docx.Document(str(target)))
    title = demo_book.meetings.titles()[meeting.id]
    for expected in (title, "主持人", meeting.host, "应到", "议题", meeting.agenda, "会议内容"):
        assert expected in text, expected
    assert "主持人（签字）" in text and "记录人（签字）" in text
    names = demo_book.members.names()
    absent = [a for a in meeting.attendees if a.presence.value != "出席" and not a.excluded]
    assert all(names[a.member_id] in text for a in absent)


def test_the_record_and_the_results_as_documents(demo_book, tmp_path) -> None:
    person = next(m for m in demo_book.members.all() if m.name == "蒋涛")
    record = docx.Document(str(demo_book.pipeline.record_docx(person.id, tmp_path / "r.docx")))
    text = _text(record)
    assert "发展党员全程纪实表" in text and "蒋涛" in text and "递交入党申请书" in text
    assert len(record.tables[1].rows) == 26  # header and steps 1–25
    results = demo_book.appraisal.results_docx(2025, tmp_path / "评议.docx")
    d = docx.Document(str(results))
    rows = demo_book.appraisal.rows(2025)
    assert len(d.tables[0].rows) == len(rows) + 1
    assert "优秀比例" in _text(d)


def test_clean_keeps_text_and_drops_what_xml_cannot_hold() -> None:
    assert clean("=1+1") == "=1+1"
    assert clean("a\x00b\x1fc\u202ed\r\ne") == "abcd\ne"
    assert clean(None) == ""
    assert clean("\ud800x") == "x"


@pytest.mark.parametrize("where", ["branch", "meeting", "study"])
def test_hostile_text_still_gives_a_valid_document(demo_book, tmp_path, where) -> None:
    if where == "branch":
        demo_book.save_branch(Branch(name="柳溪小学党支部" + HOSTILE, committee=HOSTILE))
    elif where == "meeting":
        theme_day = next(m for m in demo_book.meetings.all(2026) if m.kind is MeetingKind.THEME_DAY)
        demo_book.meetings.save(
            dataclasses.replace(theme_day, agenda=HOSTILE, content=HOSTILE, place=HOSTILE)
        )
    else:
        session = next(s for s in demo_book.study.sessions(2026) if s.form == "集中学习")
        demo_book.study.save(dataclasses.replace(session, topic=HOSTILE))
    demo_book.summary.export_report(tmp_path / "总结.docx", 2026)
    text = _text(docx.Document(str(tmp_path / "总结.docx")))
    assert "\x00" not in text and "\u202e" not in text and "\x1f" not in text
    assert "=1+1{members_end}{倒序" + "长" * 5000 in text
    if where == "meeting":
        meeting = next(m for m in demo_book.meetings.all(2026) if m.agenda.startswith("=1+1"))
        demo_book.meetings.minutes_docx(meeting, tmp_path / "m.docx")
        minutes = _text(docx.Document(str(tmp_path / "m.docx")))
        assert "=1+1{members_end}{倒序" + "长" * 5000 in minutes


def test_a_file_open_elsewhere_is_refused_in_chinese(demo_book, tmp_path, monkeypatch) -> None:
    from partybook.domain.errors import PartyBookError
    from partybook.export import documents

    def locked(*args, **kwargs):
        raise PermissionError(13, "denied")

    target = tmp_path / "总结.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr("partybook.support.files.os.replace", locked)
    with pytest.raises(PartyBookError, match="Word 或 WPS"):
        documents.write_report(target, demo_book.summary.report(2026))
    assert target.read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".partybook-")]


def test_the_summary_draft_of_a_township_collection_is_refused(book) -> None:
    from partybook.domain.errors import PartyBookError

    book.township.is_collection = lambda: True  # type: ignore[method-assign]
    with pytest.raises(PartyBookError, match="汇总库"):
        book.summary.report(2026)
