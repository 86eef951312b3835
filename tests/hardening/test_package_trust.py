"""Issue 22's package examples, one test each: what the attack found now ends in a Chinese
refusal before anything is written, or (for a package's settings) in a book the package could
not change the nature of."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from partybook.book import Book
from partybook.cli.parser import main
from partybook.domain.errors import PartyBookError
from partybook.store import package as package_store
from tests.hardening.test_package_rules_fuzz import demo_package, files_of, resealed  # noqa: F401


def _set(files, table, column, value, row=0) -> None:
    path = f"tables/{table}.json"
    content = json.loads(files[path])
    content["rows"][row][content["columns"].index(column)] = value
    files[path] = json.dumps(content, ensure_ascii=False).encode()


def _import(tmp_path, raw: bytes, capsys) -> tuple[int, str]:
    source = tmp_path / "p.zip"
    source.write_bytes(raw)
    code = main(["--db", str(tmp_path / "b.sqlite"), "import", "package", str(source)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("table", "column", "value", "named"),
    [
        ("event", "on", "9999-12-31", "1900–2100"),
        ("meeting", "kind", "茶话会", "不是本程序认识的值"),
        ("attendance", "presence", "maybe", "不是本程序认识的值"),
        ("appraisal", "steps", "[" * 40_000 + "]" * 40_000, "嵌套"),
        ("member", "name", "x" * 5000, "文字过长"),
    ],
    ids=["date", "kind", "presence", "nesting", "length"],
)
def test_a_value_no_form_saves_refuses_the_package_naming_table_row_field(
    demo_package,  # noqa: F811
    tmp_path,
    capsys,
    table,
    column,
    value,
    named,
) -> None:
    files = files_of(demo_package)
    _set(files, table, column, value)
    code, err = _import(tmp_path, resealed(files), capsys)
    assert code == 2, err
    assert f"数据表“{table}”第 1 行“{column}”" in err and named in err, err
    assert not (tmp_path / "b.sqlite").exists()


def test_a_string_scope_is_refused_before_anything_is_written(
    demo_package,  # noqa: F811
    tmp_path,
    capsys,
) -> None:
    files = files_of(demo_package)
    manifest = json.loads(files["manifest.json"])
    manifest["scope"] = "book"
    files["manifest.json"] = json.dumps(manifest).encode()
    code, err = _import(tmp_path, resealed(files), capsys)
    assert code == 2 and "scope" in err, err
    assert not (tmp_path / "b.sqlite").exists()


def test_a_package_sets_neither_the_kind_nor_the_password_and_its_log_is_marked(
    demo_package,  # noqa: F811
    tmp_path,
    capsys,
) -> None:
    files = files_of(demo_package)
    path = "tables/setting.json"
    content = json.loads(files[path])
    content["rows"] += [["book.kind", "township"], ["security.password", "scrypt$x"]]
    files[path] = json.dumps(content, ensure_ascii=False).encode()
    code, err = _import(tmp_path, resealed(files), capsys)
    assert code == 0, err
    book = Book.open(tmp_path / "b.sqlite", auto_backup=False)
    try:
        assert not book.township.is_collection()
        assert not book.security.has_password()
        member = book.members.all()[0]
        lines = book.history.of("member", member.id)
        assert lines and all("随数据包导入" in line.action for line in lines)
    finally:
        book.close(auto_backup=False)


def test_the_json_tables_are_capped_while_they_expand(demo_package) -> None:  # noqa: F811
    files = files_of(demo_package)
    files["tables/member.json"] = files["tables/member.json"][:-2] + b" " * 3_000_000 + b"}\n"
    raw = resealed(files)
    with pytest.raises(PartyBookError, match="解压后的数据超过"):
        package_store.parse_package(raw, "x.zip", limit=2_000_000)
    package_store.parse_package(raw, "x.zip", limit=20_000_000)  # under the cap it reads


def test_a_real_size_zip_bomb_is_refused_in_chinese(tmp_path, capsys) -> None:
    """300 MB of JSON padding in a small zip: refused at the 200 MB cap, quickly."""
    manifest = {
        "format": "partybook-package",
        "format_version": 1,
        "schema_version": 1,
        "scope": {"kind": "book"},
        "branch": {"name": "x"},
        "tables": {"setting": {"file": "tables/setting.json", "rows": 0, "sha256": "0"}},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        with zf.open("tables/setting.json", "w", force_zip64=True) as f:
            f.write(b'{"table": "setting", "columns": [], "rows": []')
            block = b" " * (1 << 20)
            for _ in range(300):
                f.write(block)
            f.write(b"}")
    assert len(buf.getvalue()) < 2_000_000
    code, err = _import(tmp_path, buf.getvalue(), capsys)
    assert code == 2 and "解压后的数据超过 200 MB" in err, err


def test_a_table_of_millions_of_tiny_values_is_read_row_by_row_and_refused(
    demo_package,  # noqa: F811
    monkeypatch,
) -> None:
    """Under the byte cap, [[0],[0],…] would still become gigabytes of lists: a large table is
    read row by row, each row at most as wide as a table, the rows counted."""
    monkeypatch.setattr(package_store, "MAX_ROWS", 50_000)
    monkeypatch.setattr(package_store, "_FAST_VALUES", 10_000)
    files = files_of(demo_package)
    content = json.loads(files["tables/material.json"])
    width = len(content["columns"])
    columns = json.dumps(content["columns"])
    rows = ",".join(["[" + ",".join(["0"] * width) + "]"] * 60_000)
    files["tables/material.json"] = (
        f'{{"table": "material", "columns": {columns}, "rows": [{rows}]}}'.encode()
    )
    with pytest.raises(PartyBookError, match="超过 50,000 行"):
        package_store.parse_package(resealed(files), "x.zip")
    files["tables/material.json"] = b'{"columns": [], "rows": [[' + b"0," * 100_000 + b"0]]}"
    with pytest.raises(PartyBookError, match="无法读取"):
        package_store.parse_package(resealed(files), "x.zip")


def test_more_rows_than_a_branch_holds_are_refused_naming_the_table(
    demo_package,  # noqa: F811
) -> None:
    """600 000 rows in all (a branch's package holds a few hundred thousand at most) keep an
    import well under 1 GB (tests/bench/test_package_memory_bench.py); one more is refused."""
    assert package_store.MAX_ROWS == 600_000
    files = files_of(demo_package)
    content = json.loads(files["tables/material.json"])
    columns = json.dumps(content["columns"])
    row = "[" + ",".join(["0"] * len(content["columns"])) + "]"
    rows = ",\n".join([row] * package_store.MAX_ROWS)
    files["tables/material.json"] = (
        f'{{"table": "material", "columns": {columns}, "rows": [\n{rows}\n]}}'.encode()
    )
    with pytest.raises(PartyBookError, match="超过 600,000 行（读到数据表“material”时）"):
        package_store.parse_package(resealed(files), "x.zip")
