"""Test set-up: offscreen Qt before anything imports it, and a few shared fixtures."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The program's own data folder (its log, a first start's book) goes to a temporary folder made
# for this run, never to the user's data folder or into the checkout: XDG_DATA_HOME on Linux,
# APPDATA/LOCALAPPDATA where the Windows branches of support.paths look.
_DATA_HOME = tempfile.mkdtemp(prefix="partybook-tests-")
atexit.register(shutil.rmtree, _DATA_HOME, ignore_errors=True)
for _name in ("XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA"):
    os.environ[_name] = _DATA_HOME

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 30)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def empty_master(tmp_path_factory):
    """A new, empty book file, made once per session (making a book's tables and triggers
    takes ~0.1 s); never open it: copy it (copy_book), and open the copy with
    auto_backup=False, as Book.open does a book it has just made (nothing to back up)."""
    from partybook.book import Book

    path = tmp_path_factory.mktemp("empty-master") / "book.sqlite"
    Book.open(path, clock=lambda: NOW, auto_backup=False).close(auto_backup=False)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    yield path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path} was written to"


@pytest.fixture
def book(tmp_path, empty_master):
    """A new, empty book at a fixed 'now' (a copy of the session's), closed after the test."""
    from partybook.book import Book

    opened = Book.open(copy_book(empty_master, tmp_path), clock=lambda: NOW, auto_backup=False)
    yield opened
    opened.close(auto_backup=False)


def _write_master(
    tmp_path_factory, name: str, now: datetime | None = NOW, day_backup: bool = False, **options
):
    """One demo book written for the whole session; tests get copies, never this file.
    Checked unchanged at the end of the session. now=None: the real date, as `partybook demo`.
    day_backup: opened once at now, so the day's first backup (which Book.open makes of a
    copy) is made here, once, in backups/ beside it; _open_copy copies it with the book."""
    from partybook.book import Book
    from partybook.samples.demo import write_demo

    folder = tmp_path_factory.mktemp("demo-master")
    path = write_demo(folder / name, now=now, **options)
    # write_demo closes the book (a WAL checkpoint): the .sqlite alone is the whole book
    # beside it only its attachments' folder (the demo's meeting photos), copied with it
    files = path.with_name(f"{path.stem}-附件")
    leftovers = sorted(p.name for p in folder.iterdir() if p not in (path, files))
    assert not leftovers, f"write_demo left {leftovers} beside the book"
    if day_backup:
        Book.open(path, clock=lambda: now).close(auto_backup=False)
        assert [p.name for p in (folder / "backups").iterdir()] == [
            f"{path.stem}-{now:%Y%m%d-%H%M%S}.sqlite"
        ]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    yield path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path} was written to"


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo branch's file, written once per session; never open it: copy it."""
    yield from _write_master(tmp_path_factory, "demo.sqlite", day_backup=True)


@pytest.fixture(scope="session")
def today_demo_master(tmp_path_factory):
    """The demo branch written for the real date (as `partybook demo` writes it), once per
    session; never open it: copy it."""
    yield from _write_master(tmp_path_factory, "demo.sqlite", now=None)


@pytest.fixture(scope="session")
def quiet_master(tmp_path_factory):
    """The demo branch without its year of meetings, written once per session."""
    yield from _write_master(tmp_path_factory, "quiet.sqlite", day_backup=True, meetings=False)


def copy_book(master: Path, folder: Path, name: str | None = None) -> Path:
    """A fresh, writable copy of a session's book file in folder, under the same name (or
    name), its attachments' folder beside it named after it."""
    path = Path(folder) / (name or master.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(master, path)
    files = master.with_name(f"{master.stem}-附件")  # its attachments, if it has any
    if files.is_dir():
        shutil.copytree(files, path.with_name(f"{path.stem}-附件"), dirs_exist_ok=True)
    return path


def _open_copy(master: Path, folder: Path):
    """A copy opened as Book.open opens a book (its day's first backup is the master's, copied:
    the same file Book.open would make, made once)."""
    from partybook.book import Book

    path = copy_book(master, folder)
    shutil.copytree(master.parent / "backups", Path(folder) / "backups", dirs_exist_ok=True)
    return Book.open(path, clock=lambda: NOW)


@pytest.fixture
def demo_book(tmp_path, demo_master):
    """The demo branch written for a fixed 'now' (a copy of the session's), then opened."""
    opened = _open_copy(demo_master, tmp_path)
    yield opened
    opened.close(auto_backup=False)


@pytest.fixture
def quiet_book(tmp_path, quiet_master):
    """The demo branch without its year of meetings, for tests that count meetings."""
    opened = _open_copy(quiet_master, tmp_path)
    yield opened
    opened.close(auto_backup=False)
