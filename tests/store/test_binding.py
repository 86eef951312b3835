"""Two books in one process: closing the second leaves the first working on its own file."""

from __future__ import annotations

from datetime import date

from partybook.book import Book
from partybook.domain.members import Member, Stage


def _someone(name: str) -> Member:
    return Member(name, Stage.FULL, sex="女", joined_on=date(2010, 7, 1))


def test_closing_a_second_book_binds_the_records_back_to_the_first(tmp_path) -> None:
    first = Book.open(tmp_path / "a.sqlite", auto_backup=False)
    first.members.add(_someone("张三"))
    second = Book.open(tmp_path / "b.sqlite", auto_backup=False)
    second.members.add(_someone("李四"))
    assert [m.name for m in second.members.all()] == ["李四"]
    second.close(auto_backup=False)
    first.members.add(_someone("王五"))
    assert [m.name for m in first.members.all()] == ["张三", "王五"]
    first.close(auto_backup=False)
    again = Book.open(tmp_path / "b.sqlite", auto_backup=False)
    assert [m.name for m in again.members.all()] == ["李四"]  # nothing of the first leaked in
    again.close(auto_backup=False)
