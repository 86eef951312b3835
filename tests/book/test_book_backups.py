"""Automatic and manual backups through the Book, restore with a safety copy, the health check."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from partybook.book import Book
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Member, Stage

DAY1 = datetime(2026, 11, 20, 8, 0)


def _backups(path):
    return sorted(p.name for p in (path.parent / "backups").glob("*.sqlite"))


def test_a_new_book_makes_no_backup_until_it_changes(tmp_path) -> None:
    path = tmp_path / "b.sqlite"
    Book.open(path, clock=lambda: DAY1).close()
    assert _backups(path) == []


def test_close_backs_up_only_when_data_changed(tmp_path) -> None:
    path = tmp_path / "b.sqlite"
    book = Book.open(path, clock=lambda: DAY1)
    book.members.add(Member(name="李四", stage=Stage.APPLICANT))
    assert book.close() is not None
    assert len(_backups(path)) == 1
    later = DAY1 + timedelta(hours=1)
    book = Book.open(path, clock=lambda: later)  # same day: no second open-backup
    assert book.close() is None  # nothing changed
    assert len(_backups(path)) == 1


def test_first_open_of_a_day_backs_up(tmp_path) -> None:
    path = tmp_path / "b.sqlite"
    book = Book.open(path, clock=lambda: DAY1)
    book.members.add(Member(name="李四", stage=Stage.APPLICANT))
    book.close()
    next_day = DAY1 + timedelta(days=1)
    Book.open(path, clock=lambda: next_day).close()
    names = _backups(path)
    assert len(names) == 2 and names[1].startswith("b-20261121-")


def test_backup_to_and_restore_with_a_safety_copy(tmp_path) -> None:
    path = tmp_path / "b.sqlite"
    book = Book.open(path, clock=lambda: DAY1)
    book.members.add(Member(name="王五", stage=Stage.FULL))
    usb = book.backup_to(tmp_path / "usb" / "copy.sqlite")
    book.members.add(Member(name="赵六", stage=Stage.APPLICANT))
    safety = book.restore_from(usb)
    assert [m.name for m in book.members.all()] == ["王五"]
    con = sqlite3.connect(safety)
    names = [r[0] for r in con.execute("SELECT name FROM member ORDER BY id")]
    con.close()
    assert names == ["王五", "赵六"]  # the state before the restore is kept
    book.members.add(Member(name="钱七", stage=Stage.APPLICANT))  # still writable afterwards
    book.close()
    reopened = Book.open(path, clock=lambda: DAY1)
    assert [m.name for m in reopened.members.all()] == ["王五", "钱七"]
    reopened.close()


def test_restore_refuses_a_bad_file_and_keeps_the_data(tmp_path) -> None:
    path = tmp_path / "b.sqlite"
    book = Book.open(path, clock=lambda: DAY1)
    book.members.add(Member(name="王五", stage=Stage.FULL))
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello")
    with pytest.raises(PartyBookError):
        book.restore_from(junk)
    with pytest.raises(PartyBookError, match="正在使用"):
        book.restore_from(path)
    assert [m.name for m in book.members.all()] == ["王五"]
    book.close()


def test_check_reports_rule_problems_in_stored_data(tmp_path) -> None:
    path = tmp_path / "b.sqlite"
    book = Book.open(path, clock=lambda: DAY1)
    book.members.add(Member(name="王五", stage=Stage.FULL, joined_on=date(2000, 1, 1)))
    book.close()
    con = sqlite3.connect(path)  # damage the data behind PartyBook's back
    con.execute("UPDATE member SET full_on='1999-01-01'")
    con.commit()
    con.close()
    book = Book.open(path, clock=lambda: DAY1)
    report = book.check()
    book.close()
    assert not report.healthy
    assert any("王五" in p for p in report.problems)
