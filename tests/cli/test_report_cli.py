"""`export report` and `print … --docx`: the draft's figures are those of `summary --json`."""

from __future__ import annotations

import json

import docx

from partybook.book import Book
from partybook.cli import main
from partybook.domain.report import number
from partybook.domain.stats import Figure


def _demo(tmp_path, demo_master):
    target = tmp_path / "demo.sqlite"
    target.write_bytes(demo_master.read_bytes())
    return target


def test_every_figure_of_the_report_equals_summary_json(tmp_path, demo_master, capsys) -> None:
    db = _demo(tmp_path, demo_master)
    assert main(["--db", str(db), "summary", "--year", "2026", "--json"]) == 0
    figures = {f["key"]: f for f in json.loads(capsys.readouterr().out)["figures"]}
    out = tmp_path / "总结.docx"
    assert main(["--db", str(db), "export", "report", "--year", "2026", "--out", str(out)]) == 0
    assert "处【请填写】待补充" in capsys.readouterr().out
    written = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    book = Book.open(db, auto_backup=False)  # the same day's clock as the commands'
    try:
        report = book.summary.report(2026)
    finally:
        book.close(auto_backup=False)
    stated = report.stated()
    assert len(stated) >= 15
    for key, value in stated.items():
        assert figures[key]["value"] == value, key
    for p in report.paras():
        assert p.text in written
        for key in p.keys:
            f = figures[key]
            shown = number(Figure(key, f["group"], f["label"], f["value"], f["unit"]))
            assert shown in p.text, (key, p.text)


def test_print_minutes_as_a_word_document(tmp_path, demo_master, capsys) -> None:
    db = _demo(tmp_path, demo_master)
    out = tmp_path / "会议记录.docx"
    assert main(["--db", str(db), "print", "minutes", "--meeting", "4", "--docx", str(out)]) == 0
    assert "会议记录" in capsys.readouterr().out
    cells = [c.text for row in docx.Document(str(out)).tables[0].rows for c in row.cells]
    assert "会议名称" in cells and "主持人" in cells
    record = tmp_path / "纪实表.docx"
    argv = ["--db", str(db), "print", "record", "--member", "蒋涛", "--docx", str(record)]
    assert main(argv) == 0
    assert "蒋涛" in "".join(c.text for t in docx.Document(str(record)).tables for c in t._cells)
    argv = ["--db", str(db), "print", "ballot", "--docx", str(tmp_path / "x.docx")]
    assert main(argv) == 2
    assert "--pdf" in capsys.readouterr().err
    argv = ["--db", str(db), "print", "record", "--member", "没有这个人", "--docx", str(record)]
    assert main(argv) == 2
    assert "花名册中没有" in capsys.readouterr().err
