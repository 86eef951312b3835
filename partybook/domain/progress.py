"""Progress of long work, as a plain callable the Book and the store call (no Qt here).

A Progress is called as progress(done, total) every so often, total > 0; the UI's callback
shows it, lets the window repaint, and raises domain.errors.Cancelled when the user cancels.
Work that is cancelled this way rolls back its transaction or removes its temporary file,
since the exception leaves through the same `with` blocks as any other error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
Progress = Callable[[int, int], None]


def silent(done: int, total: int) -> None:
    """No one is watching (the command line, the tests)."""


def tick(items: Iterable[T], total: int, progress: Progress | None, every: int = 1) -> Iterator[T]:
    """Yield items, reporting (done, total) before the first and after every `every` items."""
    report = progress or silent
    report(0, total)
    done = 0
    for item in items:
        yield item
        done += 1
        if done % every == 0 or done == total:
            report(done, total)
