"""文件 → 备份到… names the records whose attachment files it could not hold; 从备份恢复…
of such a backup asks before restoring the rest (and changes nothing when the answer is no)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from partybook.domain.attachments import Owner
from partybook.store import attachments as attachment_store
from partybook.ui import messages
from partybook.ui.main_window import MainWindow


def _a_meeting_photo(demo_book) -> tuple[str, str]:
    for meeting in demo_book.meetings.all():
        found = demo_book.attachments.of(Owner.MEETING, meeting.id)
        if found:
            return found[0].name, found[0].sha256
    raise AssertionError("the demo book has photos on its meetings")


def test_backup_names_a_missing_photo_and_restore_asks(
    qtbot, demo_book, tmp_path, monkeypatch
) -> None:
    name, sha = _a_meeting_photo(demo_book)
    attachment_store.blob_path(demo_book.attachments.folder, sha).unlink()
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    target = tmp_path / "usb" / "备份.sqlite"
    target.parent.mkdir()
    said: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: said.append(text))
    monkeypatch.setattr(messages, "show_error", lambda parent, text, *a: said.append(text))
    window._on_backup_triggered()
    assert target.exists()
    assert "没有备份进去" in said[-1] and name in said[-1] and "会议" in said[-1]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    asked: list[str] = []
    answers = iter([True, False])  # 恢复? yes; 仍然恢复? no

    def confirm(parent, text, *a, **k) -> bool:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(messages, "confirm", confirm)
    window._on_restore_triggered()
    assert name in asked[1] and "仍要恢复" in asked[1]
    assert "已恢复" not in said[-1]
    answers = iter([True, True])
    window._on_restore_triggered()
    assert "已恢复" in said[-1]
    assert any(name in p and "不见了" in p for p in demo_book.check().problems)
    window.close()
