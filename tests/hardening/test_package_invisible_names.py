"""Invisible and bidi-control characters are removed from the names a data package brings in
(issue 22, point 10), as the forms remove them: "王\u202e五\u200b" comes in as 王五, in every
column holding a name (a person's, a group's, a photo's) and the branch's name."""

from __future__ import annotations

import json

import pytest

from partybook.book import Book
from partybook.cli.parser import main
from partybook.domain.validation import INVISIBLE
from partybook.store import checks
from tests.hardening.test_package_rules_fuzz import demo_package, files_of, resealed  # noqa: F401

HIDDEN = ["\u200b", "\u200f", "\u202a", "\u202e", "\u2060", "\u2064", "\u2066", "\u2069", "\ufeff"]


def _dirty(text: str, n: int) -> str:
    return f"{HIDDEN[n % len(HIDDEN)]}{text[:1]}{HIDDEN[(n + 3) % len(HIDDEN)]}{text[1:]}\u200b"


@pytest.fixture
def imported(demo_package, tmp_path, capsys):  # noqa: F811
    files = files_of(demo_package)
    dirtied = 0
    for path in [n for n in files if n.startswith("tables/")]:
        content = json.loads(files[path])
        table, columns = content["table"], content["columns"]
        for n, row in enumerate(content["rows"]):
            for i, column in enumerate(columns):
                named = (table, column) in checks.NAME_COLUMNS
                named = named or (table == "setting" and i == 1 and row[0] == "branch.name")
                if named and isinstance(row[i], str) and row[i]:
                    row[i] = _dirty(row[i], n + i)
                    dirtied += 1
        files[path] = json.dumps(content, ensure_ascii=False).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["branch"]["name"] = _dirty(manifest["branch"]["name"], 1)
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    source = tmp_path / "p.zip"
    source.write_bytes(resealed(files))
    path = tmp_path / "b.sqlite"
    code = main(["--db", str(path), "import", "package", str(source)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not INVISIBLE.search(out), out  # 已导入：the branch's name as the book keeps it
    assert dirtied > 50
    return path


def test_no_name_keeps_an_invisible_character(imported, capsys) -> None:
    from partybook.store.records import MODELS

    book = Book.open(imported, auto_backup=False)
    try:
        names = [m.name for m in book.members.all()]
        assert names and not [n for n in names if INVISIBLE.search(n)], names
        assert not INVISIBLE.search(book.branch().name)
        by_table = {m._meta.table_name: m for m in MODELS}
        for table, column in sorted(checks.NAME_COLUMNS):
            model = by_table[table]
            field = next(f for f in model._meta.sorted_fields if f.column_name == column)
            kept = [v for (v,) in model.select(field).tuples() if v and INVISIBLE.search(v)]
            assert not kept, (table, column, kept[:3])
        assert book.check().healthy
    finally:
        book.close(auto_backup=False)
    assert main(["--db", str(imported), "dues"]) == 0
    shown = capsys.readouterr().out
    assert shown and not INVISIBLE.search(shown)
