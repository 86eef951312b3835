"""Test set-up: offscreen Qt before anything imports it, and a few shared fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import date, datetime

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


@pytest.fixture
def book(tmp_path):
    """A new, empty book at a fixed 'now', closed after the test."""
    from partybook.book import Book

    opened = Book.open(tmp_path / "book.sqlite", clock=lambda: NOW)
    yield opened
    opened.close(auto_backup=False)


@pytest.fixture
def demo_book(tmp_path):
    """The demo branch written for a fixed 'now', then opened."""
    from partybook.book import Book
    from partybook.samples.demo import write_demo

    path = write_demo(tmp_path / "demo.sqlite", now=NOW)
    opened = Book.open(path, clock=lambda: NOW)
    yield opened
    opened.close(auto_backup=False)


@pytest.fixture
def quiet_book(tmp_path):
    """The demo branch without its year of meetings, for tests that count meetings."""
    from partybook.book import Book
    from partybook.samples.demo import write_demo

    path = write_demo(tmp_path / "quiet.sqlite", now=NOW, meetings=False)
    opened = Book.open(path, clock=lambda: NOW)
    yield opened
    opened.close(auto_backup=False)
