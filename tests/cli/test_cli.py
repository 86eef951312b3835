"""The headless command line: demo, import, export, backup, check; Chinese errors, exit codes."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from partybook.book import Book
from partybook.cli import main
from partybook.domain.idcard import make_id_number
from tests.conftest import copy_book


@pytest.fixture
def demo_path(tmp_path, today_demo_master):
    """What `partybook demo` writes today (a copy of the session's)."""
    return copy_book(today_demo_master, tmp_path)


def _roster_file(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["某某小学党员花名册"])
    ws.append(["序号", "姓名", "性别", "身份证号", "入党时间", "转正时间", "人员类别"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_demo_writes_a_book_and_refuses_to_overwrite(tmp_path, capsys) -> None:
    path = tmp_path / "d.sqlite"
    assert main(["demo", str(path)]) == 0
    assert path.is_file()
    assert main(["demo", str(path)]) == 2
    assert "已经存在" in capsys.readouterr().err


def test_check_is_zero_only_when_healthy(demo_path, capsys) -> None:
    assert main(["--db", str(demo_path), "check"]) == 0
    assert "完好" in capsys.readouterr().out


def test_missing_book_is_a_chinese_error_not_a_traceback(tmp_path, capsys) -> None:
    assert main(["--db", str(tmp_path / "nope.sqlite"), "check"]) == 2
    err = capsys.readouterr().err
    assert "找不到数据文件" in err and "Traceback" not in err


def test_export_roster(demo_path, tmp_path, capsys) -> None:
    out = tmp_path / "花名册.xlsx"
    assert main(["--db", str(demo_path), "export", "roster", "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).active
    assert "青山镇中心小学党支部" in str(ws["A1"].value)


def test_backup_out(demo_path, tmp_path) -> None:
    out = tmp_path / "usb" / "copy.sqlite"
    assert main(["--db", str(demo_path), "backup", "--out", str(out)]) == 0
    book = Book.open(out, auto_backup=False)
    assert len(book.members.all()) == len(Book.open(demo_path, auto_backup=False).members.all())


def test_import_good_file(tmp_path, capsys) -> None:
    db = tmp_path / "b.sqlite"
    number = make_id_number("430521", __import__("datetime").date(1988, 2, 3), 7, "女")
    src = _roster_file(
        tmp_path / "r.xlsx", [[1, "李梅", "女", number, "2010.07", "2011.07", "正式"]]
    )
    assert main(["--db", str(db), "import", "members", str(src)]) == 0
    assert "已导入 1 人" in capsys.readouterr().out
    book = Book.open(db, auto_backup=False)
    assert [m.name for m in book.members.all()] == ["李梅"]
    book.close(auto_backup=False)
    # again: reported as existing, nothing doubled
    assert main(["--db", str(db), "import", "members", str(src)]) == 0
    out = capsys.readouterr().out
    assert "已存在 1 人" in out and "已导入 0 人" in out
    book = Book.open(db, auto_backup=False)
    assert len(book.members.all()) == 1
    book.close(auto_backup=False)


def test_import_with_an_error_writes_nothing_and_exits_2(tmp_path, capsys) -> None:
    db = tmp_path / "b.sqlite"
    good = make_id_number("430521", __import__("datetime").date(1988, 2, 3), 7, "女")
    src = _roster_file(
        tmp_path / "r.xlsx",
        [
            [1, "李梅", "女", good, "2010.07", "2011.07", "正式"],
            [2, "王刚", "男", "430521198802030000", "2010.07", "2011.07", "正式"],
        ],
    )
    assert main(["--db", str(db), "import", "members", str(src)]) == 2
    err = capsys.readouterr().err
    assert "第 4 行" in err and "D" in err and "没有导入" in err
    book = Book.open(db, auto_backup=False)
    assert book.members.all() == []
    book.close(auto_backup=False)


def test_bad_arguments_are_explained_in_chinese(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "roster"])
    assert info.value.code == 2
    assert "命令行参数有误" in capsys.readouterr().err


def test_the_installed_entry_point_runs(demo_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "partybook", "--db", str(demo_path), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "检查结果：完好" in result.stdout


@pytest.fixture
def dues_demo(tmp_path, demo_master):
    """The demo written for the tests' fixed day (the CLI itself still runs on the real date,
    which is later: September and October stay unpaid)."""
    return copy_book(demo_master, tmp_path, "dues-demo.sqlite")


def test_dues_list_export_and_notice(dues_demo, tmp_path, capsys) -> None:
    import json

    demo_path = dues_demo

    assert main(["--db", str(demo_path), "dues", "--year", "2026", "--json"]) == 0
    rows = {r["member"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["周文斌"]["base_fen"] == 310800 and rows["周文斌"]["rate"] == "1%"
    assert rows["周文斌"]["months"][8]["state"] == "欠交"
    assert rows["李国平"]["months"][11]["kind"] == "预交"
    assert main(["--db", str(demo_path), "dues", "--year", "2026"]) == 0
    assert "周文斌：在职 基数 3108.00 元 1% 每月 31.08 元" in capsys.readouterr().out
    out = tmp_path / "dues.xlsx"
    assert (
        main(["--db", str(demo_path), "export", "dues", "--year", "2026", "--out", str(out)]) == 0
    )
    assert openpyxl.load_workbook(out).sheetnames == ["党费收缴明细表", "党费收缴公示"]
    pdf = tmp_path / "notice.pdf"
    assert (
        main(["--db", str(demo_path), "print", "dues-notice", "--year", "2026", "--pdf", str(pdf)])
        == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "党费收缴公示" in capsys.readouterr().out


def test_due_json_lists_unpaid_dues(dues_demo, capsys) -> None:
    import json

    demo_path = dues_demo

    assert main(["--db", str(demo_path), "due", "--on", "2026-11-22", "--json"]) == 0
    dues = [d for d in json.loads(capsys.readouterr().out) if d["kind"] == "dues"]
    assert [d["member"] for d in dues] == ["周文斌"]
    assert "欠交党费 2 个月（9月、10月）" in dues[0]["title"]
