"""Search keys for names: pinyin initials and full pinyin, so "zs" or "zhangsan" finds 张三."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable
from functools import lru_cache

MAX_VARIANTS = 16  # names with many heteronyms (曾, 单, 解…) get several readings, within reason


@lru_cache(maxsize=65536)  # a township's roster: every name's keys worked out once
def name_keys(name: str) -> tuple[str, ...]:
    """Lower-case keys to match a query against: every reading's initials and full pinyin."""
    Style, pinyin = _pypinyin()
    name = name.strip()
    if not name:
        return ()
    initials = pinyin(name, style=Style.FIRST_LETTER, heteronym=True, errors="default")
    full = pinyin(name, style=Style.NORMAL, heteronym=True, errors="default")
    keys = {name.lower()}
    for combo in itertools.islice(itertools.product(*initials), MAX_VARIANTS):
        keys.add("".join(combo).lower())
    for combo in itertools.islice(itertools.product(*full), MAX_VARIANTS):
        keys.add("".join(combo).lower())
    return tuple(sorted(keys))


def _pypinyin():
    """pypinyin's reader, imported on first use (its dictionaries take a moment to load).

    Names are read character by character with every reading (heteronym=True), so pypinyin's
    2.5 MB phrase dictionary adds nothing here: the first import skips loading it (0.1 s), as
    pypinyin's documented switches say; they only matter before that import, so they are set
    then, not when this module is imported."""
    if "pypinyin" not in sys.modules:
        os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
        os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, pinyin

    return Style, pinyin


def matcher(query: str) -> Callable[..., bool]:
    """A test(name, *others) that is True when query is part of the name, one of its pinyin
    keys, or another given text. The query is read once: a search over 10 000 names asks for
    each name."""
    query = query.strip().lower().replace(" ", "")
    if not query:
        return lambda name, *others: True
    # The keys spell each Chinese character in letters and keep every other character as it
    # is, so a query without a Latin letter can only match where the name itself does: the
    # pinyin (slow the first time for each name) is needed only for a query with letters.
    latin = any("a" <= c <= "z" for c in query)

    def test(name: str, *others: str) -> bool:
        if query in name.strip().lower():
            return True
        if latin and any(query in key for key in name_keys(name)):
            return True
        return any(query in (text or "").lower() for text in others)

    return test
