"""Environment: a read-only folder, a full disk, a book from a newer PartyBook.

Each ends in a clear Chinese message and leaves the book whole: it opens afterwards with all
that was saved. The real read-only and full filesystems need mount (root); without it those
tests skip and the injected-error tests still run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from partybook import cli
from partybook.book import Book
from partybook.domain.errors import PartyBookError
from partybook.domain.meetings import Attendee, Meeting, MeetingKind
from partybook.domain.members import Branch
from partybook.store import schema
from partybook.support import files
from tests.hardening.crash_driver import NOW, person, sign, write_roster_file


def _mount(*args: str) -> bool:
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(target: Path) -> None:
    # lazy: a failed test may still hold a file open there; the mount must not outlive it
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


def _make_book(path: Path, people: int = 3) -> list[str]:
    book = Book.open(path, clock=lambda: NOW)
    book.save_branch(Branch(name="环境测试党支部"))
    names = [f"原有{sign(i)}" for i in range(people)]
    for i, name in enumerate(names):
        book.members.add(person(i + 1, name))
    book.close(auto_backup=False)
    return names


def _names(path: Path) -> list[str]:
    book = Book.open(path, clock=lambda: NOW, auto_backup=False)
    try:
        assert book.check().healthy
        return [m.name for m in book.members.all()]
    finally:
        book.close(auto_backup=False)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# a read-only folder ---------------------------------------------------------------------------
@pytest.fixture
def read_only_folder(tmp_path):
    """A folder holding a book, then made read-only: a read-only bind mount as root (root
    ignores file modes), file modes otherwise."""
    source = tmp_path / "source"
    source.mkdir()
    names = _make_book(source / "b.sqlite")
    if os.geteuid() == 0:
        view = tmp_path / "view"
        view.mkdir()
        if not _mount("--bind", str(source), str(view)):
            pytest.skip("mount is not allowed here")
        if not _mount("-o", "remount,ro,bind", str(view)):
            _umount(view)
            pytest.skip("a read-only remount is not allowed here")
        yield view, names
        _umount(view)
    else:
        source.chmod(0o555)
        yield source, names
        source.chmod(0o755)


def test_a_book_in_a_read_only_folder_is_refused_with_advice_untouched(read_only_folder):
    folder, names = read_only_folder
    before = _snapshot(folder)
    with pytest.raises(PartyBookError) as info:
        Book.open(folder / "b.sqlite", clock=lambda: NOW)
    text = str(info.value)
    assert "不能写入" in text and "复制到可以写入的文件夹" in text
    assert "损坏" not in text  # it is not damaged, and must not frighten the teacher
    assert _snapshot(folder) == before


def test_the_command_line_says_so_too(read_only_folder, capsys):
    folder, names = read_only_folder
    assert cli.main(["--db", str(folder / "b.sqlite"), "check"]) == cli.EXIT_REFUSED
    err = capsys.readouterr().err
    assert "不能写入" in err and "Traceback" not in err


def test_a_read_only_book_opens_again_once_copied(read_only_folder, tmp_path):
    folder, names = read_only_folder
    copy = tmp_path / "copy" / "b.sqlite"
    copy.parent.mkdir()
    copy.write_bytes((folder / "b.sqlite").read_bytes())
    assert _names(copy) == names


# a full disk ----------------------------------------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MiB tmpfs (needs root; a new book with its triggers is some 300 KiB); skipped where
    mounting is not allowed."""
    target = tmp_path / "tiny"
    target.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(target)):
        pytest.skip("mount -t tmpfs is not allowed here")
    yield target
    _umount(target)


def _fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with contextlib.suppress(OSError), open(filler, "wb") as f:
        while True:
            f.write(b"\0" * 4096)
            f.flush()
    return filler


def _attempts(book: Book, tmp_path: Path) -> list:
    """Writes of every kind, each a callable; the import is big enough to need new pages."""
    roster = tmp_path / "big.csv"
    write_roster_file(roster, [person(5000 + i, f"导入{sign(i)}") for i in range(300)])
    ids = [m.id for m in book.members.all()]
    meeting = Meeting(MeetingKind.GENERAL, date(2026, 11, 1), attendees=[Attendee(i) for i in ids])
    out = [lambda: book.members.import_plan(book.members.plan_import(roster))]
    out += [lambda: book.meetings.save(meeting)] * 3
    out += [lambda n=n: book.members.add(person(9000 + n, f"新人{sign(n)}")) for n in range(400)]
    return out


def test_a_full_disk_refuses_writes_in_chinese_and_keeps_every_saved_one(tiny_disk, tmp_path):
    path = tiny_disk / "b.sqlite"
    _make_book(path)
    book = Book.open(path, clock=lambda: NOW)
    filler = _fill(tiny_disk)
    refused, saved = [], 0
    for attempt in _attempts(book, tmp_path):
        try:
            attempt()
            saved += 1
        except PartyBookError as exc:
            refused.append(str(exc))
    expected = [m.name for m in book.members.all()]
    meetings = len(book.meetings.all())
    with contextlib.suppress(PartyBookError):  # the closing backup cannot be made either
        book.close()
    assert refused, "the disk never filled up: the test proves nothing"
    # The import's own backup is refused first (磁盘空间不足), the writes then (已满).
    assert all("磁盘空间" in t and ("没有保存" in t or "没有受到影响" in t) for t in refused), set(
        refused
    )
    filler.unlink()
    assert _names(path) == expected
    book = Book.open(path, clock=lambda: NOW)
    assert len(book.meetings.all()) == meetings and not book.warnings
    book.close(auto_backup=False)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()


def test_a_full_disk_at_opening_says_so_and_the_book_is_whole_after(tiny_disk):
    path = tiny_disk / "b.sqlite"
    names = _make_book(path)
    filler = _fill(tiny_disk)
    try:
        book = Book.open(path, clock=lambda: NOW)
    except PartyBookError as exc:  # SQLite cannot even map its -shm file
        assert "磁盘空间已满" in str(exc)
    else:  # or it opened, and only the day's backup failed
        assert [m.name for m in book.members.all()] == names
        assert book.warnings and "磁盘空间不足" in book.warnings[0]
        book.close(auto_backup=False)
    filler.unlink()
    assert _names(path) == names


def test_a_failed_backup_at_opening_opens_the_book_with_a_warning(tmp_path, monkeypatch):
    from partybook.store.store import Store

    path = tmp_path / "b.sqlite"
    names = _make_book(path)

    def refuse(self, label="", now=None):
        raise PartyBookError("备份到“backups”失败：磁盘空间不足。原数据没有受到影响。")

    monkeypatch.setattr(Store, "backup", refuse)
    book = Book.open(path, clock=lambda: NOW)
    assert [m.name for m in book.members.all()] == names
    assert book.warnings == [
        "今天的自动备份没有做成：备份到“backups”失败：磁盘空间不足。原数据没有受到影响。"
    ]
    book.members.add(person(50, "后来"))
    with pytest.raises(PartyBookError, match="磁盘空间不足"):
        book.close()  # the closing backup fails too: said, and the book is closed all the same
    assert book._core.store.db.is_closed()
    monkeypatch.undo()
    assert _names(path) == [*names, "后来"]


def test_sqlite_full_injected_refuses_an_import_whole(tmp_path):
    """The same without root: PRAGMA max_page_count makes SQLite report SQLITE_FULL."""
    path = tmp_path / "b.sqlite"
    names = _make_book(path)
    book = Book.open(path, clock=lambda: NOW)
    roster = tmp_path / "r.csv"
    write_roster_file(roster, [person(5000 + i, f"导入{sign(i)}") for i in range(300)])
    plan = book.members.plan_import(roster)
    pages = book._core.store.db.execute_sql("PRAGMA page_count").fetchone()[0]
    book._core.store.db.execute_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(PartyBookError, match="磁盘空间已满"):
        book.members.import_plan(plan)
    assert [m.name for m in book.members.all()] == names
    book.close(auto_backup=False)
    assert _names(path) == names


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_export_or_backup_onto_a_full_disk_leaves_nothing_half_written(tmp_path, monkeypatch):
    path = tmp_path / "b.sqlite"
    _make_book(path)
    book = Book.open(path, clock=lambda: NOW)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(files.os, "replace", _no_space)
    with pytest.raises(PartyBookError, match="磁盘空间不足"):
        book.members.export(out / "花名册.xlsx")
    with pytest.raises(PartyBookError, match="磁盘空间不足"):
        book.backup_to(out / "备份.sqlite")
    assert list(out.iterdir()) == []  # neither a half file nor a temporary one is left
    monkeypatch.undo()
    assert book.members.export(out / "花名册.xlsx") == 3
    book.close(auto_backup=False)


# a book from a newer PartyBook -----------------------------------------------------------------
@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_book_from_a_newer_partybook_is_refused_byte_for_byte_unchanged(tmp_path, journal):
    path = tmp_path / "b.sqlite"
    _make_book(path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    con.close()
    before = _snapshot(tmp_path)
    with pytest.raises(PartyBookError) as info:
        Book.open(path, clock=lambda: NOW)
    assert "更新版本" in str(info.value) and "请安装新版本" in str(info.value)
    assert _snapshot(tmp_path) == before  # no upgrade, no backup, not even a WAL switch


def test_the_window_refuses_a_newer_book_and_releases_it(qapp, tmp_path, monkeypatch):
    from partybook import app
    from partybook.ui import messages

    path = tmp_path / "b.sqlite"
    _make_book(path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 5}")
    con.close()
    before = path.read_bytes()
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    assert app.run_gui(db=path) == 2
    assert shown and "更新版本" in shown[0]
    assert path.read_bytes() == before
    assert app.lock_book(path) is not None  # the lock was let go
