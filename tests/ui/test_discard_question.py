"""取消 (and Esc, and the window's close button) on a changed form asks before the typing is
thrown away, in every form that records something (the member form has its own tests in
test_safe_defaults.py); an unchanged form closes at once. messages.confirm is replaced: nothing
blocks on a question."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from partybook.domain.members import Stage
from partybook.domain.transfers import Direction
from partybook.ui import messages
from partybook.ui.widgets import DISCARD


def _answer(monkeypatch, yes: bool) -> list[str]:
    asked: list[str] = []

    def confirm(parent, text, title="请确认", **kw) -> bool:
        asked.append(text)
        return yes

    monkeypatch.setattr(messages, "confirm", confirm)
    return asked


def _person(book, stage):
    return next(m for m in book.members.all(include_left=False) if m.stage is stage)


def _meeting(book):
    from partybook.ui.dialogs.meeting_dialog import MeetingDialog

    return MeetingDialog(book, None)


def _saved_meeting(book):
    from partybook.ui.dialogs.meeting_dialog import MeetingDialog

    return MeetingDialog(book, book.meetings.all()[-1])


def _study(book):
    from partybook.ui.dialogs.study_dialog import StudyDialog

    return StudyDialog(book)


def _talk(book):
    from partybook.ui.dialogs.talk_dialog import TalkDialog

    return TalkDialog(book)


def _transfer(book):
    from partybook.ui.dialogs.transfer_dialog import TransferDialog

    return TransferDialog(book, Direction.OUT)


def _step(book):
    from partybook.ui.dialogs.step_dialog import StepDialog

    return StepDialog(book, _person(book, Stage.APPLICANT), None, None)


def _dues_pay(book):
    from partybook.ui.dialogs.dues_pay_dialog import DuesPayDialog

    return DuesPayDialog(book, 2026, _person(book, Stage.FULL).id)


def _election(book):
    from partybook.ui.dialogs.election_dialog import ElectionDialog

    return ElectionDialog(book)


def _discipline(book):
    from partybook.ui.dialogs.discipline_dialog import DisciplineDialog

    return DisciplineDialog(book, _person(book, Stage.FULL), None)


def _group(book):
    from partybook.ui.dialogs.group_dialog import GroupDialog

    return GroupDialog(book)


def _leave(book):
    from partybook.ui.dialogs.leave_dialog import LeaveDialog

    return LeaveDialog(_person(book, Stage.FULL), date(2026, 11, 22))


def _type_in_date(d) -> None:
    d.date.setText("2026-10-09")


def _type_in_notes(d) -> None:
    d.notes.setText("补记")


def _meeting_content(d) -> None:
    d.long["content"].setPlainText("学习党章第一章")


def _tick_first_present(d) -> None:
    d.model.setData(d.model.index(0, 1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def _study_topic(d) -> None:
    d.topic.setText("学习二十大报告")


def _talk_topic(d) -> None:
    d.topic.setText("谈工作")


def _tick_a_month(d) -> None:
    box = next(b for b in d.months.values() if b.isEnabled() and not b.isChecked())
    box.setChecked(True)


def _group_name(d) -> None:
    d.name.setText("第三党小组")


def _leave_reason(d) -> None:
    d.reason.setCurrentIndex((d.reason.currentIndex() + 1) % d.reason.count())


FORMS = [
    ("新建会议", _meeting, _meeting_content),
    ("新建会议（出席）", _meeting, _tick_first_present),
    ("修改会议", _saved_meeting, _meeting_content),
    ("集体学习", _study, _study_topic),
    ("谈心谈话", _talk, _talk_topic),
    ("转出", _transfer, _type_in_notes),
    ("发展一步", _step, _type_in_date),
    ("登记交纳", _dues_pay, _tick_a_month),
    ("换届选举", _election, _type_in_notes),
    ("留党察看", _discipline, _type_in_notes),
    ("党小组", _group, _group_name),
    ("离开", _leave, _leave_reason),
]
IDS = [f[0] for f in FORMS]


def _open(qtbot, book, make) -> QDialog:
    dialog = make(book)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _cancel(dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


@pytest.mark.parametrize(("name", "make", "change"), FORMS, ids=IDS)
def test_an_unchanged_form_closes_without_asking(qtbot, demo_book, monkeypatch, name, make, change):
    asked = _answer(monkeypatch, False)
    dialog = _open(qtbot, demo_book, make)
    _cancel(dialog)
    assert asked == [] and dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


@pytest.mark.parametrize(("name", "make", "change"), FORMS, ids=IDS)
def test_cancel_on_a_changed_form_asks_and_no_keeps_it(
    qtbot, demo_book, monkeypatch, name, make, change
):
    asked = _answer(monkeypatch, False)
    dialog = _open(qtbot, demo_book, make)
    change(dialog)
    _cancel(dialog)
    assert asked == [DISCARD]
    assert dialog.isVisible()  # kept open with what was typed
    assert dialog.form_changed()
    _answer(monkeypatch, True)
    dialog.close()  # the window's close button asks too; yes closes it
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_esc_on_a_changed_meeting_asks(qtbot, demo_book, monkeypatch) -> None:
    asked = _answer(monkeypatch, True)
    dialog = _open(qtbot, demo_book, _meeting)
    _meeting_content(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [DISCARD] and not dialog.isVisible()


def test_typing_back_what_was_there_is_no_change(qtbot, demo_book, monkeypatch) -> None:
    asked = _answer(monkeypatch, False)
    dialog = _open(qtbot, demo_book, _talk)
    dialog.topic.setText("谈工作")
    dialog.topic.setText("")
    _cancel(dialog)
    assert asked == [] and not dialog.isVisible()
