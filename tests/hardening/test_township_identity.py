"""A township knows a branch by the stable id its book was made with, not by the name a package
says (issue 22, point 4); a person on two rosters counts once; a branch can be taken out."""

from __future__ import annotations

import json

import pytest

from partybook.book import Book
from partybook.cli.parser import main
from partybook.domain.errors import PartyBookError
from partybook.domain.members import Branch
from tests.hardening.crash_driver import NOW, person
from tests.hardening.test_package_rules_fuzz import files_of, resealed


def _branch_package(folder, name: str, serials, file: str, book_file: str | None = None):
    book = Book.open(folder / (book_file or f"{file}.sqlite"), clock=lambda: NOW, auto_backup=False)
    book.save_branch(Branch(name=name, committee="中共柳溪镇委员会"))
    have = {m.id_number for m in book.members.all()}
    for s in serials:
        p = person(s, f"党员{'甲乙丙丁戊己庚辛'[s % 8]}")
        if p.id_number not in have:
            book.members.add(p)
    out = folder / f"{file}.zip"
    book.packages.export(out)
    book.close(auto_backup=False)
    return out


def _collection(folder, first):
    book = Book.open(folder / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    book.packages.import_file(first, township=True)
    return book


def test_every_book_has_a_branch_id_carried_in_its_packages(tmp_path) -> None:
    out = _branch_package(tmp_path, "柳溪村小学党支部", [1], "a")
    manifest = json.loads(files_of(out.read_bytes())["manifest.json"])
    assert len(manifest["branch"]["id"]) == 32


def test_a_zero_width_variant_of_a_name_is_not_a_second_branch(tmp_path) -> None:
    a = _branch_package(tmp_path, "柳溪村小学党支部", [1, 2], "a")
    other = _branch_package(tmp_path, "柳溪村小\u200b学党支部", [3], "b")
    town = _collection(tmp_path, a)
    try:
        with pytest.raises(PartyBookError, match="另一个数据文件"):
            town.packages.import_file(other)
        assert len(town.township.branches()) == 1
    finally:
        town.close(auto_backup=False)


def test_the_same_branch_renamed_is_the_same_branch(tmp_path) -> None:
    a = _branch_package(tmp_path, "柳溪村小学党支部", [1, 2], "a")
    town = _collection(tmp_path, a)
    renamed = _branch_package(tmp_path, "柳溪村中心小学党支部", [5], "a2", book_file="a.sqlite")
    try:
        with pytest.raises(PartyBookError, match="替换"):
            town.packages.import_file(renamed)
        town.packages.import_file(renamed, replace=True)
        assert [p.branch for p in town.township.branches()] == ["柳溪村中心小学党支部"]
    finally:
        town.close(auto_backup=False)


def test_a_manifest_name_that_is_not_the_books_own_is_refused(tmp_path) -> None:
    a = _branch_package(tmp_path, "柳溪村小学党支部", [1], "a")
    files = files_of(a.read_bytes())
    manifest = json.loads(files["manifest.json"])
    manifest["branch"]["name"] = "青山镇中心小学党支部"
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    forged = tmp_path / "forged.zip"
    forged.write_bytes(resealed(files))
    b = _branch_package(tmp_path, "青山镇中心小学党支部", [7], "b")
    town = _collection(tmp_path, b)
    try:
        with pytest.raises(PartyBookError, match="被改动"):
            town.packages.import_file(forged)
    finally:
        town.close(auto_backup=False)


def test_a_person_on_two_rosters_is_warned_about_and_counted_once(tmp_path) -> None:
    a = _branch_package(tmp_path, "柳溪村小学党支部", [1, 2, 3], "a")
    b = _branch_package(tmp_path, "青山镇中心小学党支部", [3, 4], "b")  # serial 3 in both
    town = _collection(tmp_path, a)
    try:
        result = town.packages.import_file(b)
        assert "同时在" in result.summary()
        warnings = town.township.warnings()
        assert len(warnings) == 1 and "只计一次" in warnings[0]
        figures = {f.key: f for f in town.township.figures(NOW.year)}
        people = [f for f in figures.values() if f.unit == "名" and f.value >= 4]
        assert people and all(f.value == 4 for f in people), [(f.label, f.value) for f in people]
        refs = town.township.figure_refs(NOW.year, people[0].key)
        assert len(refs) == 4
    finally:
        town.close(auto_backup=False)


def test_a_branch_is_removed_after_a_confirmation_and_a_backup(tmp_path, capsys) -> None:
    a = _branch_package(tmp_path, "柳溪村小学党支部", [1, 2], "a")
    b = _branch_package(tmp_path, "青山镇中心小学党支部", [4], "b")
    town = _collection(tmp_path, a)
    town.packages.import_file(b)
    town.close(auto_backup=False)
    db = str(tmp_path / "town.sqlite")
    assert main(["--db", db, "branches", "--remove", "青山镇中心小学党支部"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", db, "branches", "--remove", "没有这个", "--yes"]) == 2
    capsys.readouterr()
    assert main(["--db", db, "branches", "--remove", "青山镇中心小学党支部", "--yes"]) == 0
    assert "已备份到" in capsys.readouterr().out
    assert list((tmp_path / "backups").glob("*删除支部前*"))
    town = Book.open(tmp_path / "town.sqlite", clock=lambda: NOW, auto_backup=False)
    try:
        assert [p.branch for p in town.township.branches()] == ["柳溪村小学党支部"]
    finally:
        town.close(auto_backup=False)


def test_a_branch_is_held_under_its_normalised_name(tmp_path) -> None:
    a = _branch_package(tmp_path, "柳溪村小学\u200b党支部", [1], "a")
    town = _collection(tmp_path, a)
    try:
        assert [p.branch for p in town.township.branches()] == ["柳溪村小学党支部"]
    finally:
        town.close(auto_backup=False)
