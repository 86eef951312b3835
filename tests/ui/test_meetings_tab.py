"""The 三会一课 tab and meeting dialog with pytest-qt: create, tick attendance, copy from last."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from partybook.domain.meetings import MeetingKind, Presence
from partybook.ui.dialogs.meeting_dialog import MeetingDialog
from partybook.ui.models.attendance_model import LEAVE, PRESENT, REASON
from partybook.ui.tabs.meetings_tab import MeetingsTab


def _row_of(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data().startswith(name))


def test_creating_a_meeting_with_ticked_attendance(qtbot, quiet_book, monkeypatch) -> None:
    tab = MeetingsTab(quiet_book)
    qtbot.addWidget(tab)
    assert tab.meetings_model.rowCount() == 0
    dialog = MeetingDialog(quiet_book, None)
    qtbot.addWidget(dialog)
    dialog.date.setText("2026-11-20")
    dialog.fields["place"].setText("会议室")
    dialog.all_present.click()  # a new list starts with nobody ticked
    model = dialog.model
    row = _row_of(model, "黄伟")
    model.setData(
        model.index(row, LEAVE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    model.setData(model.index(row, REASON), "外出培训", Qt.ItemDataRole.EditRole)
    assert "实到 18 人" in dialog.quorum_label.text()
    dialog.vote_matter.setText("接收蒋涛为预备党员")
    dialog.votes["yes"].setValue(9)
    assert "通过" in dialog.vote_label.text()
    entered = dialog.meeting()
    monkeypatch.setattr(MeetingDialog, "ask", classmethod(lambda cls, *a, **k: entered))
    tab.add_button.click()
    assert tab.meetings_model.rowCount() == 1
    saved = quiet_book.meetings.all()[0]
    leave = next(a for a in saved.attendees if a.presence is Presence.LEAVE)
    assert quiet_book.members.get(leave.member_id).name == "黄伟" and leave.reason == "外出培训"
    assert saved.votes[0].yes == 9


def test_unticking_present_means_absent_and_quorum_updates(qtbot, quiet_book) -> None:
    dialog = MeetingDialog(quiet_book, None)
    qtbot.addWidget(dialog)
    dialog.all_present.click()
    model = dialog.model
    for r in range(10):
        model.setData(
            model.index(r, PRESENT), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert all(a.presence is Presence.ABSENT for a in model.attendees()[:10])
    assert "未过半数" in dialog.quorum_label.text()
    dialog.vote_matter.setText("某事项")
    dialog.votes["yes"].setValue(5)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "不能表决" in dialog.problems.text()


def test_future_date_blocks_saving(qtbot, quiet_book) -> None:
    dialog = MeetingDialog(quiet_book, None)
    qtbot.addWidget(dialog)
    dialog.date.setText("2026-12-01")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert "晚于今天" in dialog.problems.text()


def test_copy_from_the_last_meeting_of_the_kind(qtbot, demo_book) -> None:
    dialog = MeetingDialog(demo_book, None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(MeetingKind.COMMITTEE.value))
    assert dialog.model.rowCount() == 4
    dialog.copy_button.click()
    assert dialog.fields["place"].text() == "学校三楼会议室"
    assert dialog.fields["host"].text() == "刘建华" and dialog.fields["start"].text() == "16:30"
    assert dialog.model.rowCount() == 4


def test_tab_shows_compliance_and_attendance(qtbot, qtmodeltester, demo_book) -> None:
    tab = MeetingsTab(demo_book)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.meetings_model)
    assert tab.meetings_model.rowCount() > 30
    first = tab.compliance_model.row_at(0)
    assert not first.met  # gaps are listed first
    flagged = [tab.people_model.row_at(r) for r in range(tab.people_model.rowCount())]
    assert flagged[0].name == "黄伟" and "六个月" in flagged[0].stat.flag
    # 11月: 支委会, each of the two 党小组's own 党小组会, 主题党日; the year's 组织生活会
    assert "应开未开 5 项" in tab.summary.text()


@pytest.mark.parametrize("kind", list(MeetingKind))
def test_every_kind_has_default_attendees_in_the_dialog(qtbot, demo_book, kind) -> None:
    dialog = MeetingDialog(demo_book, None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))
    assert dialog.model.rowCount() > 0
    assert dialog.group.isEnabled() == (kind is MeetingKind.GROUP)


def test_vote_linked_to_a_person_from_the_dialog(qtbot, quiet_book) -> None:
    dialog = MeetingDialog(quiet_book, None)
    qtbot.addWidget(dialog)
    dialog.date.setText("2026-11-20")
    dialog.all_present.click()  # a new list starts with nobody ticked
    index = next(
        i
        for i in range(dialog.vote_about.count())
        if dialog.vote_about.itemText(i).startswith("接收邓佳")
    )
    dialog.vote_about.setCurrentIndex(index)
    assert dialog.vote_matter.text() == "接收邓佳为预备党员"
    dialog.votes["yes"].setValue(15)
    meeting = dialog.meeting()
    assert meeting.votes[0].step == 15
    quiet_book.meetings.save(meeting)
    person = meeting.votes[0].member_id
    assert quiet_book.pipeline.path_of(person).on(15) is not None


def test_the_attendee_list_is_editable(qtbot, quiet_book) -> None:
    dialog = MeetingDialog(quiet_book, None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(MeetingKind.COMMITTEE.value))
    assert dialog.model.rowCount() == 4
    index = dialog.add_person.findText("黄伟")
    dialog.add_person.activated.emit(index)  # e.g. an invited member
    assert dialog.model.rowCount() == 5
    dialog.add_person.activated.emit(index)  # not twice
    assert dialog.model.rowCount() == 5
    dialog.table.selectRow(4)
    dialog.remove_person.click()
    assert dialog.model.rowCount() == 4
