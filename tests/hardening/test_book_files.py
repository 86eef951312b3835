"""The book file from outside (issue 22, points 12, 13): `restore --from` restores properly
(a -wal left by a crash is never applied to the backup), a -wal not belonging to the book is
explained before anything is folded in, a write waits briefly for another program and then says
why in Chinese, and the command line does not write a book the window holds."""

from __future__ import annotations

import os
import shutil
import sqlite3

from partybook.book import Book
from partybook.cli.parser import main
from partybook.store import db as dbmod
from tests.conftest import copy_book
from tests.hardening.crash_driver import NOW, person


def _crashed_with_wal(tmp_path, demo_master):
    """A demo book whose -wal (and -shm) a crash left behind, and a backup of another book."""
    book_path = copy_book(demo_master, tmp_path, "b.sqlite")
    other = Book.open(tmp_path / "other.sqlite", clock=lambda: NOW, auto_backup=False)
    other.members.add(person(1, "党员甲"))
    other.backup_to(tmp_path / "backup.sqlite")
    other.close(auto_backup=False)
    con = sqlite3.connect(book_path)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(50):
        con.execute("UPDATE member SET notes = ? WHERE id % 3 = ?", ("x" * 300 + str(i), i % 3))
    con.commit()
    shutil.copy(book_path.with_name("b.sqlite-wal"), tmp_path / "saved-wal")
    shutil.copy(book_path.with_name("b.sqlite-shm"), tmp_path / "saved-shm")
    con.close()  # folds the WAL in and removes it: the crash puts them back below
    return book_path


def test_copying_a_backup_back_with_the_old_wal_is_detected_and_explained(
    tmp_path, demo_master
) -> None:
    book_path = _crashed_with_wal(tmp_path, demo_master)
    shutil.copy(tmp_path / "backup.sqlite", book_path)  # "copying it back"
    shutil.copy(tmp_path / "saved-wal", book_path.with_name("b.sqlite-wal"))
    shutil.copy(tmp_path / "saved-shm", book_path.with_name("b.sqlite-shm"))
    assert dbmod.wal_mismatch(book_path)
    before = book_path.read_bytes()
    code = main(["--db", str(book_path), "check"])
    assert code == 2
    assert book_path.read_bytes() == before
    # restore --from sets the book and its stale -wal aside, then copies the backup in
    code = main(["--db", str(book_path), "restore", "--from", str(tmp_path / "backup.sqlite")])
    assert code == 0
    assert not book_path.with_name("b.sqlite-wal").exists() or (
        book_path.with_name("b.sqlite-wal").stat().st_size == 0
    )
    assert list(tmp_path.glob("b.恢复前-*.sqlite-wal"))
    assert main(["--db", str(book_path), "check"]) == 0
    book = Book.open(book_path, auto_backup=False)
    assert [m.name for m in book.members.all()] == ["党员甲"]
    book.close(auto_backup=False)


def test_restore_from_through_an_open_book_backs_it_up_first(tmp_path, capsys) -> None:
    path = tmp_path / "b.sqlite"
    book = Book.open(path, clock=lambda: NOW, auto_backup=False)
    book.members.add(person(1, "党员甲"))
    book.backup_to(tmp_path / "backup.sqlite")
    book.members.add(person(2, "党员乙"))
    book.close(auto_backup=False)
    assert main(["--db", str(path), "restore", "--from", str(tmp_path / "backup.sqlite")]) == 0
    assert "恢复前的数据另存在" in capsys.readouterr().out
    book = Book.open(path, auto_backup=False)
    assert [m.name for m in book.members.all()] == ["党员甲"]
    book.close(auto_backup=False)


def test_a_write_waits_then_says_the_book_is_busy(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setitem(dbmod.PRAGMAS, "busy_timeout", 300)
    path = tmp_path / "b.sqlite"
    Book.open(path, auto_backup=False).close(auto_backup=False)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        layouts = tmp_path / "l.json"
        book = Book.open(tmp_path / "src.sqlite", auto_backup=False)
        book.layouts.export(layouts)
        book.close(auto_backup=False)
        code = main(["--db", str(path), "layouts", "import", str(layouts)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 2 and "正被另一个程序" in err and "意外" not in err, err


def test_the_command_line_does_not_write_a_book_the_window_holds(tmp_path, capsys) -> None:
    path = tmp_path / "b.sqlite"
    Book.open(path, auto_backup=False).close(auto_backup=False)
    lock = tmp_path / "b.sqlite.lock"
    import socket

    lock.write_text(f"{os.getppid()}\npartybook\n{socket.gethostname()}\n")
    assert main(["--db", str(path), "password", "--clear"]) == 2
    assert "窗口中打开" in capsys.readouterr().err
    assert main(["--db", str(path), "check"]) == 0  # reading is fine
    lock.write_text(f"{2**22 + 12345}\npartybook\n{socket.gethostname()}\n")  # a crash's lock
    assert main(["--db", str(path), "password", "--clear"]) == 0


def test_a_protected_book_is_read_by_no_command_without_its_password(
    tmp_path, capsys, monkeypatch
) -> None:
    path = tmp_path / "b.sqlite"
    book = Book.open(path, auto_backup=False)
    book.members.add(person(1, "党员甲"))
    book.security.set_password("芝麻开门")
    book.close(auto_backup=False)
    monkeypatch.delenv("PARTYBOOK_PASSWORD", raising=False)
    assert main(["--db", str(path), "due"]) == 2
    assert "启动密码" in capsys.readouterr().err
    monkeypatch.setenv("PARTYBOOK_PASSWORD", "不对")
    assert main(["--db", str(path), "due"]) == 2
    assert "不对" in capsys.readouterr().err
    monkeypatch.setenv("PARTYBOOK_PASSWORD", "芝麻开门")
    assert main(["--db", str(path), "due"]) == 0


def test_temporary_files_a_kill_left_are_swept_at_the_next_start_and_export(tmp_path) -> None:
    import time

    def leave(folder, names, age):
        folder.mkdir(exist_ok=True)
        for name in names:
            path = folder / name
            path.write_bytes(b"half")
            os.utime(path, (time.time() - age, time.time() - age))
        return [folder / n for n in names]

    stale = [".partybook-a1.xlsx", ".partybook-b2.tmp", ".partybook-c3.tmp-journal"]
    book_dir, out_dir = tmp_path / "book", tmp_path / "out"
    old_here = leave(book_dir, stale, 7200) + leave(book_dir / "backups", stale, 7200)
    fresh = leave(book_dir, [".partybook-now.tmp"], 10)  # a write that may still be running
    old_there = leave(out_dir, stale, 7200)
    book = Book.open(book_dir / "b.sqlite", auto_backup=False)
    assert not any(p.exists() for p in old_here) and all(p.exists() for p in fresh)
    book.members.add(person(1, "党员甲"))
    book.members.export(out_dir / "花名册.xlsx")
    book.close(auto_backup=False)
    assert not any(p.exists() for p in old_there)
