"""`restore --from` onto a PC without a book brings the backup's attachments and says nothing
untrue; `backup --out` names the records whose files it could not hold; a restore missing
files is refused (exit 2, naming them) unless --allow-missing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from partybook.book import Book
from partybook.cli import main
from partybook.domain.attachments import Owner
from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch, Member, Stage
from partybook.samples.images import scene
from partybook.store import attachments as attachment_store


def _run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _book_with_photos(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "pc1" / "党建.sqlite"
    book = Book.open(path)
    book.save_branch(Branch(name="命令行党支部"))
    book.members.add(Member(name="周红梅", stage=Stage.FULL, sex="女"))
    on = date(2026, 5, 20)
    roll = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
    m = book.meetings.save(Meeting(MeetingKind.GENERAL, on, attendees=roll))
    shas = []
    for k in range(2):
        photo = tmp_path / f"合影{k}.png"
        photo.write_bytes(scene(40 + k, 30, k))
        shas.append(book.attachments.attach(photo, Owner.MEETING, m.id).sha256)
    book.close(auto_backup=False)
    return path, shas


def test_restore_onto_a_new_pc_brings_the_attachments(tmp_path, capsys) -> None:
    path, _ = _book_with_photos(tmp_path)
    code, out, _ = _run(capsys, "--db", path, "backup", "--out", tmp_path / "usb" / "b1.sqlite")
    assert code == 0 and "提醒" not in out
    new = tmp_path / "pc2" / "new.sqlite"
    new.parent.mkdir()
    code, out, err = _run(capsys, "--db", new, "restore", "--from", tmp_path / "usb" / "b1.sqlite")
    assert code == 0, out + err
    assert "恢复前的数据另存在" not in out and "原来没有数据文件" in out
    assert "检查结果：完好" in out
    assert len(list(attachment_store.stored(tmp_path / "pc2" / "new-附件"))) == 2
    assert _run(capsys, "--db", new, "check")[0] == 0


def test_backup_names_the_missing_and_the_restore_says_how_to_proceed(tmp_path, capsys) -> None:
    path, shas = _book_with_photos(tmp_path)
    attachment_store.blob_path(attachment_store.folder_for(path), shas[0]).unlink()
    usb = tmp_path / "usb" / "b1.sqlite"
    code, out, _ = _run(capsys, "--db", path, "backup", "--out", usb)
    assert code == 0 and usb.exists()
    assert "提醒：有 1 个附件的文件没有备份进去" in out
    assert "会议 2026-05-20" in out and "合影0.png" in out
    new = tmp_path / "pc2" / "new.sqlite"
    new.parent.mkdir()
    code, out, err = _run(capsys, "--db", new, "restore", "--from", usb)
    assert code == 2 and "合影0.png" in err and "--allow-missing" in err
    assert not new.exists()
    code, out, err = _run(capsys, "--db", new, "restore", "--from", usb, "--allow-missing")
    assert code == 1 and "合影0.png" in out and "不见了" in out  # restored; check names it
    assert len(list(attachment_store.stored(tmp_path / "pc2" / "new-附件"))) == 1


def test_restore_without_the_folder_copied_is_refused(tmp_path, capsys) -> None:
    path, _ = _book_with_photos(tmp_path)
    usb = tmp_path / "usb" / "b1.sqlite"
    _run(capsys, "--db", path, "backup", "--out", usb)
    shutil.rmtree(tmp_path / "usb" / "b1-附件")
    new = tmp_path / "pc2" / "new.sqlite"
    new.parent.mkdir()
    code, out, err = _run(capsys, "--db", new, "restore", "--from", usb)
    assert code == 2 and "b1-附件" in err and "没有恢复" in err
    assert list(new.parent.iterdir()) == []
