"""Issue 21's safe defaults with pytest-qt: a new meeting's attendance starts empty (全部出席
ticks everyone), saving with nobody marked asks; 取消 on a changed member form asks first.
Every question is answered by a monkeypatched messages.confirm: nothing blocks on exec()."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from partybook.domain.meetings import MeetingKind, Presence
from partybook.ui import messages
from partybook.ui.dialogs.meeting_dialog import MeetingDialog
from partybook.ui.dialogs.member_dialog import MemberDialog
from partybook.ui.models.attendance_model import LEAVE, PRESENT

CHECK = Qt.ItemDataRole.CheckStateRole


def _answer(monkeypatch, yes: bool) -> list[str]:
    """Make messages.confirm answer `yes`; the questions asked are collected in the list."""
    asked: list[str] = []

    def confirm(parent, text, title="请确认", **kw) -> bool:
        asked.append(text)
        return yes

    monkeypatch.setattr(messages, "confirm", confirm)
    return asked


def _finished(dialog: QDialog) -> list[int]:
    done: list[int] = []
    dialog.finished.connect(done.append)
    return done


def _ok(dialog: MeetingDialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok)


def _meeting_dialog(qtbot, book, meeting=None) -> MeetingDialog:
    dialog = MeetingDialog(book, meeting)
    qtbot.addWidget(dialog)
    return dialog


# meetings ---------------------------------------------------------------------
def test_a_new_meeting_starts_with_nobody_ticked(qtbot, quiet_book) -> None:
    dialog = _meeting_dialog(qtbot, quiet_book)
    model = dialog.model
    assert model.rowCount() > 0
    assert all(a.presence is Presence.ABSENT for a in model.attendees())
    assert all(
        model.index(r, c).data(CHECK) == Qt.CheckState.Unchecked
        for r in range(model.rowCount())
        for c in (PRESENT, LEAVE)
    )
    assert model.nobody_marked()
    assert "按花名册应到 19 人" in dialog.quorum_label.text()
    assert "实到 0 人" in dialog.quorum_label.text()
    assert "未过半数" in dialog.quorum_label.text()


def test_all_present_ticks_everyone_and_updates_the_figures(qtbot, quiet_book) -> None:
    dialog = _meeting_dialog(qtbot, quiet_book)
    dialog.all_present.click()
    model = dialog.model
    assert all(a.presence is Presence.PRESENT for a in model.attendees())
    assert not model.nobody_marked()
    assert "实到 19 人" in dialog.quorum_label.text()
    assert "未过半数" not in dialog.quorum_label.text()


def test_other_kinds_and_a_new_day_also_start_unticked(qtbot, demo_book) -> None:
    dialog = _meeting_dialog(qtbot, demo_book)
    for kind in MeetingKind:
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))
        assert dialog.model.rowCount() > 0
        assert dialog.model.nobody_marked(), kind
    dialog.kind.setCurrentIndex(dialog.kind.findData(MeetingKind.GENERAL.value))
    dialog.date.setText("2026-03-10")  # people the roster adds that day come in unticked
    assert dialog.model.nobody_marked()


def test_a_vote_cannot_pass_with_nobody_present(qtbot, quiet_book) -> None:
    dialog = _meeting_dialog(qtbot, quiet_book)
    dialog.date.setText("2026-11-20")
    dialog.vote_matter.setText("接收蒋涛为预备党员")
    dialog.votes["yes"].setValue(9)
    assert "不能表决" in dialog.vote_label.text()
    assert not _ok(dialog).isEnabled() and "不能表决" in dialog.problems.text()
    dialog.all_present.click()
    assert _ok(dialog).isEnabled() and "通过" in dialog.vote_label.text()


def test_saving_with_nobody_marked_asks_and_no_keeps_the_dialog_open(
    qtbot, quiet_book, monkeypatch
) -> None:
    dialog = _meeting_dialog(qtbot, quiet_book)
    dialog.date.setText("2026-11-20")
    assert _ok(dialog).isEnabled()  # nothing else stops it
    done = _finished(dialog)
    asked = _answer(monkeypatch, yes=False)
    _ok(dialog).click()
    assert len(asked) == 1 and "全部记为缺席" in asked[0]
    assert done == []  # still open: tick who came
    dialog.all_present.click()
    _ok(dialog).click()
    assert len(asked) == 1  # somebody is marked now: no question
    assert done == [QDialog.DialogCode.Accepted.value]


def test_saving_with_nobody_marked_and_yes_records_everyone_absent(
    qtbot, quiet_book, monkeypatch
) -> None:
    dialog = _meeting_dialog(qtbot, quiet_book)
    dialog.date.setText("2026-11-20")
    done = _finished(dialog)
    asked = _answer(monkeypatch, yes=True)
    _ok(dialog).click()
    assert len(asked) == 1 and done == [QDialog.DialogCode.Accepted.value]
    meeting = dialog.meeting()
    assert meeting.present == 0
    assert all(a.presence is Presence.ABSENT for a in meeting.attendees)


def test_someone_on_leave_is_marked_so_no_question(qtbot, quiet_book, monkeypatch) -> None:
    dialog = _meeting_dialog(qtbot, quiet_book)
    dialog.date.setText("2026-11-20")
    model = dialog.model
    model.setData(model.index(0, LEAVE), Qt.CheckState.Checked.value, CHECK)
    assert not model.nobody_marked()
    done = _finished(dialog)
    asked = _answer(monkeypatch, yes=False)
    _ok(dialog).click()
    assert asked == [] and done == [QDialog.DialogCode.Accepted.value]


def test_editing_a_saved_meeting_keeps_its_attendance(qtbot, demo_book) -> None:
    saved = next(m for m in demo_book.meetings.all(2026) if m.kind is MeetingKind.GENERAL)
    assert saved.present > 0
    dialog = _meeting_dialog(qtbot, demo_book, demo_book.meetings.get(saved.id))
    shown = {a.member_id: a.presence for a in dialog.model.attendees()}
    assert shown == {a.member_id: a.presence for a in saved.attendees}
    assert not dialog.model.nobody_marked()
    assert f"实到 {saved.present} 人" in dialog.quorum_label.text()


# the member form ----------------------------------------------------------------
def test_an_unchanged_member_form_closes_at_once(qtbot, demo_book, monkeypatch) -> None:
    for member in (None, next(m for m in demo_book.members.all() if m.name == "张丽")):
        dialog = MemberDialog(demo_book, member)
        qtbot.addWidget(dialog)
        asked = _answer(monkeypatch, yes=False)
        done = _finished(dialog)
        assert not dialog.changed()
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
        assert asked == [] and done == [QDialog.DialogCode.Rejected.value]


def test_cancel_on_a_changed_member_form_asks_first(qtbot, demo_book, monkeypatch) -> None:
    dialog = MemberDialog(demo_book, None)
    qtbot.addWidget(dialog)
    dialog.widgets["name"].setText("测试者")
    assert dialog.changed()
    done = _finished(dialog)
    asked = _answer(monkeypatch, yes=False)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert len(asked) == 1 and "放弃" in asked[0]
    assert done == []  # kept open, the name still there
    assert dialog.widgets["name"].text() == "测试者"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc asks too
    assert len(asked) == 2 and done == []
    asked = _answer(monkeypatch, yes=True)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert len(asked) == 1 and done == [QDialog.DialogCode.Rejected.value]


def test_closing_a_changed_member_form_by_its_window_button_asks(
    qtbot, demo_book, monkeypatch
) -> None:
    original = next(m for m in demo_book.members.all() if m.name == "张丽")
    dialog = MemberDialog(demo_book, original)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.hide())  # never asks at teardown
    dialog.show()
    dialog.widgets["phone"].setText("0739-5551234")
    asked = _answer(monkeypatch, yes=False)
    dialog.close()  # the window's close button
    assert len(asked) == 1 and dialog.isVisible()
    asked = _answer(monkeypatch, yes=True)
    dialog.close()
    assert len(asked) == 1 and not dialog.isVisible()


def test_typing_back_what_was_there_is_no_change(qtbot, demo_book, monkeypatch) -> None:
    original = next(m for m in demo_book.members.all() if m.name == "张丽")
    dialog = MemberDialog(demo_book, original)
    qtbot.addWidget(dialog)
    phone = dialog.widgets["phone"].text()
    dialog.widgets["phone"].setText(phone + "9")
    assert dialog.changed()
    dialog.widgets["phone"].setText(phone)
    dialog.notes.setPlainText(dialog.notes.toPlainText() + "x")
    assert dialog.changed()
    dialog.notes.setPlainText(original.notes)
    assert not dialog.changed()
