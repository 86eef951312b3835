"""Bad data packages: hundreds of broken or tampered packages, into an empty book and into a
township collection. Each ends in a Chinese PartyBookError naming the file, never another
exception and never a partial write.

Two families: damaged files (the checksums catch them), and packages whose content was changed
and whose checksums were then made to match again — only the import's own checks (types,
references, duplicates) stand between them and the book. Inputs per kind: PARTYBOOK_FUZZ, else
60 with PARTYBOOK_SLOW=1, else 8; `PARTYBOOK_FUZZ_ONLY=kind#seed` reruns one.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.domain.errors import PartyBookError
from tests.conftest import copy_book
from tests.hardening.crash_driver import NOW, person
from tests.hardening.forgery import files_of as _files
from tests.hardening.forgery import resealed as _resealed

SLOW = os.environ.get("PARTYBOOK_SLOW") == "1"
PER_KIND = int(os.environ.get("PARTYBOOK_FUZZ") or (60 if SLOW else 8))
ONLY = os.environ.get("PARTYBOOK_FUZZ_ONLY", "")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def good_package(tmp_path_factory) -> bytes:
    """A small but complete branch package: members, a meeting with attendance, a change log."""
    from datetime import date

    from partybook.domain.meetings import Attendee, Meeting, MeetingKind
    from partybook.domain.members import Branch, Stage

    folder = tmp_path_factory.mktemp("pkg")
    book = Book.open(folder / "b.sqlite", clock=lambda: NOW, auto_backup=False)
    book.save_branch(Branch(name="柳溪村小学党支部", committee="中共柳溪镇委员会"))
    people = [book.members.add(person(i, f"党员{name}")) for i, name in enumerate("甲乙丙丁戊", 1)]
    attendees = [Attendee(m.id, can_vote=m.stage is Stage.FULL) for m in people]
    book.meetings.save(Meeting(MeetingKind.COMMITTEE, date(2026, 3, 5), attendees=attendees))
    out = folder / "good.zip"
    book.packages.export(out)
    book.close(auto_backup=False)
    return out.read_bytes()


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _table(files, name) -> tuple[str, dict]:
    path = next(p for p in files if p.endswith(f"/{name}.json"))
    return path, json.loads(files[path])


# damaged files -------------------------------------------------------------------------
def zero_or_noise(rnd, good) -> bytes:
    return b"" if rnd.random() < 0.3 else rnd.randbytes(rnd.randint(1, 4000))


def truncated(rnd, good) -> bytes:
    return good[: rnd.randint(1, len(good) - 1)]


def flipped_byte(rnd, good) -> bytes:
    files = _files(good)
    name = rnd.choice([n for n in files if n != "manifest.json"])
    data = bytearray(files[name])
    i = rnd.randrange(len(data))
    data[i] = (data[i] + rnd.randint(1, 255)) % 256
    files[name] = bytes(data)
    return _zip(files)


def office_file(rnd, good) -> bytes:
    inner = rnd.choice(["word/document.xml", "xl/workbook.xml", "[Content_Types].xml"])
    return _zip({inner: b"<xml/>", "docProps/app.xml": b"<x/>"})


def manifest_edits(rnd, good) -> bytes:
    files = _files(good)
    manifest = json.loads(files["manifest.json"])
    edit = rnd.choice(
        ["newer_format", "newer_schema", "bad_format", "no_tables", "text", "missing_file", "extra"]
    )
    if edit == "newer_format":
        manifest["format_version"] = manifest["format_version"] + rnd.randint(1, 9)
    elif edit == "newer_schema":
        manifest["schema_version"] = manifest["schema_version"] + rnd.randint(1, 9)
    elif edit == "bad_format":
        manifest["format"] = rnd.choice(["", "partybook", None, 7])
    elif edit == "no_tables":
        manifest["tables"] = rnd.choice([{}, [], None, "member"])
    elif edit == "missing_file":
        name = rnd.choice([n for n in files if n != "manifest.json"])
        del files[name]
    elif edit == "extra":
        files[f"tables/{rnd.choice(['x', 'member2', '../evil'])}.json"] = b"{}"
    if edit == "text":
        files["manifest.json"] = rnd.choice([b"", b"{", "清单".encode("gbk"), b"[1, 2]"])
    else:
        files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    return _zip(files)


# tampered content, checksums made to match -----------------------------------------------
def bad_json(rnd, good) -> bytes:
    files = _files(good)
    name = rnd.choice([n for n in files if n != "manifest.json"])
    files[name] = rnd.choice([b"", b"{", b'{"rows": 5}', b'{"columns": [], "rows": [[1, 2]]}'])
    return _resealed(files)


def wrong_values(rnd, good) -> bytes:
    files = _files(good)
    path, data = _table(files, rnd.choice(["member", "attendance", "meeting"]))
    row = rnd.choice(data["rows"])
    col = rnd.randrange(len(row))
    row[col] = rnd.choice(
        ["不是日期", "2026-02-30", -1, 10**30, 1.5, [], {"a": 1}, True, "", "x" * 5000]
    )
    files[path] = json.dumps(data, ensure_ascii=False).encode()
    return _resealed(files)


def dangling_reference(rnd, good) -> bytes:
    files = _files(good)
    path, data = _table(files, "attendance")
    cols = data["columns"]
    key = rnd.choice([c for c in cols if c.endswith("_id")])
    rnd.choice(data["rows"])[cols.index(key)] = rnd.randint(500, 10**6)
    files[path] = json.dumps(data, ensure_ascii=False).encode()
    return _resealed(files)


def duplicate_keys(rnd, good) -> bytes:
    files = _files(good)
    path, data = _table(files, rnd.choice(["member", "meeting", "attendance"]))
    data["rows"].append(list(rnd.choice(data["rows"])))
    files[path] = json.dumps(data, ensure_ascii=False).encode()
    return _resealed(files)


def wrong_columns(rnd, good) -> bytes:
    files = _files(good)
    path, data = _table(files, rnd.choice(["member", "meeting"]))
    edit = rnd.choice(["rename", "drop_id", "short_row"])
    if edit == "rename":
        i = rnd.randrange(len(data["columns"]))
        data["columns"][i] = data["columns"][i] + "_x"
    elif edit == "drop_id":
        i = data["columns"].index("id")
        data["columns"].pop(i)
        for r in data["rows"]:
            r.pop(i)
    else:
        data["rows"][0] = data["rows"][0][:-1]
    files[path] = json.dumps(data, ensure_ascii=False).encode()
    return _resealed(files)


KINDS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    f.__name__: f
    for f in (
        zero_or_noise,
        truncated,
        flipped_byte,
        office_file,
        manifest_edits,
        bad_json,
        wrong_values,
        dangling_reference,
        duplicate_keys,
        wrong_columns,
    )
}
CASES = [
    f"{kind}#{seed}"
    for kind in KINDS
    for seed in range(PER_KIND)
    if not ONLY or ONLY == f"{kind}#{seed}"
]


def _rows(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return sum(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)
    finally:
        con.close()


@pytest.mark.parametrize("case", CASES)
def test_a_bad_package_is_refused_in_chinese_and_writes_nothing(
    case, good_package, tmp_path, empty_master
):
    kind, seed = case.split("#")
    rnd = random.Random(f"{kind}-{seed}")
    raw = KINDS[kind](rnd, good_package)
    source = tmp_path / "数据包.zip"
    source.write_bytes(raw)
    for township in (False, True):  # into a new, empty book (the session's, copied)
        path = copy_book(empty_master, tmp_path, f"book-{township}.sqlite")
        book = Book.open(path, clock=lambda: NOW, auto_backup=False)
        before = _rows(path)
        try:
            book.packages.import_file(source, township=township)
        except PartyBookError as exc:
            text = str(exc)
            assert CJK.search(text) and "Traceback" not in text, (case, text)
            assert "数据包" in text or source.name in text, (case, text)
        except Exception as exc:  # anything else is a bug
            pytest.fail(f"{case} (township={township}): {type(exc).__name__}: {exc}")
        else:
            # a tampered package that is still whole and consistent may import; then it must
            # be a sound book, not a half one
            assert book.check().healthy, case
            book.close(auto_backup=False)
            continue
        book.close(auto_backup=False)
        assert _rows(path) == before, f"{case}: a refused import wrote something"


def test_the_good_package_itself_imports(good_package, tmp_path) -> None:
    source = tmp_path / "good.zip"
    source.write_bytes(good_package)
    book = Book.open(tmp_path / "b.sqlite", clock=lambda: NOW, auto_backup=False)
    book.packages.import_file(source)
    assert len(book.members.all()) == 5 and book.check().healthy
    book.close(auto_backup=False)
