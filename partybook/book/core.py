"""What every manager of a Book shares: the store, the clock, one transaction per write that
announces what it changed, and results kept while the data stays the same (`@kept`)."""

from __future__ import annotations

import copy
import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from partybook.book.changes import Change
from partybook.domain.members import Branch
from partybook.store.backup import thin
from partybook.store.store import Store

log = logging.getLogger(__name__)

BRANCH_KEYS = {
    "name": "branch.name",
    "committee": "branch.committee",
    "school": "branch.school",
    "secretary": "branch.secretary",
}

# A branch's stable id, made once for its book (when it first writes a data package) and
# carried in its packages: a township knows a branch by it, whatever its name becomes (or
# however a forger spells it). Moving the book by a package keeps it.
BRANCH_ID_KEY = "branch.id"

Listener = Callable[[Change], None]


class Core:
    """The store and the clock of one open book, shared by its managers (never by two books)."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self._listeners: list[Listener] = []
        self._depth = 0  # writes nested in a write announce with the outermost one
        self._pending = Change.NOTHING
        self._kept_generation: object = None
        self._kept: dict[tuple, Any] = {}

    def today(self) -> date:
        return self.clock().date()

    def settings(self) -> dict[str, str]:
        return self.store.settings()

    def branch(self) -> Branch:
        values = self.store.settings()
        return Branch(**{attr: values.get(key, "") for attr, key in BRANCH_KEYS.items()})

    # writes ------------------------------------------------------------------
    @contextmanager
    def writing(self, change: Change) -> Iterator[None]:
        """One transaction: all of it is written or nothing is. When the outermost write
        commits, the listeners hear every area the writes inside it changed."""
        self._depth += 1
        try:
            with self.store.atomic():
                yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._pending = Change.NOTHING
            raise
        self._depth -= 1
        self._pending |= change
        if self._depth == 0:
            done, self._pending = self._pending, Change.NOTHING
            self.announce(done)

    def put_settings(self, values: dict[str, str], change: Change = Change.SETTINGS) -> None:
        with self.writing(change):
            self.store.put_settings(values)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call listener(change) after each committed write; returns the way to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def announce(self, change: Change) -> None:
        if change is Change.NOTHING:
            return
        for listener in list(self._listeners):
            listener(change)

    # backups -----------------------------------------------------------------
    def backup(self, label: str) -> Path:
        """A backup in the book's folder (label names why, e.g. 导入前), then old ones thinned."""
        now = self.clock()
        saved = self.store.backup(label, now)
        self.store.mark_saved()
        thin(self.store.backup_dir, self.store.path.stem, now)
        return saved

    # kept results --------------------------------------------------------------
    def kept(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """compute()'s result, kept while the store's generation stays the same (any write, a
        restore, another program's commit starts a new one)."""
        now = self.store.generation()
        if now != self._kept_generation:
            self._kept.clear()
            self._kept_generation = now
        if key not in self._kept:
            self._kept[key] = compute()
        return self._kept[key]


_TODAY_BY_DEFAULT = ("on", "until")  # these arguments left out (None) mean today


def kept(method: Callable | None = None, *, give: Callable[[Any], Any] = copy.copy):
    """Keep a manager method's result while the data stays the same, keyed by its arguments
    as bound (defaults filled in; `on`/`until` left out mean today, so `due_items()` and
    `due_items(today)` are one answer) and today's date. `give` makes each caller's copy: the
    list (or dict) is copied by default, the frozen things in it are shared. A `progress`
    argument only reports and is not part of the key.

    The home page and the tabs all ask for the due items, the roster's figures and the
    meetings of the year: they are worked out once per change, not once per tab."""

    def wrap(fn: Callable) -> Callable:
        name = fn.__qualname__
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(self, *args, **kwargs):
            core: Core = self._core
            today = core.today()
            bound = signature.bind(self, *args, **kwargs)
            bound.apply_defaults()
            values = []
            for arg, value in list(bound.arguments.items())[1:]:
                if arg == "progress":
                    continue
                if arg in _TODAY_BY_DEFAULT and value is None:
                    value = today
                values.append(value)
            key = (name, tuple(values), today)
            return give(core.kept(key, lambda: fn(self, *args, **kwargs)))

        wrapper.kept = True  # the tests find every kept method by this
        return wrapper

    return wrap(method) if method is not None else wrap
