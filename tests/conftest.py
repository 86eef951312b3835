"""Test set-up: offscreen Qt before anything imports it, and a few shared fixtures."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the tests' log files out of the real user's data folder.
os.environ.setdefault("XDG_DATA_HOME", os.path.join(os.path.dirname(__file__), ".."))

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
    from partybook.demo import write_demo

    path = write_demo(tmp_path / "demo.sqlite", now=NOW)
    opened = Book.open(path, clock=lambda: NOW)
    yield opened
    opened.close(auto_backup=False)


@pytest.fixture
def quiet_book(tmp_path):
    """The demo branch without its year of meetings, for tests that count meetings."""
    from partybook.book import Book
    from partybook.demo import write_demo

    path = write_demo(tmp_path / "quiet.sqlite", now=NOW, meetings=False)
    opened = Book.open(path, clock=lambda: NOW)
    yield opened
    opened.close(auto_backup=False)
