"""Schema versions: new files are stamped, old ones backed up and upgraded, strangers refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from partybook.domain.errors import PartyBookError
from partybook.store import dues as dues_store
from partybook.store import events as event_store
from partybook.store import meetings as meeting_store
from partybook.store import schema
from partybook.store import study as study_store
from partybook.store.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def test_new_file_gets_current_tables_and_version(tmp_path) -> None:
    store = Store.open(tmp_path / "new.sqlite")
    assert store.version_before == 0
    assert {"member", "setting"} <= set(store.db.get_tables())
    assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()
    assert _version(tmp_path / "new.sqlite") == schema.CURRENT_VERSION


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("book-v*.sqlite")), ids=lambda p: p.name)
def test_every_released_version_opens_and_keeps_its_data(tmp_path, fixture) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    found = _version(path)
    store = Store.open(path)
    members = store.members()
    settings = store.settings()
    store.close()
    assert _version(path) == schema.CURRENT_VERSION
    assert settings["branch.name"] == "柳溪村小学党支部"
    assert [m.name for m in members] == ["周红梅", "陈立新", "欧阳晓明"]
    if found < schema.CURRENT_VERSION:  # an upgrade must have left a backup of the old file
        assert list((tmp_path / "backups").glob(f"*升级前-v{found}*"))


def test_a_fixture_for_every_version() -> None:
    # every released version, the current one included (made when it was merged)
    for version in range(1, schema.CURRENT_VERSION + 1):
        assert (FIXTURES / f"book-v{version}.sqlite").is_file(), version


def test_version_5_fixture_keeps_its_talk_dues_and_change_log(tmp_path) -> None:
    from partybook.book import Book

    path = tmp_path / "v5.sqlite"
    shutil.copy(FIXTURES / "book-v5.sqlite", path)
    book = Book.open(path, auto_backup=False)
    try:
        zhou = next(m for m in book.members.all() if m.name == "周红梅")
        assert [t.topic for t in book.talks.all(2026)] == ["预备期思想情况"]
        paid = [p.month for p in dues_store.load_payments(2026) if p.member_id == zhou.id]
        assert sorted(paid) == [1, 2]
        lines = book.history.of("member", zhou.id)
        assert any("13807340001" in line.details for line in lines)
    finally:
        book.close(auto_backup=False)


def test_version_4_gains_the_branch_package_table_and_exports_a_package(tmp_path) -> None:
    from partybook.book import Book

    path = tmp_path / "v4.sqlite"
    shutil.copy(FIXTURES / "book-v4.sqlite", path)
    book = Book.open(path, auto_backup=False)
    try:
        assert "branch_package" in book._core.store.db.get_tables()
        manifest = book.packages.export(tmp_path / "v4.zip")
        assert manifest["tables"]["member"]["rows"] == 3
        assert manifest["branch"]["name"] == "柳溪村小学党支部"
    finally:
        book.close(auto_backup=False)
    town = Book.open(tmp_path / "town.sqlite", auto_backup=False)
    try:
        town.packages.import_file(tmp_path / "v4.zip", township=True)
        assert [p.branch for p in town.township.branches()] == ["柳溪村小学党支部"]
    finally:
        town.close(auto_backup=False)


def test_version_1_gains_the_pipeline_tables(tmp_path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "book-v1.sqlite", path)
    store = Store.open(path)
    assert {"event", "material"} <= set(store.db.get_tables())
    assert event_store.load_events() == []
    store.close()


REAL = schema.CURRENT_VERSION


def _add_step(monkeypatch, step) -> None:
    """Pretend a next version exists whose upgrade step is `step`."""
    monkeypatch.setattr(schema, "CURRENT_VERSION", REAL + 1)
    monkeypatch.setitem(schema.MIGRATIONS, REAL, step)


def test_upgrade_backs_up_first_then_runs_each_step(tmp_path, monkeypatch) -> None:
    path = tmp_path / "book.sqlite"
    Store.open(path).close()
    seen = []

    def step(db, migrator) -> None:
        seen.append(list((tmp_path / "backups").glob(f"*升级前-v{REAL}*")))
        db.execute_sql("CREATE TABLE extra (x INTEGER)")

    _add_step(monkeypatch, step)
    store = Store.open(path)
    assert store.version_before == REAL
    assert "extra" in store.db.get_tables()
    store.close()
    assert seen and seen[0], "the backup must exist before the step runs"
    assert _version(path) == REAL + 1
    assert _version(seen[0][0]) == REAL


def test_a_failed_upgrade_changes_nothing(tmp_path, monkeypatch) -> None:
    path = tmp_path / "book.sqlite"
    Store.open(path).close()

    def step(db, migrator) -> None:
        db.execute_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("disk on fire")

    _add_step(monkeypatch, step)
    with pytest.raises(PartyBookError, match="文件保持原样"):
        Store.open(path)
    assert _version(path) == REAL
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "half_done" not in tables


def test_a_file_from_a_newer_partybook_is_refused(tmp_path) -> None:
    path = tmp_path / "future.sqlite"
    Store.open(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(PartyBookError, match="更新版本"):
        Store.open(path)


def test_a_foreign_database_is_not_touched(tmp_path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE accounts (x)")
    con.commit()
    con.close()
    with pytest.raises(PartyBookError, match="不是 PartyBook 的数据文件"):
        Store.open(path)
    assert _version(path) == 0


def test_a_garbage_file_is_refused_in_chinese(tmp_path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"\x00garbage" * 500)
    with pytest.raises(PartyBookError, match="无法打开数据文件"):
        Store.open(path)


def test_version_4_study_log_is_read_back(tmp_path) -> None:
    path = tmp_path / "v4.sqlite"
    shutil.copy(FIXTURES / "book-v4.sqlite", path)
    store = Store.open(path)
    linked, personal = sorted(study_store.load_sessions(2026), key=lambda s: s.hours, reverse=True)
    store.close()
    assert (linked.hours, linked.meeting_id, linked.participants) == (2, 1, (1, 2))
    assert (personal.form, personal.member_id, personal.participants) == ("网络学习", 1, (1,))


def test_version_3_gains_an_empty_study_log(tmp_path) -> None:
    path = tmp_path / "v3.sqlite"
    shutil.copy(FIXTURES / "book-v3.sqlite", path)
    store = Store.open(path)
    assert {"study", "study_participant"} <= set(store.db.get_tables())
    assert study_store.load_sessions() == []
    assert len(meeting_store.load_meetings()) == 1
    store.close()


def test_version_4_gains_the_dues_tables_and_they_work(tmp_path) -> None:
    from datetime import date

    from partybook.domain.dues import Assessment, Category, Payment

    path = tmp_path / "v4.sqlite"
    shutil.copy(FIXTURES / "book-v4.sqlite", path)
    store = Store.open(path)
    assert {"dues_base", "dues_payment"} <= set(store.db.get_tables())
    assert {t._meta.table_name for t in schema.V5_TABLES} >= {"dues_base", "dues_payment"}
    chen = next(m for m in store.members() if m.name == "陈立新")
    dues_store.replace_assessments(
        chen.id, 2026, [Assessment(chen.id, 2026, Category.EMPLOYED, 350000)]
    )
    dues_store.insert_payments([Payment(chen.id, 2026, 6, 3500, date(2026, 6, 10))])
    store.close()
    store = Store.open(path)
    assert [a.base_fen for a in dues_store.load_assessments(2026)] == [350000]
    assert [(p.month, p.amount_fen) for p in dues_store.load_payments(2026)] == [(6, 3500)]
    assert store.integrity_problems() == []
    store.close()


def _tables(path: Path) -> dict[str, set[tuple]]:
    """Every row of every table, by table; columns in name order so added columns can be cut."""
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for name in names:
            cols = sorted(r[1] for r in con.execute(f'PRAGMA table_info("{name}")'))
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[name] = {
                (tuple(cols), row) for row in con.execute(f'SELECT {quoted} FROM "{name}"')
            }
        return out
    finally:
        con.close()


def _project(rows: set[tuple], cols: tuple) -> set[tuple]:
    """The rows cut down to the columns cols (a later version may have added some)."""
    out = set()
    for have, row in rows:
        values = dict(zip(have, row, strict=True))
        out.add(tuple(values[c] for c in cols))
    return out


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("book-v*.sqlite")), ids=lambda p: p.name)
def test_every_record_of_every_table_survives_the_upgrade_and_is_in_the_backup(
    tmp_path, fixture
) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    found = _version(path)
    old = _tables(path)
    assert sum(len(rows) for rows in old.values()) > 0
    Store.open(path).close()
    new = _tables(path)
    for table, rows in old.items():
        assert table in new, table
        cols = next(iter(rows))[0] if rows else ()
        assert _project(new[table], cols) == _project(rows, cols), table
    backups = list((tmp_path / "backups").glob(f"*升级前-v{found}*"))
    if found == schema.CURRENT_VERSION:
        assert backups == []  # nothing to upgrade, so no upgrade backup
        return
    assert len(backups) == 1
    assert _version(backups[0]) == found
    assert _tables(backups[0]) == old, "the backup is the file as it was before the upgrade"


def test_version_8_keeps_a_date_known_only_to_its_month(tmp_path) -> None:
    from partybook.domain.dates import MonthDate, month_only

    path = tmp_path / "v8.sqlite"
    shutil.copy(FIXTURES / "book-v8.sqlite", path)
    store = Store.open(path)
    chen = next(m for m in store.members() if m.name == "陈立新")
    store.close()
    assert chen.work_start == MonthDate(2016, 7) and month_only(chen.work_start)


def test_version_6_dates_stay_whole_days_after_the_upgrade(tmp_path) -> None:
    from partybook.domain.dates import month_only

    path = tmp_path / "v6.sqlite"
    shutil.copy(FIXTURES / "book-v6.sqlite", path)
    store = Store.open(path)
    people = store.members()
    store.close()
    dates = [getattr(m, f) for m in people for f in ("birth_date", "joined_on", "full_on")]
    assert any(dates) and not any(month_only(d) for d in dates)
