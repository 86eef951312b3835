"""The attachment strip in the record dialogs: thumbnails, adding (button and drop), refusals
named, caption, open with the system's viewer, remove after asking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from partybook.domain.attachments import Owner
from partybook.samples.images import scene
from partybook.ui.attachments import AttachmentStrip, thumbnail
from partybook.ui.dialogs.meeting_dialog import MeetingDialog
from partybook.ui.dialogs.member_dialog import MemberDialog
from partybook.ui.dialogs.step_dialog import StepDialog
from partybook.ui.dialogs.study_dialog import StudyDialog
from partybook.ui.dialogs.talk_dialog import TalkDialog
from partybook.ui.dialogs.transfer_dialog import TransferDialog


def _strip(dialog) -> AttachmentStrip:
    (found,) = dialog.findChildren(AttachmentStrip)
    return found


def test_every_record_dialog_has_the_strip(qtbot, demo_book) -> None:
    meeting = demo_book.meetings.all()[-1]
    member, event = next(
        (m, e) for m in demo_book.members.all() for e in demo_book.pipeline.path_of(m.id).events
    )
    session, talk = demo_book.study.sessions()[0], demo_book.talks.all(2026)[0]
    transfer = demo_book.transfers.all()[0]
    dialogs = [
        (MeetingDialog(demo_book, meeting), Owner.MEETING, meeting.id),
        (MemberDialog(demo_book, member), Owner.MEMBER, member.id),
        (StepDialog(demo_book, member, event, None), Owner.STEP, event.id),
        (StudyDialog(demo_book, session), Owner.STUDY, session.id),
        (TalkDialog(demo_book, talk), Owner.TALK, talk.id),
        (TransferDialog(demo_book, transfer.direction, transfer), Owner.TRANSFER, transfer.id),
        (MeetingDialog(demo_book, None), Owner.MEETING, "new"),
    ]
    for dialog, owner, owner_id in dialogs:
        qtbot.addWidget(dialog)
        strip = _strip(dialog)
        assert strip.owner is owner
        if owner_id == "new":
            assert strip.owner_id is None and not strip.add_button.isEnabled()
            assert "先保存这条记录" in strip.note.text()
        else:
            assert strip.owner_id is not None and strip.add_button.isEnabled(), owner
            assert strip.owner_id == owner_id


def test_the_demo_meeting_shows_its_photos_and_takes_more(qtbot, demo_book, tmp_path) -> None:
    meeting = next(
        m for m in demo_book.meetings.all() if demo_book.attachments.of(Owner.MEETING, m.id)
    )
    dialog = MeetingDialog(demo_book, meeting)
    qtbot.addWidget(dialog)
    strip = _strip(dialog)
    held = demo_book.attachments.of(Owner.MEETING, meeting.id)
    assert strip.list.count() == len(held) >= 1
    assert not strip.list.item(0).icon().isNull()
    assert strip.list.item(0).text() == held[0].caption
    warned: list[str] = []
    strip._warn = warned.append
    photo = tmp_path / "签到 表.png"
    photo.write_bytes(scene(200, 100, 5))
    text = tmp_path / "说明.jpg"
    text.write_text("不是照片")
    added = strip.add_files([photo, text])
    assert [a.name for a in added] == ["签到 表.png"]
    assert strip.list.count() == len(held) + 1
    assert len(warned) == 1 and "“说明.jpg”不是可以保存的附件类型" in warned[0]
    # dropped from the file manager
    dropped = tmp_path / "扫描件.pdf"
    dropped.write_bytes(b"%PDF-1.4\n...")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dropped))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    strip.dropEvent(drop)
    names = [a.name for a in demo_book.attachments.of(Owner.MEETING, meeting.id)]
    assert names[-1] == "扫描件.pdf" and strip.list.count() == len(held) + 2


def test_caption_open_and_remove(qtbot, demo_book, monkeypatch) -> None:
    meeting = next(
        m for m in demo_book.meetings.all() if demo_book.attachments.of(Owner.MEETING, m.id)
    )
    strip = AttachmentStrip(demo_book, Owner.MEETING, meeting.id)
    qtbot.addWidget(strip)
    strip.list.setCurrentRow(0)
    first = strip.selected()
    strip._ask_caption = lambda current: "会场全景"
    strip.edit_caption()
    assert demo_book.attachments.get(first).caption == "会场全景"
    assert strip.list.item(0).text() == "会场全景"
    opened: list[QUrl] = []
    strip._open_url = lambda url: opened.append(url) or True
    strip.list.setCurrentRow(0)
    strip.open_selected()
    shown = Path(opened[0].toLocalFile())
    assert shown.suffix == ".png" and shown.read_bytes() == demo_book.attachments.read_bytes(first)
    count = strip.list.count()
    asked: list[str] = []
    strip._confirm = lambda text: asked.append(text) or False
    strip.list.setCurrentRow(0)
    strip.remove_selected()
    assert strip.list.count() == count and "回收站保留 30 天" in asked[0]
    strip._confirm = lambda text: True
    strip.remove_selected()
    assert strip.list.count() == count - 1
    assert [a.id for a in demo_book.attachments.recycle_bin()] == [first]


def test_a_pdf_gets_a_page_icon_and_a_broken_photo_a_note(qapp) -> None:
    from partybook.domain.attachments import FileKind

    assert not thumbnail(b"%PDF-1.4", FileKind.PDF).isNull()
    assert not thumbnail(b"\xff\xd8\xff\xe0broken", FileKind.JPG).isNull()
    image = thumbnail(scene(960, 640, 1), FileKind.PNG)
    assert (image.width(), image.height()) == (64, 42)  # 960×640 scaled to fit 64×48


def test_photos_are_made_smaller_on_the_way_in_when_set(qtbot, demo_book, tmp_path) -> None:
    from PySide6.QtGui import QImage

    meeting = demo_book.meetings.all()[0]
    strip = AttachmentStrip(demo_book, Owner.MEETING, meeting.id)
    qtbot.addWidget(strip)
    big = tmp_path / "大 照片.png"
    big.write_bytes(scene(2000, 1000, 4))
    (kept,) = strip.add_files([big])  # the default keeps the original
    assert demo_book.attachments.read_bytes(kept.id) == big.read_bytes()
    demo_book.attachments.set_shrink_side(1000)
    (smaller,) = strip.add_files([big])
    assert smaller.name == "大 照片.jpg" and smaller.kind.value == "jpg"
    image = QImage.fromData(demo_book.attachments.read_bytes(smaller.id))
    assert (image.width(), image.height()) == (1000, 500)
    small = tmp_path / "小.png"
    small.write_bytes(scene(300, 200, 4))
    (as_is,) = strip.add_files([small])  # not larger than the setting: kept as it is
    assert demo_book.attachments.read_bytes(as_is.id) == small.read_bytes()
