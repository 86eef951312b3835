"""The Book and its managers: what the window and the command line call (Qt-free)."""

from partybook.book.book import Book, HealthReport
from partybook.book.changes import Change

__all__ = ["Book", "Change", "HealthReport"]
