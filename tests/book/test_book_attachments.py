"""Attachments (issue 25): kinds by content, limits, one file per content, the recycle bin,
`check`, and bad input leaving nothing half-written."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.book.changes import Change
from partybook.domain.attachments import FileKind, Owner, sniff
from partybook.domain.errors import NotFound, PartyBookError
from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.pipeline import Event, Kind
from partybook.samples.images import scene
from partybook.store import attachments as attachment_store
from tests.conftest import copy_book

NOW = datetime(2026, 11, 22, 9, 30)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def book(tmp_path, clock, empty_master):
    path = copy_book(empty_master, tmp_path / "book", "党建.sqlite")  # a new book
    b = Book.open(path, clock=clock, auto_backup=False)
    b.save_branch(Branch(name="测试党支部"))
    b.members.add(Member(name="周红梅", stage=Stage.FULL, sex="女"))
    yield b
    b.close(auto_backup=False)


def _meeting(book: Book) -> int:
    on = NOW.date() - timedelta(days=3)
    roll = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
    saved = book.meetings.save(Meeting(MeetingKind.GENERAL, on, topic="学习", attendees=roll))
    return saved.id


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _photo(folder: Path, name: str = "合影.png", seed: int = 1) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(scene(80, 60, seed))
    return path


def _jpeg(folder: Path, name: str, size: int = 5000) -> Path:
    path = folder / name
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(size))
    return path


def test_sniff_goes_by_content() -> None:
    assert sniff(b"\xff\xd8\xff\xe1....") is FileKind.JPG
    assert sniff(b"\x89PNG\r\n\x1a\n....") is FileKind.PNG
    assert sniff(b"%PDF-1.7\n") is FileKind.PDF
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00") is FileKind.HEIC
    assert sniff(b"hello, I am text") is None


def test_attach_to_each_kind_of_record_and_read_back(book, tmp_path) -> None:
    heard: list[Change] = []
    book.subscribe(heard.append)
    meeting = _meeting(book)
    member = book.members.all()[0].id
    photo = _photo(tmp_path / "in")
    a = book.attachments.attach(photo, Owner.MEETING, meeting, caption=" 会后合影 ")
    assert (a.name, a.kind, a.size, a.caption) == (
        "合影.png",
        FileKind.PNG,
        photo.stat().st_size,
        "会后合影",
    )
    assert a.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert heard[-1] == Change.ATTACHMENTS
    scan = tmp_path / "in" / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    b = book.attachments.attach(scan, Owner.MEMBER, member)
    assert b.kind is FileKind.PDF
    assert [x.id for x in book.attachments.of(Owner.MEETING, meeting)] == [a.id]
    assert [x.id for x in book.attachments.of(Owner.MEMBER, member)] == [b.id]
    assert book.attachments.read_bytes(a.id) == photo.read_bytes()
    assert "会议" in book.attachments.whose(a) and "支部党员大会" in book.attachments.whose(a)
    out = book.attachments.save_copy(a.id, tmp_path / "out" / "copy.png", make_folder=True)
    assert out.read_bytes() == photo.read_bytes()
    view = book.attachments.viewable_copy(b.id)
    assert view.suffix == ".pdf" and view.read_bytes() == scan.read_bytes()


def test_a_step_is_found_by_member_and_number(book, tmp_path) -> None:
    m = book.members.add(Member(name="唐颖", stage=Stage.APPLICANT, sex="女"))
    with pytest.raises(NotFound, match="第 1 步"):
        book.attachments.step_owner(m.id, 1)
    book.pipeline.record_event(Event(m.id, Kind.STEP, NOW.date() - timedelta(days=5), step=1))
    event = book.attachments.step_owner(m.id, 1)
    a = book.attachments.attach(_photo(tmp_path), Owner.STEP, event)
    assert "唐颖 的发展记录 第 1 步" in book.attachments.whose(a)


def test_the_same_file_twice_is_stored_once(book, tmp_path) -> None:
    meeting = _meeting(book)
    photo = _photo(tmp_path / "in")
    copy = tmp_path / "in" / "另一个名字.png"
    shutil.copy(photo, copy)
    book.attachments.attach(photo, Owner.MEETING, meeting)
    book.attachments.attach(copy, Owner.MEMBER, book.members.all()[0].id)
    assert len(book.attachments.all()) == 2
    assert len(_files(book.attachments.folder)) == 1


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_text("会议记录：今天开会。" * 20), "内容是文本文件"),
        (lambda p: p.write_bytes(b""), "空文件（0 字节）"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), "Word/Excel"),
        (lambda p: p.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100), "HEIC"),
    ],
    ids=["text-renamed-jpg", "empty", "zip", "heic"],
)
def test_bad_files_are_refused_with_the_reason_and_nothing_written(
    book, tmp_path, make, words
) -> None:
    meeting = _meeting(book)
    path = tmp_path / "照片.jpg"
    make(path)
    before = book.generation()
    with pytest.raises(PartyBookError, match=words) as info:
        book.attachments.attach(path, Owner.MEETING, meeting)
    assert "照片.jpg" in str(info.value) and "没有添加" in str(info.value)
    assert book.attachments.all() == []
    assert _files(book.attachments.folder) == []
    assert book.generation() == before


def test_a_300_mb_file_is_refused_before_it_is_read(book, tmp_path) -> None:
    meeting = _meeting(book)
    big = tmp_path / "大 照片.jpg"
    with open(big, "wb") as f:  # sparse: 300 MB on paper, nothing on the disk
        f.write(b"\xff\xd8\xff\xe0")
        f.truncate(300 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(PartyBookError, match=r"300\.0 MB，超过单个附件 50\.0 MB 的上限"):
        book.attachments.attach(big, Owner.MEETING, meeting)
    assert time.perf_counter() - started < 1
    assert book.attachments.all() == [] and _files(book.attachments.folder) == []


def test_a_file_growing_past_the_limit_while_read_leaves_nothing(book, tmp_path) -> None:
    meeting = _meeting(book)
    book.attachments.max_bytes = 10_000
    path = _jpeg(tmp_path, "growing.jpg", 5_000)
    real = attachment_store.put_stream

    def grow_then_put(folder, stream, limit, **kw):
        with open(path, "ab") as f:
            f.write(b"\x00" * 20_000)
        return real(folder, stream, limit, **kw)

    attachment_store.put_stream = grow_then_put
    try:
        with pytest.raises(PartyBookError, match="超过单个附件"):
            book.attachments.attach(path, Owner.MEETING, meeting)
    finally:
        attachment_store.put_stream = real
    assert book.attachments.all() == [] and _files(book.attachments.folder) == []


def test_a_chinese_path_with_spaces_is_kept_with_its_name(book, tmp_path) -> None:
    meeting = _meeting(book)
    path = _photo(tmp_path / "我的 文档" / "2026 年 主题党日", "七一 合影 （一）.png")
    a = book.attachments.attach(path, Owner.MEETING, meeting)
    assert a.name == "七一 合影 （一）.png"
    assert book.attachments.read_bytes(a.id) == path.read_bytes()


def test_a_missing_file_and_a_folder_are_refused(book, tmp_path) -> None:
    meeting = _meeting(book)
    with pytest.raises(PartyBookError, match="找不到文件.*没有添加附件"):
        book.attachments.attach(tmp_path / "没有 这个.jpg", Owner.MEETING, meeting)
    with pytest.raises(PartyBookError, match="是文件夹"):
        book.attachments.attach(tmp_path, Owner.MEETING, meeting)
    with pytest.raises(NotFound, match="会议（编号 999）"):
        book.attachments.attach(_photo(tmp_path), Owner.MEETING, 999)


def test_a_file_vanishing_while_read_leaves_nothing_half_written(
    book, tmp_path, monkeypatch
) -> None:
    meeting = _meeting(book)
    path = _jpeg(tmp_path, "U盘 照片.jpg", 3 * attachment_store.CHUNK)
    real_open = open

    class Vanishing:
        """The USB stick pulled out after the first megabyte."""

        def __init__(self, f) -> None:
            self.f, self.reads = f, 0

        def read(self, n=-1):
            self.reads += 1
            if self.reads > 2:
                raise OSError(errno.EIO, "Input/output error")
            return self.f.read(n)

        def fileno(self):
            return self.f.fileno()

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    def fake_open(file, mode="r", *args, **kwargs):
        f = real_open(file, mode, *args, **kwargs)
        return Vanishing(f) if Path(file) == path and "r" in mode else f

    monkeypatch.setattr("builtins.open", fake_open)
    with pytest.raises(PartyBookError, match="读取或保存“U盘 照片.jpg”时出错.*没有添加附件"):
        book.attachments.attach(path, Owner.MEETING, meeting)
    monkeypatch.undo()
    assert book.attachments.all() == []
    assert _files(book.attachments.folder) == []  # not even the temporary


def test_remove_goes_to_the_recycle_bin_for_30_days_then_is_purged(book, tmp_path, clock) -> None:
    meeting = _meeting(book)
    a = book.attachments.attach(_photo(tmp_path), Owner.MEETING, meeting)
    book.attachments.remove(a.id)
    assert book.attachments.of(Owner.MEETING, meeting) == []
    assert [x.id for x in book.attachments.recycle_bin()] == [a.id]
    book.attachments.restore(a.id)
    assert [x.id for x in book.attachments.of(Owner.MEETING, meeting)] == [a.id]
    book.attachments.remove(a.id)
    clock.now = NOW + timedelta(days=29)
    assert book.attachments.tidy() == 0
    assert book.attachments.recycle_bin()
    clock.now = NOW + timedelta(days=30, minutes=1)
    blob = attachment_store.blob_path(book.attachments.folder, a.sha256)
    os.utime(blob, (time.time() - 7200, time.time() - 7200))
    assert book.attachments.tidy() == 1
    assert book.attachments.recycle_bin() == []
    assert not blob.exists()  # no backup names it: the file is gone too


def test_a_purged_file_a_backup_still_names_is_kept(book, tmp_path, clock) -> None:
    meeting = _meeting(book)
    a = book.attachments.attach(_photo(tmp_path), Owner.MEETING, meeting)
    book._core.backup("")  # a dated backup in backups/ names the photo
    book.attachments.remove(a.id)
    clock.now = NOW + timedelta(days=31)
    blob = attachment_store.blob_path(book.attachments.folder, a.sha256)
    os.utime(blob, (time.time() - 7200, time.time() - 7200))
    assert book.attachments.tidy() == 1
    assert blob.exists()


def test_a_deleted_record_sends_its_attachments_to_the_bin(book, tmp_path) -> None:
    m = book.members.add(Member(name="唐颖", stage=Stage.APPLICANT, sex="女"))
    event = book.pipeline.record_event(
        Event(m.id, Kind.STEP, NOW.date() - timedelta(days=5), step=1)
    )
    event_id = book.attachments.step_owner(m.id, 1)
    a = book.attachments.attach(_photo(tmp_path), Owner.STEP, event_id)
    book.pipeline.delete_event(event_id, m.id)
    del event
    book.attachments.tidy()
    assert [x.id for x in book.attachments.recycle_bin()] == [a.id]
    with pytest.raises(PartyBookError, match="所属的记录已删除"):
        book.attachments.restore(a.id)


def test_check_names_the_record_of_a_missing_or_damaged_attachment(book, tmp_path) -> None:
    meeting = _meeting(book)
    a = book.attachments.attach(_photo(tmp_path, "合影.png", 1), Owner.MEETING, meeting)
    b = book.attachments.attach(_photo(tmp_path, "签到表.png", 2), Owner.MEETING, meeting)
    assert book.check().healthy
    folder = book.attachments.folder
    attachment_store.blob_path(folder, a.sha256).unlink()
    damaged = attachment_store.blob_path(folder, b.sha256)
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0xFF  # the same size, one byte changed
    damaged.write_bytes(bytes(data))
    problems = book.check().problems
    day = (NOW.date() - timedelta(days=3)).isoformat()
    assert any(f"会议 {day} 支部党员大会" in p and "“合影.png”的文件不见了" in p for p in problems)
    assert any("“签到表.png”的文件已损坏" in p for p in problems)


def test_the_version_7_fixture_opens_with_its_photo(tmp_path) -> None:
    shutil.copy(FIXTURES / "book-v7.sqlite", tmp_path / "book-v7.sqlite")
    shutil.copytree(FIXTURES / "book-v7-附件", tmp_path / "book-v7-附件")
    book = Book.open(tmp_path / "book-v7.sqlite", auto_backup=False)
    try:
        (a,) = book.attachments.all()
        assert (a.name, a.caption) == ("主题党日 合影.png", "会后合影")
        assert book.attachments.read_bytes(a.id) == scene(64, 48, 1)
        assert book.check().healthy
    finally:
        book.close(auto_backup=False)
