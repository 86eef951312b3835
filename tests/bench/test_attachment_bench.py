"""Benchmark (run on purpose): a year's photos (issue 25). 300 photos of 3 MB attached to a
branch's meetings, then a daily backup, a week of daily backups, a copy to a USB stick (备份到…),
a data package written and imported — each against copying the same files the plainest way.

    PYTHONPATH=. python3 -m pytest tests/bench/test_attachment_bench.py -q -s
    PARTYBOOK_BENCH_PHOTOS=30 …   # fewer photos for a routine run (PARTYBOOK_BENCH_PHOTO_MB: size)

Photos are random bytes behind a JPEG header: incompressible, as real JPEGs are.
"""

from __future__ import annotations

import os
import random
import shutil
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

from _measure import report

from partybook.book import Book
from partybook.domain.attachments import Owner
from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch, Member, Stage
from partybook.store import attachments as attachment_store

PHOTOS = int(os.environ.get("PARTYBOOK_BENCH_PHOTOS") or 300)
PHOTO_MB = float(os.environ.get("PARTYBOOK_BENCH_PHOTO_MB") or 3)
NOW = datetime(2026, 11, 22, 9, 30)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _photos(folder: Path) -> list[Path]:
    folder.mkdir()
    rnd = random.Random(25)
    size = int(PHOTO_MB * 1024 * 1024)
    paths = []
    for n in range(PHOTOS):
        path = folder / f"IMG_{n:04d}.jpg"
        path.write_bytes(b"\xff\xd8\xff\xe0" + rnd.randbytes(size - 4))
        paths.append(path)
    return paths


def _copy_synced(paths: list[Path], folder: Path) -> None:
    """The baseline of an attach: each file copied and fsync'd (what keeps it after a crash)."""
    folder.mkdir()
    for p in paths:
        with open(p, "rb") as src, open(folder / p.name, "wb") as out:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_a_years_photos_attached_backed_up_and_packaged(tmp_path) -> None:
    photos = _photos(tmp_path / "phone")
    total = sum(p.stat().st_size for p in photos)
    day = [NOW]
    book = Book.open(tmp_path / "pc" / "党建.sqlite", clock=lambda: day[0])
    book.save_branch(Branch(name="附件测试党支部"))
    for n in range(20):
        book.members.add(Member(name=f"党员{chr(0x4E00 + n)}", stage=Stage.FULL, sex="女"))
    meetings = []
    for n in range(30):
        on = date(2026, 1, 5) + timedelta(days=10 * n)
        roll = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
        meetings.append(book.meetings.save(Meeting(MeetingKind.GENERAL, on, attendees=roll)).id)
    print(f"\n{PHOTOS} photos of {PHOTO_MB:g} MB ({_mb(total)})")

    copied = _timed(lambda: _copy_synced(photos, tmp_path / "copied"))
    attached = _timed(
        lambda: [
            book.attachments.attach(p, Owner.MEETING, meetings[i % len(meetings)])
            for i, p in enumerate(photos)
        ]
    )
    # ours also hashes every byte (sha256) and writes a row in a transaction per photo
    report(f"attach {PHOTOS} photos (vs copy + fsync)", attached, copied, 2.5)
    folder = book.attachments.folder
    assert _size(folder) == total

    book_file = tmp_path / "pc" / "党建.sqlite"
    backups = book.backup_dir
    one = _timed(lambda: book._core.backup(""))
    print(f"daily backup: {one:.3f} s, {_mb(_size(backups))} (the book file; photos shared)")
    for n in range(1, 7):  # a week of days, each opened once: its daily backup
        book.close(auto_backup=False)
        day[0] = NOW + timedelta(days=n)
        book = Book.open(book_file, clock=lambda: day[0])
    on_disk = _size(folder) + _size(backups) + _size(book_file)
    print(
        f"after 7 daily backups: photos {_mb(_size(folder))}, backups {_mb(_size(backups))}, "
        f"all {_mb(on_disk)} = {on_disk / total:.3f}× the photos (BLOBs in SQLite: 8×)"
    )
    # each backup is the book file alone: no photo's bytes in it
    assert max(_size(b) for b in backups.glob("*.sqlite")) < 2 * _size(book_file)

    usb = tmp_path / "usb"
    plain_copy = _timed(lambda: shutil.copytree(folder, tmp_path / "usb-plain"))
    to_usb = _timed(lambda: book.backup_to(usb / "党建.sqlite"))
    # ours checks each file against its hash and fsyncs it; copytree does neither
    report("备份到… a USB folder (vs copytree)", to_usb, plain_copy, 2.5)
    assert _size(usb) >= total

    def plain_zip() -> None:
        with zipfile.ZipFile(tmp_path / "plain.zip", "w", zipfile.ZIP_STORED) as zf:
            for p in photos:
                zf.write(p, p.name)

    zipped = _timed(plain_zip)
    package = tmp_path / "数据包.zip"
    exported = _timed(lambda: book.packages.export(package))
    report("data package written (vs a stored zip)", exported, zipped, 1.5)
    print(f"package {_mb(_size(package))} vs plain zip {_mb(_size(tmp_path / 'plain.zip'))}")
    book.close(auto_backup=False)

    other = Book.open(tmp_path / "pc2" / "新.sqlite", clock=lambda: NOW)
    try:
        unzipped = _timed(
            lambda: zipfile.ZipFile(tmp_path / "plain.zip").extractall(tmp_path / "unzipped")
        )
        imported = _timed(lambda: other.packages.import_file(package))
        # ours: CRC and sha256 of each file, fsync, the rows, then `check` hashes them again
        report("data package imported (vs extractall)", imported, unzipped, 4)
        held = {a.sha256 for a in other.attachments.all()}
        assert len(held) == PHOTOS
        assert {sha for sha, _ in attachment_store.stored(other.attachments.folder)} == held
    finally:
        other.close(auto_backup=False)
