"""The meeting dialog under the rules of issue 20: 应到 from the roster on the day, the
不计入应到 reason chosen from the rules' list, the 无表决权 mark, an old list completed from the
roster, the dialog within 1024×690; the settings' 不适用 frequency."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt

from partybook.domain.meetings import (
    EXCLUSION_REASONS,
    NOT_REQUIRED,
    Attendee,
    Meeting,
    MeetingKind,
    Presence,
)
from partybook.ui.dialogs.meeting_dialog import MAX_HEIGHT, MAX_WIDTH, ExclusionDelegate
from partybook.ui.models.attendance_model import (
    COUNTED,
    EXCLUDED,
    EXCLUDED_CHOICES,
    LEAVE,
    NAME,
    REASON,
)

EDIT, CHECK = Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole


def _dialog(qtbot, book, meeting=None):
    from partybook.ui.dialogs.meeting_dialog import MeetingDialog

    dialog = MeetingDialog(book, meeting)
    qtbot.addWidget(dialog)
    return dialog


def _row(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, NAME).data().startswith(name))


def _names(model) -> list[str]:
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def _ok(dialog) -> bool:
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_the_list_follows_the_roster_of_the_meetings_day(qtbot, quiet_book) -> None:
    dialog = _dialog(qtbot, quiet_book)
    assert "谢婷（无表决权）" in _names(dialog.model)  # a 预备党员 today
    dialog.date.setText("2026-03-10")
    names = _names(dialog.model)
    assert "林海" in names and not any(n.startswith("谢婷") for n in names)
    assert "谢婷 在 2026-03-10 不是本支部党员" in dialog.roster_note.text()
    assert "按花名册应到 19 人" in dialog.quorum_label.text()
    dialog.all_present.click()  # a new list starts with nobody ticked
    dialog.fields["host"].setText("刘建华")
    assert _ok(dialog)


def test_the_exclusion_reason_is_chosen_from_the_rules_list(qtbot, quiet_book) -> None:
    dialog = _dialog(qtbot, quiet_book)
    dialog.date.setText("2026-11-20")
    model = dialog.model
    row = _row(model, "罗永红")
    assert EXCLUDED_CHOICES == (COUNTED, *EXCLUSION_REASONS)
    delegate = dialog.table.itemDelegateForColumn(EXCLUDED)
    assert isinstance(delegate, ExclusionDelegate)
    editor = delegate.createEditor(dialog.table, None, model.index(row, EXCLUDED))
    assert [editor.itemText(i) for i in range(editor.count())] == list(EXCLUDED_CHOICES)
    editor.setCurrentIndex(5)
    delegate.setModelData(editor, model, model.index(row, EXCLUDED))
    model.setData(model.index(row, REASON), "在县城跟岗学习一年", EDIT)
    attendee = next(a for a in model.attendees() if a.member_id == model.member_ids()[row])
    assert attendee.excluded
    assert attendee.excluded_reason == f"{EXCLUSION_REASONS[4]}：在县城跟岗学习一年"
    assert model.index(row, EXCLUDED).data() == EXCLUSION_REASONS[4]
    assert model.index(row, REASON).data() == "在县城跟岗学习一年"
    assert "不计入应到 1 人" in dialog.quorum_label.text()
    assert "应到有表决权 16 人" in dialog.quorum_label.text() and _ok(dialog)
    model.setData(model.index(row, EXCLUDED), COUNTED, EDIT)  # counted again
    assert not model.attendees()[row].excluded and "不计入应到" not in dialog.quorum_label.text()


def test_an_old_reason_not_on_the_list_must_be_chosen_again(qtbot, quiet_book) -> None:
    m = quiet_book.meetings.default_attendees(MeetingKind.GENERAL, on=date(2026, 11, 20))
    m[5] = Attendee(m[5].member_id, Presence.ABSENT, excluded=True, excluded_reason="长期病休")
    meeting = Meeting(MeetingKind.GENERAL, date(2026, 11, 20), attendees=m, id=None)
    dialog = _dialog(qtbot, quiet_book, meeting)
    row = 5
    assert dialog.model.index(row, EXCLUDED).data() == "请选择规定的原因"
    assert dialog.model.index(row, REASON).data() == "长期病休"
    assert not _ok(dialog) and "不是规定的情形" in dialog.problems.text()
    dialog.model.setData(dialog.model.index(row, EXCLUDED), EXCLUSION_REASONS[3], EDIT)
    assert dialog.model.attendees()[row].excluded_reason == f"{EXCLUSION_REASONS[3]}：长期病休"
    assert _ok(dialog)


def test_a_saved_list_short_of_the_roster_is_completed_as_absent(qtbot, demo_book) -> None:
    from partybook.book.changes import Change
    from partybook.store import meetings as meeting_store

    lecture = next(m for m in demo_book.meetings.all(2026) if m.kind is MeetingKind.LECTURE)
    gone = lecture.attendees[-1].member_id
    short = dataclasses.replace(lecture, attendees=lecture.attendees[:-1])
    with demo_book._core.writing(Change.MEETINGS):  # an older record, before the checks
        meeting_store.save_meeting(short)
    dialog = _dialog(qtbot, demo_book, demo_book.meetings.get(lecture.id))
    name = demo_book.members.get(gone).name
    assert "按花名册补入应到人员 " + name in dialog.roster_note.text()
    added = next(a for a in dialog.model.attendees() if a.member_id == gone)
    assert added.presence is Presence.ABSENT
    assert dialog.model.index(_row(dialog.model, name), NAME).data(Qt.ItemDataRole.BackgroundRole)


def test_someone_the_roster_expects_cannot_be_removed(qtbot, quiet_book) -> None:
    dialog = _dialog(qtbot, quiet_book)
    before = dialog.model.rowCount()
    dialog.table.selectRow(3)
    dialog.remove_person.click()
    assert dialog.model.rowCount() == before
    assert "按花名册应当参加，不能移出" in dialog.problems.text()


def test_the_host_on_leave_stops_saving(qtbot, quiet_book) -> None:
    dialog = _dialog(qtbot, quiet_book)
    dialog.date.setText("2026-11-20")
    dialog.fields["host"].setText("刘建华")
    row = _row(dialog.model, "刘建华")
    dialog.model.setData(dialog.model.index(row, LEAVE), Qt.CheckState.Checked.value, CHECK)
    assert not _ok(dialog) and "主持人刘建华在应到人员中标为“请假”" in dialog.problems.text()


def test_no_vote_marks_for_probationary_and_disciplined_members(
    qtbot, quiet_book, monkeypatch
) -> None:
    watched = next(m.id for m in quiet_book.members.all() if m.name == "李国平")
    monkeypatch.setattr(quiet_book.members, "without_vote", lambda on=None: {watched})
    dialog = _dialog(qtbot, quiet_book)
    names = _names(dialog.model)
    assert "李国平（无表决权）" in names and "彭浩（无表决权）" in names
    tip = dialog.model.index(_row(dialog.model, "李国平"), NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "受留党察看处分" in tip


def test_a_cancel_vote_can_be_chosen(qtbot, quiet_book) -> None:
    dialog = _dialog(qtbot, quiet_book)
    index = next(
        i
        for i in range(dialog.vote_about.count())
        if dialog.vote_about.itemText(i).startswith("取消谢婷的预备党员资格")
    )
    dialog.vote_about.setCurrentIndex(index)
    assert dialog.vote_matter.text() == "取消谢婷的预备党员资格"
    dialog.votes["yes"].setValue(12)
    assert dialog.meeting().votes[0].step == -1
    assert "离开花名册" in dialog.vote_label.text()


def test_the_dialog_fits_a_small_screen(qtbot, demo_book) -> None:
    dialog = _dialog(qtbot, demo_book, demo_book.meetings.all(2026)[0])
    dialog.show()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= MAX_WIDTH and hint.height() <= MAX_HEIGHT
    assert dialog.width() <= MAX_WIDTH and dialog.height() <= MAX_HEIGHT
    assert (MAX_WIDTH, MAX_HEIGHT) == (1024, 690)


def test_the_settings_offer_not_required(qtbot, quiet_book) -> None:
    from partybook.ui.dialogs.settings_dialog import Settings, SettingsDialog

    frequency = quiet_book.meetings.frequency()
    frequency[MeetingKind.LIFE] = NOT_REQUIRED
    quiet_book.meetings.save_frequency(frequency)
    current = Settings(quiet_book.rules.current().name, quiet_book.rules.practice())
    current.frequency = quiet_book.meetings.frequency()
    dialog = SettingsDialog(current)
    qtbot.addWidget(dialog)
    box = dialog.frequency[MeetingKind.LIFE]
    assert box.currentData() == NOT_REQUIRED and "不适用" in box.currentText()
    dialog.frequency[MeetingKind.LECTURE].setCurrentIndex(
        dialog.frequency[MeetingKind.LECTURE].findData(NOT_REQUIRED)
    )
    chosen = dialog.settings().frequency
    quiet_book.meetings.save_frequency(chosen)
    again = quiet_book.meetings.frequency()
    assert again[MeetingKind.LIFE] == again[MeetingKind.LECTURE] == NOT_REQUIRED
