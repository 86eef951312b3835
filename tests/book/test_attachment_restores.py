"""Every restore brings the backup's attachment files in first (onto a PC without a book, over
a damaged book set aside, into an open book), repairs a damaged file from a good copy, and
refuses, changing nothing, when files are nowhere; a backup names the files it could not hold."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.book.attachments import FilesMissing
from partybook.domain.attachments import Owner
from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch, Member, Stage
from partybook.samples.images import scene
from partybook.store import attachments as attachment_store

NOW = datetime(2026, 11, 22, 9, 30)


def _clock() -> datetime:
    return NOW


def _usb_backup(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, str]]:
    """A book with three photos on a meeting, copied to usb/b1.sqlite (+ usb/b1-附件/)."""
    book = Book.open(tmp_path / "pc1" / "党建.sqlite", clock=_clock)
    book.save_branch(Branch(name="恢复党支部"))
    book.members.add(Member(name="周红梅", stage=Stage.FULL, sex="女", joined_on=date(2000, 7, 1)))
    on = date(2026, 5, 20)
    roll = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
    m = book.meetings.save(Meeting(MeetingKind.GENERAL, on, topic="七一", attendees=roll))
    contents, shas = {}, {}
    for k in range(3):
        photo = tmp_path / f"照片{k}.png"
        photo.write_bytes(scene(50 + k, 40, k))
        a = book.attachments.attach(photo, Owner.MEETING, m.id)
        contents[a.name], shas[a.name] = photo.read_bytes(), a.sha256
    book.backup_to(tmp_path / "usb" / "b1.sqlite")
    book.close(auto_backup=False)
    return tmp_path / "usb" / "b1.sqlite", contents, shas


def _held(book: Book) -> dict[str, bytes]:
    return {a.name: book.attachments.read_bytes(a.id) for a in book.attachments.all()}


def test_a_restore_onto_a_pc_without_a_book_brings_every_attachment(tmp_path) -> None:
    source, contents, _ = _usb_backup(tmp_path)
    target = tmp_path / "pc2" / "new.sqlite"
    target.parent.mkdir()
    book, kept = Book.restore_file(target, source, clock=_clock)
    try:
        assert kept is None  # nothing was there: nothing is said to be kept
        assert (tmp_path / "pc2" / "new-附件").is_dir()
        assert _held(book) == contents
        assert book.check().healthy
    finally:
        book.close(auto_backup=False)


def test_a_restore_over_a_damaged_book_sets_it_aside_and_brings_the_files(tmp_path) -> None:
    source, contents, _ = _usb_backup(tmp_path)
    target = tmp_path / "pc2" / "党建.sqlite"
    target.parent.mkdir()
    target.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)  # opens to no book
    book, kept = Book.restore_file(target, source, clock=_clock)
    try:
        assert kept is not None and kept.exists() and kept != target
        assert _held(book) == contents and book.check().healthy
    finally:
        book.close(auto_backup=False)


def test_a_restore_without_the_files_is_refused_before_anything_moves(tmp_path) -> None:
    source, _, _ = _usb_backup(tmp_path)
    shutil.rmtree(tmp_path / "usb" / "b1-附件")
    target = tmp_path / "pc2" / "党建.sqlite"
    target.parent.mkdir()
    target.write_bytes(b"not a book at all" * 100)
    with pytest.raises(FilesMissing, match="(?s)3 个附件.*会议 2026-05-20.*没有恢复") as err:
        Book.restore_file(target, source, clock=_clock)
    assert len(err.value.described) == 3
    assert sorted(p.name for p in target.parent.iterdir()) == ["党建.sqlite"]  # nothing moved
    assert target.read_bytes() == b"not a book at all" * 100
    fresh = tmp_path / "pc3" / "new.sqlite"
    fresh.parent.mkdir()
    with pytest.raises(FilesMissing):
        Book.restore_file(fresh, source, clock=_clock)
    assert list(fresh.parent.iterdir()) == []


def test_allow_missing_restores_the_rest_and_check_names_the_missing(tmp_path) -> None:
    source, contents, shas = _usb_backup(tmp_path)
    gone = attachment_store.blob_path(tmp_path / "usb" / "b1-附件", shas["照片1.png"])
    gone.unlink()
    target = tmp_path / "pc2" / "new.sqlite"
    target.parent.mkdir()
    book, _ = Book.restore_file(target, source, clock=_clock, allow_missing=True)
    try:
        report = book.check()
        assert not report.healthy
        assert any("照片1.png" in p and "不见了" in p for p in report.problems)
        held = {a.name for a in book.attachments.all()}
        assert held == set(contents)
        assert book.attachments.read_bytes(book.attachments.all()[0].id) == contents["照片0.png"]
    finally:
        book.close(auto_backup=False)


def test_a_restore_repairs_a_damaged_file_from_the_backups_good_copy(tmp_path) -> None:
    source, contents, shas = _usb_backup(tmp_path)
    book = Book.open(tmp_path / "pc1" / "党建.sqlite", clock=_clock, auto_backup=False)
    try:
        damaged = attachment_store.blob_path(book.attachments.folder, shas["照片2.png"])
        data = bytearray(damaged.read_bytes())
        data[len(data) // 2] ^= 0xFF  # same size, another content
        damaged.write_bytes(bytes(data))
        assert any("已损坏" in p for p in book.check().problems)
        book.restore_from(source)
        assert _held(book) == contents
        assert book.check().healthy
    finally:
        book.close(auto_backup=False)


def test_a_backup_names_the_files_it_could_not_hold_and_is_made(tmp_path) -> None:
    source, contents, shas = _usb_backup(tmp_path)
    book = Book.open(tmp_path / "pc1" / "党建.sqlite", clock=_clock, auto_backup=False)
    try:
        folder = book.attachments.folder
        attachment_store.blob_path(folder, shas["照片0.png"]).unlink()
        attachment_store.blob_path(folder, shas["照片1.png"]).write_bytes(b"x" * 10)
        copy = book.backup_copy(tmp_path / "usb2" / "b2.sqlite")
        assert copy.path.exists()
        assert len(copy.warnings) == 2
        assert any("照片0.png" in w and "不见了" in w and "会议" in w for w in copy.warnings)
        assert any("照片1.png" in w and "已损坏" in w for w in copy.warnings)
        good = attachment_store.blob_path(tmp_path / "usb2" / "b2-附件", shas["照片2.png"])
        assert good.read_bytes() == contents["照片2.png"]
    finally:
        book.close(auto_backup=False)
    # restoring that copy elsewhere: refused naming the two, or the rest with allow_missing
    target = tmp_path / "pc3" / "new.sqlite"
    target.parent.mkdir()
    with pytest.raises(FilesMissing, match="(?s)照片0.png.*照片1.png.*--allow-missing"):
        Book.restore_file(target, copy.path, clock=_clock)
    other, _ = Book.restore_file(target, copy.path, clock=_clock, allow_missing=True)
    try:
        assert other.attachments.read_bytes(3) == contents["照片2.png"]
        assert len(other.check().problems) == 2
    finally:
        other.close(auto_backup=False)


def test_a_refusal_copies_no_file_in_and_makes_no_backup(tmp_path) -> None:
    source, _, shas = _usb_backup(tmp_path)
    attachment_store.blob_path(tmp_path / "usb" / "b1-附件", shas["照片1.png"]).unlink()
    target = tmp_path / "pc2" / "new.sqlite"
    target.parent.mkdir()
    with pytest.raises(FilesMissing, match="照片1.png"):
        Book.restore_file(target, source, clock=_clock)
    assert list(target.parent.iterdir()) == []  # not even the two files that were there
    book = Book.open(tmp_path / "pc3" / "党建.sqlite", clock=_clock, auto_backup=False)
    try:
        backups = sorted(book.backup_dir.glob("*")) if book.backup_dir.exists() else []
        with pytest.raises(FilesMissing):
            book.restore_from(source)
        after = sorted(book.backup_dir.glob("*")) if book.backup_dir.exists() else []
        assert after == backups
        assert not book.attachments.folder.exists()
    finally:
        book.close(auto_backup=False)
