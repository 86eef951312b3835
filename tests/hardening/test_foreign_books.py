"""Books that are not PartyBook's (issue 22, point 11): every book carries PRAGMA
application_id; an older book is known by its tables; another program's SQLite file is refused
before anything touches it (no WAL switch, no table added, no file beside it)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.domain.errors import PartyBookError
from partybook.store.db import APPLICATION_ID

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _app_id(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[68:72], "big")


def test_a_new_book_carries_the_application_id(tmp_path) -> None:
    book = Book.open(tmp_path / "b.sqlite", auto_backup=False)
    book.close(auto_backup=False)
    assert _app_id(tmp_path / "b.sqlite") == APPLICATION_ID


@pytest.mark.parametrize("version", [1, 3, 5, 6])
def test_an_older_book_is_known_by_its_tables_and_marked(tmp_path, version) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"book-v{version}.sqlite", path)
    assert _app_id(path) == 0
    book = Book.open(path, auto_backup=False)
    book.close(auto_backup=False)
    assert _app_id(path) == APPLICATION_ID


@pytest.mark.parametrize("version", [0, 2, 6, 99])
def test_another_programs_database_is_refused_untouched(tmp_path, version) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customer VALUES (1, 'x')")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(PartyBookError, match="不是 PartyBook 的数据文件"):
        Book.open(path, auto_backup=False)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_a_foreign_file_with_a_member_table_and_others_is_refused(tmp_path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    for table in ("setting", "member", "invoice"):
        con.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(PartyBookError, match="别的程序"):
        Book.open(path, auto_backup=False)
    assert path.read_bytes() == before


def test_another_programs_application_id_is_refused(tmp_path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1234")
    con.execute("CREATE TABLE setting (key TEXT)")
    con.execute("CREATE TABLE member (id INTEGER)")
    con.execute("PRAGMA user_version = 6")
    con.commit()
    con.close()
    with pytest.raises(PartyBookError, match="别的程序"):
        Book.open(path, auto_backup=False)


def test_restoring_from_another_programs_database_is_refused(tmp_path) -> None:
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE member (id INTEGER)")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    book = Book.open(tmp_path / "b.sqlite", auto_backup=False)
    try:
        with pytest.raises(PartyBookError, match="不是 PartyBook"):
            book.restore_from(other)
    finally:
        book.close(auto_backup=False)
