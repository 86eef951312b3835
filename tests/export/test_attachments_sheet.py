"""The year workbook's 附件清单: each record of the year with attachments, count and names."""

from __future__ import annotations

from openpyxl import load_workbook

from partybook.domain.attachments import Owner


def test_the_year_workbook_lists_each_records_attachments(demo_book, tmp_path) -> None:
    member = demo_book.members.all()[0]
    scan = tmp_path / "入党志愿书.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    demo_book.attachments.attach(scan, Owner.MEMBER, member.id, caption="第 1 页")
    out = tmp_path / "年度台账.xlsx"
    demo_book.summary.export_year_workbook(out, 2026)
    ws = load_workbook(out)["附件清单"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value]
    meetings = {
        m.id: m
        for m in demo_book.meetings.all(2026)
        if demo_book.attachments.of(Owner.MEETING, m.id)
    }
    held = [r for r in rows if r[0] == "会议"]
    assert len(held) == len(meetings) == 3
    for m, row in zip(sorted(meetings.values(), key=lambda m: m.on), held, strict=True):
        names = [a.name for a in demo_book.attachments.of(Owner.MEETING, m.id)]
        assert row[3] == len(names)
        assert all(n in row[4] for n in names) and "会后合影" in row[4] or len(names) == 1
    (person,) = [r for r in rows if r[0] == "人员"]
    assert person[2] == f"{member.name} 的档案" and person[3] == 1
    assert person[4] == "入党志愿书.pdf：第 1 页"
    assert load_workbook(out)["附件清单"].cell(1, 1).value.endswith("台账附件清单")


def test_the_attachment_sheets_dates_read_as_dates_like_the_other_sheets(
    demo_book, tmp_path
) -> None:
    out = tmp_path / "年度台账.xlsx"
    demo_book.summary.export_year_workbook(out, 2026)
    wb = load_workbook(out)
    ws = wb["附件清单"]
    dated = [row[1] for row in ws.iter_rows(min_row=4) if row[0].value == "会议"]
    assert dated
    for cell in dated:
        assert cell.is_date and cell.number_format == "yyyy-mm-dd", cell.number_format
    # the same form as the registers' dates
    talks = wb["谈心谈话记录"]
    formats = {
        c.number_format
        for row in talks.iter_rows(min_row=4)
        for c in row
        if getattr(c, "is_date", False)
    }
    assert formats <= {"yyyy-mm-dd"}
