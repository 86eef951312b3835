"""The 民主评议 tab with pytest-qt: entering a tally, and a refused fourth 优秀 among nine."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from partybook.book import Book
from partybook.domain.members import Branch, Member, Stage
from partybook.ui.models.appraisal_model import C1, C2, GRADE, HANDLING, SUGGESTED
from partybook.ui.tabs.appraisal_tab import AppraisalTab
from tests.conftest import copy_book

NOW = datetime(2026, 11, 22, 9, 0)


@pytest.fixture
def nine(tmp_path, empty_master):
    path = copy_book(empty_master, tmp_path, "nine.sqlite")  # a new book
    book = Book.open(path, clock=lambda: NOW, auto_backup=False)
    book.save_branch(Branch("柳溪村小学党支部"))
    for i, name in enumerate("甲乙丙丁戊己庚辛壬"):
        book.members.add(
            Member(
                f"党员{name}",
                Stage.FULL,
                joined_on=date(2000 + i, 7, 1),
                full_on=date(2001 + i, 7, 1),
            )
        )
    book.members.add(Member("预备癸", Stage.PROBATIONARY, joined_on=date(2026, 6, 1)))
    yield book
    book.close(auto_backup=False)


def _set(model, row, col, value) -> bool:
    return model.setData(model.index(row, col), value, Qt.ItemDataRole.EditRole)


def test_entering_a_tally_shows_suggestions_and_saves(qtbot, nine) -> None:
    tab = AppraisalTab(nine)
    qtbot.addWidget(tab)
    model = tab.model
    assert model.rowCount() == 10
    assert model.index(9, 1).data() == "预备党员，不评定等次"
    assert not model.flags(model.index(9, GRADE)) & Qt.ItemFlag.ItemIsEditable
    tab.handed_out.setValue(10)
    tab.returned.setValue(9)
    assert _set(model, 0, C1, "7") and _set(model, 0, C2, "2")
    assert model.index(0, SUGGESTED).data() == "优秀"
    assert not _set(model, 0, C1, "七")  # not a number: refused, nothing changes
    assert model.index(0, C1).data() == 7
    tab.save_button.click()
    saved = nine.appraisal.round(2026)
    assert saved.id is not None and saved.entries[0].counts == (7, 2, 0, 0)


def test_a_fourth_excellent_among_nine_is_refused(qtbot, nine) -> None:
    tab = AppraisalTab(nine)
    qtbot.addWidget(tab)
    model = tab.model
    for row in range(3):
        _set(model, row, GRADE, "优秀")
    assert tab.save_button.isEnabled()
    _set(model, 3, GRADE, "优秀")
    assert not tab.save_button.isEnabled()
    assert "最多 3 人" in tab.problems.text()
    _set(model, 3, GRADE, "基本合格")
    assert "需要填写处理意见" in tab.problems.text()
    _set(model, 3, HANDLING, "谈话提醒")
    assert tab.save_button.isEnabled()


def test_settings_dialog_appraisal_part(qtbot) -> None:
    from partybook.domain.rules import Practice
    from partybook.ui.dialogs.settings_dialog import Settings, SettingsDialog

    dialog = SettingsDialog(Settings("细则 2014", Practice()))
    qtbot.addWidget(dialog)
    dialog.score_excellent.setValue(95)
    dialog.criteria.setText("政治表现、工作实绩")
    dialog.cap_of_all.setChecked(True)
    chosen = dialog.settings().appraisal
    assert chosen.scheme.excellent == 95 and chosen.criteria == ("政治表现", "工作实绩")
    assert chosen.cap_of_all


def test_meeting_step_notes_blanks_and_results_page(qtbot, demo_book) -> None:
    tab = AppraisalTab(demo_book)
    qtbot.addWidget(tab)
    assert tab.meeting.count() > 1  # this year's 党员大会 to choose from
    tab.meeting.setCurrentIndex(1)
    tab.step_notes["组织评定"].setText("支委会研究")
    assert tab.blanks.text() == ""  # probationary members are not on the ballot
    _set(tab.model, 0, C2, "3")  # 刘建华: 12 + 3 + 1 of 18 returned → 2 left blank
    assert tab.blanks.text() == "空白票（未勾选任何等次）：刘建华 2 张"
    r = tab.current_round()
    assert r.meeting_id == tab.meeting.itemData(1) and r.steps["组织评定"][1] == "支委会研究"
    tab.save_button.click()
    again = demo_book.appraisal.round(2026)
    assert again.meeting_id == r.meeting_id and again.steps["组织评定"][1] == "支委会研究"
    html = demo_book.appraisal.results_html(2025)
    assert "结果汇总表" in html and "优秀比例" in html and "支部书记（签字）" in html


def test_a_reason_can_go_with_a_grade(qtbot, nine) -> None:
    from partybook.ui.models.appraisal_model import REASON

    tab = AppraisalTab(nine)
    qtbot.addWidget(tab)
    _set(tab.model, 0, GRADE, "优秀")
    assert _set(tab.model, 0, REASON, "全年无缺勤，带教青年教师")
    tab.save_button.click()
    assert nine.appraisal.round(2026).entries[0].reason == "全年无缺勤，带教青年教师"


def test_a_stored_count_of_ballots_over_999_is_shown_and_saved_as_it_is(qtbot, nine) -> None:
    import dataclasses

    r = nine.appraisal.round(2026)
    nine.appraisal.save(dataclasses.replace(r, handed_out=1500, returned=1200))
    tab = AppraisalTab(nine)
    qtbot.addWidget(tab)
    assert (tab.handed_out.value(), tab.returned.value()) == (1500, 1200)
    tab.save_button.click()  # saving again keeps them (a spin box capped at 999 cut them)
    assert (nine.appraisal.round(2026).handed_out, nine.appraisal.round(2026).returned) == (
        1500,
        1200,
    )


def test_the_meeting_list_is_as_wide_as_its_names_when_filled_after_the_tab_is_up(
    qtbot, demo_book, monkeypatch
) -> None:
    """A big book's first load comes after the tab is shown (expected slow), when the 会议
    list is still empty: it must widen then, not keep the empty list's width ("（未关联会")."""
    tab = AppraisalTab(demo_book, lazy=True)
    qtbot.addWidget(tab)
    monkeypatch.setattr(tab, "_expect_slow", lambda: True)  # as on a township-sized roster
    assert tab.stale and tab.meeting.count() == 0
    tab.resize(1600, 700)  # room for it, as in the window
    tab.show()
    qtbot.waitUntil(lambda: not tab.stale)
    assert tab.meeting.count() > 1
    # the layout takes the new size hint (a posted layout request)
    qtbot.waitUntil(lambda: tab.meeting.width() >= tab.meeting.sizeHint().width(), timeout=2000)
    metrics = tab.meeting.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(tab.meeting.itemText(i)) for i in range(tab.meeting.count())
    )
    hint = tab.meeting.sizeHint().width()  # the text, the arrow and the frame
    assert hint > widest and tab.meeting.width() >= hint
    # another year's list keeps at least the room of a usual name (the row does not jump)
    tab.year.setCurrentIndex(tab.year.findData(2024))
    qtbot.waitUntil(lambda: not tab.stale)
    usual = metrics.horizontalAdvance("2026年第3次支部党员大会")
    qtbot.waitUntil(lambda: tab.meeting.width() >= usual, timeout=2000)  # the layout settled
    assert tab.meeting.width() >= usual
