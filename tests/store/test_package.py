"""The data package: every table, a byte-identical round trip, and files that are refused."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from partybook.book import Book
from partybook.domain.errors import PartyBookError
from partybook.store import appraisals as appraisal_store
from partybook.store import events as event_store
from partybook.store import package, schema
from partybook.store.package import row_counts
from partybook.store.records import MODELS
from tests.conftest import copy_book


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _manifest(path: Path) -> dict:
    return json.loads(_entries(path)["manifest.json"])


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of a package with change(entries) applied (entries: name -> bytes)."""
    entries = _entries(source)
    change(entries)
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return target


def _set_manifest(**values):
    def change(entries):
        m = json.loads(entries["manifest.json"])
        m.update(values)
        entries["manifest.json"] = json.dumps(m).encode()

    return change


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_master) -> SimpleNamespace:
    """The demo branch (a copy of the session's) for this module, its package, and what it
    holds. Records bind to one open database at a time, so no book stays open between tests."""
    folder = tmp_path_factory.mktemp("demo")
    path = copy_book(demo_master, folder)  # with its photos
    book = Book.open(path, clock=lambda: NOW, auto_backup=False)
    try:
        book.packages.export(folder / "demo.zip")
        book.packages.export(folder / "year.zip", 2026)
        return SimpleNamespace(
            path=path,
            zip=folder / "demo.zip",
            year_zip=folder / "year.zip",
            members=book.members.all(),
            events=len(event_store.load_events()),
            meetings={y: book.meetings.all(y) for y in (2025, 2026)},
            appraisals=[y for y in (2025, 2026) if appraisal_store.load_round(y) is not None],
            figures=[f.value for f in book.summary.year_figures(2026)],
        )
    finally:
        book.close(auto_backup=False)


@pytest.fixture
def exported(demo) -> Path:
    return demo.zip


def _open(tmp_path, name) -> Book:
    return Book.open(tmp_path / name, clock=lambda: NOW)


NOW = datetime(2026, 11, 22, 9, 30)


def test_every_table_of_models_is_in_the_package(exported) -> None:
    manifest = _manifest(exported)
    tables = {m._meta.table_name for m in MODELS}
    assert set(manifest["tables"]) == tables
    names = set(_entries(exported))
    photos = {f"attachments/{sha}" for sha in manifest["attachments"]["files"]}
    assert names == {"manifest.json"} | {f"tables/{t}.json" for t in tables} | photos
    assert (
        manifest["format"] == "partybook-package"
        and manifest["format_version"] == package.FORMAT_VERSION
    )
    assert manifest["schema_version"] == schema.CURRENT_VERSION
    assert manifest["branch"]["name"] == "青山镇中心小学党支部"
    assert manifest["scope"] == {"kind": "book"}
    for table, entry in manifest["tables"].items():
        data = _entries(exported)[entry["file"]]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(json.loads(data)["rows"]) == entry["rows"], table


def test_every_column_and_row_is_written_with_iso_dates(demo, exported) -> None:
    member = json.loads(_entries(exported)["tables/member.json"])
    fields = MODELS[1]._meta.sorted_fields
    assert member["columns"] == [f.column_name for f in fields]
    assert len(member["rows"]) == len(demo.members)
    first = dict(zip(member["columns"], member["rows"][0], strict=True))
    person = demo.members[0]
    assert first["id"] == person.id and first["name"] == person.name
    assert first["joined_on"] == (person.joined_on.isoformat() if person.joined_on else None)


def test_round_trip_gives_identical_content(exported, tmp_path) -> None:
    other = _open(tmp_path, "moved.sqlite")
    result = other.packages.import_file(exported)
    assert result.counts["member"] == _manifest(exported)["tables"]["member"]["rows"]
    other.packages.export(tmp_path / "again.zip")
    other.close(auto_backup=False)
    first, again = _entries(exported), _entries(tmp_path / "again.zip")
    assert set(first) == set(again)
    for name in first:
        if name != "manifest.json":
            assert first[name] == again[name], name
    m1, m2 = _manifest(exported), _manifest(tmp_path / "again.zip")
    m1.pop("created_at"), m2.pop("created_at")
    assert m1 == m2


def test_the_restored_book_works_like_the_original(demo, exported, tmp_path) -> None:
    other = _open(tmp_path, "moved.sqlite")
    other.packages.import_file(exported)
    try:
        assert other.members.all() == demo.members
        assert other.meetings.all(2026) == demo.meetings[2026]
        assert [f.value for f in other.summary.year_figures(2026)] == demo.figures
        assert other.check().healthy
    finally:
        other.close(auto_backup=False)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda e: e.__setitem__("tables/member.json", e["tables/member.json"] + b" "), "改动"),
        (
            lambda e: e.__setitem__(
                "tables/member.json", e["tables/member.json"].replace("周".encode(), "吴".encode())
            ),
            "校验值不对",
        ),
        (lambda e: e.pop("tables/meeting.json"), "缺少数据文件"),
        (lambda e: e.__setitem__("tables/extra.json", b"{}"), "清单之外"),
        (_set_manifest(format_version=package.FORMAT_VERSION + 1), "请先把 PartyBook 升级"),
        (_set_manifest(schema_version=schema.CURRENT_VERSION + 1), "请先把 PartyBook 升级"),
        (_set_manifest(format="something-else"), "不是 PartyBook 数据包"),
        (lambda e: e.pop("manifest.json"), "没有 manifest.json"),
    ],
    ids=["appended", "edited", "missing", "stray", "newer-format", "newer-schema", "alien", "bare"],
)
def test_a_changed_or_newer_package_is_refused_and_nothing_written(
    exported, tmp_path, change, words
) -> None:
    bad = _rewrite(exported, tmp_path / "bad.zip", change)
    other = _open(tmp_path, "target.sqlite")
    try:
        with pytest.raises(PartyBookError, match=words):
            other.packages.import_file(bad)
        assert row_counts() == {m._meta.table_name: 0 for m in MODELS}
    finally:
        other.close(auto_backup=False)


def test_not_a_package_is_refused_in_plain_words(tmp_path) -> None:
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    text = tmp_path / "notes.zip"
    text.write_text("会议记录", encoding="utf-8")
    docx = tmp_path / "总结.zip"  # a Word file is a zip, renamed or not
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    for path, words in ((empty, "空文件"), (text, "不是 zip"), (docx, "Word、Excel")):
        with pytest.raises(PartyBookError, match=words):
            package.read_package(path)


def test_a_truncated_package_is_refused(exported, tmp_path) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(exported.read_bytes()[:-200])
    with pytest.raises(PartyBookError, match="不是 PartyBook 数据包|已损坏"):
        package.read_package(cut)


def test_an_older_schema_package_imports_and_missing_columns_take_defaults(
    exported, tmp_path
) -> None:
    def older(entries):
        table = json.loads(entries["tables/member.json"])
        i = table["columns"].index("left_note")  # pretend this column came later
        table["columns"].pop(i)
        for row in table["rows"]:
            row.pop(i)
        # a table that came later is missing too
        data = package.table_bytes("member", table["columns"], table["rows"])
        entries["tables/member.json"] = data
        m = json.loads(entries["manifest.json"])
        m["schema_version"] = 4
        m["tables"]["member"]["sha256"] = hashlib.sha256(data).hexdigest()
        del m["tables"]["branch_package"]
        del entries["tables/branch_package.json"]
        entries["manifest.json"] = json.dumps(m).encode()

    old = _rewrite(exported, tmp_path / "old.zip", older)
    other = _open(tmp_path, "target.sqlite")
    try:
        other.packages.import_file(old)
        assert {m.left_note for m in other.members.all()} == {""}
        assert len(other.members.all()) == _manifest(exported)["tables"]["member"]["rows"]
    finally:
        other.close(auto_backup=False)


def test_a_bad_value_is_named_with_its_table_row_and_field(exported, tmp_path) -> None:
    def bad_date(entries):
        table = json.loads(entries["tables/meeting.json"])
        table["rows"][2][table["columns"].index("on")] = "2026-13-45"
        data = package.table_bytes("meeting", table["columns"], table["rows"])
        entries["tables/meeting.json"] = data
        m = json.loads(entries["manifest.json"])
        m["tables"]["meeting"]["sha256"] = hashlib.sha256(data).hexdigest()
        entries["manifest.json"] = json.dumps(m).encode()

    with pytest.raises(PartyBookError, match="“meeting”第 3 行“on”"):
        package.read_package(_rewrite(exported, tmp_path / "bad.zip", bad_date))


def test_a_package_whose_references_do_not_hold_writes_nothing(exported, tmp_path) -> None:
    def orphan(entries):
        table = json.loads(entries["tables/event.json"])
        table["rows"][0][table["columns"].index("member_id")] = 9999
        data = package.table_bytes("event", table["columns"], table["rows"])
        entries["tables/event.json"] = data
        m = json.loads(entries["manifest.json"])
        m["tables"]["event"]["sha256"] = hashlib.sha256(data).hexdigest()
        entries["manifest.json"] = json.dumps(m).encode()

    other = _open(tmp_path, "target.sqlite")
    try:
        with pytest.raises(PartyBookError, match="对不上|不存在"):
            other.packages.import_file(_rewrite(exported, tmp_path / "orphan.zip", orphan))
        assert sum(row_counts().values()) == 0
    finally:
        other.close(auto_backup=False)


def test_a_year_package_has_the_roster_and_that_years_records(demo, tmp_path) -> None:
    assert _manifest(demo.year_zip)["scope"] == {"kind": "year", "year": 2026}
    entries = _entries(demo.year_zip)

    def rows(table):
        content = json.loads(entries[f"tables/{table}.json"])
        return [dict(zip(content["columns"], r, strict=True)) for r in content["rows"]]

    assert len(rows("member")) == len(demo.members)
    assert len(rows("event")) == demo.events  # paths whole
    meetings = rows("meeting")
    assert {m["on"][:4] for m in meetings} <= {"2026"}
    assert len(meetings) == len(demo.meetings[2026]) > 0
    ids = {m["id"] for m in meetings}
    assert {a["meeting_id"] for a in rows("attendance")} <= ids
    assert demo.appraisals == [2025, 2026]  # the demo has last year's round too
    assert [a["year"] for a in rows("appraisal")] == [2026]
    entries_of = {a["id"] for a in rows("appraisal")}
    assert {e["appraisal_id"] for e in rows("appraisal_entry")} == entries_of
    studies = rows("study")
    assert studies and {s["on"][:4] for s in studies} == {"2026"}
    assert {p["study_id"] for p in rows("study_participant")} <= {s["id"] for s in studies}
    assert all(s["meeting_id"] in ids | {None} for s in studies)
    other = _open(tmp_path, "year.sqlite")  # it opens as a book of that year
    try:
        other.packages.import_file(demo.year_zip)
        assert other.meetings.all(2026) == demo.meetings[2026]
        assert other.appraisal.saved(2025) is None
        assert other.appraisal.saved(2026) is not None
    finally:
        other.close(auto_backup=False)


def test_the_zip_is_deterministic_for_the_same_content(demo, tmp_path) -> None:
    book = Book.open(demo.path, clock=lambda: NOW, auto_backup=False)
    book.packages.export(tmp_path / "a.zip")
    book.packages.export(tmp_path / "b.zip")
    book.close(auto_backup=False)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert zipfile.ZipFile(io.BytesIO((tmp_path / "a.zip").read_bytes())).testzip() is None
