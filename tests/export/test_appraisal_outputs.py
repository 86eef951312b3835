"""Appraisal outputs: the results sheet read back, ballots as PDF pages, the CLI."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date

import openpyxl

from partybook.cli import main
from partybook.domain.appraisal import STEPS, Grade
from partybook.export.appraisal import COLUMNS


def _graded_round(book):
    r = book.appraisal.round(2026)
    graded, _ = book.appraisal.participants(2026)
    first, second = graded[0].id, graded[1].id
    entries = []
    for e in r.entries:
        if e.member_id == first:
            e = dataclasses.replace(e, counts=(15, 2, 0, 0), grade=Grade.EXCELLENT)
        elif e.member_id == second:
            e = dataclasses.replace(e, counts=(0, 5, 10, 2), grade=Grade.BASIC, handling="谈话提醒")
        elif e.member_id in {m.id for m in graded}:
            e = dataclasses.replace(e, counts=(2, 15, 0, 0), grade=Grade.QUALIFIED)
        entries.append(e)
    steps = {s: (date(2026, 11, 10), "") for s in STEPS}
    return book.appraisal.save(
        dataclasses.replace(
            r, entries=entries, handed_out=19, returned=17, on=date(2026, 11, 10), steps=steps
        )
    )


def test_results_sheet(quiet_book, tmp_path) -> None:
    _graded_round(quiet_book)
    path = tmp_path / "评议.xlsx"
    counts = quiet_book.appraisal.export(path, 2026)
    assert counts == {"优秀": 1, "合格": 15, "基本合格": 1, "不合格": 0}
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[3]] == [c.header for c in COLUMNS]
    assert ws["A1"].value == "青山镇中心小学党支部2026年度民主评议党员结果汇总表"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=22)]
    statuses = {r[2] for r in rows if r[1]}
    assert statuses == {"正式党员", "预备党员，不评定等次"}
    summary = next(
        ws.cell(r, 1).value
        for r in range(4, ws.max_row + 1)
        if str(ws.cell(r, 1).value or "").startswith("参加评定")
    )
    assert "参加评定 17 名" in summary and "优秀比例 5.9%" in summary
    assert ws.page_setup.orientation == "portrait" and ws.print_title_rows == "$3:$3"


def test_ballots_and_cli(quiet_book, tmp_path, capsys) -> None:
    path = str(quiet_book.path)
    quiet_book.close(auto_backup=False)
    out = tmp_path / "ballot.pdf"
    assert (
        main(
            ["--db", path, "print", "ballot", "--year", "2026", "--copies", "3", "--pdf", str(out)]
        )
        == 0
    )
    assert len(re.findall(rb"/Type\s*/Page[^s]", out.read_bytes())) == 3
    assert main(["--db", path, "appraisal", "--year", "2026", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert len(rows) == 19 and {"member", "status", "优秀", "grade", "suggested"} <= set(rows[0])
    assert main(["--db", path, "print", "ballot", "--copies", "0", "--pdf", str(out)]) == 2
