"""Issue 21's stable forms and whole columns: content boxes grow with the dialog, hint lines keep
their room (nothing below them moves), ID numbers and the dues columns are not cut, long text
shows whole in a tooltip, and the 登记交纳 month boxes do not overlap."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from partybook.domain.dues import Category
from partybook.domain.meetings import Attendee, Presence
from partybook.domain.members import Stage
from partybook.ui import messages
from partybook.ui.dialogs.dues_base_dialog import CATEGORY, RATE, DuesBaseDialog
from partybook.ui.dialogs.dues_pay_dialog import DuesPayDialog
from partybook.ui.dialogs.meeting_dialog import MeetingDialog
from partybook.ui.dialogs.study_dialog import StudyDialog
from partybook.ui.dialogs.talk_dialog import TalkDialog
from partybook.ui.main_window import MainWindow
from partybook.ui.models.attendance_model import REASON, AttendanceModel
from partybook.ui.models.table_model import Column, ColumnTableModel

TIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture(autouse=True)
def _discard_without_asking(monkeypatch) -> None:
    """A changed form left open is closed at the test's end: its question answered yes."""
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)


def _shown(qtbot, dialog, width, height):
    """The dialog shown at width × height, or at its minimum where that is more (the program's
    type and style, which an earlier test may have left on the application, need more)."""
    qtbot.addWidget(dialog)
    dialog.show()
    height = max(height, dialog.minimumSizeHint().height())
    dialog.resize(width, height)
    qtbot.waitUntil(lambda: dialog.size().height() == height)
    return dialog


def test_the_meeting_texts_grow_with_the_dialog(qtbot, demo_book, qapp) -> None:
    before = qapp.font()
    font = QFont(before)
    font.setPointSize(11)  # the program's type size (app.make_application)
    qapp.setFont(font)
    try:
        dialog = _shown(qtbot, MeetingDialog(demo_book, None), 1000, 600)
        small = {name: box.height() for name, box in dialog.long.items()}
        dialog.resize(1000, 690)  # as much as a 1024×768 screen gives
        grow = ("content", "resolutions")  # 议题 is a line or two: it keeps its room
        qtbot.waitUntil(lambda: all(dialog.long[n].height() > small[n] for n in grow))
        grown = {name: box.height() - small[name] for name, box in dialog.long.items()}
        assert grown["content"] >= grown["resolutions"] > 0 and grown["agenda"] >= 0
        # the content box is far from two lines high
        assert dialog.long["content"].height() > 5 * dialog.fontMetrics().lineSpacing()
    finally:
        qapp.setFont(before)


def test_the_study_content_grows_with_the_dialog(qtbot, demo_book) -> None:
    dialog = StudyDialog(demo_book)
    low = max(560, dialog.minimumSizeHint().height())  # the program's type may need more
    assert low <= 600  # room to grow on a 1024×768 screen (690)
    _shown(qtbot, dialog, 980, low)
    before = dialog.materials.height()
    dialog.resize(980, 690)
    # 学习内容 takes (nearly) all the height added
    qtbot.waitUntil(lambda: dialog.materials.height() >= before + 0.8 * (690 - low))


def test_a_problem_line_does_not_move_the_buttons(qtbot, demo_book) -> None:
    dialog = _shown(qtbot, TalkDialog(demo_book), 560, 520)
    dialog.topic.setText("谈工作")
    dialog.date.setText("2026-11-01")
    qtbot.waitUntil(lambda: not dialog.problems.isVisible())
    where = dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft())
    dialog.date.setText("2026-13-45")  # not a date: the line under the form says so
    qtbot.waitUntil(lambda: dialog.problems.isVisible())
    assert dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft()) == where


def test_the_meeting_problems_keep_their_room(qtbot, demo_book) -> None:
    dialog = _shown(qtbot, MeetingDialog(demo_book, None), 1000, 660)
    where = dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft())
    box = dialog.long["content"].height()
    dialog.date.setText("")  # a problem: no date
    qtbot.waitUntil(lambda: dialog.problems_area.isVisible())
    assert dialog.buttons.mapTo(dialog, dialog.buttons.rect().topLeft()) == where
    assert dialog.long["content"].height() == box


def test_the_roster_shows_whole_id_numbers_at_1280_and_1366(qtbot, demo_book) -> None:
    window = MainWindow(demo_book)
    qtbot.addWidget(window)
    window.show()
    for width in (1280, 1366):
        window.resize(width, 700)
        window.tabs.setCurrentWidget(window.members_tab)
        tab = window.members_tab
        model = tab.table.model()
        column = next(
            c
            for c in range(model.columnCount())
            if model.headerData(c, Qt.Orientation.Horizontal) == "公民身份号码"
        )
        metrics = tab.table.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(str(model.index(r, column).data() or ""))
            for r in range(model.rowCount())
        )
        qtbot.waitUntil(lambda t=tab, c=column, w=widest: t.table.columnWidth(c) > w)
        for c in range(model.columnCount()):  # dates too: every column as wide as its text
            texts = [str(model.index(r, c).data() or "") for r in range(model.rowCount())]
            if all(len(t) <= 18 for t in texts):
                need = max(metrics.horizontalAdvance(t) for t in texts)
                assert tab.table.columnWidth(c) > need, model.headerData(
                    c, Qt.Orientation.Horizontal
                )
        window.close()


def test_long_cell_text_shows_whole_in_its_tooltip() -> None:
    @dataclass
    class Row:
        matter: str

    model = ColumnTableModel([Column("事项", lambda r: r.matter)])
    long = "2026-11-16 递交申请书；《中国共产党发展党员工作细则》第七条：一个月内派人谈话"
    model.set_rows([Row(long), Row("短")])
    assert model.index(0, 0).data(TIP) == long
    assert model.index(1, 0).data(TIP) is None


def test_an_attendance_reason_shows_whole_in_its_tooltip() -> None:
    reason = "外出参加县教育局组织的为期两周的骨干教师培训"
    model = AttendanceModel([Attendee(1, Presence.LEAVE, reason)], {1: "张丽"})
    assert model.index(0, REASON).data(TIP) == reason


def test_the_dues_base_columns_hold_their_widest_values(qtbot, demo_book) -> None:
    dialog = DuesBaseDialog(demo_book, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    metrics = dialog.table.fontMetrics()
    assert dialog.table.columnWidth(CATEGORY) > max(
        metrics.horizontalAdvance(c.value) for c in Category
    )
    assert dialog.table.columnWidth(RATE) > metrics.horizontalAdvance("1.5%") + 10


def test_the_month_boxes_do_not_overlap(qtbot, demo_book) -> None:
    member = next(m for m in demo_book.members.all() if m.stage is Stage.FULL)
    dialog = DuesPayDialog(demo_book, 2026, member.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    boxes = list(dialog.months.values())
    assert any("已交" in b.text() for b in boxes)
    for i, a in enumerate(boxes):
        assert a.width() >= a.sizeHint().width(), a.text()  # the whole text in view
        for b in boxes[i + 1 :]:
            assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())


def test_the_meeting_texts_keep_their_lines_on_a_125_percent_screen(qtbot, demo_book, qapp):
    """A 1366×768 screen at 125% leaves the dialog about 1000×582: 会议内容 keeps four lines
    and 决议 three, the record scrolls to the vote instead of squeezing them, and the
    problems sit beside 保存 rather than taking a band of their own."""
    before = qapp.font()
    font = QFont(before)
    font.setPointSize(11)  # the program's type size (app.make_application)
    qapp.setFont(font)
    try:
        dialog = _shown(qtbot, MeetingDialog(demo_book, None), 1000, 582)
        line = dialog.fontMetrics().lineSpacing()
        assert dialog.long["content"].height() >= 4 * line
        assert dialog.long["resolutions"].height() >= 3 * line
        holder = dialog.body_area.widget()
        assert holder.isAncestorOf(dialog.vote_label)  # the vote scrolls with the record
        ok = dialog.buttons.geometry()
        problems = dialog.problems_area.geometry()
        assert abs(problems.center().y() - ok.center().y()) < ok.height()  # one row
    finally:
        qapp.setFont(before)
