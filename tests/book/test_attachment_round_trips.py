"""Attachments travel: backup → restore (also on another PC) and a data package (a whole book,
a year, an older package) give every attachment back byte for byte; daily backups share one
copy of each file."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.domain.attachments import Owner
from partybook.domain.errors import PartyBookError
from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.study import Session
from partybook.samples.images import scene
from partybook.store import attachments as attachment_store
from partybook.store import package as package_store

NOW = datetime(2026, 11, 22, 9, 30)


def _book(path: Path, clock=lambda: NOW) -> Book:
    return Book.open(path, clock=clock)


def _filled(path: Path, tmp: Path) -> tuple[Book, dict[str, bytes]]:
    """A book with photos on two meetings (one of last year), a scan on a member and a study."""
    book = _book(path)
    book.save_branch(Branch(name="往返党支部", committee="中共青山镇委员会"))
    member = book.members.add(
        Member(name="周红梅", stage=Stage.FULL, sex="女", joined_on=date(2000, 7, 1))
    )
    contents: dict[str, bytes] = {}
    for n, on in enumerate([date(2026, 5, 20), date(2025, 6, 1)], start=1):
        roll = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
        m = book.meetings.save(Meeting(MeetingKind.GENERAL, on, topic=f"会{n}", attendees=roll))
        for k in range(2):
            photo = tmp / f"会{n} 照片{k}.png"
            photo.write_bytes(scene(60 + k, 40, n * 10 + k))
            a = book.attachments.attach(photo, Owner.MEETING, m.id, caption=f"第{k}张")
            contents[a.name] = photo.read_bytes()
    scan = tmp / "入党申请书.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    book.attachments.attach(scan, Owner.MEMBER, member.id)
    contents[scan.name] = scan.read_bytes()
    session = book.study.save(
        Session(date(2026, 3, 1), "党章", "集中学习", 2.0, participants=(member.id,))
    )
    photo = tmp / "学习.png"
    photo.write_bytes(scene(30, 30, 99))
    book.attachments.attach(photo, Owner.STUDY, session.id)
    contents[photo.name] = photo.read_bytes()
    return book, contents


def _held(book: Book) -> dict[str, bytes]:
    return {a.name: book.attachments.read_bytes(a.id) for a in book.attachments.all()}


def test_backup_to_a_usb_stick_and_restore_on_another_pc(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    book, contents = _filled(tmp_path / "pc1" / "党建.sqlite", tmp_path / "in")
    book.backup_to(tmp_path / "usb" / "党建 备份.sqlite")
    book.close(auto_backup=False)
    assert (tmp_path / "usb" / "党建 备份-附件").is_dir()
    shutil.copytree(tmp_path / "usb", tmp_path / "pc2-download")
    other = _book(tmp_path / "pc2" / "新.sqlite")
    try:
        other.restore_from(tmp_path / "pc2-download" / "党建 备份.sqlite")
        assert _held(other) == contents
        assert other.check().healthy
    finally:
        other.close(auto_backup=False)


def test_a_restore_without_the_attachment_folder_is_refused_untouched(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    book, _ = _filled(tmp_path / "pc1" / "党建.sqlite", tmp_path / "in")
    book.backup_to(tmp_path / "usb" / "副本.sqlite")
    book.close(auto_backup=False)
    shutil.rmtree(tmp_path / "usb" / "副本-附件")
    other = _book(tmp_path / "pc2" / "新.sqlite")
    try:
        other.members.add(Member(name="留着", stage=Stage.FULL, sex="男"))
        with pytest.raises(PartyBookError, match="(?s)个附件的文件找不到.*没有恢复"):
            other.restore_from(tmp_path / "usb" / "副本.sqlite")
        assert [m.name for m in other.members.all()] == ["留着"]
    finally:
        other.close(auto_backup=False)


def test_daily_backups_share_one_copy_of_each_photo_and_restore_it(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    day = [NOW]
    book, contents = _filled(tmp_path / "pc" / "党建.sqlite", tmp_path / "in")
    book.close(auto_backup=False)
    for n in range(1, 6):  # five days of opening the book, each with its daily backup
        day[0] = NOW + timedelta(days=n)
        b = _book(tmp_path / "pc" / "党建.sqlite", clock=lambda: day[0])
        b.close(auto_backup=False)
    backups = sorted((tmp_path / "pc" / "backups").glob("*.sqlite"))
    assert len(backups) == 5
    folder = tmp_path / "pc" / "党建-附件"
    assert len(list(attachment_store.stored(folder))) == len(contents)
    stored = sum(p.stat().st_size for _, p in attachment_store.stored(folder))
    assert stored == sum(len(v) for v in contents.values())  # once, not six times
    b = _book(tmp_path / "pc" / "党建.sqlite", clock=lambda: day[0])
    try:
        for a in b.attachments.all():
            b.attachments.remove(a.id)
        b.restore_from(backups[-1])
        assert _held(b) == contents
    finally:
        b.close(auto_backup=False)


def test_a_data_package_carries_every_attachment_byte_identical(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    book, contents = _filled(tmp_path / "pc1" / "党建.sqlite", tmp_path / "in")
    target = tmp_path / "数据包.zip"
    manifest = book.packages.export(target)
    book.close(auto_backup=False)
    assert manifest["format_version"] == 2
    assert manifest["attachments"]["count"] == len(contents)
    with zipfile.ZipFile(target) as zf:
        entries = [i for i in zf.infolist() if i.filename.startswith("attachments/")]
        assert {i.compress_type for i in entries} == {zipfile.ZIP_STORED}
        for i in entries:
            assert hashlib.sha256(zf.read(i)).hexdigest() == i.filename.split("/")[1]
    other = _book(tmp_path / "pc2" / "新.sqlite")
    try:
        other.packages.import_file(target)
        assert _held(other) == contents
        assert other.check().healthy
        again = tmp_path / "again.zip"
        other.packages.export(again)
        with zipfile.ZipFile(again) as a, zipfile.ZipFile(tmp_path / "数据包.zip") as b:
            assert {i.filename: i.CRC for i in a.infolist()} == {
                i.filename: i.CRC for i in b.infolist() if i.filename != "manifest.json"
            } | {"manifest.json": a.getinfo("manifest.json").CRC}
    finally:
        other.close(auto_backup=False)


def test_a_years_package_keeps_only_that_years_attachments(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    book, contents = _filled(tmp_path / "pc1" / "党建.sqlite", tmp_path / "in")
    target = tmp_path / "2025.zip"
    manifest = book.packages.export(target, year=2025)
    book.close(auto_backup=False)
    # the 2025 meeting's two photos and the member's scan (the roster is whole in a year)
    assert manifest["attachments"]["count"] == 3
    other = _book(tmp_path / "pc2" / "新.sqlite")
    try:
        other.packages.import_file(target)
        assert set(_held(other)) == {"会2 照片0.png", "会2 照片1.png", "入党申请书.pdf"}
        assert other.check().healthy
    finally:
        other.close(auto_backup=False)


def test_a_format_1_package_still_imports(tmp_path) -> None:
    book = _book(tmp_path / "pc1" / "党建.sqlite")
    book.save_branch(Branch(name="旧包党支部"))
    book.members.add(Member(name="周红梅", stage=Stage.FULL, sex="女"))
    target = tmp_path / "old.zip"
    book.packages.export(target)
    book.close(auto_backup=False)
    # as PartyBook before attachments wrote it: format 1, schema 6, no attachment table
    old = tmp_path / "format1.zip"
    with zipfile.ZipFile(target) as zf, zipfile.ZipFile(old, "w") as out:
        manifest = json.loads(zf.read("manifest.json"))
        manifest.update(format_version=1, schema_version=6)
        del manifest["tables"]["attachment"]
        out.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name in zf.namelist():
            if name.startswith("tables/") and name != "tables/attachment.json":
                out.writestr(name, zf.read(name))
    other = _book(tmp_path / "pc2" / "新.sqlite")
    try:
        other.packages.import_file(old)
        assert [m.name for m in other.members.all()] == ["周红梅"]
        assert other.attachments.all() == []
    finally:
        other.close(auto_backup=False)


def _rewrite(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as zf, zipfile.ZipFile(target, "w") as out:
        manifest = json.loads(zf.read("manifest.json"))
        files = {n: zf.read(n) for n in zf.namelist() if n != "manifest.json"}
        change(manifest, files)
        out.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name, data in files.items():
            out.writestr(name, data)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda m, f: f.pop(next(n for n in f if n.startswith("attachments/"))), "缺少附件文件"),
        (lambda m, f: f.update({"attachments/" + "0" * 64: b"x"}), "清单之外的附件"),
        (
            lambda m, f: f.update(
                {(n := next(k for k in f if k.startswith("attachments/"))): b"\x00" * len(f[n])}
            ),
            "附件已损坏",
        ),
    ],
    ids=["missing", "unlisted", "damaged"],
)
def test_a_package_with_bad_attachments_is_refused_with_nothing_written(
    tmp_path, change, words
) -> None:
    (tmp_path / "in").mkdir()
    book, _ = _filled(tmp_path / "pc1" / "党建.sqlite", tmp_path / "in")
    book.packages.export(tmp_path / "good.zip")
    book.close(auto_backup=False)
    _rewrite(tmp_path / "good.zip", tmp_path / "bad.zip", change)
    other = _book(tmp_path / "pc2" / "新.sqlite")
    try:
        with pytest.raises(PartyBookError, match=words):
            other.packages.import_file(tmp_path / "bad.zip")
        assert other.attachments.all() == [] and other.members.all() == []
    finally:
        other.close(auto_backup=False)


def test_a_package_over_its_attachment_limit_is_refused_before_reading(
    tmp_path, monkeypatch
) -> None:
    (tmp_path / "in").mkdir()
    book, contents = _filled(tmp_path / "pc1" / "党建.sqlite", tmp_path / "in")
    book.packages.export(tmp_path / "p.zip")
    book.close(auto_backup=False)
    monkeypatch.setattr(
        "partybook.store.package_files.MAX_PACKAGE_ATTACHMENT_BYTES",
        sum(len(v) for v in contents.values()) - 1,
    )
    with pytest.raises(PartyBookError, match="超过数据包附件.*的上限"):
        package_store.read_package(tmp_path / "p.zip")


def test_a_township_collection_keeps_each_branchs_attachments(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    book, contents = _filled(tmp_path / "pc1" / "党建.sqlite", tmp_path / "in")
    book.packages.export(tmp_path / "branch.zip")
    book.close(auto_backup=False)
    town = _book(tmp_path / "town" / "汇总.sqlite")
    try:
        town.packages.import_file(tmp_path / "branch.zip", township=True)
        (held,) = town.township.branches()
        assert held.branch == "往返党支部"
        from partybook.store import township as township_store

        kept = township_store.package_bytes("往返党支部")
        with zipfile.ZipFile(io.BytesIO(kept)) as zf:
            inside = {zf.read(n) for n in zf.namelist() if n.startswith("attachments/")}
        assert inside == set(contents.values())
    finally:
        town.close(auto_backup=False)
