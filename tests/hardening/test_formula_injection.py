"""Formula injection (issue 22, point 10): every exporter, fed records whose text looks like a
formula (= + - @, a tab, CR first) or hides bidi/zero-width characters, writes each of them as a
string (openpyxl data_type "s"), never a formula, and without the invisible characters."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partybook.book import Book
from tests.conftest import copy_book

NOW = datetime(2026, 11, 22, 9, 30)
FORMULAS = [
    '=HYPERLINK("//x","点")',
    "=cmd|' /C calc'!A0",
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "备注\u202e甲乙",
    "零宽\u200b空格",
]
NAMES = ["=HYPERLINK()", "+张三", "-李四", "@王五", "=赵\u202e六", "钱\u200b七"]
# the text columns a person types (or a workbook or package brings) that exports show
TEXT = {
    "member": ["notes", "position", "address", "native_place", "education", "left_note"],
    "meeting": ["place", "host", "recorder", "topic", "lecturer", "content", "agenda", "notes"],
    "study": ["topic", "materials", "presenter", "place", "notes", "guests"],
    "talk": ["topic", "content", "second_name", "follow_up"],
    "transfer": ["organisation", "letter_no", "notes"],
    "appraisal_entry": ["reason", "handling"],
    "vote": ["matter"],
    "event": ["people", "notes", "meeting"],
    "dues_base": ["reason"],
    "dues_payment": ["note"],
}


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory, demo_master) -> Path:
    folder = tmp_path_factory.mktemp("formulas")
    path = copy_book(demo_master, folder, "b.sqlite")  # the demo at NOW
    con = sqlite3.connect(path)
    with con:
        n = 0
        for table, columns in TEXT.items():
            ids = [r[0] for r in con.execute(f'SELECT id FROM "{table}"')]
            for i in ids:
                values = [FORMULAS[(n + k) % len(FORMULAS)] for k in range(len(columns))]
                n += 1
                sets = ", ".join(f'"{c}" = ?' for c in columns)
                con.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', (*values, i))
        ids = [r[0] for r in con.execute("SELECT id FROM member")]
        for k, i in enumerate(ids):
            name = NAMES[k % len(NAMES)] + chr(0x5B50 + k)  # unique, no digits
            con.execute("UPDATE member SET name = ? WHERE id = ?", (name, i))
        con.execute("UPDATE setting SET value = '=1+1' WHERE key = 'branch.committee'")
    con.close()
    return path


def _exports(book: Book, folder: Path) -> list[Path]:
    out = []

    def save(name: str, write) -> None:
        target = folder / f"{name}.xlsx"
        write(target)
        out.append(target)

    year = NOW.year
    save("roster", lambda t: book.members.export(t, include_left=True))
    save("pipeline", book.pipeline.export_ledger)
    save("meetings", lambda t: book.meetings.export(t, year))
    save("study", lambda t: book.study.export(t, year))
    save("dues", lambda t: book.dues.export(t, year))
    save("appraisal", lambda t: book.appraisal.export(t, year))
    save("ledger", lambda t: book.summary.export_year_workbook(t, year))
    return out


def _assert_all_strings(path: Path) -> int:
    wb = load_workbook(path)
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert "\u202e" not in cell.value and "\u200b" not in cell.value, (
                        path.name,
                        ws.title,
                        cell.coordinate,
                    )
                    if cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        assert cell.data_type == "s"
                        seen += 1
    return seen


def test_every_branch_exporter_writes_formula_like_text_as_text(hostile_book, tmp_path) -> None:
    book = Book.open(hostile_book, clock=lambda: NOW, auto_backup=False)
    try:
        paths = _exports(book, tmp_path)
    finally:
        book.close(auto_backup=False)
    seen = {p.name: _assert_all_strings(p) for p in paths}
    assert all(seen.values()), seen  # each workbook did carry such text


def test_the_township_workbook_writes_formula_like_text_as_text(hostile_book, tmp_path) -> None:
    book = Book.open(hostile_book, clock=lambda: NOW, auto_backup=False)
    try:
        book.packages.export(tmp_path / "p.zip")
    finally:
        book.close(auto_backup=False)
    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        town.packages.import_file(tmp_path / "p.zip", township=True)
        town.township.export_workbook(tmp_path / "town.xlsx", NOW.year)
    finally:
        town.close(auto_backup=False)
    assert _assert_all_strings(tmp_path / "town.xlsx")


def test_a_name_loses_its_invisible_characters_on_the_way_in(tmp_path) -> None:
    from tests.hardening.crash_driver import person

    book = Book.open(tmp_path / "b.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        saved = book.members.add(person(1, "张\u202e三\u200b"))
        assert saved.name == "张三"
    finally:
        book.close(auto_backup=False)
