"""Issue 21's paper: the 会议记录 saved as PDF from the meeting dialog and the 三会一课 tab, the
print preview's buttons in Chinese, and a 民主测评表 that uses its A4 page."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QToolBar, QToolButton

from partybook.domain.members import Branch
from partybook.export.printables import ballot_html, ballot_row_padding, ballot_title
from partybook.ui import messages, printing
from partybook.ui.dialogs.meeting_dialog import MeetingDialog


def _pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def _save_to(monkeypatch, target) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a, **k: told.append(text))
    return told


def test_the_meeting_dialog_saves_its_minutes_as_pdf(qtbot, demo_book, tmp_path, monkeypatch):
    meeting = demo_book.meetings.all()[3]
    dialog = MeetingDialog(demo_book, meeting)
    qtbot.addWidget(dialog)
    assert "会议记录" in dialog.minutes_html() and meeting.agenda in dialog.minutes_html()
    dialog.long["content"].setPlainText("学习党章第三章，讨论发展党员工作。")
    assert "讨论发展党员工作" in dialog.minutes_html()  # as typed, before it is saved
    target = tmp_path / "会议记录.pdf"
    told = _save_to(monkeypatch, target)
    dialog.minutes_pdf_button.click()
    assert target.exists() and _pages(target) >= 1
    assert told and str(target) in told[0]
    dialog.keep_form()  # nothing to ask when the test closes it


def test_the_meetings_tab_saves_the_selected_minutes_as_pdf(
    qtbot, demo_book, tmp_path, monkeypatch
):
    from partybook.ui.tabs.meetings_tab import MeetingsTab

    tab = MeetingsTab(demo_book)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.table.model().rowCount() > 0)
    tab.table.selectRow(0)
    target = tmp_path / "记录.pdf"
    _save_to(monkeypatch, target)
    tab.minutes_pdf_button.click()
    assert target.exists() and _pages(target) >= 1


def test_the_print_preview_speaks_chinese_and_fits(qtbot) -> None:
    dialog = printing.preview_dialog(None, "会议记录", lambda printer: None)
    qtbot.addWidget(dialog)
    words = {}
    for bar in dialog.findChildren(QToolBar):
        for action in bar.actions():
            if action.text():
                words[action.text()] = bar.widgetForAction(action)
    assert {"打印", "页面设置", "上一页", "下一页", "放大", "缩小"} <= set(words)
    assert not any(re.search("[A-Za-z]", w) for w in words), words
    for word in ("打印", "页面设置"):
        button = words[word]
        assert isinstance(button, QToolButton)
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        assert button.toolTip() == word
    dialog.show()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 690
    assert dialog.width() <= 1024 and dialog.height() <= 690
    assert max(b.sizeHint().width() for b in dialog.findChildren(QToolBar)) <= 1000


def test_the_ballot_uses_the_page(qapp, tmp_path) -> None:
    branch = Branch(name="青山镇中心小学党支部")
    names = [f"党员{i}" for i in range(1, 18)]
    html = ballot_html(branch, 2026, names, 3)
    assert "意见和建议" in html and html.count("☐") == 17 * 4 * 3
    target = printing.save_pdf(html, tmp_path / "测评表.pdf")
    assert _pages(target) == 3  # one page each: the rows and the area fit A4
    many = printing.save_pdf(ballot_html(branch, 2026, (names * 2)[:25], 2), tmp_path / "m.pdf")
    assert _pages(many) == 2
    # few names: taller rows; many: the least padding
    assert ballot_row_padding(5) > ballot_row_padding(17) > ballot_row_padding(40) == 3.0


def test_a_long_title_breaks_after_the_branch_name() -> None:
    assert ballot_title("柳溪村小学党支部", 2026) == "柳溪村小学党支部2026年度民主评议党员测评表"
    long = ballot_title("青山镇中心小学第二党支部", 2026)
    assert long == "青山镇中心小学第二党支部<br>2026年度民主评议党员测评表"
