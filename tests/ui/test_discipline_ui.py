"""留党察看 in the roster and its dialog, 除名 in the leave dialog, the step dialog's 推优 and
"3 个月内离开" box, and the appraisal's handling choices — with pytest-qt, on the demo."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from partybook.domain.members import LeaveReason, Stage
from partybook.domain.pipeline import LEAVING_MARK
from partybook.ui import messages
from partybook.ui.dialogs.discipline_dialog import DELETE, DisciplineAnswer, DisciplineDialog
from partybook.ui.dialogs.leave_dialog import LeaveDialog
from partybook.ui.dialogs.step_dialog import StepDialog
from partybook.ui.tabs.members_tab import DISCIPLINED, MembersTab

MAX_W, MAX_H = 1024, 690


def _member(book, name):
    return next(m for m in book.members.all() if m.name == name)


def _fits(dialog) -> None:
    hint = dialog.sizeHint()
    assert hint.width() <= MAX_W and hint.height() <= MAX_H, hint


@pytest.fixture
def tab(qtbot, demo_book):
    widget = MembersTab(demo_book)
    qtbot.addWidget(widget)
    return widget


def _status(tab, member_id) -> str:
    row = tab.proxy.find_row(lambda m: m.id == member_id)
    return tab.proxy.index(row, 4).data()


def test_the_roster_marks_a_member_under_discipline(tab, demo_book) -> None:
    who = _member(demo_book, "黄伟")
    demo_book.members.record_discipline(who.id, date(2026, 3, 10), 12, "镇纪委决定")
    tab.reload()
    assert _status(tab, who.id) == "正式党员　留党察看（至 2027-03-09）"
    row = tab.proxy.find_row(lambda m: m.id == who.id)
    tip = tab.proxy.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "无表决权" in tip and "被选举权" in tip
    assert "其中留党察看 1" in tab.counts.text()
    tab.status_filter.setCurrentText(DISCIPLINED)
    assert [tab.proxy.row_at(r).name for r in range(tab.proxy.rowCount())] == ["黄伟"]


def test_the_button_records_through_the_dialog(tab, demo_book, monkeypatch) -> None:
    who = _member(demo_book, "黄伟")
    tab.select_member(who.id)
    assert tab.discipline_button.isEnabled()
    answer = DisciplineAnswer("save", date(2026, 3, 10), 24, "县纪委决定")
    monkeypatch.setattr(DisciplineDialog, "ask", classmethod(lambda cls, *a, **k: answer))
    tab.discipline_button.click()
    (d,) = demo_book.members.disciplines(who.id)
    assert d.months == 24 and demo_book.members.without_vote() == {who.id}
    assert "至 2028-03-09" in _status(tab, who.id)
    # and deleted through it again
    gone = DisciplineAnswer(DELETE, d.start, d.months, original=d)
    monkeypatch.setattr(DisciplineDialog, "ask", classmethod(lambda cls, *a, **k: gone))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    tab.select_member(who.id)
    tab.discipline_button.click()
    assert demo_book.members.disciplines(who.id) == []


def test_the_button_is_for_full_members_only(tab, demo_book) -> None:
    tab.select_member(_member(demo_book, "谢婷").id)  # 预备党员
    assert not tab.discipline_button.isEnabled()


def test_the_dialog_checks_as_you_type_and_fits(qtbot, demo_book) -> None:
    who = _member(demo_book, "黄伟")
    dialog = DisciplineDialog(demo_book, who, None)
    qtbot.addWidget(dialog)
    _fits(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert [dialog.months.itemData(i) for i in range(dialog.months.count())] == [12, 24]
    dialog.start.setText("2026-03-10")
    assert ok.isEnabled() and "2027-03-09" in dialog.period.text()
    dialog.start.setText("2026-12-01")
    assert not ok.isEnabled() and "晚于今天" in dialog.error.text()
    dialog.start.setText("2026-03-10")
    answer = dialog.answer()
    assert (answer.start, answer.months, answer.ended_on) == (date(2026, 3, 10), 12, None)
    assert not dialog.ended.isVisible() and not dialog.delete_button.isVisible()


def test_the_dialog_ends_an_existing_one_early(qtbot, demo_book) -> None:
    who = _member(demo_book, "黄伟")
    d = demo_book.members.record_discipline(who.id, date(2026, 3, 10), 12)
    dialog = DisciplineDialog(demo_book, who, d)
    qtbot.addWidget(dialog)
    dialog.show()
    _fits(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.delete_button.isVisible()
    dialog.ended.setChecked(True)
    dialog.ended_on.setText("2026-03-10")  # the first day: nothing to end
    assert not ok.isEnabled()
    dialog.ended_on.setText("2026-09-01")
    dialog.end_notes.setText("申诉后撤销")
    assert ok.isEnabled() and "2026-08-31" in dialog.period.text()
    answer = dialog.answer()
    demo_book.members.record_discipline(
        who.id,
        answer.start,
        answer.months,
        ended_on=answer.ended_on,
        end_notes=answer.end_notes,
        event_id=d.event_id,
    )
    assert demo_book.members.without_vote() == set()


# 除名 ---------------------------------------------------------------------------------------
def test_the_leave_dialog_offers_removal_with_its_article(qtbot, demo_book) -> None:
    who = _member(demo_book, "黄伟")
    dialog = LeaveDialog(who, demo_book.today())
    qtbot.addWidget(dialog)
    _fits(dialog)
    offered = [dialog.reason.itemData(i) for i in range(dialog.reason.count())]
    assert LeaveReason.REMOVED in offered and LeaveReason.STOPPED not in offered
    assert dialog.reason.currentData() == LeaveReason.TRANSFERRED  # as before
    dialog.reason.setCurrentIndex(offered.index(LeaveReason.REMOVED))
    assert "第九条" in dialog.explanation.text() and "自行脱党" in dialog.explanation.text()
    assert "支部党员大会" in dialog.note.placeholderText()
    assert dialog.leaving() is None and "第九条" in dialog.error.text()
    dialog.note.setText("2026年第3次支部党员大会决定除名")
    answer = dialog.leaving()
    assert answer.reason is LeaveReason.REMOVED and answer.note.startswith("2026年")


def test_the_leave_dialog_does_not_offer_removal_before_membership(qtbot, demo_book) -> None:
    who = next(m for m in demo_book.members.all() if m.stage is Stage.ACTIVIST)
    dialog = LeaveDialog(who, demo_book.today())
    qtbot.addWidget(dialog)
    offered = [dialog.reason.itemData(i) for i in range(dialog.reason.count())]
    assert offered[0] == LeaveReason.STOPPED and LeaveReason.REMOVED not in offered


# the step dialog -----------------------------------------------------------------------------
def test_the_leaving_box_is_asked_at_13_and_15_and_kept_in_the_notes(qtbot, demo_book) -> None:
    who = _member(demo_book, "邓佳")  # a candidate whose step 13 is recorded
    dialog = StepDialog(demo_book, who, None, 14)
    qtbot.addWidget(dialog)
    dialog.show()
    _fits(dialog)
    assert not dialog.leaving.isVisible()
    dialog.choice.setCurrentIndex(next(i for i in range(25) if dialog.choice.itemData(i)[1] == 15))
    assert dialog.leaving.isVisible()
    dialog.date.setText("2026-11-20")
    dialog.notes.setPlainText("第二次支部大会")
    dialog.leaving.setChecked(True)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "3 个月内离开本单位" in dialog.rules_label.text()
    assert dialog.entered().notes == LEAVING_MARK + "第二次支部大会"
    saved = demo_book.pipeline.record_event(
        dataclasses.replace(dialog.entered(), exception="调动已取消")
    )
    again = StepDialog(demo_book, who, saved, None)
    qtbot.addWidget(again)
    assert again.leaving.isChecked() and again.notes.toPlainText() == "第二次支部大会"


def test_a_young_applicants_step_3_warns_but_saves(qtbot, demo_book) -> None:
    who = _member(demo_book, "许俊杰")  # applicant with steps 1 and 2
    dialog = StepDialog(demo_book, who, None, 3)
    qtbot.addWidget(dialog)
    dialog.date.setText("2026-11-20")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert "惯例提示" in dialog.rules_label.text()  # the demo's 许俊杰 is 25
    assert ok.isEnabled() and "不是硬性规定" in dialog.rules_label.text()
    texts = [dialog.choice.itemText(i) for i in range(dialog.choice.count())]
    assert any(t.startswith("团组织推优") for t in texts)


# the appraisal's handling choices -------------------------------------------------------------
def test_the_handling_cell_offers_the_rules_words(qtbot, demo_book) -> None:
    from partybook.ui.models.appraisal_model import GRADE, HANDLING
    from partybook.ui.tabs.appraisal_tab import AppraisalTab

    tab = AppraisalTab(demo_book)
    qtbot.addWidget(tab)
    model = tab.model
    row = next(
        r
        for r in range(model.rowCount())
        if model.flags(model.index(r, GRADE)) & Qt.ItemFlag.ItemIsEditable
    )
    model.setData(model.index(row, GRADE), "不合格", Qt.ItemDataRole.EditRole)
    delegate = tab.table.itemDelegateForColumn(HANDLING)
    editor = delegate.createEditor(tab.table, QStyleOptionViewItem(), model.index(row, HANDLING))
    assert isinstance(editor, QComboBox) and editor.isEditable()
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "",
        "限期改正",
        "劝其退党",
        "除名",
    ]
    assert "第三十一条" in model.index(row, HANDLING).data(Qt.ItemDataRole.ToolTipRole)
    model.setData(model.index(row, GRADE), "基本合格", Qt.ItemDataRole.EditRole)
    editor = delegate.createEditor(tab.table, QStyleOptionViewItem(), model.index(row, HANDLING))
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "批评教育", "限期改正"]
    editor.setEditText("谈话提醒，限期三个月改正")  # free text still allowed
    delegate.setModelData(editor, model, model.index(row, HANDLING))
    assert model.index(row, HANDLING).data() == "谈话提醒，限期三个月改正"
