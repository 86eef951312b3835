"""Backups: names, the thinning policy (pure, made-up times), copies and daily automatic ones."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from partybook.domain.errors import PartyBookError
from partybook.store import backup
from partybook.store.store import Store

NOW = datetime(2026, 11, 22, 9, 30)


def test_backup_name_round_trips() -> None:
    name = backup.backup_name("partybook", NOW, "升级前-v1")
    assert name == "partybook-20261122-093000-升级前-v1.sqlite"
    assert backup.parse_backup_name(name) == ("partybook", NOW, "升级前-v1")
    assert backup.parse_backup_name("notes.txt") is None
    assert backup.parse_backup_name("my-book-20260101-000000.sqlite")[0] == "my-book"


def test_thinning_keeps_everything_of_the_last_week() -> None:
    stamps = [NOW - timedelta(hours=h) for h in range(0, 7 * 24, 5)]
    assert backup.plan_thinning(stamps, NOW) == set()


def test_thinning_keeps_newest_per_day_then_per_month() -> None:
    day20 = NOW - timedelta(days=20)
    same_day = [day20.replace(hour=8), day20.replace(hour=12), day20.replace(hour=18)]
    old = [datetime(2025, 3, 2, 8), datetime(2025, 3, 15, 8), datetime(2025, 3, 30, 17)]
    drop = backup.plan_thinning(same_day + old, NOW)
    assert drop == {same_day[0], same_day[1], old[0], old[1]}


def test_thinning_boundary_is_exactly_seven_days() -> None:
    edge = NOW - timedelta(days=7)
    just_past = [edge - timedelta(minutes=1), edge - timedelta(minutes=2)]
    drop = backup.plan_thinning([edge, *just_past], NOW)
    assert edge not in drop
    assert drop == {just_past[1]}


def test_thinning_never_drops_the_newest_even_if_old() -> None:
    only = [datetime(2020, 1, 1), datetime(2020, 1, 2)]
    drop = backup.plan_thinning(only, NOW)
    assert datetime(2020, 1, 2) not in drop
    assert drop == {datetime(2020, 1, 1)}


def test_thin_deletes_only_our_backups_of_this_book(tmp_path) -> None:
    for when in (datetime(2025, 5, 1), datetime(2025, 5, 20)):
        (tmp_path / backup.backup_name("book", when)).write_bytes(b"x")
    (tmp_path / backup.backup_name("other", datetime(2025, 5, 1))).write_bytes(b"x")
    (tmp_path / "readme.txt").write_text("keep")
    deleted = backup.thin(tmp_path, "book", NOW)
    assert [p.name for p in deleted] == ["book-20250501-000000.sqlite"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "book-20250520-000000.sqlite",
        "other-20250501-000000.sqlite",
        "readme.txt",
    ]


def _open(tmp_path) -> Store:
    store = Store.open(tmp_path / "book.sqlite")
    store.put_settings({"branch.name": "测试支部"})
    return store


def test_copy_is_a_complete_single_file_database(tmp_path) -> None:
    store = _open(tmp_path)
    target, skipped = store.copy_to(tmp_path / "usb" / "copy.sqlite")
    store.close()
    assert skipped == []
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert (
        con.execute("SELECT value FROM setting WHERE key='branch.name'").fetchone()[0] == "测试支部"
    )
    con.close()
    assert [p.name for p in target.parent.iterdir()] == ["copy.sqlite"]  # no temp left


def test_copy_to_unwritable_place_says_so_in_chinese(tmp_path) -> None:
    store = _open(tmp_path)
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    with pytest.raises(PartyBookError, match="备份到.*失败"):
        store.copy_to(blocker / "copy.sqlite")
    store.close()


def test_two_backups_in_the_same_second_both_kept(tmp_path) -> None:
    store = _open(tmp_path)
    first = store.backup(now=NOW)
    second = store.backup(now=NOW)
    store.close()
    assert first != second and first.exists() and second.exists()


def test_read_version_refuses_other_files(tmp_path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(PartyBookError, match="不是有效的"):
        backup.read_version(junk)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(PartyBookError, match="不是 PartyBook 的备份文件"):
        backup.read_version(other)
    with pytest.raises(PartyBookError, match="找不到"):
        backup.read_version(tmp_path / "missing.sqlite")


def test_thinning_removes_half_written_copies_a_crash_left_but_not_a_running_one(tmp_path):
    """The crash harness found them: a backup killed mid-copy leaves its temporary file."""
    import os
    import time

    folder = tmp_path / "backups"
    folder.mkdir()
    kept = folder / backup.backup_name("book", NOW)
    kept.write_bytes(b"x")
    old = [folder / ".partybook-abc.tmp", folder / ".partybook-abc.tmp-journal"]
    for path in old:
        path.write_bytes(b"half")
        hours_ago = time.time() - 2 * 3600
        os.utime(path, (hours_ago, hours_ago))
    running = folder / ".partybook-new.tmp"
    running.write_bytes(b"being written")
    deleted = backup.thin(folder, "book", NOW)
    assert sorted(deleted) == sorted(old)
    assert sorted(p.name for p in folder.iterdir()) == sorted([kept.name, running.name])
