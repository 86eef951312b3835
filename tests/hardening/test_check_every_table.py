"""`check` reads every table (issue 22, point 1): a value no form saves, written into the book
by another program, makes it unhealthy, named by table, id and column; and a healthy book is
one every command works on."""

from __future__ import annotations

import sqlite3

import pytest

from partybook.book import Book
from partybook.cli.parser import main
from tests.conftest import copy_book
from tests.hardening.crash_driver import NOW


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("UPDATE event SET \"on\" = '9999-12-31' WHERE id = (SELECT min(id) FROM event)", "event"),
        ("UPDATE meeting SET kind = '茶话会' WHERE id = (SELECT min(id) FROM meeting)", "meeting"),
        (
            "UPDATE attendance SET presence = 'x' WHERE id = (SELECT min(id) FROM attendance)",
            "attendance",
        ),
        ("UPDATE appraisal SET steps = '[[[[1]]]]'", "appraisal"),
        ("UPDATE study SET hours = 1e300 WHERE id = (SELECT min(id) FROM study)", "study"),
    ],
    ids=["date", "kind", "presence", "steps", "hours"],
)
def test_check_names_a_bad_value_in_any_table(tmp_path, capsys, demo_master, sql, named) -> None:
    path = copy_book(demo_master, tmp_path, "b.sqlite")
    assert main(["--db", str(path), "check"]) == 0
    capsys.readouterr()
    con = sqlite3.connect(path)
    with con:
        con.execute(sql)
    con.close()
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    assert f"数据表“{named}”" in out, out


def test_the_year_workbook_sorts_people_whose_first_step_is_before_the_book(tmp_path) -> None:
    """Found by check on a large book: 建账前未录入 (text) beside a date broke the sort."""
    from datetime import date

    from partybook.domain.members import Stage
    from partybook.domain.pipeline import Event, Kind
    from tests.hardening.crash_driver import person

    book = Book.open(tmp_path / "b.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        book.opening.set_date(date(2026, 9, 1))
        book.members.add(person(1, "党员甲", Stage.APPLICANT))  # step 1 before the book
        second = book.members.add(person(2, "党员乙", Stage.APPLICANT))
        book.pipeline.record_event(Event(second.id, Kind.STEP, date(2026, 9, 10), step=1))
        for year in book.summary.years():
            book.summary.year_book(year)
        assert book.check().healthy, book.check().problems
    finally:
        book.close(auto_backup=False)
