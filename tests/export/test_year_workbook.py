"""The 年度台账: every sheet, headers per layout, dates in the chosen format, figures equal to
the records; layouts saved, exported and imported as a small file."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from partybook.domain.errors import PartyBookError, RuleViolation
from partybook.export.layouts import SPECS, Layouts, SheetLayout
from partybook.export.yearbook import SHEETS


def _body(ws, header_row=3):
    return [
        r for r in ws.iter_rows(min_row=header_row + 1, values_only=True) if isinstance(r[0], int)
    ]


def test_every_sheet_with_default_headers_and_records(demo_book, tmp_path) -> None:
    out = tmp_path / "年度台账.xlsx"
    assert demo_book.summary.export_year_workbook(out, 2026) == list(SHEETS)
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    for sheet in ("党员花名册", "发展党员台账", "三会一课", "民主评议结果", "学习记录", "学时统计"):
        ws = wb[sheet]
        expected = [h for _, h in SPECS[sheet].default_layout().columns]
        assert [c.value for c in ws[3]][: len(expected)] == expected, sheet
        assert ws.print_title_rows == "$3:$3" and ws.page_setup.fitToWidth == 1, sheet
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页", sheet
        assert "青山镇中心小学党支部" in ws["A1"].value and "2026" in ws["A1"].value, sheet
    members = [m for m in demo_book.members.all(include_left=False) if m.stage.is_member]
    assert len(_body(wb["党员花名册"])) == len(members)
    assert len(_body(wb["三会一课"])) == len(demo_book.meetings.all(2026))
    assert len(_body(wb["学习记录"])) == len(demo_book.study.sessions(2026))
    stages = {r[3] for r in _body(wb["发展党员台账"])}
    assert stages <= {"入党申请人", "入党积极分子", "发展对象", "预备党员"} and len(stages) >= 3
    figs = {f.label: f for f in demo_book.summary.year_figures(2026)}
    stats = {r[1]: r[2] for r in wb["年度统计"].iter_rows(min_row=4, values_only=True) if r[1]}
    assert stats["召开支部党员大会"] == figs["召开支部党员大会"].text == "4 次"
    assert (
        stats["组织集体学习"]
        == f"{len([s for s in demo_book.study.sessions(2026) if not s.personal])} 次"
    )


def test_a_layout_chooses_columns_order_headers_and_date_format(demo_book, tmp_path) -> None:
    layouts = Layouts(
        {
            "党员花名册": SheetLayout(
                (("name", "姓  名"), ("joined", "入党日期"), ("id_number", "公民身份号码")),
                "2026年11月22日",
            ),
            "三会一课": SheetLayout((("date", "时间"), ("title", "会议")), "20261122"),
        }
    )
    demo_book.layouts.save(layouts)
    assert demo_book.layouts.current() == layouts
    out = tmp_path / "y.xlsx"
    demo_book.summary.export_year_workbook(out, 2026)
    wb = load_workbook(out)
    ws = wb["党员花名册"]
    assert [c.value for c in ws[3]] == ["姓  名", "入党日期", "公民身份号码"]
    first = ws.cell(4, 2)
    assert first.is_date and first.number_format == 'yyyy"年"m"月"d"日"'
    assert ws.cell(4, 3).number_format == "@"  # ID numbers stay text
    ws = wb["三会一课"]
    assert [c.value for c in ws[3]] == ["时间", "会议"]
    assert ws.cell(4, 1).number_format == "yyyymmdd" and ws.cell(4, 1).is_date
    # the other sheets keep their default
    assert [c.value for c in wb["学习记录"][3]][1] == "日期"


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (SheetLayout(()), "至少要有一列"),
        (SheetLayout((("nope", "x"),)), "不认识的列"),
        (SheetLayout((("name", "姓名"), ("name", "名字"))), "重复"),
        (SheetLayout((("name", " "),)), "表头是空的"),
        (SheetLayout((("name", "姓名"),), "22/11/2026"), "日期格式"),
    ],
)
def test_bad_layouts_are_refused(book, layout, message) -> None:
    with pytest.raises(RuleViolation, match=message):
        book.layouts.save(Layouts({"党员花名册": layout}))


def test_layouts_travel_as_a_small_file(demo_book, book, tmp_path) -> None:
    layouts = Layouts({"学时统计": SheetLayout((("name", "姓名"), ("hours", "学时")), "2026.11")})
    demo_book.layouts.save(layouts)
    path = demo_book.layouts.export(tmp_path / "青山镇格式.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "partybook-layouts" and data["version"] == 1
    assert book.layouts.import_file(path) == layouts
    assert book.layouts.current().of("学时统计").date_format == "2026.11"


def test_a_strange_or_newer_layout_file_is_refused_and_nothing_changes(book, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(PartyBookError, match="不是 PartyBook 的表格格式文件"):
        book.layouts.import_file(bad)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "partybook-layouts", "version": 9, "sheets": {}}))
    with pytest.raises(PartyBookError, match="更新版本"):
        book.layouts.import_file(newer)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(
        json.dumps(
            {
                "format": "partybook-layouts",
                "version": 1,
                "sheets": {"党员花名册": {"columns": [["shoe_size", "鞋码"]]}},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(PartyBookError, match="“党员花名册”：不认识的列“shoe_size”"):
        book.layouts.import_file(wrong)
    assert book.layouts.current() == Layouts()


def test_cli_exports_the_ledger_and_moves_layouts(demo_book, tmp_path, capsys) -> None:
    from partybook.cli import main

    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    out = tmp_path / "台账.xlsx"
    assert main(["--db", path, "export", "ledger", "--year", "2026", "--out", str(out)]) == 0
    assert load_workbook(out).sheetnames == list(SHEETS)
    lay = tmp_path / "l.json"
    assert main(["--db", path, "layouts", "export", str(lay)]) == 0
    assert main(["--db", path, "layouts", "import", str(lay)]) == 0
    assert main(["--db", path, "summary", "--year", "2026", "--json"]) == 0
    out_text = capsys.readouterr().out
    data = json.loads(out_text[out_text.index("{") :])
    assert data["paragraph"].startswith("2026年，青山镇中心小学党支部")
