"""partybook attach / attachments / attachment: adding, listing, saving; refusals exit 2."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from partybook.book import Book
from partybook.cli import main
from partybook.domain.meetings import Meeting, MeetingKind
from partybook.domain.members import Branch, Member, Stage
from partybook.domain.pipeline import Event, Kind
from partybook.samples.images import scene
from tests.conftest import copy_book


@pytest.fixture
def book_path(tmp_path, empty_master) -> Path:
    path = copy_book(empty_master, tmp_path / "台账 文件", "党建.sqlite")  # a new book
    book = Book.open(path, auto_backup=False)
    book.save_branch(Branch(name="命令行党支部"))
    m = book.members.add(Member(name="周红梅", stage=Stage.FULL, sex="女"))
    a = book.members.add(Member(name="唐颖", stage=Stage.APPLICANT, sex="女"))
    book.pipeline.record_event(Event(a.id, Kind.STEP, date(2026, 3, 1), step=1))
    on = date(2026, 5, 20)
    roll = book.meetings.default_attendees(MeetingKind.GENERAL, on=on)
    book.meetings.save(Meeting(MeetingKind.GENERAL, on, attendees=roll))
    assert m.id == 1 and a.id == 2
    book.close(auto_backup=False)
    return path


def _run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_attach_list_and_save(book_path, tmp_path, capsys) -> None:
    photo = tmp_path / "我的 照片" / "七一 合影.png"
    photo.parent.mkdir()
    photo.write_bytes(scene(40, 30, 3))
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4\nscan")
    db = ("--db", book_path)
    code, out, _ = _run(capsys, *db, "attach", photo, "--meeting", 1, "--caption", "合影")
    assert code == 0 and "已添加附件 1：“七一 合影.png”" in out and "2026-05-20 支部党员大会" in out
    assert _run(capsys, *db, "attach", scan, "--step", "2:1")[0] == 0
    assert _run(capsys, *db, "attach", scan, "--member", 1)[0] == 0
    code, out, _ = _run(capsys, *db, "attachments", "--json")
    rows = json.loads(out)
    assert [(r["owner"], r["name"], r["size"]) for r in rows] == [
        ("meeting", "七一 合影.png", photo.stat().st_size),
        ("event", "申请书.pdf", scan.stat().st_size),
        ("member", "申请书.pdf", scan.stat().st_size),
    ]
    assert rows[1]["record"] == "发展步骤 唐颖 的发展记录 第 1 步（2026-03-01）"
    assert rows[1]["sha256"] == rows[2]["sha256"]
    code, out, _ = _run(capsys, *db, "attachments")
    assert "“七一 合影.png”" in out and rows[0]["sha256"] in out
    code, out, _ = _run(capsys, *db, "attachment", "--id", 1, "--out", tmp_path / "出 来.png")
    assert code == 0 and (tmp_path / "出 来.png").read_bytes() == photo.read_bytes()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("attach", "{text}", "--meeting", 1), "内容是文本文件"),
        (("attach", "{empty}", "--meeting", 1), "空文件"),
        (("attach", "{gone}", "--meeting", 1), "找不到文件"),
        (("attach", "{text}", "--meeting", 99), "找不到要添加附件的会议"),
        (("attach", "{text}", "--step", "1:3"), "还没有记录第 3 步"),
        (("attach", "{text}", "--step", "一"), "人员编号:步骤"),
        (("attach", "{text}"), "--meeting"),
        (("attachment", "--id", 5, "--out", "{out}"), "没有编号为 5 的附件"),
    ],
)
def test_refusals_exit_2_in_chinese(book_path, tmp_path, capsys, args, words) -> None:
    (tmp_path / "说明.jpg").write_text("不是照片")
    (tmp_path / "空.png").write_bytes(b"")
    names = {
        "{text}": tmp_path / "说明.jpg",
        "{empty}": tmp_path / "空.png",
        "{gone}": tmp_path / "不存在.png",
        "{out}": tmp_path / "o.png",
    }
    argv = [names.get(a, a) if isinstance(a, str) else a for a in args]
    capsys.readouterr()
    try:
        code = main([str(a) for a in ["--db", book_path, *argv]])
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    assert code == 2 and words in capsys.readouterr().err
    book = Book.open(book_path, auto_backup=False)
    try:
        assert book.attachments.all() == []
    finally:
        book.close(auto_backup=False)


def test_the_shrink_setting(book_path, capsys) -> None:
    code, out, _ = _run(capsys, "--db", book_path, "attachments", "--max-side", 1600)
    assert code == 0 and "1600 像素" in out
    code, _, err = _run(capsys, "--db", book_path, "attachments", "--max-side", 50)
    assert code == 2 and "800 到 8000" in err
    code, out, _ = _run(capsys, "--db", book_path, "attachments", "--max-side", 0)
    assert code == 0 and "保留原图" in out


def test_attach_says_the_command_line_keeps_the_original_size(book_path, tmp_path, capsys):
    photo = tmp_path / "大照片.png"
    photo.write_bytes(scene(40, 30, 4))
    db = ("--db", book_path)
    code, out, _ = _run(capsys, *db, "attach", photo, "--meeting", 1)
    assert code == 0 and "原图" not in out  # nothing to say while the setting keeps originals
    code, out, _ = _run(capsys, *db, "attachments", "--max-side", 1600)
    assert "命令行 attach 按原图大小保存" in out
    code, out, _ = _run(capsys, *db, "attach", photo, "--meeting", 1)
    assert code == 0 and "命令行按原图大小保存，没有缩小" in out and "1600 像素" in out
    with pytest.raises(SystemExit):
        main(["attach", "--help"])
    assert "命令行按原图大小保存" in capsys.readouterr().out


def test_remove_to_the_bin_and_restore(book_path, tmp_path, capsys) -> None:
    photo = tmp_path / "合影.png"
    photo.write_bytes(scene(40, 30, 3))
    db = ("--db", book_path)
    assert _run(capsys, *db, "attach", photo, "--meeting", 1)[0] == 0
    code, out, _ = _run(capsys, *db, "attachment", "--id", 1, "--remove")
    assert code == 0 and "移到回收站" in out
    assert json.loads(_run(capsys, *db, "attachments", "--json")[1]) == []
    assert [
        r["id"] for r in json.loads(_run(capsys, *db, "attachments", "--bin", "--json")[1])
    ] == [1]
    assert "回收站中另有 1 个附件" in _run(capsys, *db, "attachments")[1]
    assert _run(capsys, *db, "attachment", "--id", 1, "--restore")[0] == 0
    assert [r["id"] for r in json.loads(_run(capsys, *db, "attachments", "--json")[1])] == [1]
    assert "回收站是空的" in _run(capsys, *db, "attachments", "--bin")[1]


def test_saving_an_attachment_refuses_an_existing_file_and_a_missing_folder(
    book_path, tmp_path, capsys
) -> None:
    photo = tmp_path / "合影.png"
    photo.write_bytes(scene(40, 30, 5))
    db = ("--db", book_path)
    assert _run(capsys, *db, "attach", photo, "--meeting", 1)[0] == 0
    kept = tmp_path / "已有.png"
    kept.write_bytes(b"the secretary's own file")
    code, _, err = _run(capsys, *db, "attachment", "--id", 1, "--out", kept)
    assert code == 2 and "已经存在" in err and "--force" in err
    assert kept.read_bytes() == b"the secretary's own file"
    code, _, _ = _run(capsys, *db, "attachment", "--id", 1, "--out", kept, "--force")
    assert code == 0 and kept.read_bytes() == photo.read_bytes()
    nowhere = tmp_path / "没有的文件夹" / "a.png"
    code, _, err = _run(capsys, *db, "attachment", "--id", 1, "--out", nowhere)
    assert code == 2 and "不存在" in err and "没有的文件夹" in err
    assert not nowhere.parent.exists()
    code, _, err = _run(capsys, *db, "attachment", "--id", 1, "--out", tmp_path)
    assert code == 2 and "是文件夹" in err
