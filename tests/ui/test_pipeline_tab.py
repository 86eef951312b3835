"""The development tab with pytest-qt: advancing a person, a refused step, an override."""

from __future__ import annotations

from datetime import date

import pytest

from partybook.domain.members import Stage
from partybook.domain.pipeline import Event, Kind
from partybook.ui import messages
from partybook.ui.dialogs.step_dialog import StepDialog
from partybook.ui.tabs.pipeline_tab import PipelineTab


@pytest.fixture
def tab(qtbot, demo_book):
    widget = PipelineTab(demo_book)
    qtbot.addWidget(widget)
    return widget


def _id(book, name):
    return next(m.id for m in book.members.all() if m.name == name)


def test_models_and_counts(qtmodeltester, tab) -> None:
    qtmodeltester.check(tab.due_model)
    qtmodeltester.check(tab.people_model)
    assert tab.people_proxy.rowCount() == 8
    assert tab.stage_filter.itemText(0) == "全部发展中的人员（8）"
    assert "已逾期" in tab.due_label.text()


def test_selecting_a_person_shows_timeline_and_documents(tab, demo_book) -> None:
    tab.select_person(_id(demo_book, "彭浩"))
    assert "预备期满" in tab.person_label.text()
    assert tab.events_model.rowCount() >= 19
    names = [tab.materials.item(i).text() for i in range(tab.materials.count())]
    assert any(n.startswith("入党志愿书") for n in names)


def test_advancing_a_person_through_the_dialog(tab, demo_book, monkeypatch) -> None:
    person = _id(demo_book, "韩雪")
    tab.select_person(person)
    step = Event(person, Kind.STEP, date(2026, 11, 20), step=7, meeting="支委会")
    monkeypatch.setattr(StepDialog, "ask", classmethod(lambda cls, *a, **k: step))
    tab.add_button.click()
    assert demo_book.members.get(person).stage is Stage.CANDIDATE
    assert "发展对象" in tab.person_label.text()


def test_a_violation_is_refused_and_nothing_saved(tab, demo_book, monkeypatch) -> None:
    person = _id(demo_book, "冯磊")  # activist for only nine months
    tab.select_person(person)
    early = Event(person, Kind.STEP, date(2026, 11, 20), step=7)
    monkeypatch.setattr(StepDialog, "ask", classmethod(lambda cls, *a, **k: early))
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title="": shown.append(text))
    tab.add_button.click()
    assert shown and "第十三条" in shown[0]
    assert demo_book.members.get(person).stage is Stage.ACTIVIST


def test_step_dialog_needs_a_reason_to_override(qtbot, demo_book) -> None:
    person = demo_book.members.get(_id(demo_book, "冯磊"))
    dialog = StepDialog(demo_book, person, None, 7)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.date.setText("2026-11-20")
    assert not ok.isEnabled()
    assert "一年以上" in dialog.rules_label.text()
    dialog.override.setChecked(True)
    assert not ok.isEnabled()  # a reason is still missing
    dialog.reason.setText("经镇党委同意提前确定")
    assert ok.isEnabled()
    entered = dialog.entered()
    saved = demo_book.pipeline.record_event(entered)
    assert saved.exception == "经镇党委同意提前确定" and "第十三条" in saved.violations
    dialog.date.setText("2026-12-30")  # the future cannot be overridden
    assert not ok.isEnabled()


def test_record_prints_to_a_pdf(qapp, demo_book, tmp_path) -> None:
    from partybook.ui.printing import save_pdf

    person = _id(demo_book, "彭浩")
    html = demo_book.pipeline.record_html(person)
    assert "发展党员全程纪实表" in html and "支部大会讨论接收" in html and "刘建华、赵春梅" in html
    out = save_pdf(html, tmp_path / "record.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 1


def test_stopping_cultivation_from_the_tab(tab, demo_book, monkeypatch) -> None:
    from partybook.domain.members import LeaveReason
    from partybook.ui.dialogs.leave_dialog import LeaveDialog, Leaving

    person = _id(demo_book, "冯磊")
    tab.select_person(person)
    answer = Leaving(LeaveReason.STOPPED, date(2026, 11, 1), "本人申请暂缓")
    monkeypatch.setattr(LeaveDialog, "ask", classmethod(lambda cls, *a, **k: answer))
    tab.exit_button.click()
    assert not demo_book.members.get(person).active
    assert tab.people_proxy.rowCount() == 7
    assert all(i.member != "冯磊" for i in demo_book.due_items())


def test_settings_dialog_round_trip(qtbot) -> None:
    from partybook.domain.rules import RULES_2026, Practice
    from partybook.ui.dialogs.settings_dialog import Settings, SettingsDialog

    dialog = SettingsDialog(Settings("细则 2014", Practice()))
    qtbot.addWidget(dialog)
    dialog.rule_set.setCurrentIndex(dialog.rule_set.findData(RULES_2026.name))
    assert "未经核实" in dialog.rule_note.text()
    dialog.notice_days.setValue(7)
    dialog.working.setChecked(False)
    chosen = dialog.settings()
    assert chosen.rule_set == RULES_2026.name
    assert chosen.practice == Practice(7, False, 30, 3)


def test_settings_dialog_meeting_frequencies(qtbot) -> None:
    from partybook.domain.meetings import MeetingKind
    from partybook.domain.rules import Practice
    from partybook.ui.dialogs.settings_dialog import Settings, SettingsDialog

    dialog = SettingsDialog(Settings("细则 2014", Practice()))
    qtbot.addWidget(dialog)
    box = dialog.frequency[MeetingKind.LECTURE]
    assert box.currentData() == "quarter"
    box.setCurrentIndex(box.findData("month"))
    assert dialog.settings().frequency[MeetingKind.LECTURE] == "month"


def test_the_people_list_shows_names_and_stages_on_a_small_screen(qtbot, demo_book, qapp) -> None:
    """At 1024 pixels wide (the tab gets about 1000) and the program's 11 pt, the list keeps
    room for a name and the longest stage, 入党积极分子, without scrolling sideways."""
    from PySide6.QtGui import QFont

    before = qapp.font()
    font = QFont(before)
    font.setPointSize(11)  # the program's type size (app.make_application)
    qapp.setFont(font)
    try:
        widget = PipelineTab(demo_book)
        qtbot.addWidget(widget)
        widget.resize(1000, 640)
        widget.show()
        qtbot.waitUntil(lambda: widget.people_view.isVisible())
        view = widget.people_view
        columns = view.horizontalHeader().length()  # both columns as laid out
        assert view.viewport().width() >= columns
        assert view.horizontalScrollBar().maximum() == 0
    finally:
        qapp.setFont(before)
