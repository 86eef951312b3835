"""会议记录 printed with the meeting's photos on the pages after it (a choice when printing)."""

from __future__ import annotations

import re

from partybook.cli import main
from partybook.domain.attachments import Owner
from partybook.ui import attachments as strip_module
from partybook.ui import printing


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _with_photos(book):
    return next(m for m in book.meetings.all() if book.attachments.of(Owner.MEETING, m.id))


def test_minutes_with_photos_are_longer_and_only_when_asked(
    qapp, demo_book, tmp_path, monkeypatch
) -> None:
    meeting = _with_photos(demo_book)
    photos = demo_book.attachments.of(Owner.MEETING, meeting.id)
    html = demo_book.meetings.minutes_html(meeting)
    part = strip_module.photos_html(demo_book, Owner.MEETING, meeting.id, "会议")
    assert part.count("<img ") == len(photos)
    assert "page-break-before: always" in part and photos[0].caption in part
    asked: list[int] = []
    monkeypatch.setattr(strip_module, "_choose", lambda parent, n: asked.append(n) or 0)
    assert strip_module.minutes_with_photos_if_asked(None, demo_book, meeting, html) == html
    monkeypatch.setattr(strip_module, "_choose", lambda parent, n: asked.append(n) or 1)
    both = strip_module.minutes_with_photos_if_asked(None, demo_book, meeting, html)
    assert asked == [len(photos), len(photos)] and both.count("<img ") == len(photos)
    plain = printing.save_pdf(html, tmp_path / "plain.pdf").read_bytes()
    full = printing.save_pdf(both, tmp_path / "full.pdf").read_bytes()
    assert _pages(full) == _pages(plain) + 1  # two photos to a page
    assert len(full) > len(plain) + 10_000  # the pictures are really in it
    # a meeting without photos is printed without asking
    bare = next(
        m for m in demo_book.meetings.all() if not demo_book.attachments.of(Owner.MEETING, m.id)
    )
    asked.clear()
    html = demo_book.meetings.minutes_html(bare)
    assert strip_module.minutes_with_photos_if_asked(None, demo_book, bare, html) == html
    assert asked == []


def test_print_minutes_photos_on_the_command_line(qapp, demo_book, tmp_path, capsys) -> None:
    meeting = _with_photos(demo_book)
    path = str(demo_book.path)
    demo_book.close(auto_backup=False)
    db = ["--db", path, "print", "minutes", "--meeting", str(meeting.id)]
    assert main([*db, "--pdf", str(tmp_path / "a.pdf")]) == 0
    assert main([*db, "--photos", "--pdf", str(tmp_path / "b.pdf")]) == 0
    assert _pages((tmp_path / "b.pdf").read_bytes()) > _pages((tmp_path / "a.pdf").read_bytes())
