"""The 学习记录 tab and study dialog with pytest-qt: add a session, see totals change, copy,
link a meeting, personal study, filter, delete, settings of the requirement."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from partybook.domain.meetings import Meeting, MeetingKind, Presence
from partybook.domain.study import Session
from partybook.ui import messages
from partybook.ui.dialogs.study_dialog import StudyDialog
from partybook.ui.tabs.study_tab import BEHIND, StudyTab


def _hours_row(tab: StudyTab, name: str):
    return next(r for r in tab.hours_model.rows() if r.member.name == name)


def _ok(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _untick(dialog, names: set[str]) -> None:
    for i in range(dialog.people.count()):
        item = dialog.people.item(i)
        if item.text() in names:
            item.setCheckState(Qt.CheckState.Unchecked)


def test_adding_a_session_with_participants_changes_the_totals(
    qtbot, quiet_book, monkeypatch
) -> None:
    tab = StudyTab(quiet_book)
    qtbot.addWidget(tab)
    assert tab.sessions_model.rowCount() == 0
    assert _hours_row(tab, "李国平").hours == 0 and _hours_row(tab, "黄伟").behind
    dialog = StudyDialog(quiet_book)
    qtbot.addWidget(dialog)
    assert not _ok(dialog) and "主题" in dialog.problems.text()
    dialog.date.setText("2026.11.20")
    dialog.topic.setText("学习党的二十届四中全会精神")  # keyClicks takes ASCII only
    dialog.hours.setValue(2.5)
    dialog.place.setText("会议室")
    assert dialog.count.text() == "已勾选 19 人"  # every active member by default
    _untick(dialog, {"黄伟"})
    assert dialog.count.text() == "已勾选 18 人"
    assert _ok(dialog)
    entered = dialog.session()
    monkeypatch.setattr(StudyDialog, "ask", classmethod(lambda cls, *a, **k: entered))
    tab.add_button.click()
    assert tab.sessions_model.rowCount() == 1
    assert _hours_row(tab, "李国平").hours == 2.5
    assert _hours_row(tab, "黄伟").hours == 0
    assert "集体学习 1 次，共 2.5 学时" in tab.summary.text()
    # the flagged row is highlighted
    behind = next(r for r in range(tab.hours_proxy.rowCount()) if tab.hours_proxy.row_at(r).behind)
    brush = tab.hours_proxy.index(behind, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == BEHIND


def test_the_dialog_refuses_what_cannot_be_saved(qtbot, quiet_book) -> None:
    dialog = StudyDialog(quiet_book)
    qtbot.addWidget(dialog)
    dialog.topic.setText("学习")
    assert _ok(dialog)
    dialog.date.setText("2026-12-01")
    assert not _ok(dialog) and "晚于今天" in dialog.problems.text()
    dialog.date.setText("2026-11-01")
    dialog.hours.setValue(1.3)
    assert not _ok(dialog) and "半小时" in dialog.problems.text()
    dialog.hours.setValue(0)
    assert not _ok(dialog) and "0.5 到" in dialog.problems.text()
    dialog.hours.setValue(1)
    dialog.none_button.click()
    assert not _ok(dialog) and "勾选" in dialog.problems.text()
    dialog.date.setText("不是日期")
    assert not _ok(dialog) and "日期" in dialog.problems.text()


def test_copy_from_the_previous_session(qtbot, demo_book) -> None:
    last = demo_book.study.last_session()
    dialog = StudyDialog(demo_book)
    qtbot.addWidget(dialog)
    dialog.none_button.click()
    dialog.copy_button.click()
    assert dialog.form.currentText() == last.form
    assert dialog.hours.value() == last.hours and dialog.place.text() == last.place
    assert set(dialog.participants()) == set(last.participants)
    assert dialog.topic.text() == ""  # a new session has its own topic and date


def test_linking_a_meeting_takes_its_people_and_locks_them(qtbot, quiet_book) -> None:
    people = quiet_book.meetings.default_attendees(MeetingKind.LECTURE, on=date(2026, 10, 25))
    people = [  # 应到 is the whole roster: five came, the rest were on leave
        a if k < 5 else dataclasses.replace(a, presence=Presence.LEAVE, reason="外出")
        for k, a in enumerate(people)
    ]
    lecture = quiet_book.meetings.save(
        Meeting(
            MeetingKind.LECTURE,
            date(2026, 10, 25),
            attendees=people,
            place="多功能厅",
            lecturer="刘建华",
            topic="党课：践行教育家精神",
        )
    )
    dialog = StudyDialog(quiet_book)
    qtbot.addWidget(dialog)
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(lecture.id))
    assert dialog.date.text() == "2026-10-25" and not dialog.date.isEnabled()
    assert dialog.topic.text() == "党课：践行教育家精神"
    assert dialog.presenter.text() == "刘建华" and dialog.form.currentText() == "专题党课"
    assert set(dialog.participants()) == {a.member_id for a in people[:5]}  # those present
    assert not dialog.people.isEnabled() and _ok(dialog)
    saved = quiet_book.study.save(dialog.session())
    assert saved.meeting_id == lecture.id and saved.place == "多功能厅"
    dialog.meeting.setCurrentIndex(0)  # unlinked: typed by hand again
    assert dialog.date.isEnabled() and dialog.people.isEnabled()


def test_personal_study_for_one_member(qtbot, quiet_book, monkeypatch) -> None:
    tab = StudyTab(quiet_book)
    qtbot.addWidget(tab)
    dialog = StudyDialog(quiet_book, personal=True)
    qtbot.addWidget(dialog)
    assert dialog.form.currentText() == "自学"
    dialog.member.setCurrentIndex(dialog.member.findText("郑敏"))
    dialog.topic.setText("学习强国：党史专题")
    dialog.form.setCurrentText("网络学习")
    dialog.hours.setValue(3)
    dialog.date.setText("2026-10-03")
    entered = dialog.session()
    monkeypatch.setattr(StudyDialog, "ask", classmethod(lambda cls, *a, **k: entered))
    tab.personal_button.click()
    row = _hours_row(tab, "郑敏")
    assert (row.hours, row.personal_hours, row.sessions) == (3, 3, 0)


def test_search_and_one_members_sessions(qtbot, demo_book) -> None:
    tab = StudyTab(demo_book)
    qtbot.addWidget(tab)
    everything = tab.proxy.rowCount()
    tab.search.setText("党章")
    assert 0 < tab.proxy.rowCount() < everything
    assert all("党章" in tab.proxy.row_at(r).text for r in range(tab.proxy.rowCount()))
    tab.search.setText("孙德明")  # a participant's name finds their sessions
    assert tab.proxy.rowCount() > 0
    tab.search.clear()
    row = next(
        r
        for r in range(tab.hours_proxy.rowCount())
        if tab.hours_proxy.row_at(r).member.name == "黄伟"
    )
    tab.hours_view.selectRow(row)
    tab._on_person_double_clicked()
    huang = tab.hours_proxy.row_at(row).member.id
    assert tab.proxy.rowCount() == len(tab.hours_proxy.row_at(row).entries)
    assert all(
        huang in tab.proxy.row_at(r).session.participants for r in range(tab.proxy.rowCount())
    )
    assert "黄伟" in tab.only_button.text()
    tab.only_button.click()
    assert tab.proxy.rowCount() == everything


def test_delete_after_confirmation(qtbot, quiet_book, monkeypatch) -> None:
    member = quiet_book.members.all()[0].id
    quiet_book.study.save(
        Session(date(2026, 6, 1), "录重了", "集中学习", 2, participants=(member,))
    )
    tab = StudyTab(quiet_book)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: False)
    tab.delete_button.click()
    assert tab.sessions_model.rowCount() == 1
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    tab.delete_button.click()
    assert tab.sessions_model.rowCount() == 0 and quiet_book.study.sessions() == []


@pytest.mark.parametrize("personal", [False, True])
def test_signin_needs_a_branch_session(qtbot, demo_book, monkeypatch, personal) -> None:
    tab = StudyTab(demo_book)
    qtbot.addWidget(tab)
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    row = next(
        r for r in range(tab.proxy.rowCount()) if tab.proxy.row_at(r).session.personal == personal
    )
    tab.table.selectRow(row)
    sheet = tab._sheet()
    if personal:
        assert sheet is None and "个人学习没有签到表" in shown[0]
    else:
        assert sheet.title.endswith("学习签到表") and not shown


def test_the_requirement_is_a_setting_and_changes_the_table(qtbot, demo_book) -> None:
    from partybook.domain.rules import Practice
    from partybook.ui.dialogs.settings_dialog import Settings, SettingsDialog

    dialog = SettingsDialog(Settings("细则 2014", Practice(), study=demo_book.study.settings()))
    qtbot.addWidget(dialog)
    assert dialog.member_hours.value() == 32 and dialog.leader_hours.value() == 56
    assert "自学" in dialog.forms.text()
    dialog.member_hours.setValue(24)
    dialog.forms.setText("集中学习、读书班")
    chosen = dialog.settings().study
    demo_book.study.save_settings(chosen)
    tab = StudyTab(demo_book)
    qtbot.addWidget(tab)
    assert _hours_row(tab, "李国平").requirement == 24
    assert not _hours_row(tab, "吴晓燕").behind  # 22 学时 against 20 by November
    new = StudyDialog(demo_book)
    qtbot.addWidget(new)
    assert [new.form.itemText(i) for i in range(new.form.count())] == ["集中学习", "读书班"]


def test_signin_pdf_is_saved_where_chosen(qtbot, demo_book, monkeypatch, tmp_path) -> None:
    from PySide6.QtWidgets import QFileDialog

    tab = StudyTab(demo_book)
    qtbot.addWidget(tab)
    target = tmp_path / "签到表.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a: shown.append(text))
    row = next(r for r in range(tab.proxy.rowCount()) if not tab.proxy.row_at(r).session.personal)
    tab.table.selectRow(row)
    tab.signin_pdf_button.click()
    assert target.read_bytes().startswith(b"%PDF") and "已保存" in shown[0]


def test_a_linked_session_shows_its_meetings_name(qtbot, demo_book) -> None:
    people = demo_book.meetings.default_attendees(MeetingKind.LECTURE, on=date(2026, 11, 18))
    lecture = demo_book.meetings.save(
        Meeting(MeetingKind.LECTURE, date(2026, 11, 18), attendees=people, topic="党课：新的学习")
    )
    demo_book.study.save(
        Session(date(2026, 11, 18), "党课：新的学习", "专题党课", 2, meeting_id=lecture.id)
    )
    tab = StudyTab(demo_book)
    qtbot.addWidget(tab)
    row = next(r for r in tab.sessions_model.rows() if r.session.meeting_id == lecture.id)
    assert row.meeting == demo_book.meetings.titles()[lecture.id] and "党课" in row.meeting


def test_a_long_list_of_members_behind_names_the_first_twenty_and_counts_them(
    qtbot, quiet_book
) -> None:
    """A township's 8 000 names behind in one label took the table off the page."""
    from partybook.domain.members import Member, Stage
    from partybook.ui.widgets import LISTED

    for first in "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏":
        quiet_book.members.add(Member(f"{first}小明", Stage.FULL, joined_on=date(2000, 7, 1)))
    tab = StudyTab(quiet_book)
    qtbot.addWidget(tab)
    behind = [r.member.name for r in tab.hours_model.rows() if r.behind]
    assert len(behind) > LISTED
    text = tab.summary.text()
    assert f"……共 {len(behind)} 人。" in text
    shown = text.split("落后进度：")[1].split("……")[0].rstrip("、").split("、")
    assert len(shown) == LISTED and set(shown) <= set(behind)
