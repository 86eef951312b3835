"""Version 6: every filter the store uses is served by an index. The queries are the store's
own (caught with sqlite3's trace callback while the store reads), each one's plan asked from
SQLite; a version 5 book gains the same indexes as a new one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from partybook.domain.meetings import MeetingKind
from partybook.store import appraisals as appraisal_store
from partybook.store import committee as committee_store
from partybook.store import dues as dues_store
from partybook.store import events as event_store
from partybook.store import meetings as meeting_store
from partybook.store import schema
from partybook.store import study as study_store
from partybook.store import talks as talk_store
from partybook.store import township as township_store
from partybook.store import transfers as transfer_store
from partybook.store.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V6_INDEXES = {
    ("event", ("member_id", "on")),
    ("attendance", ("member_id", "excluded", "presence", "meeting_id")),
    ("dues_base", ("year", "member_id", "from_month")),
    ("dues_payment", ("year", "member_id", "month")),
    ("branch_figures", ("year", "branch")),
}


def _indexes(path: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    con = sqlite3.connect(path)
    try:
        names = con.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
        return {
            name: (table, tuple(r[2] for r in con.execute(f'PRAGMA index_info("{name}")')))
            for name, table in names
        }
    finally:
        con.close()


def test_version_5_upgrades_to_6_with_the_indexes_of_a_new_book(tmp_path) -> None:
    old = tmp_path / "v5.sqlite"
    shutil.copy(FIXTURES / "book-v5.sqlite", old)
    before = _indexes(old)
    assert not V6_INDEXES & set(before.values())
    Store.open(old).close()
    Store.open(tmp_path / "new.sqlite").close()
    upgraded, new = _indexes(old), _indexes(tmp_path / "new.sqlite")
    assert V6_INDEXES <= set(upgraded.values())
    assert upgraded == new  # the same names and columns: an upgraded book is a new one
    version = sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0]
    assert version == schema.CURRENT_VERSION >= 6


def _reads(store: Store) -> None:
    """What the tabs, the due items and the year workbook read, with every filter."""
    m = store.members()[0].id
    event_store.load_events()
    event_store.load_events(m)
    event_store.ticked_materials(m)
    meeting_store.load_meetings(2026)
    meeting_store.load_meetings(2026, attendees=False)
    meeting_store.load_meetings(meeting_id=1)
    meeting_store.load_meeting_heads()
    meeting_store.load_meeting_heads(
        2026, (MeetingKind.GENERAL, MeetingKind.LIFE)
    )  # 民主评议's meetings
    meeting_store.expected_everywhere()
    meeting_store.years()
    appraisal_store.load_round(2025)
    appraisal_store.load_steps(2025)
    study_store.load_sessions(2026)
    study_store.group_study(2026)
    study_store.load_sessions(meeting_id=1)
    talk_store.load_talks(2026)
    transfer_store.load_transfers()
    committee_store.load_elections()
    committee_store.group_leaders()
    dues_store.load_assessments(2026)
    dues_store.load_payments(2026)
    township_store.branch_years(2026)
    township_store.figure_refs(2026, "members_end")


@pytest.fixture
def plans(tmp_path, demo_master):
    """(query, [plan lines]) of every filtering, joining or ordering SELECT the reads issue
    (on a copy of the session's demo book, written for 2026-11-22 09:30)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_master, path)
    store = Store.open(path)
    seen: list[str] = []
    store.db.connection().set_trace_callback(seen.append)
    try:
        _reads(store)
    finally:
        store.db.connection().set_trace_callback(None)
    store.close()
    con = sqlite3.connect(path)
    out = []
    for sql in dict.fromkeys(seen):
        text = sql.upper()
        if text.startswith("SELECT") and any(w in text for w in (" WHERE ", " JOIN ", "ORDER BY")):
            out.append((sql, [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql)]))
    con.close()
    return out


def test_every_filter_of_the_store_uses_an_index(plans) -> None:
    assert len(plans) >= 15
    listing = "\n".join(f"{sql}\n    -> {' | '.join(plan)}" for sql, plan in plans)
    print(listing)  # pytest -s shows each query with its plan
    for sql, plan in plans:
        filtered = " WHERE " in sql.upper()
        for line in plan:
            # a full scan of a table is only fine where nothing is filtered (every row is
            # wanted, in index order at best); a filter must search an index. Reading the
            # rows a subquery made ("SCAN (subquery-1)") is no scan of a table.
            if line.startswith("SCAN") and filtered and not line.startswith("SCAN (subquery"):
                assert "INDEX" in line, f"{sql}\n -> {plan}"


def _plan_of(plans, *words: str) -> str:
    found = [" | ".join(plan) for sql, plan in plans if all(w in sql for w in words)]
    assert found, words
    return found[0]


def test_the_new_indexes_serve_the_years_dues_the_paths_and_the_first_attendance(plans) -> None:
    assert "INDEX duesbaserecord_year_member_id_from_month" in _plan_of(plans, 'FROM "dues_base"')
    assert "INDEX duespaymentrecord_year_member_id_month" in _plan_of(plans, 'FROM "dues_payment"')
    path = _plan_of(plans, 'FROM "event"', '"member_id" = ')
    assert "INDEX eventrecord_member_id_on" in path and "TEMP B-TREE" not in path
    first = _plan_of(plans, "GROUP BY a.member_id")
    assert "COVERING INDEX attendancerecord_member_id_excluded_presence_meeting_id" in first
