"""Resealed packages whose values break the ledger's rules (issue 22, point 1–6): the demo
branch's package is edited (enums, dates, nesting, sizes, settings, references, the manifest),
its checksums and row counts recomputed as a forger would, and imported.

Each case ends one of two ways, nothing else: refused with a Chinese PackageError naming the
package, exit 2 on the command line, nothing written; or imported, and then every command —
meetings, due, summary, export ledger, appraisal, check — exits 0. Inputs per kind:
PARTYBOOK_FUZZ, else 40 with PARTYBOOK_SLOW=1, else 3 to 6 seeds chosen so every kind of break
is made (DEFAULT_SEEDS); `PARTYBOOK_FUZZ_ONLY=kind#seed` reruns one.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.cli.parser import main
from partybook.domain.errors import PartyBookError
from partybook.store import checks
from tests.hardening.forgery import files_of, resealed

SLOW = os.environ.get("PARTYBOOK_SLOW") == "1"
PER_KIND = int(os.environ.get("PARTYBOOK_FUZZ") or 40)  # with PARTYBOOK_FUZZ or PARTYBOOK_SLOW
ONLY = os.environ.get("PARTYBOOK_FUZZ_ONLY", "")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory, today_demo_master) -> bytes:
    """The demo branch (every kind of record) as a package."""
    from tests.conftest import copy_book

    folder = tmp_path_factory.mktemp("demo")
    book = Book.open(copy_book(today_demo_master, folder), auto_backup=False)
    book.packages.export(folder / "demo.zip")
    book.close(auto_backup=False)
    return (folder / "demo.zip").read_bytes()


def _edit_cell(rnd, files, choose: Callable[[str, str], bool], values: list) -> bytes:
    """Set one cell of a column choose(table, column) picks to one of values."""
    spots = []
    for path, data in files.items():
        if not path.startswith("tables/"):
            continue
        content = json.loads(data)
        for i, column in enumerate(content["columns"]):
            if content["rows"] and choose(content["table"], column):
                spots.append((path, i))
    path, i = rnd.choice(spots)
    content = json.loads(files[path])
    rnd.choice(content["rows"])[i] = rnd.choice(values)
    files[path] = json.dumps(content, ensure_ascii=False).encode()
    return resealed(files)


def _deep(n: int, leaf: object = 1) -> str:
    return "[" * n + json.dumps(leaf) + "]" * n


def enums(rnd, good) -> bytes:
    odd = ["", "会议", "Meeting", "present", "出席 ", "正式党员\u200b", 7, "branch", "insert2"]
    other = [v for values in checks.ENUMS.values() for v in values]
    return _edit_cell(
        rnd, files_of(good), lambda t, c: (t, c) in checks.ENUMS, odd + rnd.sample(other, 3)
    )


def dates(rnd, good) -> bytes:
    odd = ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "2026-02-29", "2026-13-01"]
    fine = ["1900-01-01", "2100-12-31", "2026-02-28", "1950-06-30"]
    date_columns = {"birth_date", "work_start", "joined_on", "full_on", "left_on", "on"}
    date_columns |= {"receipt_on", "set_on", "paid_on"}
    return _edit_cell(rnd, files_of(good), lambda t, c: c in date_columns, odd + fine)


def nesting(rnd, good) -> bytes:
    files = files_of(good)
    depth = rnd.choice([20, 1000, 100_000])
    where = rnd.choice(["steps", "setting", "log", "cell", "table", "manifest"])
    if where == "manifest":
        manifest = json.loads(files["manifest.json"])
        files["manifest.json"] = (
            json.dumps(manifest)[:-1].encode() + b', "x": ' + _deep(depth).encode() + b"}"
        )
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, data in files.items():
                zf.writestr(name, data)
        return buf.getvalue()
    if where == "table":
        path = "tables/member.json"
        files[path] = files[path][:-3] + b"," + _deep(depth).encode() + b"]}\n"
        return resealed(files)
    if where == "cell":
        path = "tables/meeting.json"
        content = json.loads(files[path])
        text = json.dumps(content, ensure_ascii=False)
        text = text.replace('"rows": [[', '"rows": [[' + _deep(depth) + ",", 1)
        content_bytes = text.encode()
        files[path] = content_bytes
        return resealed(files)
    column = {"steps": ("appraisal", "steps"), "log": ("change_log", "new")}.get(where)
    if column is None:
        return _edit_cell(rnd, files, lambda t, c: (t, c) == ("setting", "value"), [_deep(depth)])
    return _edit_cell(
        rnd, files, lambda t, c: (t, c) == column, [_deep(depth), '{"a": ' + _deep(depth) + "}"]
    )


def sizes(rnd, good) -> bytes:
    values = ["x" * 1001, "长" * 200_001, 10**12, -5, 2**63, 1e300, 1.5, "\x00", "a\x1bb"]
    return _edit_cell(
        rnd, files_of(good), lambda t, c: c not in ("id",) and not c.endswith("_id"), values
    )


def settings(rnd, good) -> bytes:
    files = files_of(good)
    path = "tables/setting.json"
    content = json.loads(files[path])
    keys = [r[0] for r in content["rows"]]
    pick = rnd.choice(["forge", "garble", "log"])
    if pick == "forge":
        key, value = rnd.choice(
            [
                ("book.kind", "township"),
                ("security.password", "scrypt$16384$8$1$AAAA$BBBB"),
                ("security.hint", "x"),
                ("township.name", "伪造"),
                ("history.imported_upto", "0"),
            ]
        )
        content["rows"] = [r for r in content["rows"] if r[0] != key] + [[key, value]]
    elif pick == "garble":
        i = rnd.randrange(len(keys))
        content["rows"][i][1] = rnd.choice(
            ["", "{", "[]", "{}", '{"a": 1}', "null", "99999", "-1", "不是数字", '[[["x"]]]']
        )
    else:
        log_path = "tables/change_log.json"
        log = json.loads(files[log_path])
        cols = log["columns"]
        row = [10**6, "2026-01-01 00:00:00", "member", "1", "update", "{}", "{}"]
        log["rows"].append(row[: len(cols)])
        files[log_path] = json.dumps(log, ensure_ascii=False).encode()
    files[path] = json.dumps(content, ensure_ascii=False).encode()
    return resealed(files)


def references(rnd, good) -> bytes:
    return _edit_cell(
        rnd, files_of(good), lambda t, c: c.endswith("_id"), [0, -1, 10**6, 99, True, "1"]
    )


def manifest(rnd, good) -> bytes:
    files = files_of(good)
    m = json.loads(files["manifest.json"])
    edit = rnd.choice(["scope", "branch", "created", "duplicate"])
    if edit == "scope":
        m["scope"] = rnd.choice(["book", {"kind": "year", "year": "2026"}, {"kind": "x"}, None, 5])
    elif edit == "branch":
        m["branch"] = {"name": rnd.choice([5, ["x"], None, "x" * 5000])}
    elif edit == "created":
        m["created_at"] = rnd.choice(["9999-99-99", 5, "", "9999-12-31T00:00:00"])
    files["manifest.json"] = json.dumps(m, ensure_ascii=False).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        if edit == "duplicate":
            zf.writestr("tables/member.json", b'{"table": "member", "columns": [], "rows": []}')
    return buf.getvalue()


def forms(rnd, good) -> bytes:
    """A value each column can hold but no form would save (the domain's rules, point 3):
    hours, the numbers of an election, a meeting's times, a talk with oneself, a committee
    meeting as 主题党日, a departure without its reason or day."""
    edits = [
        ("study", "hours", [-3, 0, 0.2, 1.3, 99, 1e5]),
        ("election", "present", [-1, 999, 10**6]),
        ("election", "should_attend", [0, -5, 1]),
        ("election", "seats", [0, -1, 500]),
        ("meeting", "start", ["25:99", "24:00", "9:60", "23:59", "下午", "23:00"]),
        ("meeting", "end", ["00:00", "7:00", "99:99", "16:31"]),
        ("meeting", "theme_day", [True]),
        ("talk", "second_id", ["first"]),
        ("member", "left_on", ["2020-01-01", None]),
        ("member", "left_reason", ["去世", "转出", None]),
    ]
    files = files_of(good)
    for table, column, values in rnd.sample(edits, rnd.choice([1, 1, 2])):
        path = f"tables/{table}.json"
        content = json.loads(files[path])
        at = content["columns"].index(column)
        row = rnd.choice(content["rows"])
        value = rnd.choice(values)
        row[at] = row[content["columns"].index("first_id")] if value == "first" else value
        files[path] = json.dumps(content, ensure_ascii=False).encode()
    return resealed(files)


KINDS = {
    f.__name__: f for f in (enums, dates, nesting, sizes, settings, references, manifest, forms)
}
# The default run's seeds: four of each kind, and for the kinds that first draw what to break,
# the first seeds that draw each choice (nesting: each place, each depth; settings: forge,
# garble, log; manifest: scope, branch, created, duplicate). PARTYBOOK_FUZZ or PARTYBOOK_SLOW=1:
# seeds 0…n-1.
DEFAULT_SEEDS = {"nesting": [0, 1, 2, 4, 10, 18], "settings": [0, 2, 3], "manifest": [0, 2, 3, 4]}
FUZZ = os.environ.get("PARTYBOOK_FUZZ") or SLOW
CASES = (
    [ONLY]
    if ONLY
    else [
        f"{kind}#{seed}"
        for kind in KINDS
        for seed in (range(PER_KIND) if FUZZ else DEFAULT_SEEDS.get(kind, range(4)))
    ]
)
COMMANDS = [
    ["meetings"],
    ["due"],
    ["summary"],
    ["appraisal"],
    ["check"],
    ["export", "ledger", "--out", "{out}"],
]


def every_command_works(path: Path, folder: Path, capsys) -> None:
    for command in COMMANDS:
        argv = [a.replace("{out}", str(folder / "ledger.xlsx")) for a in command]
        code = main(["--db", str(path), *argv])
        err = capsys.readouterr().err
        assert code == 0, (argv, err)


@pytest.mark.parametrize("case", CASES)
def test_a_resealed_package_is_refused_or_every_command_works(
    case, demo_package, tmp_path, capsys
) -> None:
    kind, seed = case.split("#")
    raw = KINDS[kind](random.Random(f"{kind}-{seed}"), demo_package)
    source = tmp_path / "数据包.zip"
    source.write_bytes(raw)
    path = tmp_path / "book.sqlite"
    code = main(["--db", str(path), "import", "package", str(source)])
    err = capsys.readouterr().err
    if code != 0:
        assert code == 2, (case, err)
        assert CJK.search(err) and "意外" not in err and "Traceback" not in err, (case, err)
        assert not path.exists(), case  # a refused import into a new file leaves nothing
        return
    book = Book.open(path, auto_backup=False)
    try:
        assert not book.township.is_collection(), case
        assert not book.security.has_password(), case
    finally:
        book.close(auto_backup=False)
    every_command_works(path, tmp_path, capsys)


def test_the_demo_package_imports_and_every_command_works(demo_package, tmp_path, capsys):
    source = tmp_path / "demo.zip"
    source.write_bytes(demo_package)
    path = tmp_path / "book.sqlite"
    assert main(["--db", str(path), "import", "package", str(source)]) == 0
    every_command_works(path, tmp_path, capsys)


def test_a_zip_with_two_entries_of_one_name_is_refused(demo_package) -> None:
    from partybook.store.package import parse_package

    files = files_of(demo_package)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("tables/member.json", files["tables/member.json"])
    with pytest.raises(PartyBookError, match="同名"):
        parse_package(buf.getvalue(), "x.zip")


class _Drawn(random.Random):
    """A seeded Random that remembers what each choice drew."""

    def __init__(self, seed: str) -> None:
        super().__init__(seed)
        self.drawn: list = []

    def choice(self, seq):
        found = super().choice(seq)
        self.drawn.append(found)
        return found


def test_the_default_seeds_make_every_kind_of_break(demo_package) -> None:
    """What a kind draws first (nesting: the depth, then the place) over DEFAULT_SEEDS is
    every choice it has."""
    choices = {  # kind: (draws that say which break, every choice)
        "nesting": (2, {20, 1000, 100_000, "steps", "setting", "log", "cell", "table", "manifest"}),
        "settings": (1, {"forge", "garble", "log"}),
        "manifest": (1, {"scope", "branch", "created", "duplicate"}),
    }
    for kind, (draws, every) in choices.items():
        made = set()
        for seed in DEFAULT_SEEDS[kind]:
            rnd = _Drawn(f"{kind}-{seed}")
            KINDS[kind](rnd, demo_package)
            made |= set(rnd.drawn[:draws])
        assert made == every, kind
