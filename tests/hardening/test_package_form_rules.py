"""The rules the forms keep hold for a data package's rows too (issue 22, points 1 and 3): a
resealed package with a record no form would save is refused whole, exit 2, naming the table
and the record; and `check` names the same record in a book that holds it."""

from __future__ import annotations

import json
import sqlite3

import pytest

from partybook.cli.parser import main
from tests.hardening.test_package_rules_fuzz import demo_package, files_of, resealed  # noqa: F401


def _rows(files, table):
    content = json.loads(files[f"tables/{table}.json"])
    return content, {c: i for i, c in enumerate(content["columns"])}


def _save(files, table, content) -> None:
    files[f"tables/{table}.json"] = json.dumps(content, ensure_ascii=False).encode()


def _pick(content, at, where):
    return next(r for r in content["rows"] if where(r, at))


# name -> (table, a row it picks, {column: value}, the words the refusal says)
CASES = {
    "negative hours": ("study", lambda r, at: True, {"hours": -3}, "学时"),
    "half hours": ("study", lambda r, at: True, {"hours": 1.3}, "学时"),
    "present over should attend": ("election", lambda r, at: True, {"present": 999}, "实到人数"),
    "start 25:99": ("meeting", lambda r, at: True, {"start": "25:99"}, "开始时间"),
    "end before start": (
        "meeting",
        lambda r, at: True,
        {"start": "17:30", "end": "9:00"},
        "不晚于开始时间",
    ),
    "talk with oneself": (
        "talk",
        lambda r, at: r[at["second_id"]] is not None,
        {"second_id": "first_id"},
        "同一个人",
    ),
    "theme day on a committee meeting": (
        "meeting",
        lambda r, at: r[at["kind"]] == "支部委员会会议",
        {"theme_day": True},
        "主题党日",
    ),
    "left with no reason": (
        "member",
        lambda r, at: r[at["left_on"]] is None,
        {"left_on": "2020-01-01"},
        "离开原因",
    ),
    "a reason with no day": (
        "member",
        lambda r, at: r[at["left_on"]] is None and r[at["stage"]] == "正式党员",
        {"left_reason": "去世"},
        "离开日期",
    ),
}


def broken(raw: bytes, case: str) -> tuple[bytes, int]:
    """The package with one record as the case breaks it; returns it and the record's id."""
    table, where, values, _ = CASES[case]
    files = files_of(raw)
    content, at = _rows(files, table)
    row = _pick(content, at, where)
    for column, value in values.items():
        row[at[column]] = row[at[value]] if value in at else value
    _save(files, table, content)
    return resealed(files), row[at["id"]]


@pytest.mark.parametrize("case", list(CASES))
def test_a_record_no_form_would_save_refuses_the_package(
    case,
    demo_package,  # noqa: F811
    tmp_path,
    capsys,
) -> None:
    raw, ident = broken(demo_package, case)
    source = tmp_path / "p.zip"
    source.write_bytes(raw)
    path = tmp_path / "b.sqlite"
    code = main(["--db", str(path), "import", "package", str(source)])
    err = capsys.readouterr().err
    table, _, _, words = CASES[case]
    assert code == 2, (case, err)
    assert words in err and "没有导入" in err and "意外" not in err, (case, err)
    if table != "member":  # a person is named by name
        assert f"数据表“{table}”编号 {ident}" in err, err
    assert not path.exists() and not list(tmp_path.glob("b-*")), case


@pytest.mark.parametrize("case", list(CASES))
def test_check_names_the_same_record_in_a_book(
    case,
    demo_package,  # noqa: F811
    tmp_path,
    capsys,
) -> None:
    source = tmp_path / "p.zip"
    source.write_bytes(demo_package)
    path = tmp_path / "b.sqlite"
    assert main(["--db", str(path), "import", "package", str(source)]) == 0
    assert main(["--db", str(path), "check"]) == 0
    capsys.readouterr()
    table, where, values, words = CASES[case]
    broken_raw, ident = broken(demo_package, case)
    content, at = _rows(files_of(broken_raw), table)
    row = next(r for r in content["rows"] if r[at["id"]] == ident)
    with sqlite3.connect(path) as db:  # written behind the program's back
        sets = ", ".join(f'"{c}" = ?' for c in values)
        db.execute(
            f'UPDATE "{table}" SET {sets} WHERE id = ?', [*(row[at[c]] for c in values), ident]
        )
    db.close()
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr()
    assert words in out.out + out.err, (case, out)
