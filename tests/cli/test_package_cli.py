"""The data package and township commands: export package, import package, branches, and the
year commands on a township collection."""

from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest

from partybook.cli import main
from tests.conftest import copy_book


@pytest.fixture
def demo_path(tmp_path, today_demo_master):
    """What `partybook demo` writes today (a copy of the session's)."""
    return copy_book(today_demo_master, tmp_path)


def _tables(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != "manifest.json"}


def test_export_then_import_into_a_new_file_round_trips(demo_path, tmp_path, capsys) -> None:
    first, again = tmp_path / "a.zip", tmp_path / "b.zip"
    assert main(["--db", str(demo_path), "export", "package", "--out", str(first)]) == 0
    assert "已导出数据包（整本台账" in capsys.readouterr().out
    moved = tmp_path / "new" / "book.sqlite"
    assert main(["--db", str(moved), "import", "package", str(first)]) == 0
    assert "已导入：青山镇中心小学党支部" in capsys.readouterr().out
    assert main(["--db", str(moved), "export", "package", "--out", str(again)]) == 0
    assert _tables(first) == _tables(again)


def test_import_into_a_book_with_data_is_refused(demo_path, tmp_path, capsys) -> None:
    pkg = tmp_path / "a.zip"
    main(["--db", str(demo_path), "export", "package", "--out", str(pkg)])
    capsys.readouterr()
    assert main(["--db", str(demo_path), "import", "package", str(pkg)]) == 2
    assert "已经有“青山镇中心小学党支部”的数据" in capsys.readouterr().err


def test_a_refused_import_into_a_new_file_leaves_no_file(tmp_path, capsys) -> None:
    word = tmp_path / "总结.docx"
    with zipfile.ZipFile(word, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    target = tmp_path / "new.sqlite"
    assert main(["--db", str(target), "import", "package", str(word)]) == 2
    assert "不是 PartyBook 数据包" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [word]


def test_township_import_branches_summary_and_ledger(demo_path, tmp_path, capsys) -> None:
    pkg = tmp_path / "a.zip"
    year_pkg = tmp_path / "y.zip"
    main(["--db", str(demo_path), "export", "package", "--out", str(pkg)])
    main(["--db", str(demo_path), "export", "package", "--out", str(year_pkg), "--year", "2026"])
    town = tmp_path / "town.sqlite"
    assert main(["--db", str(town), "import", "package", str(pkg), "--township"]) == 0
    assert "放入乡镇汇总库" in capsys.readouterr().out
    assert main(["--db", str(town), "import", "package", str(year_pkg)]) == 2
    assert "--replace" in capsys.readouterr().err
    assert main(["--db", str(town), "import", "package", str(year_pkg), "--replace"]) == 0
    assert "替换" in capsys.readouterr().out
    assert main(["--db", str(town), "branches", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["branch"], r["scope"]) for r in rows] == [("青山镇中心小学党支部", "2026年")]
    assert main(["--db", str(town), "summary", "--year", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["paragraph"].startswith("2026年，中共青山镇委员会所汇总的1个党支部")
    out = tmp_path / "汇总.xlsx"
    assert main(["--db", str(town), "export", "ledger", "--year", "2026", "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["党员花名册"]
    assert ws.cell(3, 2).value == "支部" and ws.cell(4, 2).value == "青山镇中心小学党支部"


def test_branches_on_a_branch_book_says_what_to_do(demo_path, capsys) -> None:
    assert main(["--db", str(demo_path), "branches"]) == 2
    assert "--township" in capsys.readouterr().err
